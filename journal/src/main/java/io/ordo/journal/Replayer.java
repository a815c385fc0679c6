package io.ordo.journal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;

import io.ordo.core.BlpConfig;
import io.ordo.core.BusinessLogicProcessor;
import org.agrona.DirectBuffer;

/**
 * Rebuilds the state from a data directory as fast as it can: the {@link JournalReplay} from the newest usable
 * snapshot (or none), every input journal record after it chain-checked, with a BLP whose events go nowhere; as
 * its listener it only says which snapshots were skipped. Read only: touches no file.
 * <p>
 * Runs on the calling thread.
 */
public final class Replayer
{
    private Replayer()
    {
    }

    /**
     * @param snapshot          the snapshot used, or null for a replay from the first command.
     * @param snapshotSequence  its sequence (0 without).
     * @param commands          records replayed after it.
     * @param elapsedNs         time spent reading and applying them (loading the snapshot excluded).
     * @param lastSequence      of the journal.
     * @param stateHash         of the rebuilt state.
     */
    public record Result(Path snapshot, long snapshotSequence, long commands, long elapsedNs, long lastSequence,
        long stateHash)
    {
        public long commandsPerSecond()
        {
            return elapsedNs > 0 ? (long)(commands * 1e9 / elapsedNs) : 0;
        }
    }

    /**
     * @param fromSnapshot start from the newest usable snapshot rather than from the first command.
     * @param out          where to say which snapshots were skipped and why; null for silence.
     */
    public static Result replay(final DataDirectory directory, final boolean fromSnapshot, final PrintStream out)
        throws IOException
    {
        return replay(directory, fromSnapshot, out, sequence -> { });
    }

    /**
     * @param progress told the sequence replayed every {@link EventHistory#PROGRESS_EVERY} commands.
     */
    public static Result replay(final DataDirectory directory, final boolean fromSnapshot, final PrintStream out,
        final LongConsumer progress) throws IOException
    {
        try (DataDirectoryLock lock = directory.lockForReading())
        {
            return replayLocked(directory, fromSnapshot, out, progress);
        }
    }

    private static Result replayLocked(final DataDirectory directory, final boolean fromSnapshot, final PrintStream out,
        final LongConsumer progress) throws IOException
    {
        final BlpConfig config = directory.openExisting(new BlpConfig());
        final JournalReplay replay = new JournalReplay(config, false, new SkippedSnapshotPrinter(out, progress));
        final List<Path> snapshots = fromSnapshot ? new SnapshotStore(directory.snapshots(), 1).list() : List.of();
        final BusinessLogicProcessor blp = replay.start(snapshots, JournalReplay.LAST_SEQUENCE_UNKNOWN);
        replay.replay(directory.inputJournal());
        final SnapshotStore.Snapshot snapshot = replay.snapshot();
        return new Result(snapshot == null ? null : snapshot.file, replay.snapshotSequence(), replay.commands(),
            replay.replayNs(), replay.lastSequence(), blp.stateHash());
    }

    /** Replays every command; prints each snapshot skipped. */
    private static final class SkippedSnapshotPrinter implements ReplayListener
    {
        private final PrintStream out;
        private final LongConsumer progress;
        private long commands;

        SkippedSnapshotPrinter(final PrintStream out, final LongConsumer progress)
        {
            this.out = out;
            this.progress = progress;
        }

        @Override
        public void onSnapshotUnusable(final Path file, final RuntimeException cause)
        {
            if (out != null)
            {
                out.println("skipping snapshot " + file + ": " + cause.getMessage());
            }
        }

        @Override
        public boolean onCommand(
            final JournalReader input, final BusinessLogicProcessor blp, final DirectBuffer events,
            final int eventsLength)
        {
            if (++commands % EventHistory.PROGRESS_EVERY == 0)
            {
                progress.accept(input.sequence());
            }
            return true;
        }
    }
}
