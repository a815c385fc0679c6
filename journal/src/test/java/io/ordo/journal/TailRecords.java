package io.ordo.journal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.agrona.DirectBuffer;

/** For tests: what an {@link EventTail} delivered, in order (sequences, and each record's events copied). */
final class TailRecords implements EventTailListener
{
    final List<Long> sequences = new ArrayList<>();
    private final Map<Long, byte[]> events = new HashMap<>();

    @Override
    public void onRecord(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        sequences.add(sequence);
        events.put(sequence, bytes);
    }

    byte[] events(final long sequence)
    {
        return events.get(sequence);
    }
}
