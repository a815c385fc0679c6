package io.ordo.journal;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;

import io.ordo.core.BlpConfig;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.journal.counters.EngineCounters;
import io.ordo.journal.index.AccountIndex;
import io.ordo.journal.index.Projection;
import io.ordo.journal.index.Projector;
import io.ordo.journal.pipeline.ForwardingEventSink;
import io.ordo.journal.pipeline.Pipeline;
import io.ordo.journal.pipeline.PipelineConfig;
import io.ordo.journal.pipeline.ResultListener;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;

/**
 * The embedding API: an engine started on a data directory (recovering what is there) or without one, taking
 * encoded commands from any thread and answering each through a {@link ResultListener} once its events are in
 * the output journal.
 * <pre>
 *   try (Engine engine = Engine.start(new EngineConfig().dataDirectory(dir)))
 *   {
 *       engine.submit(buffer, 0, length, (sequence, events, offset, eventsLength) -> ...);
 *   }
 * </pre>
 * {@link #submit} is thread safe; {@link #close()} closes the open {@link EventTail}s, drains everything submitted
 * before it, waits for snapshot files being written, closes the journals and releases the data directory's lock
 * ({@link DataDirectoryLock}), which the engine holds from its start: a second engine, recover or repair on the same
 * directory is refused. {@link #openEventTail} is thread safe; each tail is confined to the thread that opened it.
 */
public final class Engine implements AutoCloseable
{
    private static final long PROJECTOR_MIN_PARK_NS = 1_000;
    private static final long PROJECTOR_MAX_PARK_NS = 1_000_000;

    private final Pipeline pipeline;
    private final BusinessLogicProcessor blp;
    private final SnapshotWriter snapshotWriter;
    private final RecoveryReport recovery;
    private final DataDirectoryLock lock;
    private final ChronicleJournal outputJournal;
    private final EventTails tails = new EventTails();
    private final EngineCounters counters;
    private final Path dataDirectory;
    private JournalPretoucher pretoucher;
    private AgentRunner projectorRunner;
    private Projector projector;
    private volatile boolean closed;

    private Engine(final Pipeline pipeline, final BusinessLogicProcessor blp, final SnapshotWriter snapshotWriter,
        final RecoveryReport recovery, final DataDirectoryLock lock, final ChronicleJournal outputJournal,
        final EngineCounters counters, final Path dataDirectory)
    {
        this.dataDirectory = dataDirectory;
        this.pipeline = pipeline;
        this.counters = counters;
        this.blp = blp;
        this.snapshotWriter = snapshotWriter;
        this.recovery = recovery;
        this.lock = lock;
        this.outputJournal = outputJournal;
    }

    /**
     * Recovers the data directory (if any) and starts the pipeline.
     *
     * @throws JournalException if the directory is damaged or was written by another schema version, or its file
     *                          system has less free space than {@link EngineConfig#diskSpaceReserveBytes()}.
     */
    public static Engine start(final EngineConfig config)
    {
        final PipelineConfig pipelineConfig = new PipelineConfig()
            .inputRingSize(config.inputRingSize())
            .outputRingSize(config.outputRingSize())
            .inputWaitStrategy(config.inputWaitStrategy())
            .outputWaitStrategy(config.outputWaitStrategy())
            .singleSubmitter(config.singleSubmitter())
            .threadLayout(config.threadLayout())
            .threadAffinity(config.threadAffinity())
            .clock(config.clock());
        if (config.dataDirectory() == null)
        {
            final ForwardingEventSink sink = new ForwardingEventSink((buffer, offset, length) -> {});
            final BusinessLogicProcessor blp = new BusinessLogicProcessor(config.blpConfig(), sink);
            config.startupStateReader().accept(blp);
            final EngineCounters counters = EngineCounters.inMemory();
            pipelineConfig.blp(blp, sink).counters(counters);
            return new Engine(new Pipeline(pipelineConfig), blp, null,
                new RecoveryReport(null, 0, 0, 0, 0, 0, 0, java.util.List.of(), 0), null, null, counters, null);
        }

        final DataDirectory directory = new DataDirectory(config.dataDirectory());
        final BlpConfig blpConfig = config.createDataDirectory() ?
            directory.create(config.blpConfig()) : directory.openExisting(config.blpConfig());
        DiskSpaceGuard.checkAtStart(config.dataDirectory(), config.diskSpaceReserveBytes());
        final DataDirectoryLock lock = directory.lockForWriting();
        final SnapshotStore store = new SnapshotStore(directory.snapshots(), config.snapshotsToKeep());
        final Recovery recovery = new Recovery(
            directory, store, config.durability(), config.recoverFromSnapshot(), config.diskSpaceReserveBytes());
        try
        {
            recovery.run(blpConfig);
            config.startupStateReader().accept(recovery.blp);
        }
        catch (final RuntimeException | Error e)
        {
            lock.close();
            throw e;
        }
        // After the lock: the counters file of a running engine is never replaced by a second one.
        final EngineCounters counters = EngineCounters.inDirectory(config.dataDirectory(), System.currentTimeMillis());
        counters.inputLastSequence.setRelease(recovery.report.lastSequence());
        final SnapshotWriter snapshotWriter =
            new SnapshotWriter(store, config.diskSpaceReserveBytes(), counters.snapshotSequence,
                config.threadAffinity());
        pipelineConfig
            .blp(recovery.blp, recovery.sink)
            .commandJournal(recovery.inputJournal)
            .eventJournal(recovery.outputJournal)
            .snapshotListener(snapshotWriter)
            .snapshotIntervalCommands(config.snapshotIntervalCommands())
            .nextSequence(recovery.report.lastSequence() + 1)
            .lastTimestampNs(recovery.lastTimestampNs)
            .counters(counters);
        final Engine engine = new Engine(new Pipeline(pipelineConfig), recovery.blp, snapshotWriter,
            recovery.report, lock, recovery.outputJournal, counters, config.dataDirectory());
        if (config.pretouchAheadBytes() > 0)
        {
            engine.pretoucher = new JournalPretoucher(config.pretouchAheadBytes(), config.diskSpaceReserveBytes(),
                config.threadAffinity(), recovery.inputJournal, recovery.outputJournal);
        }
        if (config.accountIndex())
        {
            try
            {
                engine.startProjector("account index", AccountIndex.open(config.dataDirectory()));
            }
            catch (final RuntimeException e)
            {
                engine.close();
                throw e;
            }
        }
        return engine;
    }

    /** Starts the projector thread and waits until it has opened its tail, or throws why it could not. */
    private void startProjector(final String name, final Projection projection)
    {
        counters.outputLastSequence.setRelease(recovery.lastSequence());
        projector = new Projector(name, projection, this::openEventTail, counters.outputLastSequence,
            counters.newCounter(name + " last sequence", EngineCounters.TYPE_GAUGE),
            counters.newCounter(name + " records applied", EngineCounters.TYPE_TOTAL),
            counters.newCounter(name + " lag (records)", EngineCounters.TYPE_GAUGE));
        projectorRunner = new AgentRunner(new BackoffIdleStrategy(10, 20, PROJECTOR_MIN_PARK_NS,
            PROJECTOR_MAX_PARK_NS), e -> { }, null, projector);
        AgentRunner.startOnThread(projectorRunner);
        try
        {
            projector.started().get();
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new JournalException("interrupted while the " + name + " started", e);
        }
        catch (final ExecutionException e)
        {
            projectorRunner.close();
            if (e.getCause() instanceof RuntimeException cause)
            {
                throw cause;
            }
            throw new JournalException("the " + name + " could not start: " + e.getCause(), e.getCause());
        }
    }

    /** @return the data directory the engine holds, or null if it runs without one. */
    public Path dataDirectory()
    {
        return dataDirectory;
    }

    /** @return the projector of the account index, or null if {@link EngineConfig#accountIndex} is off. */
    public Projector projector()
    {
        return projector;
    }

    /**
     * Submits one encoded command; see {@link Pipeline#submit}. Waits while the input ring is full.
     */
    public void submit(final DirectBuffer buffer, final int offset, final int length, final ResultListener listener)
    {
        pipeline.submit(buffer, offset, length, listener);
    }

    /**
     * Submits one encoded command if the input ring has room now; see {@link Pipeline#trySubmit}. Never waits.
     *
     * @return false if the ring was full and nothing was taken.
     */
    public boolean trySubmit(
        final DirectBuffer buffer, final int offset, final int length, final ResultListener listener)
    {
        return pipeline.trySubmit(buffer, offset, length, listener);
    }

    /**
     * Opens a live tail of the output journal: every command's record after {@code afterSequence}, from history
     * and then as the engine appends. See {@link EventTail} for positioning, checks, threading and close.
     *
     * @param afterSequence the last sequence the caller has; 0 to start at sequence 1.
     * @return a tail confined to the calling thread; close it (or the engine closes it).
     * @throws ResumeRefusedException if the output journal no longer holds the records after
     *                                {@code afterSequence} (archived) or has not journaled it yet.
     * @throws IllegalStateException  if the engine runs without a data directory (it has no output journal), or is
     *                                closed.
     */
    public EventTail openEventTail(final long afterSequence)
    {
        if (outputJournal == null)
        {
            throw new IllegalStateException("this engine runs without a data directory (EngineConfig.dataDirectory " +
                "is null): it has no output journal to tail");
        }
        if (closed)
        {
            throw new IllegalStateException("engine closed: no event tail opens any more");
        }
        return tails.open(outputJournal.queue(), afterSequence, "output journal " + outputJournal.path());
    }

    /** @return event tails open now (not closed by their owners). */
    public int openEventTails()
    {
        return tails.openCount();
    }

    /** @return what start-up recovery did. */
    /**
     * @return the engine's live counters (in the data directory's {@code counters.dat}, for {@code ordo stat});
     * the gateway allocates its own here before it serves. Unmapped by {@link #close}: an embedder's own counters
     * must not be written after it.
     */
    public EngineCounters counters()
    {
        return counters;
    }

    public RecoveryReport recovery()
    {
        return recovery;
    }

    /** @return why the engine stopped processing, or null while it is healthy. */
    public Throwable failure()
    {
        return pipeline.failure();
    }

    /** @return snapshot files written since start. */
    public long snapshotsWritten()
    {
        return snapshotWriter == null ? 0 : snapshotWriter.written();
    }

    /**
     * The BLP, for reading its state once the engine is closed (before that it belongs to the BLP thread).
     *
     * @throws IllegalStateException while the engine runs.
     */
    public BusinessLogicProcessor blp()
    {
        if (!closed)
        {
            throw new IllegalStateException("the BLP belongs to the BLP thread until the engine is closed");
        }
        return blp;
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        try
        {
            if (projectorRunner != null)
            {
                // First: it catches up with what is journaled, checkpoints, and closes its tail.
                projectorRunner.close();
            }
            // Before the output journal is unmapped: a tail reading it afterwards would crash the JVM.
            tails.closeAll();
            if (pretoucher != null)
            {
                // Before the lock goes: a repair may then truncate the files it maps.
                pretoucher.close();
            }
            pipeline.close();
            if (snapshotWriter != null)
            {
                snapshotWriter.close();
            }
            // Last: its writers (the pipeline's threads, the snapshot writer) have stopped.
            counters.close();
        }
        finally
        {
            if (lock != null)
            {
                lock.close();
            }
            closed = true;
        }
    }
}
