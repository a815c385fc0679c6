package io.ordo.journal;

import org.agrona.DirectBuffer;

/**
 * Receives the records an {@link EventTail} delivers: one call per input command, in sequence order.
 * <p>
 * Called on the thread that polls the tail, from inside {@link EventTail#poll}. The buffer belongs to the tail and
 * is overwritten by the next record: copy what must outlive the call.
 */
@FunctionalInterface
public interface EventTailListener
{
    /**
     * @param sequence the input command's sequence.
     * @param events   the command's events back to back, each an SBE message header and block, as the
     *                 {@link io.ordo.journal.pipeline.ResultListener} got them; walk them with
     *                 {@link io.ordo.journal.pipeline.EventCursor}.
     * @param offset   of the first event.
     * @param length   of all events in bytes.
     */
    void onRecord(long sequence, DirectBuffer events, int offset, int length);
}
