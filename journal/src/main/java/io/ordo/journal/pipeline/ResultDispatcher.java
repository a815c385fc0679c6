package io.ordo.journal.pipeline;

import com.lmax.disruptor.EventHandler;
import io.ordo.journal.counters.EngineCounters;

/**
 * Second handler of the output ring, gated by the output journaller: completes the submitter's
 * {@link ResultListener} only once the command's events are in the output journal (and, in sync mode, on disk).
 * <p>
 * Owned by the dispatcher thread.
 */
final class ResultDispatcher implements EventHandler<EventSlot>
{
    private final EngineCounters counters;
    private volatile long listenerFailures;

    ResultDispatcher(final EngineCounters counters)
    {
        this.counters = counters;
    }

    @Override
    public void onEvent(final EventSlot slot, final long ringSequence, final boolean endOfBatch)
    {
        count(slot);
        final ResultListener listener = slot.listener;
        if (listener != null)
        {
            slot.listener = null;
            try
            {
                listener.onResult(slot.sequence, slot.events, 0, slot.length);
            }
            catch (final Throwable t)
            {
                // A submitter's defect must not stop the results of everybody else.
                listenerFailures++;
            }
        }
    }

    /** @return how many listener calls threw (each is the submitter's defect; the pipeline went on). */
    long listenerFailures()
    {
        return listenerFailures;
    }

    /** Events out, and the command's rejection by reason, as the BLP handler noted them in the slot. */
    private void count(final EventSlot slot)
    {
        counters.eventsOut.getAndAddRelease(slot.eventCount);
        if (slot.rejectReason != EventSlot.NOT_REJECTED)
        {
            counters.onRejected(slot.rejectReason);
        }
    }
}
