package io.ordo.core;

/**
 * A snapshot could not be loaded: its message names the field, the expected and the found value.
 */
public final class SnapshotException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public SnapshotException(final String message)
    {
        super(message);
    }
}
