package io.ordo.journal;

import java.nio.file.Path;

import io.ordo.core.BusinessLogicProcessor;
import org.agrona.DirectBuffer;

/**
 * What a {@link JournalReplay} does beyond rebuilding the state, the part in which recovery, replay and verify
 * differ: recovery writes the output records a crash left missing, verify compares each command's events with
 * the output journal and checks the snapshots, replay only counts.
 * <p>
 * Called on the replaying thread.
 */
interface ReplayListener
{
    /**
     * A snapshot could not be loaded (damaged, unreadable, of another format); the replay tries the next older
     * one, then none.
     */
    default void onSnapshotUnusable(final Path file, final RuntimeException cause)
    {
    }

    /** A snapshot is at a sequence after the input journal's last record; it is not used. */
    default void onSnapshotBeyondJournal(final Path file, final long snapshotSequence, final long lastSequence)
    {
    }

    /**
     * One input journal record, chain-checked, has been applied to the BLP.
     *
     * @param input        positioned on that record: its sequence, checksum, payload and place.
     * @param blp          with the command applied: read it (e.g. its state hash), never feed it.
     * @param events       all the events the command produced, back to back (none if the replay discards them).
     * @param eventsLength their total length in bytes.
     * @return true to go on with the next record, false to stop the replay here.
     */
    boolean onCommand(JournalReader input, BusinessLogicProcessor blp, DirectBuffer events, int eventsLength);
}
