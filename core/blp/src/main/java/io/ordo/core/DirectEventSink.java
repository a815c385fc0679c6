package io.ordo.core;

import org.agrona.MutableDirectBuffer;

/**
 * An {@link EventSink} that lends the BLP its own buffer: each event is encoded straight into the place it is kept
 * (an output ring slot, say) instead of into the BLP's scratch buffer and then copied, one copy of every event fewer.
 * The way Aeron's {@code tryClaim} lets a publisher write into the log buffer. The bytes are the same either way.
 * <p>
 * For each event the BLP calls {@link #claim}, encodes at most the claimed length at {@link #claimOffset()}, then
 * calls {@link #commit} with the event's length; the event counts as published once {@code commit} returns.
 * {@link #onEvent} must still take an event encoded elsewhere (as a plain sink does).
 * <p>
 * Called on the BLP thread only.
 */
public interface DirectEventSink extends EventSink
{
    /**
     * @param maxLength the most the next event will take, header included.
     * @return the buffer to encode the next event into, with at least {@code maxLength} bytes from
     *         {@link #claimOffset()}.
     */
    MutableDirectBuffer claim(int maxLength);

    /** @return where in the buffer {@link #claim} returned the next event starts. */
    int claimOffset();

    /**
     * The claimed event is encoded: it is published.
     *
     * @param length of the event, header plus block, at most the claimed length.
     */
    void commit(int length);
}
