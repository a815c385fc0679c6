package io.ordo.journal.pipeline;

import com.lmax.disruptor.EventHandler;

/**
 * Second handler of the output ring, gated by the output journaller: completes the submitter's
 * {@link ResultListener} only once the command's events are in the output journal (and, in sync mode, on disk).
 * <p>
 * Owned by the dispatcher thread.
 */
final class ResultDispatcher implements EventHandler<EventSlot>
{
    private volatile long listenerFailures;

    @Override
    public void onEvent(final EventSlot slot, final long ringSequence, final boolean endOfBatch)
    {
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
}
