package io.ordo.journal.pipeline;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

/**
 * A blocking wait strategy for two cores: every waiting handler sleeps, a signal wakes only a handler whose wait is
 * over, and a handler that wakes lazily is woken only once a backlog has piled up (or the BLP has run dry).
 * <ul>
 *     <li>As in the Disruptor's {@code LiteBlockingWaitStrategy}, a publisher signals only when a handler said it
 *     sleeps, and a handler says so before its last look at the sequence, so no wake-up is lost.</li>
 *     <li>A handler gated by another handler sleeps too, until the sequence it waits for has moved, instead of
 *     spinning on it as with the Disruptor's blocking strategies: on two cores a handler spinning on the journaller
 *     took the CPU the journaller needed. Every handler that gates another must call
 *     {@link #signalAllWhenBlocking()} once it has moved its sequence ({@link GateSignal}).</li>
 *     <li>Each handler sleeps on its own ({@link LockSupport#park}), and a signal wakes a handler only if what it
 *     waits for is there: a publication no longer wakes the BLP asleep on the journaller, nor the journaller's
 *     signal a publisher's waiter.</li>
 *     <li>The first handler of a ring can wake lazily ({@code lazyFirst}): while the BLP is busy
 *     ({@link BlpIdleSignal}) it is woken only once {@code wakeBacklog} entries wait for it, not by each
 *     publication. On two cores each sleep and wake-up of a thread costs microseconds of CPU (a futex call each
 *     side and a context switch, and an interrupt between the virtual CPUs), and at full speed the journaller and
 *     the output side slept and woke 10-20 thousand times a second, each time for a hundred commands or so. Once
 *     the BLP sleeps, any entry wakes them, as the BLP's waiter signals every lazy strategy when it goes idle: a
 *     lone command is not held back. The same idea as a virtio ring's event index (the consumer names the index at
 *     which it wants to be notified), with the BLP's idleness as the deadline.</li>
 * </ul>
 * <p>
 * Thread safe: one instance per ring, shared by the ring's publishers and handler threads. Each handler (each
 * sequence barrier) is a waiter of its own, registered the first time it waits.
 */
final class GatedLiteBlockingWaitStrategy implements WaitStrategy
{
    /** Which of a ring's handlers is the BLP, whose sleep marks the BLP idle. */
    enum BlpStage
    {
        /** Neither (the output ring, or a ring outside a pipeline). */
        NONE,
        /** The handler that waits on the ring's cursor: the journaller and BLP on one thread. */
        FIRST,
        /** A handler gated by another handler: the BLP gated by the journaller. */
        GATED
    }

    private static final VarHandle SLEEPING;

    static
    {
        try
        {
            SLEEPING = MethodHandles.lookup().findVarHandle(Waiter.class, "sleeping", boolean.class);
        }
        catch (final ReflectiveOperationException e)
        {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final BlpIdleSignal blpIdle;
    private final boolean lazyFirst;
    private final BlpStage blpStage;
    private final long wakeBacklog;
    private volatile Waiter[] waiters = new Waiter[0];
    /** Wake-ups signalled (a handler unparked): rare next to the publications, so a plain atomic. */
    private final AtomicLong wakeUps = new AtomicLong();

    /** Wakes every waiter as soon as its sequence is there: no lazy handler, no BLP. */
    GatedLiteBlockingWaitStrategy()
    {
        this(new BlpIdleSignal(), false, BlpStage.NONE, 1);
    }

    /**
     * @param blpIdle     the pipeline's: read by lazy waiters, marked by the BLP's.
     * @param lazyFirst   whether the handler that waits on the cursor wakes lazily.
     * @param blpStage    which of this ring's handlers is the BLP.
     * @param wakeBacklog how many entries wake a lazy handler while the BLP is busy; 1 is eager.
     */
    GatedLiteBlockingWaitStrategy(
        final BlpIdleSignal blpIdle, final boolean lazyFirst, final BlpStage blpStage, final long wakeBacklog)
    {
        if (wakeBacklog < 1)
        {
            throw new IllegalArgumentException("wakeBacklog must be >= 1: " + wakeBacklog);
        }
        this.blpIdle = blpIdle;
        this.lazyFirst = lazyFirst && wakeBacklog > 1;
        this.blpStage = blpStage;
        this.wakeBacklog = wakeBacklog;
    }

    @Override
    public long waitFor(
        final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
        throws AlertException, InterruptedException
    {
        long available = dependentSequence.get();
        if (available >= sequence)
        {
            return available;
        }
        final Waiter waiter = waiter(barrier, dependentSequence, dependentSequence == cursor);
        while (true)
        {
            waiter.next = sequence;
            SLEEPING.setVolatile(waiter, true);
            if (waiter.blp)
            {
                blpIdle.enter();
            }
            available = dependentSequence.get();
            if (available < sequence && !barrier.isAlerted())
            {
                LockSupport.park(this);
            }
            SLEEPING.setVolatile(waiter, false);
            if (waiter.blp)
            {
                blpIdle.leave();
            }
            barrier.checkAlert();
            available = dependentSequence.get();
            if (available >= sequence)
            {
                return available;
            }
            if (Thread.interrupted())
            {
                throw new InterruptedException();
            }
        }
    }

    @Override
    public void signalAllWhenBlocking()
    {
        // A publisher's cursor and a gate's sequence are release stores: order them before the look at the waiters
        // (the waiter's side orders its flag before its look at the sequence).
        VarHandle.fullFence();
        for (final Waiter waiter : waiters)
        {
            if ((boolean)SLEEPING.getVolatile(waiter) && waiter.isDue() &&
                SLEEPING.compareAndSet(waiter, true, false))
            {
                wakeUps.incrementAndGet();
                LockSupport.unpark(waiter.thread);
            }
        }
    }

    /** @return how many times a signal has woken a handler so far. */
    long wakeUps()
    {
        return wakeUps.get();
    }

    private Waiter waiter(final SequenceBarrier barrier, final Sequence dependentSequence, final boolean first)
    {
        for (final Waiter waiter : waiters)
        {
            if (waiter.barrier == barrier)
            {
                return waiter;
            }
        }
        return register(barrier, dependentSequence, first);
    }

    private synchronized Waiter register(
        final SequenceBarrier barrier, final Sequence dependentSequence, final boolean first)
    {
        final boolean blp = blpStage == (first ? BlpStage.FIRST : BlpStage.GATED);
        final Waiter waiter = new Waiter(
            Thread.currentThread(), barrier, dependentSequence, first && lazyFirst && !blp, blp);
        final Waiter[] more = Arrays.copyOf(waiters, waiters.length + 1);
        more[waiters.length] = waiter;
        waiters = more;
        return waiter;
    }

    @Override
    public String toString()
    {
        return "GatedLiteBlockingWaitStrategy{lazyFirst=" + lazyFirst + ", blpStage=" + blpStage +
            ", wakeBacklog=" + wakeBacklog + ", waiters=" + waiters.length + '}';
    }

    /** One handler that waits: written by its own thread, read by the signalling ones. */
    private final class Waiter
    {
        final Thread thread;
        final SequenceBarrier barrier;
        final Sequence dependent;
        final boolean lazy;
        final boolean blp;
        /** The sequence it waits for; written before {@link #sleeping} is set, read after it is seen set. */
        long next;
        @SuppressWarnings("unused") // through SLEEPING
        boolean sleeping;

        Waiter(
            final Thread thread, final SequenceBarrier barrier, final Sequence dependent, final boolean lazy,
            final boolean blp)
        {
            this.thread = thread;
            this.barrier = barrier;
            this.dependent = dependent;
            this.lazy = lazy;
            this.blp = blp;
        }

        /** @return whether what it waits for is there: its sequence, or its backlog while the BLP is busy. */
        boolean isDue()
        {
            if (barrier.isAlerted())
            {
                return true;
            }
            final long wanted = lazy && !blpIdle.isIdle() ? next + wakeBacklog - 1 : next;
            return dependent.get() >= wanted;
        }
    }
}
