package io.ordo.journal.pipeline;

import com.lmax.disruptor.EventHandler;

/**
 * First handler of the output ring: appends each command's events to the output journal as one record.
 * <p>
 * Owned by the output journaller thread.
 */
final class EventJournallerHandler implements EventHandler<EventSlot>
{
    private final EventJournal journal;

    EventJournallerHandler(final EventJournal journal)
    {
        this.journal = journal;
    }

    @Override
    public void onEvent(final EventSlot slot, final long ringSequence, final boolean endOfBatch)
    {
        journal.append(slot.sequence, slot.events, 0, slot.length);
        if (endOfBatch)
        {
            journal.endOfBatch();
        }
    }
}
