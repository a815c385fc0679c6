package io.ordo.core;

import org.agrona.DirectBuffer;

/**
 * Receives the commands a {@link CommandAdapter} decodes, with the fields of the schema as primitives and under the
 * schema's names: for each frame either {@link #onFrameRejected}, or {@link #onCommandHeader} with the fields every
 * command begins with and then, unless it declined, the one method of the command's type with the rest.
 * <p>
 * Amounts, quantities, lot sizes and budgets are minor units of their asset; prices and tick sizes are quote minor
 * units per lot (docs/architecture.md, "Units and arithmetic"). Side and kind are the raw codes of the frame, not
 * yet checked.
 * <p>
 * Called on the BLP thread only, and only during {@link CommandAdapter#onCommand}.
 */
interface CommandListener
{
    /**
     * The frame failed the checks that come before its fields can be read; no other method is called for it.
     *
     * @param commandType the template id, or {@code UNKNOWN} when the frame does not say which command it is.
     * @param reason      {@code MALFORMED} or {@code UNKNOWN_COMMAND}.
     */
    void onFrameRejected(byte commandType, byte reason);

    /**
     * The fields every command begins with, for a frame that passed the checks; called before the command's own
     * method, which then gets only the command's own fields.
     *
     * @param commandType the template id.
     * @return true to have the command's own method called, false to skip it (a retry answered already).
     */
    boolean onCommandHeader(
        byte commandType, long accountId, long clientRequestId, long timestampNs, long sessionKeyId);

    void onCreateAsset(int assetId, int scale);

    void onCreateInstrument(
        int instrumentId, int baseAssetId, int quoteAssetId, int makerFeePpm, int takerFeePpm, long lotSize,
        long tickSize, long minQuantity, long maxQuantity, long minPrice, long maxPrice);

    void onOpenAccount();

    /** @param valueTimeNs the business (value) time it names; 0 for none (its recorded time). */
    void onDeposit(int assetId, long amount, long valueTimeNs);

    void onWithdraw(int assetId, long amount, long valueTimeNs);

    void onTransfer(long toAccountId, int assetId, long amount, long valueTimeNs);

    void onPlaceOrder(int instrumentId, byte sideCode, byte kindCode, long price, long quantity, long quoteBudget);

    void onCancelOrder(long orderId);

    void onReplaceOrder(long orderId, long newPrice, long newQuantity);

    /** @param instrumentId 0 for all instruments. */
    void onCancelAll(int instrumentId);

    void onHaltInstrument(int instrumentId);

    void onResumeInstrument(int instrumentId);

    void onTakeSnapshot();

    /**
     * @param buffer holding the salt and the key hash at the given offsets, valid during the call only.
     */
    void onCreateApiKey(
        byte roleCode, long replacesKeyId, DirectBuffer buffer, int saltOffset, int keyHashOffset);

    void onRevokeApiKey(long keyId);
}
