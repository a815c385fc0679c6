package io.ordo.journal.pipeline;

import com.lmax.disruptor.EventHandler;
import io.ordo.journal.counters.EngineCounters;

/**
 * Second handler of the output ring, gated by the output journaller: completes the submitter's
 * {@link ResultListener} only once the command's events are in the output journal (and, in sync mode, on disk).
 * <p>
 * Owned by the dispatcher thread.
 */
final class ResultDispatcher implements EventHandler<EventSlots>
{
    private final EngineCounters counters;
    private volatile long listenerFailures;

    ResultDispatcher(final EngineCounters counters)
    {
        this.counters = counters;
    }

    @Override
    public void onEvent(final EventSlots slots, final long ringSequence, final boolean endOfBatch)
    {
        final int slot = slots.slotOffset(ringSequence);
        count(slots, slot);
        final ResultListener listener = slots.listener(ringSequence);
        if (listener != null)
        {
            slots.listener(ringSequence, null);
            try
            {
                listener.onResult(slots.sequence(slot), slots.events(ringSequence, slot), slots.eventsOffset(slot),
                    slots.length(slot));
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
    private void count(final EventSlots slots, final int slot)
    {
        counters.eventsOut.getAndAddRelease(slots.eventCount(slot));
        final int rejectReason = slots.rejectReason(slot);
        if (rejectReason != EventSlots.NOT_REJECTED)
        {
            counters.onRejected(rejectReason);
        }
    }
}
