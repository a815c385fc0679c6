package io.ordo.read;

import io.ordo.protocol.EventAdapter;
import io.ordo.protocol.EventListener;
import org.agrona.DirectBuffer;

/**
 * The accounts one output record concerns: every account an event of it names (the command's account in its
 * outcome, the owners of orders accepted, cancelled, expired or replaced, both sides of each trade, each balance
 * changed, the owner of an API key), each once, in the order they first appear. What an index by account files the
 * record under.
 * <p>
 * Not thread safe; reusable, allocation free once its array has grown to the widest record.
 */
public final class RecordAccounts implements EventListener
{
    private final EventAdapter adapter = new EventAdapter(this);
    private long[] accounts = new long[8];
    private int count;

    /**
     * Collects the accounts of one record's events.
     *
     * @return how many distinct accounts it names; read them with {@link #account(int)}.
     */
    public int collect(final DirectBuffer events, final int offset, final int length)
    {
        count = 0;
        adapter.onEvents(events, offset, length);
        return count;
    }

    /** @return the i-th distinct account of the record collected last. */
    public long account(final int i)
    {
        if (i < 0 || i >= count)
        {
            throw new IndexOutOfBoundsException("account " + i + " of " + count);
        }
        return accounts[i];
    }

    public int count()
    {
        return count;
    }

    private void add(final long accountId)
    {
        for (int i = 0; i < count; i++)
        {
            if (accounts[i] == accountId)
            {
                return;
            }
        }
        if (count == accounts.length)
        {
            final long[] grown = new long[count * 2];
            System.arraycopy(accounts, 0, grown, 0, count);
            accounts = grown;
        }
        accounts[count++] = accountId;
    }

    @Override
    public void onCommandAccepted(final long accountId, final long clientRequestId, final long timestampNs,
        final short commandTypeCode, final long valueTimeNs)
    {
        add(accountId);
    }

    @Override
    public void onCommandRejected(final long accountId, final long clientRequestId, final long timestampNs,
        final long orderId, final short commandTypeCode, final short reasonCode, final short originalReasonCode)
    {
        add(accountId);
    }

    @Override
    public void onOrderAccepted(final long accountId, final long clientRequestId, final long timestampNs,
        final long orderId, final int instrumentId, final short sideCode, final short kindCode, final long priceMinor,
        final long quantityMinor, final long quoteBudgetMinor, final long heldAmountMinor)
    {
        add(accountId);
    }

    @Override
    public void onOrderCancelled(final long accountId, final long clientRequestId, final long timestampNs,
        final long orderId, final int instrumentId, final short reasonCode, final long remainingQuantityMinor)
    {
        add(accountId);
    }

    @Override
    public void onOrderExpired(final long accountId, final long clientRequestId, final long timestampNs,
        final long orderId, final int instrumentId, final short reasonCode, final long remainingQuantityMinor)
    {
        add(accountId);
    }

    @Override
    public void onOrderReplaced(final long accountId, final long clientRequestId, final long timestampNs,
        final long orderId, final int instrumentId, final short priorityKeptCode, final long oldPriceMinor,
        final long oldQuantityMinor, final long newPriceMinor, final long newQuantityMinor)
    {
        add(accountId);
    }

    @Override
    public void onTrade(final long tradeId, final long timestampNs, final int instrumentId,
        final short aggressorSideCode, final long makerOrderId, final long takerOrderId, final long makerAccountId,
        final long takerAccountId, final long priceMinor, final long quantityMinor, final long makerFeeMinor,
        final long takerFeeMinor, final long makerRemainingQuantityMinor, final long takerRemainingQuantityMinor)
    {
        add(takerAccountId);
        add(makerAccountId);
    }

    @Override
    public void onBalanceChanged(final long accountId, final int assetId, final short causeCode,
        final long availableDeltaMinor, final long heldDeltaMinor, final long availableAfterMinor,
        final long heldAfterMinor, final long referenceId)
    {
        add(accountId);
    }

    @Override
    public void onApiKeyCreated(final long accountId, final long clientRequestId, final long timestampNs,
        final long keyId, final short roleCode, final long replacedKeyId, final DirectBuffer buffer,
        final int saltOffset, final int keyHashOffset)
    {
        add(accountId);
    }

    @Override
    public void onApiKeyRevoked(final long accountId, final long clientRequestId, final long timestampNs,
        final long keyId)
    {
        add(accountId);
    }
}
