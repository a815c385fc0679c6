package io.ordo.journal.pipeline;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** (The timeout only turns a waiter that never sleeps or never wakes into a failure instead of a hung build.) */
@Timeout(30)
class GatedLiteBlockingWaitStrategyTest
{
    private final GatedLiteBlockingWaitStrategy strategy = new GatedLiteBlockingWaitStrategy();
    private final RingBuffer<long[]> ring = RingBuffer.createSingleProducer(() -> new long[1], 16, strategy);
    /** The sequence of a handler that gates the waiting one, as the journaller gates the BLP. */
    private final Sequence gate = new Sequence(-1);
    private final SequenceBarrier gatedBarrier = ring.newBarrier(gate);
    private final AtomicLong returned = new AtomicLong(Long.MIN_VALUE);
    private final AtomicReference<Throwable> thrown = new AtomicReference<>();

    private Thread waitForGated(final long sequence)
    {
        return startWaiter(gatedBarrier, sequence, "gated-waiter");
    }

    private Thread startWaiter(final SequenceBarrier barrier, final long sequence, final String name)
    {
        final Thread waiter = new Thread(() ->
        {
            try
            {
                returned.set(barrier.waitFor(sequence));
            }
            catch (final Throwable t)
            {
                thrown.set(t);
            }
        }, name);
        waiter.setDaemon(true);
        waiter.start();
        return waiter;
    }

    private static void awaitAsleep(final Thread waiter) throws InterruptedException
    {
        while (waiter.getState() != Thread.State.WAITING)
        {
            assertThat(waiter.isAlive()).as("the waiter returned before the gate moved").isTrue();
            Thread.sleep(1);
        }
    }

    private void publish(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            ring.publish(ring.next());
        }
    }

    @Test
    void shouldPutAHandlerWhoseGateIsBehindToSleepInsteadOfSpinning() throws Exception
    {
        // given: the ring's cursor is far enough, the gating handler is not
        publish(4);

        // when
        final Thread waiter = waitForGated(3);

        // then: asleep (a thread spinning on the gate, as with the Disruptor's blocking strategies, stays RUNNABLE)
        awaitAsleep(waiter);
        gate.set(3);
        strategy.signalAllWhenBlocking();
        waiter.join();
        assertThat(thrown.get()).isNull();
        assertThat(returned.get()).isEqualTo(3);
    }

    @Test
    void shouldReturnWhatTheGateHasPassedWhenItIsAlreadyFarEnough() throws Exception
    {
        // given
        publish(8);
        gate.set(6);

        // when
        final Thread waiter = waitForGated(2);
        waiter.join();

        // then: all the gate has passed, without sleeping
        assertThat(thrown.get()).isNull();
        assertThat(returned.get()).isEqualTo(6);
    }

    @Test
    void shouldWakeAGatedHandlerWhenItsBarrierIsAlerted() throws Exception
    {
        // given: a handler asleep on its gate
        publish(2);
        final Thread waiter = waitForGated(1);
        awaitAsleep(waiter);

        // when: the ring is halted
        gatedBarrier.alert();
        waiter.join();

        // then
        assertThat(thrown.get()).isInstanceOf(AlertException.class);
    }

    @Test
    void shouldWakeAHandlerAsleepOnTheCursorWhenThePublisherPublishes() throws Exception
    {
        // given: a first handler (gated by the cursor only) asleep on an empty ring
        final Thread waiter = startWaiter(ring.newBarrier(), 0, "first-waiter");
        awaitAsleep(waiter);

        // when
        publish(1);
        waiter.join();

        // then
        assertThat(thrown.get()).isNull();
        assertThat(returned.get()).isEqualTo(0);
    }
}
