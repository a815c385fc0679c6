package io.ordo.journal.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventProcessor;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.ordo.journal.counters.EngineCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backlog longer than {@link CappedBatchProcessorFactory#MAX_BATCH} (up to the whole ring, when a handler looks
 * after a submitter filled it) reaches each handler as batches of at most that many events: the journaller ends a
 * journal document and lets the BLP on after each, and a chained second handler follows each batch, not only the
 * backlog's end.
 */
@Timeout(30)
class CappedBatchProcessorFactoryTest
{
    private static final int RING = 1024;
    private static final int BACKLOG = 2 * CappedBatchProcessorFactory.MAX_BATCH + 88;
    private static final ExceptionHandler<Object> RETHROW = new ExceptionHandler<>()
    {
        @Override
        public void handleEventException(final Throwable ex, final long sequence, final Object event)
        {
            throw new IllegalStateException(ex);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            throw new IllegalStateException(ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            throw new IllegalStateException(ex);
        }
    };

    private final List<Thread> threads = new ArrayList<>();
    private final List<EventProcessor> processors = new ArrayList<>();

    private static List<Long> batchEnds()
    {
        final List<Long> ends = new ArrayList<>();
        final int max = CappedBatchProcessorFactory.MAX_BATCH;
        for (long end = max - 1; end < BACKLOG - 1; end += max)
        {
            ends.add(end);
        }
        ends.add((long)BACKLOG - 1);
        return ends;
    }

    @Test
    void shouldHandAChainedPairALongBacklogInBatchesOfAtMostMaxBatch() throws Exception
    {
        // given: the whole backlog published before the processor first looks
        final RingBuffer<long[]> ring = RingBuffer.createSingleProducer(() -> new long[1], RING,
            new GatedLiteBlockingWaitStrategy());
        ring.publish(ring.next(BACKLOG) - BACKLOG + 1, BACKLOG - 1);
        final List<String> calls = new ArrayList<>();
        final EventHandler<long[]> first = (event, sequence, endOfBatch) -> calls.add("first " + sequence +
            (endOfBatch ? " end" : ""));
        final EventHandler<long[]> second = (event, sequence, endOfBatch) -> calls.add("second " + sequence +
            (endOfBatch ? " end" : ""));
        final CappedBatchProcessorFactory<long[]> chained =
            new CappedBatchProcessorFactory<>(new ChainedHandler<>(first, second, ring), RETHROW);

        // when
        start(chained.createEventProcessor(ring, new Sequence[0]));
        awaitHandled(chained, BACKLOG - 1);

        // then: each batch to the first handler, then to the second
        final List<String> expected = new ArrayList<>();
        long start = 0;
        for (final long end : batchEnds())
        {
            for (long s = start; s <= end; s++)
            {
                expected.add("first " + s + (s == end ? " end" : ""));
            }
            for (long s = start; s <= end; s++)
            {
                expected.add("second " + s + (s == end ? " end" : ""));
            }
            start = end + 1;
        }
        stopAll();
        assertThat(calls).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldEndAJournalDocumentPerBatchAndApplyNothingBeforeItsDocumentEnded() throws Exception
    {
        // given: a backlog of commands in the input ring, the journaller and a recorder gated by it
        final CommandSlots slots = new CommandSlots(RING, 512);
        TestCommandSlots.fill(slots, 11, BACKLOG);
        final GatedLiteBlockingWaitStrategy waitStrategy = new GatedLiteBlockingWaitStrategy();
        final RingBuffer<CommandSlots> ring = RingBuffer.createSingleProducer(() -> slots, RING, waitStrategy);
        ring.publish(ring.next(BACKLOG) - BACKLOG + 1, BACKLOG - 1);
        final RecordingJournals.Commands journal = new RecordingJournals.Commands();
        final CappedBatchProcessorFactory<CommandSlots> journaller = new CappedBatchProcessorFactory<>(
            new JournallerHandler(journal, () -> 1_000, 1, 0, EngineCounters.inMemory(), ring,
                new GateSignal(waitStrategy)), RETHROW);
        final List<Long> notYetJournaled = new ArrayList<>();
        final List<Long> seenAtBatchEnds = new ArrayList<>();
        final CappedBatchProcessorFactory<CommandSlots> gated = new CappedBatchProcessorFactory<>(
            (event, ringSequence, endOfBatch) ->
            {
                if (journal.syncedSequence < event.sequence(event.slotOffset(ringSequence)))
                {
                    notYetJournaled.add(ringSequence);
                }
                if (endOfBatch)
                {
                    seenAtBatchEnds.add(ringSequence);
                }
            }, RETHROW);

        // when
        final EventProcessor journalling = journaller.createEventProcessor(ring, new Sequence[0]);
        start(gated.createEventProcessor(ring, new Sequence[] {journalling.getSequence()}));
        start(journalling);
        awaitHandled(gated, BACKLOG - 1);
        stopAll();

        // then: a journal document per batch, and every command applied only after its document ended
        assertThat(journal.batches).isEqualTo(batchEnds().size());
        assertThat(journal.entries).hasSize(BACKLOG);
        assertThat(notYetJournaled).as("commands seen before their document ended").isEmpty();
        assertThat(seenAtBatchEnds.get(seenAtBatchEnds.size() - 1)).isEqualTo(BACKLOG - 1);
        assertThat(seenAtBatchEnds).allSatisfy(end -> assertThat(end).isIn(batchEnds()));
    }

    private void start(final EventProcessor processor)
    {
        processors.add(processor);
        final Thread thread = new Thread(processor, "capped-batch-test");
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private static void awaitHandled(final CappedBatchProcessorFactory<?> processors, final long sequence)
    {
        while (processors.handledSequence() < sequence)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private void stopAll() throws InterruptedException
    {
        for (final EventProcessor processor : processors)
        {
            processor.halt();
        }
        for (final Thread thread : threads)
        {
            thread.join();
        }
    }
}
