package io.ordo.journal.pipeline;

import org.agrona.ExpandableArrayBuffer;

/**
 * One preallocated entry of the output ring: all events of one command, back to back. The buffer grows when a
 * command produces more events than it has ever held (a deep sweep) and keeps its size afterwards.
 * <p>
 * Written by the BLP handler; then the output journaller and the result dispatcher read it, in that order.
 */
final class EventSlot
{
    static final int INITIAL_CAPACITY = 1024;

    final ExpandableArrayBuffer events = new ExpandableArrayBuffer(INITIAL_CAPACITY);
    int length;
    /** Input sequence of the command that caused these events. */
    long sequence;
    ResultListener listener;
}
