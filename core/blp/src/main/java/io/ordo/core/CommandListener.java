package io.ordo.core;

/**
 * Receives the commands a {@link CommandAdapter} decodes: one call per command frame, with the fields of the
 * schema as primitives and under the schema's names. Amounts, quantities, lot sizes and budgets are minor units of
 * their asset; prices and tick sizes are quote minor units per lot (docs/architecture.md, "Units and arithmetic").
 * Side and kind are the raw codes of the frame, not yet checked.
 * <p>
 * Called on the BLP thread only, and only during {@link CommandAdapter#onCommand}.
 */
interface CommandListener
{
    /**
     * The frame failed the checks that come before its fields can be read.
     *
     * @param commandType the template id, or {@code UNKNOWN} when the frame does not say which command it is.
     * @param reason      {@code MALFORMED} or {@code UNKNOWN_COMMAND}.
     */
    void onFrameRejected(byte commandType, byte reason);

    void onCreateAsset(long accountId, long clientRequestId, long timestampNs, int assetId, int scale);

    void onCreateInstrument(
        long accountId, long clientRequestId, long timestampNs, int instrumentId, int baseAssetId, int quoteAssetId,
        int makerFeePpm, int takerFeePpm, long lotSize, long tickSize, long minQuantity, long maxQuantity,
        long minPrice, long maxPrice);

    void onOpenAccount(long accountId, long clientRequestId, long timestampNs);

    void onDeposit(long accountId, long clientRequestId, long timestampNs, int assetId, long amount);

    void onWithdraw(long accountId, long clientRequestId, long timestampNs, int assetId, long amount);

    void onTransfer(
        long accountId, long clientRequestId, long timestampNs, long toAccountId, int assetId, long amount);

    void onPlaceOrder(
        long accountId, long clientRequestId, long timestampNs, int instrumentId, byte sideCode, byte kindCode,
        long price, long quantity, long quoteBudget);

    void onCancelOrder(long accountId, long clientRequestId, long timestampNs, long orderId);

    void onReplaceOrder(
        long accountId, long clientRequestId, long timestampNs, long orderId, long newPrice, long newQuantity);

    /** @param instrumentId 0 for all instruments. */
    void onCancelAll(long accountId, long clientRequestId, long timestampNs, int instrumentId);

    void onHaltInstrument(long accountId, long clientRequestId, long timestampNs, int instrumentId);

    void onResumeInstrument(long accountId, long clientRequestId, long timestampNs, int instrumentId);

    void onTakeSnapshot(long accountId, long clientRequestId, long timestampNs);
}
