package io.ordo.journal.pipeline;

import com.lmax.disruptor.DataProvider;
import com.lmax.disruptor.EventHandler;

/**
 * Two handlers of one ring on one thread, in order: the first handles a batch of events, then the second handles the
 * same batch. The first handler sees the end of the batch (where a journal syncs, in sync mode) before the second
 * sees any of it, so the second never sees an event before the first has finished with it, as if it were gated by it
 * on a thread of its own. The batches are the processor's, capped at {@link CappedBatchProcessorFactory#MAX_BATCH}
 * events, which bounds how long the second step of a batch's first event waits. The ring's slots of a batch stay
 * this handler's until it returns from the batch's last event (the Disruptor moves its sequence only then), so the
 * second handler reads them unchanged.
 * <p>
 * If the first handler throws, the second does not see the batch; if the second throws, the rest of its batch is
 * not handled. Either stops the thread (see {@link Pipeline}).
 * <p>
 * Owned by the ring's one handler thread.
 *
 * @param <T> the ring's slot type.
 */
final class ChainedHandler<T> implements EventHandler<T>
{
    private final EventHandler<T> first;
    private final EventHandler<T> second;
    private final DataProvider<T> ring;
    private long batchStart = -1;

    ChainedHandler(final EventHandler<T> first, final EventHandler<T> second, final DataProvider<T> ring)
    {
        this.first = first;
        this.second = second;
        this.ring = ring;
    }

    @Override
    public void onEvent(final T event, final long sequence, final boolean endOfBatch) throws Exception
    {
        if (batchStart < 0)
        {
            batchStart = sequence;
        }
        first.onEvent(event, sequence, endOfBatch);
        if (endOfBatch)
        {
            final long start = batchStart;
            batchStart = -1;
            for (long s = start; s < sequence; s++)
            {
                second.onEvent(ring.get(s), s, false);
            }
            second.onEvent(event, sequence, true);
        }
    }
}
