package io.ordo.read;

import io.ordo.protocol.EventAdapter;
import io.ordo.protocol.EventListener;
import org.agrona.DirectBuffer;

/**
 * Bitemporal balances: every account's balances as of a <em>value time</em> (when movements count for the business),
 * as the ledger <em>knew</em> them at a sequence and recorded time. A deposit recorded today with yesterday's value
 * date counts towards yesterday's balance as known today, but not towards yesterday's balance as known yesterday.
 * <p>
 * Each balance is the sum of the deltas of the {@code BalanceChanged} events in the records that were known
 * (sequence at most {@code knownAtSequence}, recorded at or before {@code knownAtTimeNs}) and whose value time is at
 * or before {@code asOfValueTimeNs}. A record's value time is the one its {@code CommandAccepted} names (a deposit,
 * withdrawal or transfer given one), else its recorded time; holds, releases, trades and fees count when recorded.
 * With every bound open the sums equal the balances the engine holds, since history explains every balance.
 * <p>
 * Feed it records in journal order, from sequence 1. Iteration is by ascending account, then asset, so that its
 * output never depends on hash order. A sum that overflows a {@code long} (possible only when back-valued movements
 * reorder a balance that the engine kept in range) is refused with {@link ArithmeticException} naming the balance.
 * <p>
 * Not thread safe; one reader thread. The read side: allocates per balance, never on the engine's hot path.
 */
public final class ValueTimeBalanceProjection implements EventRecordListener
{
    private final long asOfValueTimeNs;
    private final long knownAtSequence;
    private final long knownAtTimeNs;
    private final RecordContext context = new RecordContext();
    private final EventAdapter contextAdapter = new EventAdapter(context);
    private final EventAdapter deltaAdapter = new EventAdapter(new DeltaListener());
    private final BalanceTable balances = new BalanceTable();
    private long lastKnownSequence;
    private long lastKnownTimestampNs;
    private long sequence;
    private long changesCounted;
    private long changesValuedLater;

    /**
     * @param asOfValueTimeNs the value time the balances are as of, ns since the epoch, inclusive
     *                        ({@code Long.MAX_VALUE}: every movement known).
     * @param knownAtSequence the last sequence known ({@code Long.MAX_VALUE}: the whole journal).
     * @param knownAtTimeNs   the last recorded time known, inclusive ({@code Long.MAX_VALUE}: any).
     */
    public ValueTimeBalanceProjection(
        final long asOfValueTimeNs, final long knownAtSequence, final long knownAtTimeNs)
    {
        this.asOfValueTimeNs = asOfValueTimeNs;
        this.knownAtSequence = knownAtSequence;
        this.knownAtTimeNs = knownAtTimeNs;
    }

    @Override
    public void onRecord(final long sequence, final DirectBuffer events, final int offset, final int length)
    {
        if (sequence > knownAtSequence)
        {
            return;
        }
        context.reset();
        contextAdapter.onEvents(events, offset, length);
        if (context.timestampNs > knownAtTimeNs)
        {
            return;
        }
        this.sequence = sequence;
        lastKnownSequence = sequence;
        lastKnownTimestampNs = context.timestampNs;
        deltaAdapter.onEvents(events, offset, length);
    }

    /** @return the last sequence known (the knowledge the balances reflect); 0 if none. */
    public long lastKnownSequence()
    {
        return lastKnownSequence;
    }

    /** @return the recorded time of {@link #lastKnownSequence()}'s command. */
    public long lastKnownTimestampNs()
    {
        return lastKnownTimestampNs;
    }

    /** @return balance changes known and valued at or before the value time: those summed. */
    public long changesCounted()
    {
        return changesCounted;
    }

    /** @return balance changes already known but valued after the value time: known, not yet counted. */
    public long changesValuedLater()
    {
        return changesValuedLater;
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
    public void forEachBalance(final BalanceProjection.BalanceRowVisitor visitor)
    {
        balances.forEachBalance(visitor);
    }

    private final class DeltaListener implements EventListener
    {
        @Override
        public void onBalanceChanged(final long accountId, final int assetId, final short causeCode,
            final long availableDeltaMinor, final long heldDeltaMinor, final long availableAfterMinor,
            final long heldAfterMinor, final long referenceId)
        {
            if (context.valueTimeNs() > asOfValueTimeNs)
            {
                changesValuedLater++;
                return;
            }
            final long[] balance = balances.balance(accountId, assetId);
            try
            {
                balance[0] = Math.addExact(balance[0], availableDeltaMinor);
                balance[1] = Math.addExact(balance[1], heldDeltaMinor);
            }
            catch (final ArithmeticException e)
            {
                throw new ArithmeticException("the balance of account " + accountId + ", asset " + assetId +
                    " as of that value time overflows a long at sequence " + sequence);
            }
            changesCounted++;
        }
    }
}
