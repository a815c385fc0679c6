package io.ordo.journal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import io.ordo.core.BlpConfig;
import io.ordo.core.BlpSnapshotLoader;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.core.EventSink;
import io.ordo.core.SnapshotException;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * Rebuilds the state from a data directory as fast as it can: the newest usable snapshot (or none), then every
 * input journal record after it, chain-checked, through a BLP whose events go nowhere. Read only: touches no file.
 * <p>
 * Runs on the calling thread.
 */
public final class Replayer
{
    private static final EventSink DISCARD = (buffer, offset, length) -> {};

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
        final BlpConfig config = directory.openForReading(new BlpConfig());
        BusinessLogicProcessor blp = null;
        SnapshotStore.Snapshot snapshot = null;
        if (fromSnapshot)
        {
            final List<Path> files = new SnapshotStore(directory.snapshots(), 1).list();
            for (final Path file : files)
            {
                try
                {
                    snapshot = SnapshotStore.load(file);
                    blp = BlpSnapshotLoader.load(snapshot.body, 0, snapshot.bodyLength, DISCARD);
                    break;
                }
                catch (final JournalException | SnapshotException e)
                {
                    snapshot = null;
                    if (out != null)
                    {
                        out.println("skipping snapshot " + file + ": " + e.getMessage());
                    }
                }
            }
        }
        if (blp == null)
        {
            blp = new BusinessLogicProcessor(config, DISCARD);
        }

        try (SingleChronicleQueue queue = DataDirectory.openQueue(directory.inputJournal(), true);
            JournalReader reader = new JournalReader(queue, "input journal", true))
        {
            long lastSequence = 0;
            if (snapshot != null)
            {
                if (!reader.startAt(snapshot.journalIndex, snapshot.sequence))
                {
                    reader.toStart();
                    while (reader.next() && reader.sequence() < snapshot.sequence)
                    {
                        // skip to the snapshot's command
                    }
                    if (reader.sequence() != snapshot.sequence)
                    {
                        throw new JournalException("snapshot " + snapshot.file + " is at sequence " +
                            snapshot.sequence + ", which the input journal does not hold");
                    }
                }
                lastSequence = snapshot.sequence;
            }
            else
            {
                reader.toStart();
            }
            long commands = 0;
            final long startNs = System.nanoTime();
            while (reader.next())
            {
                blp.onCommand(reader.payload(), 0, reader.length());
                commands++;
                lastSequence = reader.sequence();
            }
            final long elapsedNs = System.nanoTime() - startNs;
            return new Result(snapshot == null ? null : snapshot.file, snapshot == null ? 0 : snapshot.sequence,
                commands, elapsedNs, lastSequence, blp.stateHash());
        }
    }
}
