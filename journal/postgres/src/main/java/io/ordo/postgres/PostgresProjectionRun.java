package io.ordo.postgres;

import java.util.function.LongConsumer;

import io.ordo.journal.DataDirectory;
import io.ordo.journal.HistoryReader;
import io.ordo.journal.JournalException;
import io.ordo.journal.ReadPosition;

/**
 * Brings the event store in PostgreSQL up to a data directory's output journal without an engine: what
 * {@code ordo project} runs. Goes on from the store's position, or, with {@code fromZero}, drops the schema and
 * projects from the journal's first record. Reads under the directory's reader lock (refused while a server holds
 * it: a server started with {@code --jdbc} keeps the store in step itself) and commits every
 * {@link #RECORDS_PER_TRANSACTION} records.
 * <p>
 * Runs on the calling thread.
 */
public final class PostgresProjectionRun
{
    /** Records (commands) per transaction. */
    public static final int RECORDS_PER_TRANSACTION = 2_000;

    /**
     * @param fromSequence   the first sequence projected by this run (one after the store's position).
     * @param lastSequence   the store's position now: the journal's last sequence.
     * @param eventsWritten  event rows written by this run.
     * @param eventPosition  the last event's position in the store now.
     * @param transactions   transactions committed by this run.
     * @param elapsedNs      the run's time.
     */
    public record Result(long fromSequence, long lastSequence, long eventsWritten, long eventPosition,
        long transactions, long elapsedNs)
    {
    }

    private PostgresProjectionRun()
    {
    }

    /**
     * @param progress told the records read so far every {@link HistoryReader#PROGRESS_EVERY} records.
     * @param committed told the sequence of each commit (for logs and tests).
     */
    public static Result run(final DataDirectory directory, final String jdbcUrl, final String schema,
        final boolean fromZero, final LongConsumer progress, final LongConsumer committed)
    {
        return run(directory, jdbcUrl, schema, fromZero, RECORDS_PER_TRANSACTION, progress, committed);
    }

    /** @param recordsPerTransaction records (commands) per transaction. */
    public static Result run(final DataDirectory directory, final String jdbcUrl, final String schema,
        final boolean fromZero, final int recordsPerTransaction, final LongConsumer progress,
        final LongConsumer committed)
    {
        final long startNs = System.nanoTime();
        try (HistoryReader history = HistoryReader.open(directory))
        {
            if (fromZero)
            {
                EventStoreSchema.drop(jdbcUrl, schema);
            }
            try (PostgresProjection store = PostgresProjection.open(jdbcUrl, schema))
            {
                final ReadPosition from = store.position();
                final long eventsBefore = store.committedEventPosition();
                try
                {
                    history.readAfter(from, (sequence, checksum, events, offset, length, file, position,
                        document) ->
                    {
                        store.onRecord(sequence, checksum, events, offset, length, file, position, document);
                        if (store.pendingRecords() >= recordsPerTransaction)
                        {
                            store.checkpoint();
                            committed.accept(sequence);
                        }
                    }, progress);
                }
                catch (final JournalException e)
                {
                    if (from.sequence() == 0)
                    {
                        throw e;
                    }
                    throw new EventStoreException(e.getMessage() + " (reading on after the event store's " +
                        "position, sequence " + from.sequence() + "; if schema " + schema + " was projected from " +
                        "another data directory, project from zero with --from-zero or name another schema)", e);
                }
                store.checkpoint();
                committed.accept(store.committedPosition().sequence());
                return new Result(from.sequence() + 1, store.committedPosition().sequence(),
                    store.committedEventPosition() - eventsBefore, store.committedEventPosition(),
                    store.commits(), System.nanoTime() - startNs);
            }
        }
    }
}
