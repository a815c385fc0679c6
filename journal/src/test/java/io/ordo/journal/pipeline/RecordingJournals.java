package io.ordo.journal.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.agrona.DirectBuffer;

/**
 * In-memory journals for pipeline tests: they keep every entry as (sequence, bytes) and publish how far they got,
 * so that a result listener can check that its command's events were journaled before it was called.
 */
final class RecordingJournals
{
    private RecordingJournals()
    {
    }

    /** One journal entry. */
    static final class Entry
    {
        final long sequence;
        final byte[] bytes;

        Entry(final long sequence, final DirectBuffer buffer, final int offset, final int length)
        {
            this.sequence = sequence;
            this.bytes = new byte[length];
            buffer.getBytes(offset, bytes);
        }
    }

    static final class Commands implements CommandJournal
    {
        final List<Entry> entries = new ArrayList<>();
        volatile long lastSequence;
        /** The last sequence of the last batch ended: what a sync journal would have forced to disk. */
        volatile long syncedSequence;
        volatile boolean closed;
        int batches;
        long failAtSequence = Long.MAX_VALUE;

        @Override
        public synchronized long append(
            final long sequence, final DirectBuffer buffer, final int offset, final int length)
        {
            if (sequence == failAtSequence)
            {
                throw new IllegalStateException("disk full (test) at sequence " + sequence);
            }
            entries.add(new Entry(sequence, buffer, offset, length));
            lastSequence = sequence;
            return 1000 + sequence;
        }

        @Override
        public void endOfBatch()
        {
            batches++;
            syncedSequence = lastSequence;
        }

        @Override
        public void close()
        {
            closed = true;
        }

        synchronized List<Entry> snapshot()
        {
            return new ArrayList<>(entries);
        }
    }

    static final class Events implements EventJournal
    {
        final List<Entry> entries = new ArrayList<>();
        volatile long lastSequence;
        /** The last sequence of the last batch ended: what a sync journal would have forced to disk. */
        volatile long syncedSequence;
        volatile boolean closed;
        /** If set, each append checks that its command's batch had ended in this input journal before. */
        volatile Commands commands;
        /** Output records of commands the BLP applied before their input batch had ended (synced). */
        final AtomicInteger appliedBeforeSynced = new AtomicInteger();
        /** Time each append takes, so that a test can close while appends are still coming. */
        volatile long appendNs;
        /** Appends begun after close(), or running when it was called: a real journal would be unmapped by then. */
        final AtomicInteger appendsAfterClose = new AtomicInteger();
        long failAtSequence = Long.MAX_VALUE;
        private volatile boolean appending;

        @Override
        public long append(final long sequence, final DirectBuffer events, final int offset, final int length)
        {
            if (sequence == failAtSequence)
            {
                throw new IllegalStateException("disk full (test) in the output journal at sequence " + sequence);
            }
            appending = true;
            final Commands input = commands;
            if (input != null && input.syncedSequence < sequence)
            {
                appliedBeforeSynced.incrementAndGet();
            }
            if (closed)
            {
                appendsAfterClose.incrementAndGet();
            }
            if (appendNs > 0)
            {
                LockSupport.parkNanos(appendNs);
            }
            synchronized (this)
            {
                entries.add(new Entry(sequence, events, offset, length));
                lastSequence = sequence;
            }
            appending = false;
            return sequence;
        }

        @Override
        public void endOfBatch()
        {
            syncedSequence = lastSequence;
        }

        @Override
        public void close()
        {
            closed = true;
            if (appending)
            {
                appendsAfterClose.incrementAndGet();
            }
        }

        synchronized List<Entry> snapshot()
        {
            return new ArrayList<>(entries);
        }
    }
}
