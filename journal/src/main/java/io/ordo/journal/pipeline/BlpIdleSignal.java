package io.ordo.journal.pipeline;

import java.util.Arrays;

import com.lmax.disruptor.WaitStrategy;

/**
 * Whether the BLP's thread sleeps for want of commands, for the waiters that wake lazily
 * ({@link GatedLiteBlockingWaitStrategy}). While the BLP is busy, the input journaller and the output side let work
 * pile up before they are woken: the BLP has commands to apply, and its results go out when it runs dry. Once the
 * BLP sleeps, any work wakes them, so a lone command is journaled, applied and answered without waiting.
 * <p>
 * The BLP's waiter calls {@link #enter()} before it sleeps: that marks it idle and signals both rings' strategies,
 * which wakes a lazy waiter that let work pile up. It calls {@link #leave()} once awake. A publisher that sees the
 * BLP busy and so wakes no one races with the BLP going idle; the BLP's mark and its signal close that race: it
 * marks itself idle before it looks at what is published, the publisher publishes before it looks at the mark.
 * <p>
 * Thread safe: written by the BLP's thread only, read by the publishers and the other handler threads.
 */
final class BlpIdleSignal
{
    /** True until the BLP first looks for work: a pipeline that has not started is idle. */
    private volatile boolean idle = true;
    private WaitStrategy[] strategies = new WaitStrategy[0];

    /** Adds a strategy to signal when the BLP goes idle; before the pipeline's threads start. */
    void signals(final WaitStrategy strategy)
    {
        final WaitStrategy[] more = Arrays.copyOf(strategies, strategies.length + 1);
        more[strategies.length] = strategy;
        strategies = more;
    }

    /** @return true while the BLP sleeps (or has not yet looked for work). */
    boolean isIdle()
    {
        return idle;
    }

    /** The BLP is about to sleep: marks it idle, then wakes every lazy waiter that has work. BLP thread only. */
    void enter()
    {
        idle = true;
        for (final WaitStrategy strategy : strategies)
        {
            strategy.signalAllWhenBlocking();
        }
    }

    /** The BLP is awake. BLP thread only. */
    void leave()
    {
        idle = false;
    }
}
