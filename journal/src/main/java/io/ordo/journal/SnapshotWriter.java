package io.ordo.journal;

import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.ordo.core.BlpSnapshotTaker;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.journal.pipeline.SnapshotListener;
import io.ordo.journal.pipeline.ThreadAffinity;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Takes a snapshot at each snapshot point: serialises the BLP on the BLP thread (the only thread that may read
 * it; this pauses the pipeline for the time of a memory copy of the state), then writes the file on its own
 * thread, so disk latency never stalls the BLP. A failed write is reported on stderr, never fatal: the journal
 * alone is a complete backup. A snapshot that would leave less free space than the journals' reserve (see
 * {@link DiskSpaceGuard}) is not written, and reported the same way: the journals need the space more.
 * <p>
 * {@link #onSnapshotPoint} on the BLP thread; {@link #close()} from the thread that stops the engine.
 */
final class SnapshotWriter implements SnapshotListener, AutoCloseable
{
    private static final double MIB = 1 << 20;

    private final SnapshotStore store;
    private final long diskSpaceReserveBytes;
    private final ExecutorService executor;
    private final AtomicCounter snapshotSequence;
    private volatile long written;

    /**
     * @param diskSpaceReserveBytes free space a snapshot must leave on the snapshot directory's file system.
     */
    SnapshotWriter(final SnapshotStore store, final long diskSpaceReserveBytes, final AtomicCounter snapshotSequence,
        final ThreadAffinity affinity)
    {
        this.store = store;
        this.snapshotSequence = snapshotSequence;
        this.diskSpaceReserveBytes = diskSpaceReserveBytes;
        this.executor = Executors.newSingleThreadExecutor(runnable ->
        {
            final Thread thread = new Thread(affinity.offBlpCpu(runnable), "ordo-snapshot-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void onSnapshotPoint(final long sequence, final long journalPosition, final BusinessLogicProcessor blp)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1 << 16);
        final int length = BlpSnapshotTaker.take(blp, buffer, 0);
        executor.execute(() -> write(sequence, journalPosition, buffer, length));
    }

    private void write(final long sequence, final long journalPosition, final ExpandableArrayBuffer buffer,
        final int length)
    {
        try
        {
            final long usableBytes = store.directory().toFile().getUsableSpace();
            if (usableBytes - SnapshotStore.HEADER_LENGTH - length < diskSpaceReserveBytes)
            {
                System.err.printf(Locale.ROOT, "ordo: snapshot at sequence %d not written to %s: its %.1f MiB would " +
                    "leave less than the %.1f MiB reserve the journals keep free (%.1f MiB free)%n", sequence,
                    store.directory(), length / MIB, diskSpaceReserveBytes / MIB, usableBytes / MIB);
                return;
            }
            store.write(sequence, journalPosition, buffer.byteArray(), length);
            snapshotSequence.setRelease(sequence);
            written++;
        }
        catch (final Throwable t)
        {
            System.err.println("ordo: snapshot at sequence " + sequence + " not written to " + store.directory() +
                ": " + t);
        }
    }

    long written()
    {
        return written;
    }

    /** Finishes the writes already asked for, then stops the writer thread. */
    @Override
    public void close()
    {
        executor.shutdown();
        try
        {
            if (!executor.awaitTermination(5, TimeUnit.MINUTES))
            {
                System.err.println("ordo: snapshot writer did not finish within 5 minutes");
            }
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
    }
}
