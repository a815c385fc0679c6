package io.ordo.client;

/**
 * Told when an {@link OrdoClient}'s connection drops and when it is back. Called on the client's own threads; must
 * not block for long.
 */
public interface ConnectionListener
{
    /** The connection dropped; the client will try again if configured to. */
    default void onDisconnected(final Throwable cause)
    {
    }

    /** Connected and logged in again; unanswered commands are being sent again. */
    default void onReconnected()
    {
    }

    /** The client gave up (closed, login refused, or reconnecting is off); pending commands have failed. */
    default void onClosed(final Throwable cause)
    {
    }
}
