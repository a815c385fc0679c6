package io.ordo.journal.pipeline;

import io.ordo.core.BusinessLogicProcessor;

/**
 * Told when the BLP reaches a snapshot point: every configured number of commands, and after an accepted
 * {@code TakeSnapshot} command. Both are positions in the input journal, so a replay meets the same points.
 * <p>
 * Called on the BLP thread between two commands; the BLP must not be touched after the call returns. Whatever is
 * slow (writing files) belongs on another thread.
 */
@FunctionalInterface
public interface SnapshotListener
{
    /** Takes no snapshots. */
    SnapshotListener NONE = (sequence, journalPosition, blp) -> {};

    /**
     * @param sequence        of the last command applied: the snapshot holds the state after it.
     * @param journalPosition of that command in the input journal, as {@link CommandJournal#append} returned it.
     * @param blp             to snapshot now.
     */
    void onSnapshotPoint(long sequence, long journalPosition, BusinessLogicProcessor blp);
}
