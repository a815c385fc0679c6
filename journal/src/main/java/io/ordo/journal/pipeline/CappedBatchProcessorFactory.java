package io.ordo.journal.pipeline;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventProcessor;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.dsl.EventProcessorFactory;

/**
 * Makes the pipeline's event processors: the Disruptor's {@link BatchEventProcessor}, with each batch capped at
 * {@link #MAX_BATCH} events ({@link BatchEventProcessorBuilder#setMaxBatchSize}). Uncapped, a batch is everything
 * published when the processor looks, up to the whole ring, and the processor moves its sequence only at the
 * batch's end: a handler gated by it then waited for the whole batch, and a submitter that had filled the ring
 * waited for the BLP to finish all of it. Capped, each handler sees an end of batch (where the journals end their
 * documents, and sync in sync mode) at least every {@link #MAX_BATCH} events, and its sequence moves after each.
 * <p>
 * One factory per handler, for the Disruptor's DSL ({@code handleEventsWith(factory).then(factory)}); it keeps the
 * processor it made, whose sequence {@link Pipeline#close()} waits on, and gives it the pipeline's exception
 * handler (the DSL's default exception handler applies only to processors the DSL makes itself).
 * <p>
 * Used on the thread that builds the pipeline; the processor it makes runs on the ring's handler thread.
 *
 * @param <T> the ring's slot type.
 */
final class CappedBatchProcessorFactory<T> implements EventProcessorFactory<T>
{
    /**
     * Longest batch: bounds how long a handler gated by another waits for the first event of a long batch, and
     * how many commands one journal document holds.
     */
    static final int MAX_BATCH = 256;

    private final EventHandler<? super T> handler;
    private final ExceptionHandler<? super T> exceptionHandler;
    private BatchEventProcessor<T> processor;

    CappedBatchProcessorFactory(
        final EventHandler<? super T> handler, final ExceptionHandler<? super T> exceptionHandler)
    {
        this.handler = handler;
        this.exceptionHandler = exceptionHandler;
    }

    @Override
    public EventProcessor createEventProcessor(final RingBuffer<T> ringBuffer, final Sequence[] barrierSequences)
    {
        if (processor != null)
        {
            throw new IllegalStateException("one processor per handler: " + handler);
        }
        processor = new BatchEventProcessorBuilder().setMaxBatchSize(MAX_BATCH)
            .build(ringBuffer, ringBuffer.newBarrier(barrierSequences), handler);
        processor.setExceptionHandler(exceptionHandler);
        return processor;
    }

    /** @return the sequence the processor has handled up to, or -1 before it was made. */
    long handledSequence()
    {
        return processor == null ? -1 : processor.getSequence().get();
    }
}
