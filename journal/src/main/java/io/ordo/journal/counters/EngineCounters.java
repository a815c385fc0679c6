package io.ordo.journal.counters;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import io.ordo.protocol.codec.RejectReason;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

/**
 * The engine's counters, allocated once at start in its {@link CountersFile} (or in memory for an engine without a
 * data directory): what came in and went out, what was rejected and why, how far the journals and snapshots are,
 * how full the input ring is. Each counter has one writer (named on its field) and is written with release
 * stores, so the hot path takes no lock and allocates nothing; a reader in another process sees each value whole.
 * The gateway allocates its own counters here too ({@link #newCounter}).
 * <p>
 * {@link #close} unmaps the file (so that nothing of a closed engine stays mapped, and its file system can be
 * unmounted): every writer must have stopped before; the engine closes it last, after its pipeline and snapshot
 * writer, and the gateway stops its I/O threads before it closes the engine.
 * <p>
 * Allocation ({@link #newCounter}) on one thread at a time, before the writers run.
 */
public final class EngineCounters implements AutoCloseable
{
    /** Type ids, so that a reader can tell gauges from totals. */
    public static final int TYPE_TOTAL = 1;
    public static final int TYPE_GAUGE = 2;

    private final CountersFile file;
    private final CountersManager manager;

    /** Journaller thread: commands appended to the input journal. */
    public final AtomicCounter commandsJournaled;
    /** Journaller thread: the input journal's last sequence. */
    public final AtomicCounter inputLastSequence;
    /** Journaller thread: bytes of commands appended to the input journal. */
    public final AtomicCounter inputJournalBytes;
    /** Journaller thread: commands published to the input ring and not yet journaled, at its last batch. */
    public final AtomicCounter inputRingBacklog;
    /** Output journaller thread: records (one per command) appended to the output journal. */
    public final AtomicCounter outputRecords;
    /** Output journaller thread: the output journal's last sequence, at its last batch. */
    public final AtomicCounter outputLastSequence;
    /** Output journaller thread: bytes of events appended to the output journal. */
    public final AtomicCounter outputJournalBytes;
    /** Dispatcher thread: events in the output records dispatched. */
    public final AtomicCounter eventsOut;
    /** Dispatcher thread: commands rejected, all reasons. */
    public final AtomicCounter commandsRejected;
    /** Snapshot writer thread: the sequence of the last snapshot written. */
    public final AtomicCounter snapshotSequence;
    private final AtomicCounter[] rejectedByReason = new AtomicCounter[256];

    private EngineCounters(final CountersFile file, final CountersManager manager)
    {
        this.file = file;
        this.manager = manager;
        commandsJournaled = newCounter("commands journaled", TYPE_TOTAL);
        inputLastSequence = newCounter("input journal last sequence", TYPE_GAUGE);
        inputJournalBytes = newCounter("input journal bytes appended", TYPE_TOTAL);
        inputRingBacklog = newCounter("input ring backlog (commands)", TYPE_GAUGE);
        outputRecords = newCounter("output records journaled", TYPE_TOTAL);
        outputLastSequence = newCounter("output journal last sequence", TYPE_GAUGE);
        outputJournalBytes = newCounter("output journal bytes appended", TYPE_TOTAL);
        eventsOut = newCounter("events out", TYPE_TOTAL);
        commandsRejected = newCounter("commands rejected", TYPE_TOTAL);
        snapshotSequence = newCounter("snapshot last sequence", TYPE_GAUGE);
        for (final RejectReason reason : RejectReason.values())
        {
            if (reason != RejectReason.NULL_VAL && reason != RejectReason.NONE)
            {
                rejectedByReason[reason.value()] = newCounter("rejected " + reason.name(), TYPE_TOTAL);
            }
        }
    }

    /** The counters of an engine with a data directory, in its {@code counters.dat}. */
    public static EngineCounters inDirectory(final Path dataDirectory, final long startTimeMs)
    {
        final CountersFile file = CountersFile.create(dataDirectory, startTimeMs);
        return new EngineCounters(file, new CountersManager(file.metadataBuffer(), file.valuesBuffer()));
    }

    /** The counters of an engine without a data directory: the same, in memory only. */
    public static EngineCounters inMemory()
    {
        return new EngineCounters(null, new CountersManager(
            new UnsafeBuffer(ByteBuffer.allocateDirect(CountersFile.METADATA_LENGTH)),
            new UnsafeBuffer(ByteBuffer.allocateDirect(CountersFile.VALUES_LENGTH))));
    }

    /** Allocates one more counter, e.g. the gateway's; call before its writer runs, from one thread at a time. */
    public AtomicCounter newCounter(final String label, final int typeId)
    {
        return manager.newCounter(label, typeId);
    }

    /** Dispatcher thread: one rejected command of the reason. */
    public void onRejected(final int reasonCode)
    {
        commandsRejected.incrementRelease();
        final AtomicCounter counter = rejectedByReason[reasonCode & 0xFF];
        if (counter != null)
        {
            counter.incrementRelease();
        }
    }

    /** @return a reader of these counters, in this process. */
    public CountersReader reader()
    {
        return manager;
    }

    /** @return the file the counters live in, or null in memory. */
    public CountersFile file()
    {
        return file;
    }

    /** Unmaps the file; the last values stay in it for {@code ordo stat}. Once every writer has stopped. */
    @Override
    public void close()
    {
        if (file != null)
        {
            file.close();
        }
    }
}
