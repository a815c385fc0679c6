package io.ordo.core;

import org.agrona.DirectBuffer;

/**
 * Receives the encoded events the {@link BusinessLogicProcessor} produces, synchronously and in order.
 * <p>
 * Called on the BLP thread only. The buffer is reused after the call returns: copy what must outlive it.
 */
@FunctionalInterface
public interface EventSink
{
    /**
     * One encoded event: an SBE message header followed by the event's block.
     *
     * @param buffer holding the event.
     * @param offset of the message header.
     * @param length of header plus block in bytes.
     */
    void onEvent(DirectBuffer buffer, int offset, int length);
}
