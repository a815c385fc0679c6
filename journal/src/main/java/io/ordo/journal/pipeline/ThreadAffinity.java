package io.ordo.journal.pipeline;

import java.util.BitSet;

import net.openhft.affinity.Affinity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the engine's threads may run: anywhere ({@link #NONE}, the default), or with the BLP's thread alone on one
 * CPU ({@link #blpOn(int)}): that thread is pinned to it, and every other thread of the engine (the other pipeline
 * threads, the journal pretoucher, the snapshot writer) to all the other CPUs, so that the BLP keeps its core's
 * caches and is never descheduled for the engine's own work. A submitting thread of the caller keeps off the BLP's
 * CPU with {@link #keepCurrentThreadOffBlpCpu()}, as the harness and {@code ordo server} do.
 * <p>
 * Measured on the 2-core machine (docs/performance.md, "Thread affinity"); exchange-core's throughput settings pin
 * its threads the same way (its {@code AffinityThreadFactory}). Uses OpenHFT's Java-Thread-Affinity
 * ({@code sched_setaffinity} on Linux); where that cannot pin, a thread logs one warning and runs unpinned.
 * <p>
 * Immutable; its methods act on the calling thread.
 */
public final class ThreadAffinity
{
    /** No pinning: the operating system places every thread. */
    public static final ThreadAffinity NONE = new ThreadAffinity(-1, 0);

    private static final Logger LOG = LoggerFactory.getLogger(ThreadAffinity.class);

    private final int blpCpu;
    private final int cpus;

    private ThreadAffinity(final int blpCpu, final int cpus)
    {
        this.blpCpu = blpCpu;
        this.cpus = cpus;
    }

    /**
     * @param cpu the CPU the BLP's thread gets to itself.
     * @throws IllegalArgumentException if this machine has no such CPU, or only one.
     */
    public static ThreadAffinity blpOn(final int cpu)
    {
        final int cpus = Runtime.getRuntime().availableProcessors();
        if (cpus < 2)
        {
            throw new IllegalArgumentException("the BLP's thread cannot have a CPU of its own: this machine has " +
                "one CPU");
        }
        if (cpu < 0 || cpu >= cpus)
        {
            throw new IllegalArgumentException("no CPU " + cpu + " for the BLP's thread: this machine has CPUs 0.." +
                (cpus - 1));
        }
        return new ThreadAffinity(cpu, cpus);
    }

    /** @return the BLP's CPU, or -1 for {@link #NONE}. */
    public int blpCpu()
    {
        return blpCpu;
    }

    /** Pins the calling thread, the one that runs the BLP, to the BLP's CPU. Nothing for {@link #NONE}. */
    public void pinCurrentThreadToBlpCpu()
    {
        if (blpCpu >= 0)
        {
            final BitSet cpu = new BitSet(cpus);
            cpu.set(blpCpu);
            apply(cpu);
        }
    }

    /** Lets the calling thread run on every CPU but the BLP's. Nothing for {@link #NONE}. */
    public void keepCurrentThreadOffBlpCpu()
    {
        if (blpCpu >= 0)
        {
            final BitSet others = new BitSet(cpus);
            others.set(0, cpus);
            others.clear(blpCpu);
            apply(others);
        }
    }

    /** @return the task, run by a thread that first pins itself to the BLP's CPU: the BLP's thread. */
    public Runnable onBlpCpu(final Runnable task)
    {
        return blpCpu < 0 ? task : () ->
        {
            pinCurrentThreadToBlpCpu();
            task.run();
        };
    }

    /** @return the task, run by a thread that first keeps off the BLP's CPU. */
    public Runnable offBlpCpu(final Runnable task)
    {
        return blpCpu < 0 ? task : () ->
        {
            keepCurrentThreadOffBlpCpu();
            task.run();
        };
    }

    private static void apply(final BitSet cpus)
    {
        Affinity.setAffinity(cpus);
        final BitSet actual = Affinity.getAffinity();
        if (!cpus.equals(actual))
        {
            LOG.warn("thread {} could not be pinned to CPUs {} (it may run on {}): thread affinity is not " +
                "available here", Thread.currentThread().getName(), cpus, actual);
        }
    }

    @Override
    public String toString()
    {
        return blpCpu < 0 ? "none" : "BLP on CPU " + blpCpu + ", the engine's other threads on the other CPUs";
    }
}
