package io.ordo.read;

import org.agrona.DirectBuffer;

/**
 * Receives the output journal one record at a time: the events of one journaled command, back to back, each an SBE
 * message header and block, as the event adapter reads them. The same shape as the journal's tail listener, so that
 * a read model is fed from a live tail, from a scan of the journal, or in a test from the BLP's own events.
 * <p>
 * Called on the reader's thread; the buffer is reused after the call.
 */
@FunctionalInterface
public interface EventRecordListener
{
    /**
     * @param sequence the command's input journal sequence.
     * @param events   the command's events.
     * @param offset   of the first event.
     * @param length   of all the events together.
     */
    void onRecord(long sequence, DirectBuffer events, int offset, int length);
}
