package io.ordo.read;

import io.ordo.protocol.EventListener;
import org.agrona.DirectBuffer;

/**
 * What one output record says about its command: the sequencer's time, and the account and request id the command
 * named, taken from its terminal outcome ({@code CommandAccepted}, {@code CommandRejected}, {@code OrderAccepted},
 * {@code OrderReplaced}, or the {@code OrderCancelled} of a {@code CancelOrder}); the time also from a trade, which
 * every record with a trade has. Read models stamp their rows with it.
 * <p>
 * Not thread safe; reset before each record: feed the record's events to an {@code EventAdapter} over it first.
 */
public final class RecordContext implements EventListener
{
    long timestampNs;
    long accountId;
    long clientRequestId;
    /** The value time a CommandAccepted named, 0 before one: read {@link #valueTimeNs()}. */
    private long acceptedValueTimeNs;
    private boolean haveTerminal;

    /** Forgets the last record's: call before the next record's events. */
    public void reset()
    {
        timestampNs = 0;
        acceptedValueTimeNs = 0;
        accountId = 0;
        clientRequestId = 0;
        haveTerminal = false;
    }

    private void onOutcome(final long accountId, final long clientRequestId, final long timestampNs)
    {
        this.timestampNs = timestampNs;
        this.accountId = accountId;
        this.clientRequestId = clientRequestId;
        haveTerminal = true;
    }

    @Override
    public void onCommandAccepted(final long accountId, final long clientRequestId, final long timestampNs,
        final short commandTypeCode, final long valueTimeNs)
    {
        onOutcome(accountId, clientRequestId, timestampNs);
        this.acceptedValueTimeNs = valueTimeNs;
    }

    /** @return the time the sequencer stamped on the command (0 if the record named none). */
    public long timestampNs()
    {
        return timestampNs;
    }

    /** @return the account the command named (its sender's, for a command with a terminal outcome). */
    public long accountId()
    {
        return accountId;
    }

    /** @return the request id the command named. */
    public long clientRequestId()
    {
        return clientRequestId;
    }

    /** @return the record's business (value) time: a money movement's, else the recorded time. */
    public long valueTimeNs()
    {
        return acceptedValueTimeNs != 0 ? acceptedValueTimeNs : timestampNs;
    }

    @Override
    public void onCommandRejected(final long accountId, final long clientRequestId, final long timestampNs,
        final long orderId, final short commandTypeCode, final short reasonCode, final short originalReasonCode)
    {
        onOutcome(accountId, clientRequestId, timestampNs);
    }

    @Override
    public void onOrderAccepted(final long accountId, final long clientRequestId, final long timestampNs,
        final long orderId, final int instrumentId, final short sideCode, final short kindCode, final long priceMinor,
        final long quantityMinor, final long quoteBudgetMinor, final long heldAmountMinor)
    {
        onOutcome(accountId, clientRequestId, timestampNs);
    }

    @Override
    public void onOrderReplaced(final long accountId, final long clientRequestId, final long timestampNs,
        final long orderId, final int instrumentId, final short priorityKeptCode, final long oldPriceMinor,
        final long oldQuantityMinor, final long newPriceMinor, final long newQuantityMinor)
    {
        onOutcome(accountId, clientRequestId, timestampNs);
    }

    @Override
    public void onOrderCancelled(final long accountId, final long clientRequestId, final long timestampNs,
        final long orderId, final int instrumentId, final short reasonCode, final long remainingQuantityMinor)
    {
        // The outcome of a CancelOrder; in a CancelAll the order owner's, until the CommandAccepted names the sender.
        this.timestampNs = timestampNs;
        if (!haveTerminal)
        {
            this.accountId = accountId;
            this.clientRequestId = clientRequestId;
        }
    }

    @Override
    public void onTrade(final long tradeId, final long timestampNs, final int instrumentId,
        final short aggressorSideCode, final long makerOrderId, final long takerOrderId, final long makerAccountId,
        final long takerAccountId, final long priceMinor, final long quantityMinor, final long makerFeeMinor,
        final long takerFeeMinor, final long makerRemainingQuantityMinor, final long takerRemainingQuantityMinor)
    {
        this.timestampNs = timestampNs;
    }

    @Override
    public void onApiKeyCreated(final long accountId, final long clientRequestId, final long timestampNs,
        final long keyId, final short roleCode, final long replacedKeyId, final DirectBuffer buffer,
        final int saltOffset, final int keyHashOffset)
    {
        onOutcome(accountId, clientRequestId, timestampNs);
    }
}
