package io.ordo.journal.pipeline;

import com.lmax.disruptor.EventHandler;
import io.ordo.journal.counters.EngineCounters;

/**
 * First handler of the output ring: appends each command's events to the output journal as one record.
 * <p>
 * Owned by the output journaller thread.
 */
final class EventJournallerHandler implements EventHandler<EventSlot>
{
    private final EventJournal journal;
    private final EngineCounters counters;

    EventJournallerHandler(final EventJournal journal, final EngineCounters counters)
    {
        this.journal = journal;
        this.counters = counters;
    }

    @Override
    public void onEvent(final EventSlot slot, final long ringSequence, final boolean endOfBatch)
    {
        journal.append(slot.sequence, slot.events, 0, slot.length);
        counters.outputRecords.incrementRelease();
        counters.outputJournalBytes.getAndAddRelease(slot.length);
        if (endOfBatch)
        {
            counters.outputLastSequence.setRelease(slot.sequence);
            journal.endOfBatch();
        }
    }
}
