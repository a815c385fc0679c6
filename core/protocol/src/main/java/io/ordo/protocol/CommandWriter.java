package io.ordo.protocol;

import java.nio.ByteOrder;

import io.ordo.protocol.codec.CancelAllEncoder;
import io.ordo.protocol.codec.CancelOrderEncoder;
import io.ordo.protocol.codec.CreateApiKeyEncoder;
import io.ordo.protocol.codec.CreateAssetEncoder;
import io.ordo.protocol.codec.CreateInstrumentEncoder;
import io.ordo.protocol.codec.DepositEncoder;
import io.ordo.protocol.codec.HaltInstrumentEncoder;
import io.ordo.protocol.codec.MessageHeaderEncoder;
import io.ordo.protocol.codec.OpenAccountEncoder;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.PlaceOrderEncoder;
import io.ordo.protocol.codec.ReplaceOrderEncoder;
import io.ordo.protocol.codec.ResumeInstrumentEncoder;
import io.ordo.protocol.codec.RevokeApiKeyEncoder;
import io.ordo.protocol.codec.TakeSnapshotEncoder;
import io.ordo.protocol.codec.Side;
import io.ordo.protocol.codec.TransferEncoder;
import io.ordo.protocol.codec.WithdrawEncoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes commands into a caller's buffer with reusable SBE flyweights; each method returns the encoded length
 * (header plus block). The timestamp is normally left 0 and stamped by the sequencer (see
 * {@link #TIMESTAMP_OFFSET}).
 * <p>
 * Not thread safe: one writer per producing thread. Allocates nothing.
 */
public final class CommandWriter
{
    /** Offset of accountId, from the start of the message header, in every command. */
    public static final int ACCOUNT_ID_OFFSET = MessageHeaderEncoder.ENCODED_LENGTH;
    /** Offset of clientRequestId, from the start of the message header, in every command. */
    public static final int CLIENT_REQUEST_ID_OFFSET = ACCOUNT_ID_OFFSET + Long.BYTES;
    /** Offset of timestampNs, from the start of the message header, in every command: the sequencer stamps it. */
    public static final int TIMESTAMP_OFFSET = CLIENT_REQUEST_ID_OFFSET + Long.BYTES;
    /**
     * Offset of sessionKeyId, from the start of the message header, in every command: the gateway stamps it with
     * the API key the session logged in with; this writer always leaves it 0 ("in process", see
     * docs/architecture.md, "Authorisation").
     */
    public static final int SESSION_KEY_ID_OFFSET = TIMESTAMP_OFFSET + Long.BYTES;
    /** Shortest command frame: header, then accountId, clientRequestId, timestampNs and sessionKeyId. */
    public static final int MIN_COMMAND_LENGTH = SESSION_KEY_ID_OFFSET + Long.BYTES;
    /** Length of the salt of an API key. */
    public static final int SALT_LENGTH = CreateApiKeyEncoder.saltLength();
    /** Length of an API key's hash (SHA-256). */
    public static final int KEY_HASH_LENGTH = CreateApiKeyEncoder.keyHashLength();

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final CreateAssetEncoder createAsset = new CreateAssetEncoder();
    private final CreateInstrumentEncoder createInstrument = new CreateInstrumentEncoder();
    private final OpenAccountEncoder openAccount = new OpenAccountEncoder();
    private final DepositEncoder deposit = new DepositEncoder();
    private final WithdrawEncoder withdraw = new WithdrawEncoder();
    private final TransferEncoder transfer = new TransferEncoder();
    private final PlaceOrderEncoder placeOrder = new PlaceOrderEncoder();
    private final CancelOrderEncoder cancelOrder = new CancelOrderEncoder();
    private final ReplaceOrderEncoder replaceOrder = new ReplaceOrderEncoder();
    private final CancelAllEncoder cancelAll = new CancelAllEncoder();
    private final HaltInstrumentEncoder haltInstrument = new HaltInstrumentEncoder();
    private final ResumeInstrumentEncoder resumeInstrument = new ResumeInstrumentEncoder();
    private final TakeSnapshotEncoder takeSnapshot = new TakeSnapshotEncoder();
    private final CreateApiKeyEncoder createApiKey = new CreateApiKeyEncoder();
    private final RevokeApiKeyEncoder revokeApiKey = new RevokeApiKeyEncoder();

    /**
     * Stamps the session's API key into an encoded command, as the gateway does for every command it takes.
     *
     * @param buffer holding a command of at least {@link #MIN_COMMAND_LENGTH} bytes at offset.
     */
    public static void stampSessionKeyId(final MutableDirectBuffer buffer, final int offset, final long keyId)
    {
        buffer.putLong(offset + SESSION_KEY_ID_OFFSET, keyId, ByteOrder.LITTLE_ENDIAN);
    }

    public int createAsset(
        final MutableDirectBuffer buffer, final int offset,
        final long accountId, final long clientRequestId, final long timestampNs,
        final int assetId, final int scale)
    {
        createAsset.wrapAndApplyHeader(buffer, offset, header)
            .accountId(accountId).clientRequestId(clientRequestId).timestampNs(timestampNs).sessionKeyId(0)
            .assetId(assetId).scale(scale);
        return MessageHeaderEncoder.ENCODED_LENGTH + createAsset.encodedLength();
    }

    public int createInstrument(
        final MutableDirectBuffer buffer, final int offset,
        final long accountId, final long clientRequestId, final long timestampNs,
        final int instrumentId, final int baseAssetId, final int quoteAssetId,
        final int makerFeePpm, final int takerFeePpm, final long lotSize, final long tickSize,
        final long minQuantity, final long maxQuantity, final long minPrice, final long maxPrice)
    {
        createInstrument.wrapAndApplyHeader(buffer, offset, header)
            .accountId(accountId).clientRequestId(clientRequestId).timestampNs(timestampNs).sessionKeyId(0)
            .instrumentId(instrumentId).baseAssetId(baseAssetId).quoteAssetId(quoteAssetId)
            .makerFeePpm(makerFeePpm).takerFeePpm(takerFeePpm).lotSize(lotSize).tickSize(tickSize)
            .minQuantity(minQuantity).maxQuantity(maxQuantity).minPrice(minPrice).maxPrice(maxPrice);
        return MessageHeaderEncoder.ENCODED_LENGTH + createInstrument.encodedLength();
    }

    public int openAccount(
        final MutableDirectBuffer buffer, final int offset,
        final long accountId, final long clientRequestId, final long timestampNs)
    {
        openAccount.wrapAndApplyHeader(buffer, offset, header)
            .accountId(accountId).clientRequestId(clientRequestId).timestampNs(timestampNs).sessionKeyId(0);
        return MessageHeaderEncoder.ENCODED_LENGTH + openAccount.encodedLength();
    }

    public int deposit(
        final MutableDirectBuffer buffer, final int offset,
        final long accountId, final long clientRequestId, final long timestampNs,
        final int assetId, final long amount)
    {
        return deposit(buffer, offset, accountId, clientRequestId, timestampNs, assetId, amount, 0);
    }

    /**
     * @param valueTimeNs when the deposit counts for the business (its value date), ns since the epoch; 0 for when
     *                    it is recorded.
     */
    public int deposit(
        final MutableDirectBuffer buffer, final int offset,
        final long accountId, final long clientRequestId, final long timestampNs,
        final int assetId, final long amount, final long valueTimeNs)
    {
        deposit.wrapAndApplyHeader(buffer, offset, header)
            .accountId(accountId).clientRequestId(clientRequestId).timestampNs(timestampNs).sessionKeyId(0)
            .assetId(assetId).amount(amount).valueTimeNs(valueTimeNs);
        return MessageHeaderEncoder.ENCODED_LENGTH + deposit.encodedLength();
    }

    public int withdraw(
        final MutableDirectBuffer buffer, final int offset,
        final long accountId, final long clientRequestId, final long timestampNs,
        final int assetId, final long amount)
    {
        return withdraw(buffer, offset, accountId, clientRequestId, timestampNs, assetId, amount, 0);
    }

    /** @param valueTimeNs as for {@link #deposit(MutableDirectBuffer, int, long, long, long, int, long, long)}. */
    public int withdraw(
        final MutableDirectBuffer buffer, final int offset,
        final long accountId, final long clientRequestId, final long timestampNs,
        final int assetId, final long amount, final long valueTimeNs)
    {
        withdraw.wrapAndApplyHeader(buffer, offset, header)
            .accountId(accountId).clientRequestId(clientRequestId).timestampNs(timestampNs).sessionKeyId(0)
            .assetId(assetId).amount(amount).valueTimeNs(valueTimeNs);
        return MessageHeaderEncoder.ENCODED_LENGTH + withdraw.encodedLength();
    }

    public int transfer(
        final MutableDirectBuffer buffer, final int offset,
        final long accountId, final long clientRequestId, final long timestampNs,
        final long toAccountId, final int assetId, final long amount)
    {
        return transfer(buffer, offset, accountId, clientRequestId, timestampNs, toAccountId, assetId, amount, 0);
    }

    /** @param valueTimeNs as for {@link #deposit(MutableDirectBuffer, int, long, long, long, int, long, long)}. */
    public int transfer(
        final MutableDirectBuffer buffer, final int offset,
        final long accountId, final long clientRequestId, final long timestampNs,
        final long toAccountId, final int assetId, final long amount, final long valueTimeNs)
    {
        transfer.wrapAndApplyHeader(buffer, offset, header)
            .accountId(accountId).clientRequestId(clientRequestId).timestampNs(timestampNs).sessionKeyId(0)
            .toAccountId(toAccountId).assetId(assetId).amount(amount).valueTimeNs(valueTimeNs);
        return MessageHeaderEncoder.ENCODED_LENGTH + transfer.encodedLength();
    }

    /**
     * @param sideCode 1 buy, 2 sell; other values are encoded as given (and rejected by the BLP).
     * @param kindCode {@link OrderKind} value; other values are encoded as given (and rejected by the BLP).
     */
    public int placeOrder(
        final MutableDirectBuffer buffer, final int offset,
        final long accountId, final long clientRequestId, final long timestampNs,
        final int instrumentId, final int sideCode, final int kindCode,
        final long price, final long quantity, final long quoteBudget)
    {
        placeOrder.wrapAndApplyHeader(buffer, offset, header)
            .accountId(accountId).clientRequestId(clientRequestId).timestampNs(timestampNs).sessionKeyId(0)
            .instrumentId(instrumentId)
            .price(price).quantity(quantity).quoteBudget(quoteBudget);
        // Raw codes, so that tests and fuzzers can send invalid values the enum setters could not express.
        buffer.putByte(offset + MessageHeaderEncoder.ENCODED_LENGTH + PlaceOrderEncoder.sideEncodingOffset(),
            (byte)sideCode);
        buffer.putByte(offset + MessageHeaderEncoder.ENCODED_LENGTH + PlaceOrderEncoder.kindEncodingOffset(),
            (byte)kindCode);
        return MessageHeaderEncoder.ENCODED_LENGTH + placeOrder.encodedLength();
    }

    public int placeOrder(
        final MutableDirectBuffer buffer, final int offset,
        final long accountId, final long clientRequestId, final long timestampNs,
        final int instrumentId, final Side side, final OrderKind kind,
        final long price, final long quantity, final long quoteBudget)
    {
        return placeOrder(buffer, offset, accountId, clientRequestId, timestampNs, instrumentId,
            side.value(), kind.value(), price, quantity, quoteBudget);
    }

    public int cancelOrder(
        final MutableDirectBuffer buffer, final int offset,
        final long accountId, final long clientRequestId, final long timestampNs,
        final long orderId)
    {
        cancelOrder.wrapAndApplyHeader(buffer, offset, header)
            .accountId(accountId).clientRequestId(clientRequestId).timestampNs(timestampNs).sessionKeyId(0)
            .orderId(orderId);
        return MessageHeaderEncoder.ENCODED_LENGTH + cancelOrder.encodedLength();
    }

    public int replaceOrder(
        final MutableDirectBuffer buffer, final int offset,
        final long accountId, final long clientRequestId, final long timestampNs,
        final long orderId, final long newPrice, final long newQuantity)
    {
        replaceOrder.wrapAndApplyHeader(buffer, offset, header)
            .accountId(accountId).clientRequestId(clientRequestId).timestampNs(timestampNs).sessionKeyId(0)
            .orderId(orderId).newPrice(newPrice).newQuantity(newQuantity);
        return MessageHeaderEncoder.ENCODED_LENGTH + replaceOrder.encodedLength();
    }

    public int cancelAll(
        final MutableDirectBuffer buffer, final int offset,
        final long accountId, final long clientRequestId, final long timestampNs,
        final int instrumentId)
    {
        cancelAll.wrapAndApplyHeader(buffer, offset, header)
            .accountId(accountId).clientRequestId(clientRequestId).timestampNs(timestampNs).sessionKeyId(0)
            .instrumentId(instrumentId);
        return MessageHeaderEncoder.ENCODED_LENGTH + cancelAll.encodedLength();
    }

    public int haltInstrument(
        final MutableDirectBuffer buffer, final int offset,
        final long accountId, final long clientRequestId, final long timestampNs,
        final int instrumentId)
    {
        haltInstrument.wrapAndApplyHeader(buffer, offset, header)
            .accountId(accountId).clientRequestId(clientRequestId).timestampNs(timestampNs).sessionKeyId(0)
            .instrumentId(instrumentId);
        return MessageHeaderEncoder.ENCODED_LENGTH + haltInstrument.encodedLength();
    }

    public int resumeInstrument(
        final MutableDirectBuffer buffer, final int offset,
        final long accountId, final long clientRequestId, final long timestampNs,
        final int instrumentId)
    {
        resumeInstrument.wrapAndApplyHeader(buffer, offset, header)
            .accountId(accountId).clientRequestId(clientRequestId).timestampNs(timestampNs).sessionKeyId(0)
            .instrumentId(instrumentId);
        return MessageHeaderEncoder.ENCODED_LENGTH + resumeInstrument.encodedLength();
    }

    public int takeSnapshot(
        final MutableDirectBuffer buffer, final int offset,
        final long accountId, final long clientRequestId, final long timestampNs)
    {
        takeSnapshot.wrapAndApplyHeader(buffer, offset, header)
            .accountId(accountId).clientRequestId(clientRequestId).timestampNs(timestampNs).sessionKeyId(0);
        return MessageHeaderEncoder.ENCODED_LENGTH + takeSnapshot.encodedLength();
    }

    /**
     * A new API key for an account, or (replacesKeyId > 0) a rotation. The gateway fills salt and keyHash for an
     * admin session (clients send them zero); in process the caller gives them.
     *
     * @param roleCode {@link io.ordo.protocol.codec.KeyRole} value; other values are encoded as given.
     * @param salt     {@link #SALT_LENGTH} bytes at saltOffset, or null for zeros.
     * @param keyHash  {@link #KEY_HASH_LENGTH} bytes at keyHashOffset, or null for zeros.
     */
    public int createApiKey(
        final MutableDirectBuffer buffer, final int offset,
        final long accountId, final long clientRequestId, final long timestampNs,
        final int roleCode, final long replacesKeyId,
        final DirectBuffer salt, final int saltOffset, final DirectBuffer keyHash, final int keyHashOffset)
    {
        createApiKey.wrapAndApplyHeader(buffer, offset, header)
            .accountId(accountId).clientRequestId(clientRequestId).timestampNs(timestampNs).sessionKeyId(0)
            .replacesKeyId(replacesKeyId);
        final int block = offset + MessageHeaderEncoder.ENCODED_LENGTH;
        buffer.putByte(block + CreateApiKeyEncoder.roleEncodingOffset(), (byte)roleCode);
        putOrZero(buffer, block + CreateApiKeyEncoder.saltEncodingOffset(), salt, saltOffset, SALT_LENGTH);
        putOrZero(buffer, block + CreateApiKeyEncoder.keyHashEncodingOffset(), keyHash, keyHashOffset,
            KEY_HASH_LENGTH);
        return MessageHeaderEncoder.ENCODED_LENGTH + createApiKey.encodedLength();
    }

    public int revokeApiKey(
        final MutableDirectBuffer buffer, final int offset,
        final long accountId, final long clientRequestId, final long timestampNs,
        final long keyId)
    {
        revokeApiKey.wrapAndApplyHeader(buffer, offset, header)
            .accountId(accountId).clientRequestId(clientRequestId).timestampNs(timestampNs).sessionKeyId(0)
            .keyId(keyId);
        return MessageHeaderEncoder.ENCODED_LENGTH + revokeApiKey.encodedLength();
    }

    private static void putOrZero(
        final MutableDirectBuffer buffer, final int index, final DirectBuffer source, final int sourceOffset,
        final int length)
    {
        if (source == null)
        {
            buffer.setMemory(index, length, (byte)0);
        }
        else
        {
            buffer.putBytes(index, source, sourceOffset, length);
        }
    }
}
