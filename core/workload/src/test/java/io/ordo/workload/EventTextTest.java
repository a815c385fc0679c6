package io.ordo.workload;

import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.codec.ApiKeyCreatedEncoder;
import io.ordo.protocol.codec.ApiKeyRevokedEncoder;
import io.ordo.protocol.codec.BalanceCause;
import io.ordo.protocol.codec.BalanceChangedEncoder;
import io.ordo.protocol.codec.KeyRole;
import io.ordo.protocol.codec.MessageHeaderEncoder;
import io.ordo.protocol.codec.Side;
import io.ordo.protocol.codec.TradeEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The text the differential tests compare: its form must not change, for good events or bad. */
class EventTextTest
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final String TRADE = "Trade id=1 ts=2 instr=3 aggr=SELL maker=4 taker=5 makerAcct=6 takerAcct=7 " +
        "price=8 qty=9 makerFee=10 takerFee=-11 makerRem=12 takerRem=0";

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final EventText text = new EventText();

    @Test
    void shouldRenderAnEventAsTheReferenceModelDoes()
    {
        // given
        final int tradeLength = encodeTrade();
        final int balanceLength = HEADER + new BalanceChangedEncoder().wrapAndApplyHeader(buffer, 128, header)
            .accountId(1).assetId(2).cause(BalanceCause.ORDER_HOLD).availableDelta(-3).heldDelta(3)
            .availableAfter(4).heldAfter(5).referenceId(6).encodedLength();

        // when
        final String trade = text.decode(buffer, 0, tradeLength);
        final String balance = text.decode(buffer, 128, balanceLength);

        // then
        assertThat(trade).isEqualTo(TRADE)
            .isEqualTo(EventText.trade(1, 2, 3, Side.SELL.value(), 4, 5, 6, 7, 8, 9, 10, -11, 12, 0));
        assertThat(balance).isEqualTo(
            "BalanceChanged acct=1 asset=2 cause=ORDER_HOLD avail=-3 held=+3 availAfter=4 heldAfter=5 ref=6");
    }

    @Test
    void shouldRenderKeyEventsWithTheirSaltAndHashInHex()
    {
        // given
        final byte[] salt = new byte[CommandWriter.SALT_LENGTH];
        final byte[] keyHash = new byte[CommandWriter.KEY_HASH_LENGTH];
        salt[0] = 1;
        salt[15] = (byte)0xFF;
        keyHash[31] = 0x2A;
        final int createdLength = HEADER + new ApiKeyCreatedEncoder().wrapAndApplyHeader(buffer, 0, header)
            .accountId(1).clientRequestId(2).timestampNs(3).keyId(4).role(KeyRole.ADMIN).replacedKeyId(5)
            .putSalt(salt, 0, salt.length).putKeyHash(keyHash, 0, keyHash.length).encodedLength();
        final int revokedLength = HEADER + new ApiKeyRevokedEncoder().wrapAndApplyHeader(buffer, 128, header)
            .accountId(1).clientRequestId(2).timestampNs(3).keyId(5).encodedLength();

        // when
        final String created = text.decode(buffer, 0, createdLength);
        final String revoked = text.decode(buffer, 128, revokedLength);

        // then
        assertThat(created).isEqualTo("ApiKeyCreated acct=1 req=2 ts=3 key=4 role=ADMIN replaced=5 " +
            "salt=010000000000000000000000000000ff " +
            "hash=000000000000000000000000000000000000000000000000000000000000002a")
            .isEqualTo(EventText.apiKeyCreated(1, 2, 3, 4, KeyRole.ADMIN.value(), 5, salt, keyHash));
        assertThat(revoked).isEqualTo("ApiKeyRevoked acct=1 req=2 ts=3 key=5")
            .isEqualTo(EventText.apiKeyRevoked(1, 2, 3, 5));
    }

    @Test
    void shouldPrintAnUnknownEnumCodeWithAQuestionMark()
    {
        // given
        final int length = encodeTrade();
        buffer.putByte(HEADER + TradeEncoder.aggressorSideEncodingOffset(), (byte)200);

        // when
        final String trade = text.decode(buffer, 0, length);

        // then
        assertThat(trade).isEqualTo(TRADE.replace("aggr=SELL", "aggr=?200"));
    }

    @Test
    void shouldRenderBadEventsAsBadEventLines()
    {
        final int length = encodeTrade();
        assertThat(text.decode(buffer, 0, HEADER - 1)).isEqualTo("BadEvent length=" + (HEADER - 1));
        assertThat(text.decode(buffer, 0, length - 1))
            .isEqualTo("BadEvent template=107 blockLength=101 length=" + (length - 1));

        header.wrap(buffer, 0).blockLength(TradeEncoder.BLOCK_LENGTH - 1);
        assertThat(text.decode(buffer, 0, length)).isEqualTo("BadEvent template=107 blockLength=100 length=" + length);

        header.wrap(buffer, 0).blockLength(TradeEncoder.BLOCK_LENGTH).templateId(199);
        assertThat(text.decode(buffer, 0, length)).isEqualTo("BadEvent template=199 length=" + length);

        header.wrap(buffer, 0).templateId(TradeEncoder.TEMPLATE_ID).schemaId(99);
        assertThat(text.decode(buffer, 0, length))
            .isEqualTo("BadEvent schema=99 version=" + MessageHeaderEncoder.SCHEMA_VERSION + " template=107");

        header.wrap(buffer, 0).schemaId(TradeEncoder.SCHEMA_ID).version(2);
        assertThat(text.decode(buffer, 0, length)).isEqualTo("BadEvent schema=7 version=2 template=107");

        final int commandLength = new CommandWriter().openAccount(buffer, 0, 1, 2, 3);
        assertThat(text.decode(buffer, 0, commandLength)).as("a command is no event")
            .isEqualTo("BadEvent template=3 length=" + commandLength);
    }

    private int encodeTrade()
    {
        return HEADER + new TradeEncoder().wrapAndApplyHeader(buffer, 0, header)
            .tradeId(1).timestampNs(2).instrumentId(3).aggressorSide(Side.SELL).makerOrderId(4).takerOrderId(5)
            .makerAccountId(6).takerAccountId(7).price(8).quantity(9).makerFee(10).takerFee(-11)
            .makerRemainingQuantity(12).takerRemainingQuantity(0).encodedLength();
    }
}
