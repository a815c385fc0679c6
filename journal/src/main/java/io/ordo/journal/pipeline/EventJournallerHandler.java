package io.ordo.journal.pipeline;

import com.lmax.disruptor.EventHandler;
import io.ordo.journal.counters.EngineCounters;

/**
 * First handler of the output ring: appends each command's events to the output journal as one record.
 * <p>
 * Owned by the output journaller thread.
 */
final class EventJournallerHandler implements EventHandler<EventSlots>
{
    private final EventJournal journal;
    private final EngineCounters counters;

    EventJournallerHandler(final EventJournal journal, final EngineCounters counters)
    {
        this.journal = journal;
        this.counters = counters;
    }

    @Override
    public void onEvent(final EventSlots slots, final long ringSequence, final boolean endOfBatch)
    {
        final int slot = slots.slotOffset(ringSequence);
        final long sequence = slots.sequence(slot);
        final int length = slots.length(slot);
        journal.append(sequence, slots.events(ringSequence, slot), slots.eventsOffset(slot), length);
        counters.outputRecords.incrementRelease();
        counters.outputJournalBytes.getAndAddRelease(length);
        if (endOfBatch)
        {
            counters.outputLastSequence.setRelease(sequence);
            journal.endOfBatch();
        }
    }
}
