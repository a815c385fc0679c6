package io.ordo.journal.pipeline;

import java.util.concurrent.TimeUnit;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * How the threads behind a ring wait for work. Busy spinning needs a core per waiting thread: on a 2-core machine
 * the pipeline's threads would starve each other and the submitters, so the default ({@link #DEFAULT}) is
 * {@link #LITE_BLOCKING}: a consumer woken by the publisher's signal, in tens of microseconds, and no signal when
 * no consumer sleeps. With journaling on it took as many commands a second as {@link #SLEEPING} (more in three
 * alternated rounds), at a p50 of about 40 us at 100k commands/s offered where SLEEPING's was 300-550 us
 * (docs/performance.md, "Default wait strategy").
 */
public enum WaitStrategyKind
{
    /** Lock and condition: least CPU, highest wake-up latency; the publisher signals under a lock. */
    BLOCKING,
    /**
     * Like {@link #BLOCKING} but the publisher only signals when a consumer is actually asleep, and a handler gated
     * by another sleeps too instead of spinning ({@link GatedLiteBlockingWaitStrategy}). The default.
     */
    LITE_BLOCKING,
    /** Spin briefly, then back off to a lock. */
    PHASED_BACKOFF,
    /** Spin, then yield, then park for 100 ns at a time (about 50 us on Linux): no locks on the publisher side. */
    SLEEPING,
    /** Spin, then {@code Thread.yield()}: low latency if there are spare cores. */
    YIELDING,
    /** Spin forever: lowest latency, needs a dedicated core per consumer thread. */
    BUSY_SPIN;

    /** The name of {@link #DEFAULT}: a constant, for the command-line options' defaults. */
    public static final String DEFAULT_NAME = "LITE_BLOCKING";
    /** The engine's default for both rings. */
    public static final WaitStrategyKind DEFAULT = valueOf(DEFAULT_NAME);

    /** @return a new wait strategy of this kind (one per ring: some hold state). */
    public WaitStrategy newWaitStrategy()
    {
        switch (this)
        {
            case BLOCKING:
                return new BlockingWaitStrategy();
            case LITE_BLOCKING:
                return new GatedLiteBlockingWaitStrategy();
            case PHASED_BACKOFF:
                return PhasedBackoffWaitStrategy.withLiteLock(10, 100, TimeUnit.MICROSECONDS);
            case YIELDING:
                return new YieldingWaitStrategy();
            case BUSY_SPIN:
                return new BusySpinWaitStrategy();
            case SLEEPING:
            default:
                return new SleepingWaitStrategy();
        }
    }
}
