package io.ordo.journal.pipeline;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * One preallocated entry of the output ring: all events of one command, back to back. The buffer grows when a
 * command produces more events than it has ever held (a deep sweep) and keeps its size afterwards.
 * <p>
 * Written by the BLP handler, which also notes how many events it holds and whether the command was rejected (so
 * that no later reader walks the events again to count them); then the output journaller and the result dispatcher
 * read it, in that order.
 */
final class EventSlot
{
    static final int INITIAL_CAPACITY = 1024;
    static final int NOT_REJECTED = -1;

    /**
     * An {@link UnsafeBuffer} over an array, grown by {@link #ensureCapacity}: the BLP's encoders write into it as
     * into their scratch buffers, the same buffer class at every call site (an expandable buffer there would make
     * them polymorphic, and check the capacity on every put).
     */
    final UnsafeBuffer events = new UnsafeBuffer(new byte[INITIAL_CAPACITY]);
    int length;
    /** Input sequence of the command that caused these events. */
    long sequence;
    /** How many events {@link #events} holds, counted by the BLP handler as it wrote them. */
    int eventCount;
    /** The command's rejection reason code if its outcome was a rejection, else {@link #NOT_REJECTED}. */
    int rejectReason;
    ResultListener listener;

    /** Makes room for {@code capacity} bytes, keeping what the buffer holds. */
    void ensureCapacity(final int capacity)
    {
        if (events.capacity() < capacity)
        {
            final byte[] grown = new byte[Math.max(capacity, events.capacity() * 2)];
            events.getBytes(0, grown, 0, events.capacity());
            events.wrap(grown);
        }
    }
}
