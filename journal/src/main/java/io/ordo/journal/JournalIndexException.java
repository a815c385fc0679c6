package io.ordo.journal;

/**
 * Damage in Chronicle Queue's index of a journal file rather than in its records ({@link ChronicleIndexCheck}):
 * not a torn write, and not repaired; the file needs restoring from a copy.
 */
public final class JournalIndexException extends JournalException
{
    private static final long serialVersionUID = 1L;

    public JournalIndexException(final String message)
    {
        super(message);
    }
}
