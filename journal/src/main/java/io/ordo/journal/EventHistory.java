package io.ordo.journal;

import java.util.function.LongConsumer;


/**
 * Reads a data directory's output journal, the event store, from its start: each record's sequence and chained
 * checksum checked as {@code verify} checks them, records handed over in order from a first to a last sequence.
 * The read side's entry to history: read models and {@code ordo statement}, {@code inspect} and {@code balance} are
 * built on it, never on the engine's state.
 * <p>
 * Takes the directory's reader lock for the whole read, so that no engine writes meanwhile (a running server makes
 * it refuse with the lock's message). Damage is a {@link JournalException} naming the file and position.
 * <p>
 * Runs on the calling thread; one call, one reader.
 */
public final class EventHistory
{
    /** Records between two calls of a progress listener. */
    public static final int PROGRESS_EVERY = HistoryReader.PROGRESS_EVERY;

    private EventHistory()
    {
    }

    /** As {@link #read(DataDirectory, long, long, EventTailListener, LongConsumer)}, without progress. */
    public static long read(final DataDirectory directory, final long fromSequence, final long toSequence,
        final EventTailListener listener)
    {
        return read(directory, fromSequence, toSequence, listener, records -> { });
    }

    /**
     * @param fromSequence first sequence handed over (records before it are read and checked, not delivered).
     * @param toSequence   last sequence handed over; reading stops after it.
     * @param progress     told the records read so far every {@link #PROGRESS_EVERY} records, and at the end.
     * @return the last sequence read.
     */
    public static long read(final DataDirectory directory, final long fromSequence, final long toSequence,
        final EventTailListener listener, final LongConsumer progress)
    {
        try (HistoryReader history = HistoryReader.open(directory))
        {
            return history.read(fromSequence, toSequence, listener, progress);
        }
    }
}
