package io.ordo.read;

import java.util.function.Consumer;

import io.ordo.protocol.EventAdapter;
import io.ordo.protocol.EventListener;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Builds statement lines from output records: every {@code BalanceChanged} of the chosen account (or of every
 * account) and asset (or every asset) within a sequence range, stamped with its record's sequence, the command's
 * time and the command's account and request id, in journal order. A pure function of the records it is given.
 * <p>
 * It also checks that history explains every balance: each line's balance before the change must equal the
 * balance after the previous line of the same account and asset (0 before the first). A line that does not is
 * counted in {@link #unexplainedLines()}; with a range that starts after sequence 1, the first line of each balance
 * is taken as the opening one.
 * <p>
 * Not thread safe; one reader thread. Allocates a line per change (the read side, never the engine's hot path).
 */
public final class StatementProjection implements EventRecordListener
{
    /** Every account. */
    public static final long ANY_ACCOUNT = Long.MIN_VALUE;
    /** Every asset. */
    public static final int ANY_ASSET = Integer.MIN_VALUE;

    private final long accountId;
    private final int assetId;
    private final long fromSequence;
    private final long toSequence;
    private final Consumer<StatementLine> lines;
    private final RecordContext context = new RecordContext();
    private final EventAdapter contextAdapter = new EventAdapter(context);
    private final EventAdapter linesAdapter = new EventAdapter(new LineListener());
    /** account -> asset -> {available, held} after the last line (looked up only, never iterated). */
    private final Long2ObjectHashMap<Int2ObjectHashMap<long[]>> lastBalances = new Long2ObjectHashMap<>();
    private long fromTimeNs = Long.MIN_VALUE;
    private long toTimeNs = Long.MAX_VALUE;
    private long sequence;
    private long lineCount;
    private long unexplainedLines;
    private long lastSequence;

    /**
     * @param accountId    the account, or {@link #ANY_ACCOUNT}.
     * @param assetId      the asset, or {@link #ANY_ASSET}.
     * @param fromSequence first sequence included (1 for all).
     * @param toSequence   last sequence included ({@code Long.MAX_VALUE} for all).
     * @param lines        receives each line, in order.
     */
    public StatementProjection(final long accountId, final int assetId, final long fromSequence,
        final long toSequence, final Consumer<StatementLine> lines)
    {
        this.accountId = accountId;
        this.assetId = assetId;
        this.fromSequence = fromSequence;
        this.toSequence = toSequence;
        this.lines = lines;
    }

    /**
     * Keeps only the lines of commands the sequencer stamped within the range (recorded time, inclusive); the first
     * line of each balance then opens it, as with a sequence range that starts later.
     *
     * @return this.
     */
    public StatementProjection timeRange(final long fromTimeNs, final long toTimeNs)
    {
        this.fromTimeNs = fromTimeNs;
        this.toTimeNs = toTimeNs;
        return this;
    }

    @Override
    public void onRecord(final long sequence, final DirectBuffer events, final int offset, final int length)
    {
        lastSequence = sequence;
        if (sequence < fromSequence || sequence > toSequence)
        {
            return;
        }
        this.sequence = sequence;
        context.reset();
        contextAdapter.onEvents(events, offset, length);
        if (context.timestampNs < fromTimeNs || context.timestampNs > toTimeNs)
        {
            return;
        }
        linesAdapter.onEvents(events, offset, length);
    }

    /** @return whether records beyond the range can be skipped: the last one given is past {@code toSequence}. */
    public boolean isPastRange()
    {
        return lastSequence >= toSequence;
    }

    public long lineCount()
    {
        return lineCount;
    }

    /** @return lines whose balance before does not follow from the line before (0 when history explains all). */
    public long unexplainedLines()
    {
        return unexplainedLines;
    }

    private final class LineListener implements EventListener
    {
        @Override
        public void onBalanceChanged(final long changedAccountId, final int changedAssetId, final short causeCode,
            final long availableDeltaMinor, final long heldDeltaMinor, final long availableAfterMinor,
            final long heldAfterMinor, final long referenceId)
        {
            if (accountId != ANY_ACCOUNT && changedAccountId != accountId ||
                assetId != ANY_ASSET && changedAssetId != assetId)
            {
                return;
            }
            final StatementLine line = new StatementLine(sequence, context.timestampNs, context.valueTimeNs(),
                changedAccountId, changedAssetId, causeCode, availableDeltaMinor, heldDeltaMinor, availableAfterMinor,
                heldAfterMinor, referenceId, context.accountId, context.clientRequestId);
            Int2ObjectHashMap<long[]> assets = lastBalances.get(changedAccountId);
            if (assets == null)
            {
                assets = new Int2ObjectHashMap<>();
                lastBalances.put(changedAccountId, assets);
            }
            long[] last = assets.get(changedAssetId);
            if (last == null)
            {
                // The opening balance: zero from the journal's start; taken as it stands in a later range.
                last = fromSequence <= 1 && fromTimeNs == Long.MIN_VALUE ? new long[2] :
                    new long[] {line.availableBeforeMinor(), line.heldBeforeMinor()};
                assets.put(changedAssetId, last);
            }
            if (line.availableBeforeMinor() != last[0] || line.heldBeforeMinor() != last[1])
            {
                unexplainedLines++;
            }
            last[0] = availableAfterMinor;
            last[1] = heldAfterMinor;
            lineCount++;
            lines.accept(line);
        }
    }
}
