package io.ordo.journal;

/**
 * {@link Engine#openEventTail} cannot resume after the sequence asked for: the output journal no longer holds the
 * records right after it, or has not journaled it yet. Nothing is wrong with the journal; the caller picks another
 * resume point (or tells its client). The valid resume points are {@link #firstSequence()} - 1 to
 * {@link #lastSequence()}.
 */
public final class ResumeRefusedException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    /** Why a resume point was refused. */
    public enum Reason
    {
        /** The records after the resume point were in cycle files that have been archived (moved away). */
        HISTORY_ARCHIVED,
        /** The resume point is after the last record journaled when the tail was opened. */
        BEYOND_JOURNAL
    }

    private final Reason reason;
    private final long afterSequence;
    private final long firstSequence;
    private final long lastSequence;

    ResumeRefusedException(
        final Reason reason, final long afterSequence, final long firstSequence, final long lastSequence,
        final String journal)
    {
        super(message(reason, afterSequence, firstSequence, lastSequence, journal));
        this.reason = reason;
        this.afterSequence = afterSequence;
        this.firstSequence = firstSequence;
        this.lastSequence = lastSequence;
    }

    private static String message(
        final Reason reason, final long afterSequence, final long firstSequence, final long lastSequence,
        final String journal)
    {
        if (reason == Reason.HISTORY_ARCHIVED)
        {
            return "cannot resume after sequence " + afterSequence + ": the history before sequence " +
                firstSequence + " is no longer in the " + journal + " (its earlier cycle files were archived); " +
                "it holds sequences " + firstSequence + " to " + lastSequence + ", so the earliest resume point " +
                "is after sequence " + (firstSequence - 1);
        }
        return "cannot resume after sequence " + afterSequence + ": the " + journal + " ends at sequence " +
            lastSequence + (lastSequence == 0 ? " (it is empty)" : "") + "; a resume point must be a sequence " +
            "already journaled";
    }

    public Reason reason()
    {
        return reason;
    }

    /** @return the resume point asked for. */
    public long afterSequence()
    {
        return afterSequence;
    }

    /** @return the sequence of the journal's first record, 0 if the journal is empty. */
    public long firstSequence()
    {
        return firstSequence;
    }

    /** @return the sequence of the journal's last record when the tail was opened, 0 if the journal is empty. */
    public long lastSequence()
    {
        return lastSequence;
    }
}
