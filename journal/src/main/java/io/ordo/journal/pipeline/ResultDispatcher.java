package io.ordo.journal.pipeline;

import com.lmax.disruptor.EventHandler;
import io.ordo.journal.counters.EngineCounters;
import io.ordo.protocol.codec.CommandRejectedDecoder;
import io.ordo.protocol.codec.MessageHeaderDecoder;

/**
 * Second handler of the output ring, gated by the output journaller: completes the submitter's
 * {@link ResultListener} only once the command's events are in the output journal (and, in sync mode, on disk).
 * <p>
 * Owned by the dispatcher thread.
 */
final class ResultDispatcher implements EventHandler<EventSlot>
{
    private static final int REASON_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH +
        CommandRejectedDecoder.reasonEncodingOffset();

    private final EngineCounters counters;
    private final EventCursor cursor = new EventCursor();
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

    /** Events out, and the command's rejection by reason (its outcome is the record's last event). */
    private void count(final EventSlot slot)
    {
        long events = 0;
        cursor.wrap(slot.events, 0, slot.length);
        while (cursor.next())
        {
            events++;
            if (cursor.templateId() == CommandRejectedDecoder.TEMPLATE_ID && cursor.length() > REASON_OFFSET)
            {
                counters.onRejected(slot.events.getByte(cursor.offset() + REASON_OFFSET));
            }
        }
        counters.eventsOut.getAndAddRelease(events);
    }
}
