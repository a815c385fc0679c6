package io.ordo.journal;

import java.nio.file.Path;
import java.util.function.Consumer;

import io.ordo.core.BlpConfig;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.journal.pipeline.PipelineConfig;
import io.ordo.journal.pipeline.ThreadAffinity;
import io.ordo.journal.pipeline.ThreadLayout;
import io.ordo.journal.pipeline.WaitStrategyKind;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;

/**
 * Settings of an {@link Engine}. Fluent setters; defaults suit a small (2-core) machine.
 * <p>
 * Not thread safe: fill in on one thread, then pass to {@link Engine#start}.
 */
public final class EngineConfig
{
    public static final long DEFAULT_SNAPSHOT_INTERVAL_COMMANDS = 1_000_000;
    public static final int DEFAULT_SNAPSHOTS_TO_KEEP = 3;

    private Path dataDirectory;
    private boolean createDataDirectory;
    private Durability durability = Durability.MAPPED;
    private long snapshotIntervalCommands = DEFAULT_SNAPSHOT_INTERVAL_COMMANDS;
    private int snapshotsToKeep = DEFAULT_SNAPSHOTS_TO_KEEP;
    private boolean recoverFromSnapshot = true;
    private BlpConfig blpConfig = new BlpConfig();
    private int inputRingSize = PipelineConfig.DEFAULT_INPUT_RING_SIZE;
    private int outputRingSize = PipelineConfig.DEFAULT_OUTPUT_RING_SIZE;
    private WaitStrategyKind inputWaitStrategy = WaitStrategyKind.DEFAULT;
    private WaitStrategyKind outputWaitStrategy = WaitStrategyKind.DEFAULT;
    private EpochNanoClock clock = new OffsetEpochNanoClock();
    private boolean singleSubmitter;
    private ThreadLayout threadLayout = ThreadLayout.forCores(Runtime.getRuntime().availableProcessors());
    private ThreadAffinity threadAffinity = ThreadAffinity.NONE;
    private boolean accountIndex;
    private long diskSpaceReserveBytes = DiskSpaceGuard.DEFAULT_RESERVE_BYTES;
    private long pretouchAheadBytes = JournalPretoucher.DEFAULT_AHEAD_BYTES;
    private Consumer<BusinessLogicProcessor> startupStateReader = blp -> { };

    /**
     * @param directory where the journals and snapshots live; null runs without journaling (nothing survives the
     *                  process: for benchmarks and tests only).
     * @return this.
     */
    public EngineConfig dataDirectory(final Path directory)
    {
        this.dataDirectory = directory;
        return this;
    }

    public Path dataDirectory()
    {
        return dataDirectory;
    }

    /**
     * @param create true to create the data directory if it is new (the path does not exist or is an empty
     *               directory); false (the default) to start only on an existing data directory, refusing any
     *               other path with "not an Ordo data directory", so that a typo never becomes a new, empty
     *               engine.
     * @return this.
     */
    public EngineConfig createDataDirectory(final boolean create)
    {
        this.createDataDirectory = create;
        return this;
    }

    public boolean createDataDirectory()
    {
        return createDataDirectory;
    }

    public EngineConfig durability(final Durability durability)
    {
        this.durability = durability;
        return this;
    }

    public Durability durability()
    {
        return durability;
    }

    /**
     * @param commands a snapshot every this many input sequences; 0 for only those asked for by TakeSnapshot.
     * @return this.
     */
    public EngineConfig snapshotIntervalCommands(final long commands)
    {
        this.snapshotIntervalCommands = commands;
        return this;
    }

    public long snapshotIntervalCommands()
    {
        return snapshotIntervalCommands;
    }

    /**
     * @param useSnapshot false to recover by replaying the whole input journal even if a snapshot exists (slower;
     *                    for measuring, or when snapshots are suspect).
     * @return this.
     */
    public EngineConfig recoverFromSnapshot(final boolean useSnapshot)
    {
        this.recoverFromSnapshot = useSnapshot;
        return this;
    }

    public boolean recoverFromSnapshot()
    {
        return recoverFromSnapshot;
    }

    public EngineConfig snapshotsToKeep(final int count)
    {
        this.snapshotsToKeep = count;
        return this;
    }

    public int snapshotsToKeep()
    {
        return snapshotsToKeep;
    }

    /**
     * @param config BLP settings for a new data directory; an existing one keeps the request window it was created
     *               with (see {@link DataDirectory}).
     * @return this.
     */
    public EngineConfig blpConfig(final BlpConfig config)
    {
        this.blpConfig = config;
        return this;
    }

    public BlpConfig blpConfig()
    {
        return blpConfig;
    }

    public EngineConfig inputRingSize(final int size)
    {
        this.inputRingSize = size;
        return this;
    }

    public int inputRingSize()
    {
        return inputRingSize;
    }

    public EngineConfig outputRingSize(final int size)
    {
        this.outputRingSize = size;
        return this;
    }

    public int outputRingSize()
    {
        return outputRingSize;
    }

    public EngineConfig inputWaitStrategy(final WaitStrategyKind kind)
    {
        this.inputWaitStrategy = kind;
        return this;
    }

    public WaitStrategyKind inputWaitStrategy()
    {
        return inputWaitStrategy;
    }

    public EngineConfig outputWaitStrategy(final WaitStrategyKind kind)
    {
        this.outputWaitStrategy = kind;
        return this;
    }

    public WaitStrategyKind outputWaitStrategy()
    {
        return outputWaitStrategy;
    }

    /**
     * Called once by {@link Engine#start} on the starting thread with the recovered BLP, before the pipeline starts
     * (and so before any command): the one moment another component may read the state, e.g. a gateway loading
     * the API keys it then follows through their events. It must only read; the BLP is the BLP thread's after it.
     */
    public EngineConfig startupStateReader(final Consumer<BusinessLogicProcessor> reader)
    {
        this.startupStateReader = reader;
        return this;
    }

    public Consumer<BusinessLogicProcessor> startupStateReader()
    {
        return startupStateReader;
    }

    /**
     * @param index true to keep the data directory's index by account ({@code DIR/index/}, an
     *              {@link io.ordo.journal.index.AccountIndex}) in step with the output journal while the engine runs,
     *              on a projector thread of its own; false (the default) to leave it as it is (it is then caught up
     *              by {@code ordo index}, or the next start with this on). Needs a data directory.
     * @return this.
     */
    public EngineConfig accountIndex(final boolean index)
    {
        this.accountIndex = index;
        return this;
    }

    public boolean accountIndex()
    {
        return accountIndex;
    }

    /**
     * @param single true if exactly one thread submits; see {@link PipelineConfig#singleSubmitter(boolean)}.
     * @return this.
     */
    public EngineConfig singleSubmitter(final boolean single)
    {
        this.singleSubmitter = single;
        return this;
    }

    public boolean singleSubmitter()
    {
        return singleSubmitter;
    }

    /**
     * @param layout how many threads run the pipeline; see {@link ThreadLayout}. The default depends on the cores.
     * @return this.
     */
    public EngineConfig threadLayout(final ThreadLayout layout)
    {
        this.threadLayout = layout;
        return this;
    }

    public ThreadLayout threadLayout()
    {
        return threadLayout;
    }

    /**
     * @param affinity where the engine's threads run: {@link ThreadAffinity#NONE} (the default: the operating
     *                 system places them) or {@link ThreadAffinity#blpOn(int)}, the BLP's thread alone on a CPU and
     *                 every other thread of the engine on the other CPUs.
     * @return this.
     */
    public EngineConfig threadAffinity(final ThreadAffinity affinity)
    {
        this.threadAffinity = affinity;
        return this;
    }

    public ThreadAffinity threadAffinity()
    {
        return threadAffinity;
    }

    /**
     * @param reserveBytes free space to keep on the data directory's file system: below it the engine refuses to
     *                     start, a journal refuses to append (the pipeline stops, see {@link Engine#failure()}) and a
     *                     snapshot is not written. Each journal looks every
     *                     {@link DiskSpaceGuard#CHECK_INTERVAL_BYTES} bytes, so free space can fall up to twice that
     *                     below the reserve before they refuse. 0 turns the guard off (a full disk then faults the
     *                     memory-mapped write and can leave a torn record).
     * @return this.
     */
    public EngineConfig diskSpaceReserveBytes(final long reserveBytes)
    {
        if (reserveBytes < 0)
        {
            throw new IllegalArgumentException("diskSpaceReserveBytes must be >= 0: " + reserveBytes);
        }
        this.diskSpaceReserveBytes = reserveBytes;
        return this;
    }

    public long diskSpaceReserveBytes()
    {
        return diskSpaceReserveBytes;
    }

    /**
     * How far ahead of each journal's write position a thread of its own touches the journal files' pages, so that
     * their page faults do not stall the journalling threads ({@link JournalPretoucher}); 0 for none. Default
     * 8 MiB.
     */
    public EngineConfig pretouchAheadBytes(final long aheadBytes)
    {
        if (aheadBytes < 0)
        {
            throw new IllegalArgumentException("pretouchAheadBytes must be >= 0: " + aheadBytes);
        }
        this.pretouchAheadBytes = aheadBytes;
        return this;
    }

    public long pretouchAheadBytes()
    {
        return pretouchAheadBytes;
    }

    public EngineConfig clock(final EpochNanoClock clock)
    {
        this.clock = clock;
        return this;
    }

    public EpochNanoClock clock()
    {
        return clock;
    }
}
