package io.ordo.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import io.ordo.core.BlpConfig;
import io.ordo.core.BlpSnapshotLoader;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.core.SnapshotException;
import org.agrona.DirectBuffer;

/**
 * The snapshots of a data directory: each one's file, sequence, size and the state hash it holds ({@link #list}),
 * and whether that hash is the one a replay of the input journal from the first command reaches at its sequence
 * ({@link #check}): a snapshot that loads but holds another state than its journal says would make a recovery
 * from it silently wrong. Read only, under the directory's reader lock.
 * <p>
 * Runs on the calling thread.
 */
public final class SnapshotCheck
{
    /**
     * One snapshot file.
     *
     * @param stateHash       the state hash it holds, or null when it does not load.
     * @param problem         why it does not load, or why it does not match the replay; null when it is fine.
     * @param replayStateHash the replay's state hash at its sequence ({@link #check} only; else null).
     */
    public record Entry(Path file, long sequence, long sizeBytes, Long stateHash, String problem, Long replayStateHash)
    {
        public boolean ok()
        {
            return problem == null;
        }
    }

    private SnapshotCheck()
    {
    }

    /** @return every snapshot file, oldest first, loaded and hashed. */
    public static List<Entry> list(final DataDirectory directory)
    {
        try (DataDirectoryLock lock = directory.lockForReading())
        {
            directory.openExisting(new BlpConfig());
            return load(directory);
        }
    }

    /**
     * @return every snapshot, oldest first, with the replay's state hash at its sequence; a snapshot beyond the
     * journal's last record, or whose hash differs, has a problem.
     */
    public static List<Entry> check(final DataDirectory directory)
    {
        try (DataDirectoryLock lock = directory.lockForReading())
        {
            final BlpConfig config = directory.openExisting(new BlpConfig());
            final List<Entry> loaded = load(directory);
            final TreeMap<Long, Long> replayHashes = new TreeMap<>();
            for (final Entry entry : loaded)
            {
                replayHashes.put(entry.sequence, null);
            }
            final long lastSequence;
            if (!replayHashes.isEmpty())
            {
                final JournalReplay replay = new JournalReplay(config, false, new ReplayListener()
                {
                    @Override
                    public boolean onCommand(final JournalReader input, final BusinessLogicProcessor blp,
                        final DirectBuffer events, final int eventsLength)
                    {
                        if (replayHashes.containsKey(input.sequence()))
                        {
                            replayHashes.put(input.sequence(), blp.stateHash());
                        }
                        return input.sequence() < replayHashes.lastKey();
                    }
                });
                replay.start(List.of(), JournalReplay.LAST_SEQUENCE_UNKNOWN);
                replay.replay(directory.inputJournal());
                lastSequence = replay.lastSequence();
            }
            else
            {
                lastSequence = 0;
            }
            final List<Entry> checked = new ArrayList<>(loaded.size());
            for (final Entry entry : loaded)
            {
                final Long replayHash = replayHashes.get(entry.sequence);
                String problem = entry.problem;
                if (problem == null && replayHash == null)
                {
                    problem = "at sequence " + entry.sequence + ", beyond the input journal's last record " +
                        lastSequence + ": not from this journal";
                }
                else if (problem == null && !replayHash.equals(entry.stateHash))
                {
                    problem = String.format("holds state hash %016x, the replay reaches %016x at its sequence: " +
                        "delete it (recovery would use it)", entry.stateHash, replayHash);
                }
                checked.add(new Entry(entry.file, entry.sequence, entry.sizeBytes, entry.stateHash, problem,
                    replayHash));
            }
            return checked;
        }
    }

    private static List<Entry> load(final DataDirectory directory)
    {
        final List<Entry> entries = new ArrayList<>();
        try
        {
            final List<Path> files = new ArrayList<>(new SnapshotStore(directory.snapshots(), 1).list());
            files.sort(null);
            for (final Path file : files)
            {
                final long size = Files.size(file);
                try
                {
                    final SnapshotStore.Snapshot snapshot = SnapshotStore.load(file);
                    final long hash = BlpSnapshotLoader.load(snapshot.body, 0, snapshot.bodyLength, (b, o, l) -> { })
                        .stateHash();
                    entries.add(new Entry(file, snapshot.sequence, size, hash, null, null));
                }
                catch (final JournalException | SnapshotException e)
                {
                    entries.add(new Entry(file, SnapshotStore.sequenceOf(file), size, null,
                        "does not load: " + e.getMessage(), null));
                }
            }
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("cannot list " + directory.snapshots() + ": " + e, e);
        }
        return entries;
    }
}
