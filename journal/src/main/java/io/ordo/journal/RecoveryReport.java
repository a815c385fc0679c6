package io.ordo.journal;

import java.nio.file.Path;
import java.util.List;

/**
 * What start-up recovery did, for the operator and for tests.
 *
 * @param snapshot           the snapshot recovery started from, or null for a replay from the first command.
 * @param snapshotSequence   the sequence that snapshot holds the state after (0 without one).
 * @param replayedCommands   input journal records applied after the snapshot.
 * @param rewrittenOutputs   output records that were missing (a crash between the two journals) and were written.
 * @param lastSequence       the input journal's last sequence: the next command gets one more.
 * @param recoveryNs         wall time of the whole recovery.
 * @param checkNs            of that, the check of both journals from their first records (it grows with the
 *                           journal kept).
 * @param warnings           snapshots that could not be used and why, in the order they were tried.
 * @param unusableSnapshots  of those, the ones that did not load (damaged, unreadable): damage, where the others
 *                           (beyond the journals' end) are not.
 */
public record RecoveryReport(
    Path snapshot,
    long snapshotSequence,
    long replayedCommands,
    long rewrittenOutputs,
    long lastSequence,
    long recoveryNs,
    long checkNs,
    List<String> warnings,
    int unusableSnapshots)
{
}
