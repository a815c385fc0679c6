package io.ordo.journal.pipeline;

import org.agrona.DirectBuffer;

/**
 * Where the journaller appends each command, stamped, before the BLP may see it.
 * <p>
 * Called on the journaller thread only.
 */
public interface CommandJournal extends AutoCloseable
{
    /** Journals nothing: for benchmarks that measure the pipeline with journaling off. Not durable. */
    CommandJournal NONE = new CommandJournal()
    {
        public long append(final long sequence, final DirectBuffer buffer, final int offset, final int length)
        {
            return sequence;
        }

        public void endOfBatch()
        {
        }

        public void close()
        {
        }
    };

    /**
     * Appends one stamped command. Returns once the entry is in the journal (memory-mapped, so it survives the
     * process); {@link #endOfBatch()} decides whether it is also forced to disk.
     *
     * @param sequence the command's global sequence: one more than the previous entry's.
     * @return the entry's position in the journal, an implementation-defined hint for seeking back to it.
     */
    long append(long sequence, DirectBuffer buffer, int offset, int length);

    /** The end of a batch of appends: a journal in sync mode forces what it appended to disk here. */
    void endOfBatch();

    @Override
    void close();
}
