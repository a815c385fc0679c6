package io.ordo.journal.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of the pipeline's failure record: of failures reported by several threads at once, exactly the
 * first is kept and stays; every other one is counted.
 */
class FirstFailureTest
{
    private static final int THREADS = 8;

    @RepeatedTest(50)
    void shouldRecordExactlyTheFirstOfFailuresReportedConcurrentlyAndCountTheOthers() throws Exception
    {
        // given: threads that each report a failure of their own as soon as they are all released
        final FirstFailure failures = new FirstFailure();
        final CountDownLatch ready = new CountDownLatch(THREADS);
        final CountDownLatch go = new CountDownLatch(1);
        final List<Throwable> reported = new ArrayList<>();
        final AtomicIntegerArray recorded = new AtomicIntegerArray(THREADS);
        final List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++)
        {
            final int index = i;
            final Throwable failure = new IllegalStateException("failure of thread " + i);
            reported.add(failure);
            final Thread thread = new Thread(() ->
            {
                ready.countDown();
                awaitUninterruptibly(go);
                recorded.set(index, failures.onFailure(failure) ? 1 : 0);
            }, "reporter-" + i);
            threads.add(thread);
            thread.start();
        }

        // when
        ready.await();
        go.countDown();
        for (final Thread thread : threads)
        {
            thread.join();
        }

        // then
        final List<Integer> firsts = new ArrayList<>();
        for (int i = 0; i < THREADS; i++)
        {
            if (recorded.get(i) == 1)
            {
                firsts.add(i);
            }
        }
        assertThat(firsts).as("threads told that their failure is the one recorded").hasSize(1);
        assertThat(failures.failure()).as("the recorded failure is the first thread's own")
            .isSameAs(reported.get(firsts.get(0)));
        assertThat(failures.laterFailures()).as("every other failure counted").isEqualTo(THREADS - 1);
    }

    @Test
    void shouldKeepTheFirstFailureWhenLaterOnesAreReported()
    {
        // given
        final FirstFailure failures = new FirstFailure();
        final Throwable first = new IllegalStateException("first");

        // when
        final boolean recordedFirst = failures.onFailure(first);
        final boolean recordedSecond = failures.onFailure(new IllegalStateException("second"));

        // then
        assertThat(recordedFirst).isTrue();
        assertThat(recordedSecond).isFalse();
        assertThat(failures.failure()).isSameAs(first);
        assertThat(failures.laterFailures()).isEqualTo(1);
    }

    @Test
    void shouldHaveNoFailureUntilOneIsReported()
    {
        final FirstFailure failures = new FirstFailure();

        assertThat(failures.failure()).isNull();
        assertThat(failures.laterFailures()).isZero();
    }

    private static void awaitUninterruptibly(final CountDownLatch latch)
    {
        while (true)
        {
            try
            {
                latch.await();
                return;
            }
            catch (final InterruptedException e)
            {
                // nobody interrupts these threads; keep waiting for the start signal
            }
        }
    }
}
