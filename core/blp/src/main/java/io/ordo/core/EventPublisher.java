package io.ordo.core;

import io.ordo.protocol.codec.ApiKeyCreatedEncoder;
import io.ordo.protocol.codec.ApiKeyRevokedEncoder;
import io.ordo.protocol.codec.BalanceChangedEncoder;
import io.ordo.protocol.codec.BooleanType;
import io.ordo.protocol.codec.CommandAcceptedEncoder;
import io.ordo.protocol.codec.CommandRejectedEncoder;
import io.ordo.protocol.codec.MessageHeaderEncoder;
import io.ordo.protocol.codec.OrderAcceptedEncoder;
import io.ordo.protocol.codec.OrderCancelledEncoder;
import io.ordo.protocol.codec.OrderExpiredEncoder;
import io.ordo.protocol.codec.OrderReplacedEncoder;
import io.ordo.protocol.codec.TradeEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes events with reusable SBE flyweights and publishes each to the {@link EventSink}: straight into the sink's
 * buffer if it is a {@link DirectEventSink}, else into a scratch buffer that is handed to it
 * ({@link ScratchEventSink}).
 * Raw enum codes are written with {@code putByte} so that no enum lookup happens on the hot path.
 * <p>
 * Tracks whether the current command's terminal outcome has been published, so that the BLP never publishes a
 * second one: {@code CommandAccepted}, {@code CommandRejected}, {@code OrderAccepted}, {@code OrderReplaced},
 * {@code ApiKeyCreated} and {@code OrderCancelled} are outcomes ({@code OrderCancelled} is CancelOrder's; in
 * CancelAll it is an effect that follows the {@code CommandAccepted}). An event counts as published once
 * {@link DirectEventSink#commit} has returned.
 * <p>
 * Not thread safe; owned by the BLP thread. Allocates only in its constructor.
 */
final class EventPublisher
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;

    private final DirectEventSink sink;
    /** Where the event being encoded goes: set by {@link #claim(int)}. */
    private MutableDirectBuffer buffer;
    private int offset;
    /** The length of the event being encoded, header included: what {@link #claim(int)} asked for. */
    private int length;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final CommandAcceptedEncoder commandAccepted = new CommandAcceptedEncoder();
    private final CommandRejectedEncoder commandRejected = new CommandRejectedEncoder();
    private final OrderAcceptedEncoder orderAccepted = new OrderAcceptedEncoder();
    private final OrderCancelledEncoder orderCancelled = new OrderCancelledEncoder();
    private final OrderExpiredEncoder orderExpired = new OrderExpiredEncoder();
    private final OrderReplacedEncoder orderReplaced = new OrderReplacedEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final BalanceChangedEncoder balanceChanged = new BalanceChangedEncoder();
    private final ApiKeyCreatedEncoder apiKeyCreated = new ApiKeyCreatedEncoder();
    private final ApiKeyRevokedEncoder apiKeyRevoked = new ApiKeyRevokedEncoder();

    /** Whether the current command's terminal outcome has been published; cleared by {@link #beginCommand()}. */
    private boolean outcomePublished;

    EventPublisher(final EventSink sink)
    {
        this.sink = ScratchEventSink.of(sink);
    }

    /**
     * Claims the next event's place: {@code encoder.wrapAndApplyHeader(claim(BLOCK_LENGTH), offset, header)} sees
     * this claim's offset, since Java evaluates arguments left to right. The claim asks for the event's own length
     * (every event of the schema is a fixed block), not the longest event's: a sink that holds a command's events in
     * a slot then moves them elsewhere only when they do not fit (see the pipeline's output slots).
     *
     * @return the buffer the next event is encoded into, at {@link #offset}.
     */
    private MutableDirectBuffer claim(final int blockLength)
    {
        length = HEADER + blockLength;
        buffer = sink.claim(length);
        offset = sink.claimOffset();
        return buffer;
    }

    /** Commits the event encoded at the last claim: the length it claimed. */
    private void commit()
    {
        sink.commit(length);
    }

    /** Starts a command: it has no outcome yet. */
    void beginCommand()
    {
        outcomePublished = false;
    }

    boolean outcomePublished()
    {
        return outcomePublished;
    }

    void commandAccepted(
        final long accountId, final long clientRequestId, final long timestampNs, final byte commandType,
        final long valueTimeNs)
    {
        commandAccepted.wrapAndApplyHeader(claim(CommandAcceptedEncoder.BLOCK_LENGTH), offset, header)
            .accountId(accountId).clientRequestId(clientRequestId).timestampNs(timestampNs).valueTimeNs(valueTimeNs);
        buffer.putByte(offset + HEADER + CommandAcceptedEncoder.commandTypeEncodingOffset(), commandType);
        commit();
        outcomePublished = true;
    }

    void commandRejected(
        final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
        final byte commandType, final byte reason, final byte originalReason)
    {
        commandRejected.wrapAndApplyHeader(claim(CommandRejectedEncoder.BLOCK_LENGTH), offset, header)
            .accountId(accountId).clientRequestId(clientRequestId).timestampNs(timestampNs).orderId(orderId);
        buffer.putByte(offset + HEADER + CommandRejectedEncoder.commandTypeEncodingOffset(), commandType);
        buffer.putByte(offset + HEADER + CommandRejectedEncoder.reasonEncodingOffset(), reason);
        buffer.putByte(offset + HEADER + CommandRejectedEncoder.originalReasonEncodingOffset(), originalReason);
        commit();
        outcomePublished = true;
    }

    /** From the validated fields, before the order exists: nothing is applied before the outcome. */
    void orderAccepted(
        final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
        final int instrumentId, final byte sideCode, final byte kindCode, final long price, final long quantity,
        final long quoteBudget, final long heldAmount)
    {
        orderAccepted.wrapAndApplyHeader(claim(OrderAcceptedEncoder.BLOCK_LENGTH), offset, header)
            .accountId(accountId).clientRequestId(clientRequestId).timestampNs(timestampNs)
            .orderId(orderId).instrumentId(instrumentId)
            .price(price).quantity(quantity).quoteBudget(quoteBudget)
            .heldAmount(heldAmount);
        buffer.putByte(offset + HEADER + OrderAcceptedEncoder.sideEncodingOffset(), sideCode);
        buffer.putByte(offset + HEADER + OrderAcceptedEncoder.kindEncodingOffset(), kindCode);
        commit();
        outcomePublished = true;
    }

    void orderCancelled(
        final Order order, final long clientRequestId, final long timestampNs, final byte cancelReason)
    {
        orderCancelled.wrapAndApplyHeader(claim(OrderCancelledEncoder.BLOCK_LENGTH), offset, header)
            .accountId(order.accountId).clientRequestId(clientRequestId).timestampNs(timestampNs)
            .orderId(order.orderId).instrumentId(order.instrument.instrumentId)
            .remainingQuantity(order.remainingQuantity);
        buffer.putByte(offset + HEADER + OrderCancelledEncoder.reasonEncodingOffset(), cancelReason);
        commit();
        outcomePublished = true;
    }

    void orderExpired(
        final Order order, final long clientRequestId, final long timestampNs, final byte expireReason)
    {
        orderExpired.wrapAndApplyHeader(claim(OrderExpiredEncoder.BLOCK_LENGTH), offset, header)
            .accountId(order.accountId).clientRequestId(clientRequestId).timestampNs(timestampNs)
            .orderId(order.orderId).instrumentId(order.instrument.instrumentId)
            .remainingQuantity(order.remainingQuantity);
        buffer.putByte(offset + HEADER + OrderExpiredEncoder.reasonEncodingOffset(), expireReason);
        commit();
    }

    void orderReplaced(
        final Order order, final long clientRequestId, final long timestampNs, final boolean priorityKept,
        final long oldPrice, final long oldQuantity, final long newPrice, final long newQuantity)
    {
        orderReplaced.wrapAndApplyHeader(claim(OrderReplacedEncoder.BLOCK_LENGTH), offset, header)
            .accountId(order.accountId).clientRequestId(clientRequestId).timestampNs(timestampNs)
            .orderId(order.orderId).instrumentId(order.instrument.instrumentId)
            .oldPrice(oldPrice).oldQuantity(oldQuantity).newPrice(newPrice).newQuantity(newQuantity);
        buffer.putByte(offset + HEADER + OrderReplacedEncoder.priorityKeptEncodingOffset(),
            (byte)(priorityKept ? BooleanType.TRUE.value() : BooleanType.FALSE.value()));
        commit();
        outcomePublished = true;
    }

    void trade(
        final long tradeId, final long timestampNs, final Order maker, final Order taker,
        final long price, final long quantity, final long makerFee, final long takerFee)
    {
        trade.wrapAndApplyHeader(claim(TradeEncoder.BLOCK_LENGTH), offset, header)
            .tradeId(tradeId).timestampNs(timestampNs).instrumentId(taker.instrument.instrumentId)
            .makerOrderId(maker.orderId).takerOrderId(taker.orderId)
            .makerAccountId(maker.accountId).takerAccountId(taker.accountId)
            .price(price).quantity(quantity).makerFee(makerFee).takerFee(takerFee)
            .makerRemainingQuantity(maker.remainingQuantity).takerRemainingQuantity(taker.remainingQuantity);
        buffer.putByte(offset + HEADER + TradeEncoder.aggressorSideEncodingOffset(), taker.sideCode);
        commit();
    }

    void balanceChanged(
        final long accountId, final int assetId, final byte cause, final long availableDelta, final long heldDelta,
        final long availableAfter, final long heldAfter, final long referenceId)
    {
        balanceChanged.wrapAndApplyHeader(claim(BalanceChangedEncoder.BLOCK_LENGTH), offset, header)
            .accountId(accountId).assetId(assetId)
            .availableDelta(availableDelta).heldDelta(heldDelta)
            .availableAfter(availableAfter).heldAfter(heldAfter).referenceId(referenceId);
        buffer.putByte(offset + HEADER + BalanceChangedEncoder.causeEncodingOffset(), cause);
        commit();
    }

    void apiKeyCreated(
        final long clientRequestId, final long timestampNs, final ApiKey key, final long replacedKeyId)
    {
        apiKeyCreated.wrapAndApplyHeader(claim(ApiKeyCreatedEncoder.BLOCK_LENGTH), offset, header)
            .accountId(key.accountId).clientRequestId(clientRequestId).timestampNs(timestampNs)
            .keyId(key.keyId).replacedKeyId(replacedKeyId)
            .putSalt(key.salt, 0, key.salt.length).putKeyHash(key.keyHash, 0, key.keyHash.length);
        buffer.putByte(offset + HEADER + ApiKeyCreatedEncoder.roleEncodingOffset(), key.roleCode);
        commit();
        outcomePublished = true;
    }

    void apiKeyRevoked(final long clientRequestId, final long timestampNs, final ApiKey key)
    {
        apiKeyRevoked.wrapAndApplyHeader(claim(ApiKeyRevokedEncoder.BLOCK_LENGTH), offset, header)
            .accountId(key.accountId).clientRequestId(clientRequestId).timestampNs(timestampNs).keyId(key.keyId);
        commit();
    }
}
