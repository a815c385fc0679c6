package io.ordo.journal.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import io.ordo.journal.counters.EngineCounters;

/**
 * First handler of the output ring: appends each command's events to the output journal as one record. At the end
 * of a batch, once the journal has it, wakes the dispatcher if it waits on a thread of its own ({@link GateSignal}).
 * <p>
 * Owned by the output journaller thread.
 */
final class EventJournallerHandler implements EventHandler<EventSlots>
{
    private final EventJournal journal;
    private final EngineCounters counters;
    private final GateSignal gate;

    EventJournallerHandler(final EventJournal journal, final EngineCounters counters, final GateSignal gate)
    {
        this.journal = journal;
        this.counters = counters;
        this.gate = gate;
    }

    @Override
    public void setSequenceCallback(final Sequence sequenceCallback)
    {
        gate.sequence(sequenceCallback);
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
            gate.passed(ringSequence);
        }
    }
}
