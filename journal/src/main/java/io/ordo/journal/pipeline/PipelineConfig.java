package io.ordo.journal.pipeline;

import io.ordo.core.BusinessLogicProcessor;
import io.ordo.journal.counters.EngineCounters;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;

/**
 * Everything a {@link Pipeline} is built from: the BLP and its forwarding sink, the journals, the snapshot listener,
 * where the sequence and the clock resume, ring sizes and wait strategies. Fluent setters, checked by
 * {@link Pipeline}'s constructor.
 * <p>
 * Not thread safe: set up on one thread, then handed to the pipeline.
 */
public final class PipelineConfig
{
    /**
     * Slots of each ring by default: about 2 ms of commands at full speed. Smaller than it was (16,384): a ring
     * that a fast producer keeps full is data written on one core and read on the other long after, and at
     * 16,384 slots (5 MiB of commands, 16 MiB of events) it passed through the 4 MiB caches and took the BLP's
     * state out of them; at 4,096 or 2,048 the BLP thread needed 5-15% less CPU a command (docs/performance.md,
     * "Ring size").
     */
    public static final int DEFAULT_INPUT_RING_SIZE = 1 << 12;
    public static final int DEFAULT_OUTPUT_RING_SIZE = 1 << 12;
    /** Longest command frame the input ring takes; every command of the schema is far shorter. */
    public static final int DEFAULT_MAX_COMMAND_LENGTH = 256;

    private BusinessLogicProcessor blp;
    private ForwardingEventSink blpSink;
    private CommandJournal commandJournal = CommandJournal.NONE;
    private EventJournal eventJournal = EventJournal.NONE;
    private SnapshotListener snapshotListener = SnapshotListener.NONE;
    private long snapshotIntervalCommands;
    private long nextSequence = 1;
    private long lastTimestampNs;
    private EpochNanoClock clock = new OffsetEpochNanoClock();
    private int inputRingSize = DEFAULT_INPUT_RING_SIZE;
    private int outputRingSize = DEFAULT_OUTPUT_RING_SIZE;
    private int maxCommandLength = DEFAULT_MAX_COMMAND_LENGTH;
    private WaitStrategyKind inputWaitStrategy = WaitStrategyKind.DEFAULT;
    private WaitStrategyKind outputWaitStrategy = WaitStrategyKind.DEFAULT;
    private String threadNamePrefix = "ordo-";
    private boolean singleSubmitter;
    private ThreadLayout threadLayout = ThreadLayout.forCores(Runtime.getRuntime().availableProcessors());
    private ThreadAffinity threadAffinity = ThreadAffinity.NONE;
    private EngineCounters counters;

    /**
     * @param blp  the processor, built or loaded with {@code blpSink} as its event sink.
     * @param blpSink the sink the BLP was given; the pipeline points it at the output ring.
     * @return this.
     */
    public PipelineConfig blp(final BusinessLogicProcessor blp, final ForwardingEventSink blpSink)
    {
        this.blp = blp;
        this.blpSink = blpSink;
        return this;
    }

    public BusinessLogicProcessor blp()
    {
        return blp;
    }

    public ForwardingEventSink blpSink()
    {
        return blpSink;
    }

    public PipelineConfig commandJournal(final CommandJournal journal)
    {
        this.commandJournal = journal;
        return this;
    }

    public CommandJournal commandJournal()
    {
        return commandJournal;
    }

    public PipelineConfig eventJournal(final EventJournal journal)
    {
        this.eventJournal = journal;
        return this;
    }

    public EventJournal eventJournal()
    {
        return eventJournal;
    }

    public PipelineConfig snapshotListener(final SnapshotListener listener)
    {
        this.snapshotListener = listener;
        return this;
    }

    public SnapshotListener snapshotListener()
    {
        return snapshotListener;
    }

    /**
     * @param commands a snapshot point every this many input sequences (sequence % commands == 0); 0 for none.
     * @return this.
     */
    public PipelineConfig snapshotIntervalCommands(final long commands)
    {
        this.snapshotIntervalCommands = commands;
        return this;
    }

    public long snapshotIntervalCommands()
    {
        return snapshotIntervalCommands;
    }

    /**
     * @param sequence the sequence the next journaled command gets: one after the journal's last entry.
     * @return this.
     */
    public PipelineConfig nextSequence(final long sequence)
    {
        this.nextSequence = sequence;
        return this;
    }

    public long nextSequence()
    {
        return nextSequence;
    }

    /**
     * @param timestampNs the journal's last stamped time: stamps never go below it, even if the clock does.
     * @return this.
     */
    public PipelineConfig lastTimestampNs(final long timestampNs)
    {
        this.lastTimestampNs = timestampNs;
        return this;
    }

    public long lastTimestampNs()
    {
        return lastTimestampNs;
    }

    public PipelineConfig clock(final EpochNanoClock clock)
    {
        this.clock = clock;
        return this;
    }

    public EpochNanoClock clock()
    {
        return clock;
    }

    public PipelineConfig inputRingSize(final int size)
    {
        this.inputRingSize = size;
        return this;
    }

    public int inputRingSize()
    {
        return inputRingSize;
    }

    public PipelineConfig outputRingSize(final int size)
    {
        this.outputRingSize = size;
        return this;
    }

    public int outputRingSize()
    {
        return outputRingSize;
    }

    public PipelineConfig maxCommandLength(final int length)
    {
        this.maxCommandLength = length;
        return this;
    }

    public int maxCommandLength()
    {
        return maxCommandLength;
    }

    public PipelineConfig inputWaitStrategy(final WaitStrategyKind kind)
    {
        this.inputWaitStrategy = kind;
        return this;
    }

    public WaitStrategyKind inputWaitStrategy()
    {
        return inputWaitStrategy;
    }

    public PipelineConfig outputWaitStrategy(final WaitStrategyKind kind)
    {
        this.outputWaitStrategy = kind;
        return this;
    }

    public WaitStrategyKind outputWaitStrategy()
    {
        return outputWaitStrategy;
    }

    /**
     * @param single true if exactly one thread ever calls {@code submit}: the input ring then uses the Disruptor's
     *               single-producer sequencer, which spares the journaller the busy re-checks a multi-producer
     *               ring makes while a claimed slot is not yet published (measured: about a second of CPU per
     *               million commands on 2 cores). Submitting from two threads with this set corrupts the ring.
     * @return this.
     */
    public PipelineConfig singleSubmitter(final boolean single)
    {
        this.singleSubmitter = single;
        return this;
    }

    public boolean singleSubmitter()
    {
        return singleSubmitter;
    }

    /**
     * @param layout how many threads run the pipeline's steps; the default depends on the machine's cores
     *               ({@link ThreadLayout#forCores}).
     * @return this.
     */
    public PipelineConfig threadLayout(final ThreadLayout layout)
    {
        this.threadLayout = layout;
        return this;
    }

    public ThreadLayout threadLayout()
    {
        return threadLayout;
    }

    /**
     * @param affinity where the pipeline's threads run: {@link ThreadAffinity#NONE} (the default) or the BLP's
     *                 thread alone on a CPU.
     * @return this.
     */
    public PipelineConfig threadAffinity(final ThreadAffinity affinity)
    {
        this.threadAffinity = affinity;
        return this;
    }

    public ThreadAffinity threadAffinity()
    {
        return threadAffinity;
    }

    public PipelineConfig threadNamePrefix(final String prefix)
    {
        this.threadNamePrefix = prefix;
        return this;
    }

    public String threadNamePrefix()
    {
        return threadNamePrefix;
    }

    /** The counters the pipeline's threads write (default: in memory). */
    public PipelineConfig counters(final EngineCounters counters)
    {
        this.counters = counters;
        return this;
    }

    public EngineCounters counters()
    {
        if (counters == null)
        {
            counters = EngineCounters.inMemory();
        }
        return counters;
    }
}
