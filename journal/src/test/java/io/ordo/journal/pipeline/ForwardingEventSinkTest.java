package io.ordo.journal.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.agrona.MutableDirectBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardingEventSinkTest
{
    @Test
    void shouldHandAClaimedEventToAPlainTargetOnCommit()
    {
        // given
        final List<byte[]> received = new ArrayList<>();
        final ForwardingEventSink sink = new ForwardingEventSink((buffer, offset, length) ->
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            received.add(bytes);
        });

        // when
        final MutableDirectBuffer buffer = sink.claim(16);
        buffer.putBytes(sink.claimOffset(), new byte[] {1, 2, 3});
        sink.commit(3);

        // then
        assertThat(received).containsExactly(new byte[] {1, 2, 3});
    }

    @Test
    void shouldKeepAnOutputSlotsEventsWhenItGrows()
    {
        // given: an output slot holding the start of a long record
        final EventSlot slot = new EventSlot();
        final byte[] first = {7, 7, 7};
        slot.events.putBytes(0, first);
        slot.ensureCapacity(EventSlot.INITIAL_CAPACITY * 3);

        // then: grown, with what it held
        assertThat(slot.events.capacity()).isGreaterThanOrEqualTo(EventSlot.INITIAL_CAPACITY * 3);
        final byte[] kept = new byte[3];
        slot.events.getBytes(0, kept);
        assertThat(kept).isEqualTo(first);
    }
}
