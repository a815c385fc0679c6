package io.ordo.protocol;

import org.agrona.DirectBuffer;

/**
 * Typed callbacks for the events of the Ordo schema, called by an {@link EventAdapter}: one {@code onXxx} method per
 * event, with the event's fields as primitives in schema order.
 * <p>
 * Every method has a no-op default, so a reader implements only what it needs. A reader that must not lose an
 * event also implements {@link #onUnknownEvent} and {@link #onMalformedEvent}: the adapter reports everything it
 * cannot decode to one of them and never throws.
 * <p>
 * Units: {@code *Minor} values are minor units of an asset. Quantities are in the instrument's base asset (a
 * multiple of its lot size); prices are quote minor units per lot (a multiple of the tick size, not a count of
 * ticks); fees and quote budgets are in the quote asset; held amounts and balances in the asset they are held in.
 * Enum fields are passed as their raw wire codes ({@code *Code}, 0..255, compare with {@link Codes} or the
 * generated enums' {@code value()}), so that a code this version does not know reaches the reader instead of
 * throwing.
 * <p>
 * Called on the thread that calls the adapter, synchronously; the buffer passed to the reporting methods is valid
 * only during the call.
 */
public interface EventListener
{
    /**
     * Terminal outcome of an accepted command other than {@code PlaceOrder}, {@code CancelOrder} and
     * {@code ReplaceOrder}.
     *
     * @param commandTypeCode {@link io.ordo.protocol.codec.CommandType} of the command.
     * @param valueTimeNs     when what it applied counts for the business: a money movement's value time, or
     *                        {@code timestampNs} (the recorded time) when it named none, and for every other command.
     */
    default void onCommandAccepted(
        final long accountId, final long clientRequestId, final long timestampNs, final short commandTypeCode,
        final long valueTimeNs)
    {
    }

    /**
     * Terminal outcome of a rejected command; nothing was applied.
     *
     * @param orderId            named by the command, or for a duplicate the original order id; else 0.
     * @param commandTypeCode    {@link io.ordo.protocol.codec.CommandType} of the command.
     * @param reasonCode         {@link io.ordo.protocol.codec.RejectReason}.
     * @param originalReasonCode for {@code DUPLICATE_REQUEST} only, the original outcome ({@code NONE} = accepted).
     */
    default void onCommandRejected(
        final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
        final short commandTypeCode, final short reasonCode, final short originalReasonCode)
    {
    }

    /**
     * Terminal outcome of an accepted {@code PlaceOrder}.
     *
     * @param sideCode        {@link io.ordo.protocol.codec.Side}.
     * @param kindCode        {@link io.ordo.protocol.codec.OrderKind}.
     * @param heldAmountMinor moved from available to held.
     */
    default void onOrderAccepted(
        final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
        final int instrumentId, final short sideCode, final short kindCode, final long priceMinor,
        final long quantityMinor, final long quoteBudgetMinor, final long heldAmountMinor)
    {
    }

    /**
     * An order left the book by {@code CancelOrder} or {@code CancelAll}.
     *
     * @param clientRequestId of the cancelling command.
     * @param reasonCode      {@link io.ordo.protocol.codec.CancelReason}.
     */
    default void onOrderCancelled(
        final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
        final int instrumentId, final short reasonCode, final long remainingQuantityMinor)
    {
    }

    /**
     * The unfilled rest of an order that may not rest.
     *
     * @param reasonCode {@link io.ordo.protocol.codec.ExpireReason}.
     */
    default void onOrderExpired(
        final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
        final int instrumentId, final short reasonCode, final long remainingQuantityMinor)
    {
    }

    /**
     * Terminal outcome of an accepted {@code ReplaceOrder}.
     *
     * @param priorityKeptCode {@link io.ordo.protocol.codec.BooleanType}: 1 if the order kept its time priority.
     */
    default void onOrderReplaced(
        final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
        final int instrumentId, final short priorityKeptCode, final long oldPriceMinor, final long oldQuantityMinor,
        final long newPriceMinor, final long newQuantityMinor)
    {
    }

    /**
     * One fill between a resting (maker) and an incoming (taker) order.
     *
     * @param aggressorSideCode {@link io.ordo.protocol.codec.Side} of the taker.
     */
    default void onTrade(
        final long tradeId, final long timestampNs, final int instrumentId, final short aggressorSideCode,
        final long makerOrderId, final long takerOrderId, final long makerAccountId, final long takerAccountId,
        final long priceMinor, final long quantityMinor, final long makerFeeMinor, final long takerFeeMinor,
        final long makerRemainingQuantityMinor, final long takerRemainingQuantityMinor)
    {
    }

    /**
     * The passbook line: one change of one balance.
     *
     * @param causeCode   {@link io.ordo.protocol.codec.BalanceCause}.
     * @param referenceId the order id, trade id, or the counterparty account of a transfer.
     */
    default void onBalanceChanged(
        final long accountId, final int assetId, final short causeCode, final long availableDeltaMinor,
        final long heldDeltaMinor, final long availableAfterMinor, final long heldAfterMinor, final long referenceId)
    {
    }

    /**
     * A new API key (the outcome of {@code CreateApiKey}): its id, role and salted hash, never its secret.
     *
     * @param roleCode      {@link io.ordo.protocol.codec.KeyRole}.
     * @param replacedKeyId the key this one rotated out (an {@code ApiKeyRevoked} follows), or 0.
     * @param buffer        holding the salt ({@link CommandWriter#SALT_LENGTH} bytes at saltOffset) and the hash
     *                      ({@link CommandWriter#KEY_HASH_LENGTH} bytes at keyHashOffset), valid during the call only.
     */
    default void onApiKeyCreated(
        final long accountId, final long clientRequestId, final long timestampNs, final long keyId,
        final short roleCode, final long replacedKeyId, final DirectBuffer buffer, final int saltOffset,
        final int keyHashOffset)
    {
    }

    /** An API key can no longer log in (by {@code RevokeApiKey}, or rotated out by {@code CreateApiKey}). */
    default void onApiKeyRevoked(
        final long accountId, final long clientRequestId, final long timestampNs, final long keyId)
    {
    }

    /**
     * A well-framed message this adapter does not decode: another schema, a schema version it does not know, or a
     * template id that is not an event of this schema (a command, or an event of a newer schema).
     *
     * @param buffer holding the message, valid during the call only.
     * @param offset of its message header.
     * @param length of the message as given to the adapter.
     */
    default void onUnknownEvent(
        final int schemaId, final int version, final int templateId,
        final DirectBuffer buffer, final int offset, final int length)
    {
    }

    /**
     * Bytes that are not a whole event.
     *
     * @param error       {@link EventAdapter#TRUNCATED_HEADER}, {@link EventAdapter#TRUNCATED_BLOCK} or
     *                    {@link EventAdapter#SHORT_BLOCK}.
     * @param templateId  from the message header, or {@link EventAdapter#NULL_VALUE} if the header is truncated.
     * @param blockLength from the message header, or {@link EventAdapter#NULL_VALUE} if the header is truncated.
     * @param buffer      holding the bytes, valid during the call only.
     * @param offset      of the bytes.
     * @param length      of the bytes.
     */
    default void onMalformedEvent(
        final int error, final int templateId, final int blockLength,
        final DirectBuffer buffer, final int offset, final int length)
    {
    }
}
