package io.ordo.journal.pipeline;

import java.util.concurrent.atomic.AtomicBoolean;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

/**
 * The Disruptor's {@code LiteBlockingWaitStrategy}, except that a handler gated by another handler also sleeps
 * until the sequence it waits for has moved, instead of spinning on it. The Disruptor's blocking strategies block
 * only on the ring's cursor and then spin on the gating handlers' sequences: on two cores a handler spinning on
 * the journaller took the CPU the journaller needed (the BLP's thread 0.45 us of CPU a command, the dispatcher's
 * 0.34 us spinning on the output journaller, in {@link ThreadLayout#FOUR_THREADS}).
 * <p>
 * So every handler that gates another must call {@link #signalAllWhenBlocking()} once it has moved its sequence
 * (through the Disruptor's sequence callback, see {@link JournallerHandler}); the ring's publishers signal as
 * with any blocking strategy. As in the lite strategy, a signal takes the lock only when a waiter said it sleeps,
 * and a waiter says so before its last look at the sequence, so no wake-up is lost.
 * <p>
 * Thread safe: one instance per ring, shared by the ring's publishers and handler threads.
 */
final class GatedLiteBlockingWaitStrategy implements WaitStrategy
{
    private final Object mutex = new Object();
    private final AtomicBoolean signalNeeded = new AtomicBoolean(false);

    @Override
    public long waitFor(
        final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
        throws AlertException, InterruptedException
    {
        long available = dependentSequence.get();
        if (available < sequence)
        {
            synchronized (mutex)
            {
                while ((available = dependentSequence.get()) < sequence)
                {
                    signalNeeded.getAndSet(true);
                    available = dependentSequence.get();
                    if (available >= sequence)
                    {
                        break;
                    }
                    barrier.checkAlert();
                    mutex.wait();
                }
            }
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking()
    {
        if (signalNeeded.getAndSet(false))
        {
            synchronized (mutex)
            {
                mutex.notifyAll();
            }
        }
    }

    @Override
    public String toString()
    {
        return "GatedLiteBlockingWaitStrategy{signalNeeded=" + signalNeeded.get() + '}';
    }
}
