package io.ordo.journal;

import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.codec.BalanceCause;
import io.ordo.protocol.codec.BalanceChangedDecoder;
import io.ordo.protocol.codec.BalanceChangedEncoder;
import io.ordo.protocol.codec.BooleanType;
import io.ordo.protocol.codec.CancelReason;
import io.ordo.protocol.codec.CommandAcceptedDecoder;
import io.ordo.protocol.codec.CommandAcceptedEncoder;
import io.ordo.protocol.codec.CommandRejectedDecoder;
import io.ordo.protocol.codec.CommandRejectedEncoder;
import io.ordo.protocol.codec.CommandType;
import io.ordo.protocol.codec.ExpireReason;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.protocol.codec.MessageHeaderEncoder;
import io.ordo.protocol.codec.OrderAcceptedDecoder;
import io.ordo.protocol.codec.OrderAcceptedEncoder;
import io.ordo.protocol.codec.OrderCancelledDecoder;
import io.ordo.protocol.codec.OrderCancelledEncoder;
import io.ordo.protocol.codec.OrderExpiredDecoder;
import io.ordo.protocol.codec.OrderExpiredEncoder;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.OrderReplacedDecoder;
import io.ordo.protocol.codec.OrderReplacedEncoder;
import io.ordo.protocol.codec.PlaceOrderDecoder;
import io.ordo.protocol.codec.RejectReason;
import io.ordo.protocol.codec.Side;
import io.ordo.protocol.codec.TradeDecoder;
import io.ordo.protocol.codec.TradeEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code verify}'s text of a message: the generated decoders' {@code toString()} form, for events as for commands. */
class MessageTextTest
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();

    @Test
    void shouldDescribeEveryEventAsItsGeneratedDecoderDoes()
    {
        int length = HEADER + new CommandAcceptedEncoder().wrapAndApplyHeader(buffer, 0, header)
            .accountId(1).clientRequestId(2).timestampNs(3).commandType(CommandType.DEPOSIT).encodedLength();
        assertThat(MessageText.describe(buffer, 0, length))
            .isEqualTo(new CommandAcceptedDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder).toString());

        length = HEADER + new CommandRejectedEncoder().wrapAndApplyHeader(buffer, 0, header)
            .accountId(1).clientRequestId(2).timestampNs(3).orderId(4).commandType(CommandType.PLACE_ORDER)
            .reason(RejectReason.DUPLICATE_REQUEST).originalReason(RejectReason.NONE).encodedLength();
        assertThat(MessageText.describe(buffer, 0, length))
            .isEqualTo(new CommandRejectedDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder).toString())
            .contains("DUPLICATE_REQUEST");

        length = HEADER + new OrderAcceptedEncoder().wrapAndApplyHeader(buffer, 0, header)
            .accountId(1).clientRequestId(2).timestampNs(3).orderId(4).instrumentId(5).side(Side.BUY)
            .kind(OrderKind.MARKET).price(6).quantity(7).quoteBudget(8).heldAmount(9).encodedLength();
        assertThat(MessageText.describe(buffer, 0, length))
            .isEqualTo(new OrderAcceptedDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder).toString());

        length = HEADER + new OrderCancelledEncoder().wrapAndApplyHeader(buffer, 0, header)
            .accountId(1).clientRequestId(2).timestampNs(3).orderId(4).instrumentId(5).reason(CancelReason.USER)
            .remainingQuantity(6).encodedLength();
        assertThat(MessageText.describe(buffer, 0, length))
            .isEqualTo(new OrderCancelledDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder).toString());

        length = HEADER + new OrderExpiredEncoder().wrapAndApplyHeader(buffer, 0, header)
            .accountId(1).clientRequestId(2).timestampNs(3).orderId(4).instrumentId(5)
            .reason(ExpireReason.SELF_TRADE_PREVENTED).remainingQuantity(6).encodedLength();
        assertThat(MessageText.describe(buffer, 0, length))
            .isEqualTo(new OrderExpiredDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder).toString());

        length = HEADER + new OrderReplacedEncoder().wrapAndApplyHeader(buffer, 0, header)
            .accountId(1).clientRequestId(2).timestampNs(3).orderId(4).instrumentId(5)
            .priorityKept(BooleanType.FALSE).oldPrice(6).oldQuantity(7).newPrice(8).newQuantity(9).encodedLength();
        assertThat(MessageText.describe(buffer, 0, length))
            .isEqualTo(new OrderReplacedDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder).toString());

        length = encodeTrade();
        assertThat(MessageText.describe(buffer, 0, length))
            .isEqualTo(new TradeDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder).toString());

        length = HEADER + new BalanceChangedEncoder().wrapAndApplyHeader(buffer, 0, header)
            .accountId(1).assetId(2).cause(BalanceCause.FEE).availableDelta(-3).heldDelta(4).availableAfter(5)
            .heldAfter(6).referenceId(7).encodedLength();
        assertThat(MessageText.describe(buffer, 0, length))
            .isEqualTo(new BalanceChangedDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder).toString());
    }

    @Test
    void shouldShowALongerBlockAsTheGeneratedDecoderDoes()
    {
        // given
        final int length = encodeTrade() + 8;
        header.wrap(buffer, 0).blockLength(TradeEncoder.BLOCK_LENGTH + 8);

        // when
        final String text = MessageText.describe(buffer, 0, length);

        // then
        assertThat(text)
            .isEqualTo(new TradeDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder).toString())
            .contains("sbeBlockLength=109/101");
    }

    @Test
    void shouldNameTheCodeWhenAnEnumCodeIsUnknown()
    {
        // given
        final int length = encodeTrade();
        buffer.putByte(HEADER + TradeEncoder.aggressorSideEncodingOffset(), (byte)200);

        // when
        final String text = MessageText.describe(buffer, 0, length);

        // then
        assertThat(text).isEqualTo("frame of " + length + " bytes: " + headerDecoder.wrap(buffer, 0) +
            " (java.lang.IllegalArgumentException: Unknown value: 200)");
    }

    @Test
    void shouldDescribeUnknownAndShortMessages()
    {
        final int length = encodeTrade();
        header.wrap(buffer, 0).templateId(199);
        assertThat(MessageText.describe(buffer, 0, length))
            .isEqualTo("unknown template: " + headerDecoder.wrap(buffer, 0));

        header.wrap(buffer, 0).templateId(TradeEncoder.TEMPLATE_ID);
        assertThat(MessageText.describe(buffer, 0, length - 1))
            .isEqualTo("frame of " + (length - 1) + " bytes: " + headerDecoder.wrap(buffer, 0));
        assertThat(MessageText.describe(buffer, 0, HEADER - 1))
            .isEqualTo("frame of " + (HEADER - 1) + " bytes (shorter than a message header)");
    }

    @Test
    void shouldDescribeACommandByItsGeneratedDecoder()
    {
        // given
        final int length = new CommandWriter().placeOrder(
            buffer, 0, 1, 2, 3, 4, Side.SELL, OrderKind.GTC, 5, 6, 0);

        // when
        final String text = MessageText.describe(buffer, 0, length);

        // then
        assertThat(text).isEqualTo(new PlaceOrderDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder).toString());
    }

    private int encodeTrade()
    {
        return HEADER + new TradeEncoder().wrapAndApplyHeader(buffer, 0, header)
            .tradeId(1).timestampNs(2).instrumentId(3).aggressorSide(Side.SELL).makerOrderId(4).takerOrderId(5)
            .makerAccountId(6).takerAccountId(7).price(8).quantity(9).makerFee(10).takerFee(-11)
            .makerRemainingQuantity(12).takerRemainingQuantity(0).encodedLength();
    }
}
