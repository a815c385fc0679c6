package io.ordo.client;

import io.ordo.protocol.codec.SessionErrorCode;
import org.agrona.DirectBuffer;

/**
 * Receives a drop copy: the events of each journaled command of the subscribed account(s), in sequence order, each
 * command once, across reconnects (the client resumes after the last sequence delivered). Called on the client's
 * reader thread; decode the events with {@link io.ordo.protocol.EventAdapter}. The buffer is reused after the call.
 */
public interface DropCopyListener
{
    /**
     * @param sequence the command's input journal sequence.
     * @param events   the command's events that concern the subscription, back to back (SBE header and block each).
     */
    void onEvents(long sequence, DirectBuffer events, int offset, int length);

    /**
     * The server took the subscription: history after {@code afterSequence} and then live events follow. Called
     * once per subscribe (again after each reconnect, with the sequence the client resumes from), even when the
     * account is quiet and no events come.
     */
    default void onSubscribed(final long afterSequence)
    {
    }

    /** The server refused the subscription (e.g. {@code RESUME_REFUSED}: detail = the first sequence it holds). */
    default void onRefused(final SessionErrorCode code, final long detail)
    {
    }
}
