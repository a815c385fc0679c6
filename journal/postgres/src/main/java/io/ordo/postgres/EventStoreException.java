package io.ordo.postgres;

/** The PostgreSQL event store could not be read or written; the message says which and why. */
public final class EventStoreException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public EventStoreException(final String message, final Throwable cause)
    {
        super(message, cause);
    }

    public EventStoreException(final String message)
    {
        super(message);
    }
}
