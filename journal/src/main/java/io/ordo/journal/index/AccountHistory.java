package io.ordo.journal.index;

import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import io.ordo.journal.DataDirectory;
import io.ordo.journal.Engine;
import io.ordo.journal.EventTail;
import io.ordo.journal.EventTailListener;
import io.ordo.journal.HistoryReader;
import io.ordo.journal.JournalException;
import io.ordo.journal.ReadPosition;
import org.agrona.DirectBuffer;

/**
 * The records of one account from a data directory's output journal, through its {@link AccountIndex} when it has
 * one: the account's records up to the index's checkpoint are read where the index says (each one's document and
 * sequence checked), then every record after the checkpoint (the part the index has not reached, checked against
 * the chain from the checkpoint's record on) is read and handed over for the listener to filter. Without an index,
 * or with one that cannot be used (said on the warning consumer, with what to do), the whole journal is read and
 * checked, as {@link HistoryReader#read} does. Either way the listener gets a superset of the account's records in
 * the range, in sequence order, and must itself keep what concerns the account.
 * <p>
 * Runs on the calling thread, under the data directory's reader lock.
 */
public final class AccountHistory
{
    /**
     * What a read did.
     *
     * @param lastSequence   the last sequence read.
     * @param indexed        whether the index was used.
     * @param indexPosition  the last sequence the index held (0 without one).
     * @param recordsFetched records read where the index pointed.
     * @param recordsScanned records read in order (after the index's position, or all without it).
     */
    public record Result(long lastSequence, boolean indexed, long indexPosition, long recordsFetched,
        long recordsScanned)
    {
    }

    private static final int TAIL_BATCH = 4_096;
    private static final long TAIL_PARK_NS = 10_000;

    private AccountHistory()
    {
    }

    public static Result read(final DataDirectory directory, final long accountId, final long fromSequence,
        final long toSequence, final EventTailListener listener, final LongConsumer progress,
        final Consumer<String> warnings)
    {
        try (HistoryReader history = HistoryReader.open(directory))
        {
            final AccountIndexReader index = openIndex(directory.root(), warnings);
            if (index == null)
            {
                return scan(history, fromSequence, toSequence, listener, progress);
            }
            try (index)
            {
                final AccountRecords records = index.recordsOf(accountId, fromSequence, toSequence);
                fetch(history, records, listener, () -> false);
                final ReadPosition position = index.position();
                long last = position.sequence();
                long scanned = 0;
                if (toSequence > position.sequence())
                {
                    final long[] count = new long[1];
                    last = history.readAfter(position, (sequence, checksum, events, offset, length, file,
                        recordPosition, documentPosition) ->
                    {
                        count[0]++;
                        if (sequence >= fromSequence && sequence <= toSequence)
                        {
                            listener.onRecord(sequence, events, offset, length);
                        }
                    }, progress);
                    scanned = count[0];
                }
                return new Result(last, true, position.sequence(), records.count(), scanned);
            }
        }
    }

    /**
     * The records of one account from the output journal of an engine running in this process (a server answering
     * a query over the wire): up to the index's checkpoint where the index says, when the engine keeps one, then in
     * order through an {@link EventTail}, up to {@code toSequence} or the last sequence journaled when the call
     * began, whichever is lower. Takes no lock: the engine holds the directory. Runs on the calling thread (the
     * tail is confined to it), never on an engine thread; the engine keeps appending meanwhile.
     *
     * @param enough checked before each record: true stops the read there (a page that is full).
     * @throws IllegalStateException if the engine runs without a data directory.
     */
    public static Result readRunning(final Engine engine, final long accountId, final long fromSequence,
        final long toSequence, final EventTailListener listener, final BooleanSupplier enough,
        final Consumer<String> warnings)
    {
        final Path root = engine.dataDirectory();
        if (root == null)
        {
            throw new IllegalStateException("the engine runs without a data directory: it has no history to read");
        }
        final long end = Math.min(toSequence, engine.counters().outputLastSequence.get());
        long indexed = 0;
        long fetched = 0;
        long last = 0;
        final AccountIndexReader index = openIndex(root, warnings);
        if (index != null)
        {
            try (index; HistoryReader history = HistoryReader.openBesideEngine(new DataDirectory(root)))
            {
                indexed = Math.min(index.position().sequence(), end);
                final AccountRecords records = index.recordsOf(accountId, fromSequence, indexed);
                fetched = fetch(history, records, listener, enough);
                if (fetched > 0)
                {
                    last = records.sequence((int)fetched - 1);
                }
                if (enough.getAsBoolean())
                {
                    return new Result(last, true, indexed, fetched, 0);
                }
            }
        }
        final long after = Math.max(indexed, fromSequence - 1);
        long scanned = 0;
        if (after < end)
        {
            final long[] read = {0, last}; // records handed over, the last one's sequence
            try (EventTail tail = engine.openEventTail(after))
            {
                final EventTailListener inRange = (sequence, events, offset, length) ->
                {
                    if (sequence <= end && !enough.getAsBoolean())
                    {
                        read[0]++;
                        read[1] = sequence;
                        listener.onRecord(sequence, events, offset, length);
                    }
                };
                while (tail.lastDelivered() < end && !enough.getAsBoolean())
                {
                    if (tail.poll(inRange, TAIL_BATCH) == 0)
                    {
                        // Journaled (the counter says so) but not yet visible to this tailer: a moment.
                        LockSupport.parkNanos(TAIL_PARK_NS);
                    }
                }
            }
            scanned = read[0];
            last = read[1];
        }
        return new Result(enough.getAsBoolean() ? last : Math.max(end, 0), index != null, indexed, fetched, scanned);
    }

    private static AccountIndexReader openIndex(final Path root, final Consumer<String> warnings)
    {
        if (!AccountIndexReader.exists(root))
        {
            return null;
        }
        try
        {
            return AccountIndexReader.open(root);
        }
        catch (final JournalException e)
        {
            warnings.accept(e.getMessage() + "; reading the whole journal instead");
            return null;
        }
    }

    /**
     * Reads the records the index named, in order, until {@code enough} says so.
     *
     * @return how many were read.
     */
    private static int fetch(final HistoryReader history, final AccountRecords records,
        final EventTailListener listener, final BooleanSupplier enough)
    {
        int fetched = 0;
        while (fetched < records.count() && !enough.getAsBoolean())
        {
            final long sequence = records.sequence(fetched);
            final DirectBuffer events = history.fetch(records.file(fetched), records.recordPosition(fetched),
                sequence);
            listener.onRecord(sequence, events, 0, history.fetchedLength());
            fetched++;
        }
        return fetched;
    }

    private static Result scan(final HistoryReader history, final long fromSequence, final long toSequence,
        final EventTailListener listener, final LongConsumer progress)
    {
        final long[] count = new long[1];
        final long last = history.read(fromSequence, toSequence, (sequence, events, offset, length) ->
        {
            count[0]++;
            listener.onRecord(sequence, events, offset, length);
        }, progress);
        return new Result(last, false, 0, 0, count[0]);
    }
}
