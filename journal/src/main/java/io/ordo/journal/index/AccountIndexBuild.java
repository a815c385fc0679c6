package io.ordo.journal.index;

import java.util.function.LongConsumer;

import io.ordo.journal.DataDirectory;
import io.ordo.journal.HistoryReader;

/**
 * Brings a data directory's {@link AccountIndex} up to its output journal's end without an engine: what
 * {@code ordo index} runs. Goes on from the index's checkpoint, or, with {@code fromZero}, deletes the index and
 * builds it from the journal's first record. Reads under the directory's reader lock (refused while a server holds
 * it: a server keeps its own index in step) and writes only {@code DIR/index/}.
 * <p>
 * Runs on the calling thread.
 */
public final class AccountIndexBuild
{
    /**
     * @param fromSequence the first sequence indexed by this run (one after the checkpoint).
     * @param lastSequence the index's position now: the journal's last sequence.
     * @param entries      entries in the index now.
     * @param accounts     accounts in the index now.
     */
    public record Result(long fromSequence, long lastSequence, long entries, int accounts)
    {
    }

    private AccountIndexBuild()
    {
    }

    public static Result run(final DataDirectory directory, final boolean fromZero, final LongConsumer progress)
    {
        try (HistoryReader history = HistoryReader.open(directory))
        {
            if (fromZero)
            {
                AccountIndex.delete(directory.root());
            }
            try (AccountIndex index = AccountIndex.open(directory.root()))
            {
                final long from = index.position().sequence() + 1;
                history.readAfter(index.position(), (sequence, checksum, events, offset, length, file, position,
                    document) ->
                {
                    index.onRecord(sequence, checksum, events, offset, length, file, position, document);
                    if (index.appliedSinceCheckpoint() >= Projector.CHECKPOINT_RECORDS)
                    {
                        index.checkpoint();
                    }
                }, progress);
                index.checkpoint();
                return new Result(from, index.position().sequence(), index.entryCount(), index.accountCount());
            }
        }
    }
}
