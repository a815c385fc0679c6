package io.ordo.journal.pipeline;

import org.agrona.DirectBuffer;

/**
 * Receives the outcome of a submitted command once its events are in the output journal.
 * <p>
 * Called on the pipeline's result-dispatcher thread, one command at a time in sequence order. The buffer is reused
 * after the call returns: copy what must outlive it. Must not block for long: it holds up every later result.
 */
@FunctionalInterface
public interface ResultListener
{
    /**
     * @param sequence the command's input journal sequence.
     * @param events   the command's events back to back, each an SBE message header and block; walk them with
     *                 {@link EventCursor}. Never empty: the last event is the terminal outcome or follows it.
     * @param offset   of the first event.
     * @param length   of all events in bytes.
     */
    void onResult(long sequence, DirectBuffer events, int offset, int length);
}
