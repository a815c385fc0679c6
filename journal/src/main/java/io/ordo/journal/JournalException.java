package io.ordo.journal;

/**
 * A journal, snapshot or data directory is damaged or does not belong to this build. The message names the file,
 * the position and what was expected and found.
 */
public class JournalException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public JournalException(final String message)
    {
        super(message);
    }

    public JournalException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
