package io.ordo.journal.pipeline;

import org.agrona.DirectBuffer;

/**
 * Where the output journaller appends the events of each command, one record per command, tagged with the
 * sequence of the command that caused them: the event store.
 * <p>
 * Called on the output journaller thread only.
 */
public interface EventJournal extends AutoCloseable
{
    /** Journals nothing: for benchmarks that measure the pipeline with journaling off. */
    EventJournal NONE = new EventJournal()
    {
        public long append(final long sequence, final DirectBuffer events, final int offset, final int length)
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
     * Appends the events of one command.
     *
     * @param sequence of the input command that caused them.
     * @param events   back to back, each an SBE message header and block.
     * @return the record's position in the journal, an implementation-defined hint for seeking back to it.
     */
    long append(long sequence, DirectBuffer events, int offset, int length);

    /** The end of a batch of appends: a journal in sync mode forces what it appended to disk here. */
    void endOfBatch();

    @Override
    void close();
}
