package io.ordo.read;

import io.ordo.protocol.EventAdapter;
import io.ordo.protocol.EventListener;
import org.agrona.DirectBuffer;

/**
 * Every account's balances as of a sequence, from the {@code BalanceChanged} events of the records up to it (the
 * "after" values each event carries, so a balance is the last event's word on it). Feed it records in journal
 * order; those after {@code asOfSequence} are ignored. Iteration is by ascending account, then asset, so that its
 * output never depends on hash order.
 * <p>
 * Not thread safe; one reader thread.
 */
public final class BalanceProjection implements EventRecordListener
{
    /** Receives one balance. */
    @FunctionalInterface
    public interface BalanceRowVisitor
    {
        void onBalance(long accountId, int assetId, long availableMinor, long heldMinor);
    }

    private final long asOfSequence;
    private final BalanceTable balances = new BalanceTable();
    private final EventAdapter adapter = new EventAdapter(new EventListener()
    {
        @Override
        public void onBalanceChanged(final long accountId, final int assetId, final short causeCode,
            final long availableDeltaMinor, final long heldDeltaMinor, final long availableAfterMinor,
            final long heldAfterMinor, final long referenceId)
        {
            final long[] balance = balances.balance(accountId, assetId);
            balance[0] = availableAfterMinor;
            balance[1] = heldAfterMinor;
        }
    });
    private long lastSequence;

    /** @param asOfSequence the last sequence applied ({@code Long.MAX_VALUE}: all). */
    public BalanceProjection(final long asOfSequence)
    {
        this.asOfSequence = asOfSequence;
    }

    @Override
    public void onRecord(final long sequence, final DirectBuffer events, final int offset, final int length)
    {
        if (sequence > asOfSequence)
        {
            return;
        }
        lastSequence = sequence;
        adapter.onEvents(events, offset, length);
    }

    /** @return the last sequence applied: the balances are as of it. */
    public long lastSequence()
    {
        return lastSequence;
    }

    public long availableMinor(final long accountId, final int assetId)
    {
        return balances.availableMinor(accountId, assetId);
    }

    public long heldMinor(final long accountId, final int assetId)
    {
        return balances.heldMinor(accountId, assetId);
    }

    /** Visits every balance that is not zero on both sides, by ascending account, then asset. */
    public void forEachBalance(final BalanceRowVisitor visitor)
    {
        balances.forEachBalance(visitor);
    }
}
