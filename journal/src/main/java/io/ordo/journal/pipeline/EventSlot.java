package io.ordo.journal.pipeline;

import org.agrona.ExpandableArrayBuffer;

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

    final ExpandableArrayBuffer events = new ExpandableArrayBuffer(INITIAL_CAPACITY);
    int length;
    /** Input sequence of the command that caused these events. */
    long sequence;
    /** How many events {@link #events} holds, counted by the BLP handler as it wrote them. */
    int eventCount;
    /** The command's rejection reason code if its outcome was a rejection, else {@link #NOT_REJECTED}. */
    int rejectReason;
    ResultListener listener;
}
