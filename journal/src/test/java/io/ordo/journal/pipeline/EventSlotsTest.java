package io.ordo.journal.pipeline;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventSlotsTest
{
    @Test
    void shouldKeepAnOutputSlotsEventsWhenTheyOverflowItAndWhenTheOverflowGrows()
    {
        // given: an output slot holding the start of a record, in place
        final EventSlots slots = new EventSlots(4);
        final long ringSequence = 6;
        final int slot = slots.slotOffset(ringSequence);
        slots.clear(slot);
        final byte[] first = {7, 7, 7};
        slots.buffer.putBytes(EventSlots.inPlaceEventsOffset(slot), first);

        // when: the record outgrows the slot, then its overflow buffer
        final UnsafeBuffer spilled = slots.overflow(ringSequence, slot, first.length, EventSlots.SLOT_BYTES * 2);
        spilled.putBytes(first.length, new byte[] {8});
        final UnsafeBuffer grown = slots.overflow(ringSequence, slot, first.length + 1, EventSlots.SLOT_BYTES * 5);

        // then: the events are where the slot says, with what it held
        assertThat(slots.overflowed(slot)).isTrue();
        assertThat(grown.capacity()).isGreaterThanOrEqualTo(EventSlots.SLOT_BYTES * 5);
        assertThat(slots.events(ringSequence, slot)).isSameAs(grown);
        assertThat(slots.eventsOffset(slot)).isZero();
        final byte[] kept = new byte[4];
        grown.getBytes(0, kept);
        assertThat(kept).containsExactly(7, 7, 7, 8);

        // and: the next command in that slot starts in place again
        slots.clear(slot);
        assertThat(slots.events(ringSequence, slot)).isSameAs(slots.buffer);
        assertThat(slots.eventsOffset(slot)).isEqualTo(EventSlots.inPlaceEventsOffset(slot));
    }
}
