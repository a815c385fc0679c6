package io.ordo.journal.pipeline;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * One preallocated entry of the input ring: an encoded command and what travels with it.
 * <p>
 * Written by one submitter between claim and publish; then the journaller stamps it and the BLP handler reads it,
 * in that order, as the Disruptor's sequences guarantee.
 */
final class CommandSlot
{
    final UnsafeBuffer buffer;
    int length;
    /** Global input sequence, set by the journaller. */
    long sequence;
    /** Where the journal put it, set by the journaller. */
    long journalPosition;
    ResultListener listener;

    CommandSlot(final int maxCommandLength)
    {
        buffer = new UnsafeBuffer(new byte[maxCommandLength]);
    }
}
