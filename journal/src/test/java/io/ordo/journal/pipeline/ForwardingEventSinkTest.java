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
}
