package io.ordo.journal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.function.LongConsumer;

import io.ordo.core.BlpConfig;
import io.ordo.core.BlpSnapshotLoader;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.core.SnapshotException;
import io.ordo.journal.pipeline.EventCursor;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * Checks a data directory end to end: the {@link JournalReplay} from the first command, whose listener compares
 * every command's events with the output journal, checks both checksum chains and sequences (so a changed,
 * inserted, removed or reordered record is found and named), and checks every snapshot against the replay at its
 * sequence (equal state hash). Stops at the first divergence of the journals and reports the sequence, the
 * command, and the expected (journaled) and actual (replayed) event. Read only.
 * <p>
 * Runs on the calling thread.
 */
public final class Verifier
{
    private Verifier()
    {
    }

    /**
     * @param ok               whether everything matched.
     * @param inputRecords     input journal records replayed.
     * @param outputRecords    output journal records compared.
     * @param snapshotsChecked snapshots whose state hash was compared.
     * @param problems         what did not match, in the order found (empty when ok).
     * @param lastInputChecksum  the input chain's last checksum: record it elsewhere to detect a rewritten tail.
     * @param lastOutputChecksum the output chain's last checksum.
     * @param outputBehind     input records after the output journal's last (0 normally): a crash between the
     *                         journals, or an output journal moved aside to be rebuilt. Not a problem: the recorded
     *                         events all matched, and starting the engine writes the missing ones.
     */
    public record Result(boolean ok, long inputRecords, long outputRecords, int snapshotsChecked,
        List<String> problems, int lastInputChecksum, int lastOutputChecksum, long outputBehind)
    {
    }

    public static Result verify(final DataDirectory directory, final PrintStream out) throws IOException
    {
        return verify(directory, out, sequence -> { });
    }

    /**
     * @param progress told the sequence verified every {@link EventHistory#PROGRESS_EVERY} commands.
     */
    public static Result verify(final DataDirectory directory, final PrintStream out, final LongConsumer progress)
        throws IOException
    {
        try (DataDirectoryLock lock = directory.lockForReading())
        {
            return verifyLocked(directory, out, progress);
        }
    }

    private static Result verifyLocked(final DataDirectory directory, final PrintStream out,
        final LongConsumer progress) throws IOException
    {
        final BlpConfig config = directory.openExisting(new BlpConfig());
        final List<String> problems = new ArrayList<>();

        // Snapshots: sequence -> state hash they hold. A damaged one is a problem of its own.
        final TreeMap<Long, Long> snapshotHashes = new TreeMap<>();
        final TreeMap<Long, Path> snapshotFiles = new TreeMap<>();
        for (final Path file : new SnapshotStore(directory.snapshots(), 1).list())
        {
            try
            {
                final SnapshotStore.Snapshot snapshot = SnapshotStore.load(file);
                final long hash = BlpSnapshotLoader.load(snapshot.body, 0, snapshot.bodyLength, (b, o, l) -> {})
                    .stateHash();
                snapshotHashes.put(snapshot.sequence, hash);
                snapshotFiles.put(snapshot.sequence, file);
            }
            catch (final JournalException | SnapshotException e)
            {
                problems.add("snapshot " + file + " damaged: " + e.getMessage());
            }
        }

        final long inputRecords;
        final OutputComparison comparison;
        try (JournalReader output = new JournalReader(directory.outputJournal(), "output journal"))
        {
            output.toStart();
            comparison = new OutputComparison(output, problems, snapshotHashes, snapshotFiles, progress);
            final JournalReplay replay = new JournalReplay(config, true, comparison);
            replay.start(List.of(), JournalReplay.LAST_SEQUENCE_UNKNOWN);
            try
            {
                replay.replay(directory.inputJournal());
                if (!comparison.outputEnded && problems.isEmpty() && output.next())
                {
                    problems.add("output journal has a record for sequence " + output.sequence() + " at " +
                        output.whereRead() + ", after the input journal's last record");
                }
            }
            catch (final JournalException e)
            {
                problems.add(e.getMessage());
            }
            inputRecords = replay.commands();
        }
        for (final Long sequence : snapshotHashes.keySet())
        {
            if (sequence > inputRecords && problems.isEmpty())
            {
                problems.add("snapshot " + snapshotFiles.get(sequence) + " is at sequence " + sequence +
                    ", beyond the input journal's last record " + inputRecords);
            }
        }
        final Result result = new Result(problems.isEmpty(), inputRecords, comparison.outputRecords,
            comparison.snapshotsChecked, List.copyOf(problems), comparison.lastInputChecksum,
            comparison.lastOutputChecksum, comparison.outputEnded ? inputRecords - comparison.outputRecords : 0);
        if (out != null)
        {
            print(out, directory, result);
        }
        return result;
    }

    /**
     * The listener of verify's replay: reads the output journal along with the input journal and compares each
     * command's record with the replayed events, and the state hash at each snapshot's sequence with the
     * snapshot's. Stops the replay at the first divergence of the journals.
     */
    private static final class OutputComparison implements ReplayListener
    {
        private final JournalReader output;
        private final List<String> problems;
        private final TreeMap<Long, Long> snapshotHashes;
        private final TreeMap<Long, Path> snapshotFiles;
        private long outputRecords;
        private int snapshotsChecked;
        private int lastInputChecksum = JournalRecord.GENESIS_CHECKSUM;
        private int lastOutputChecksum = JournalRecord.GENESIS_CHECKSUM;
        private boolean outputEnded;
        private final LongConsumer progress;
        private long commands;

        OutputComparison(final JournalReader output, final List<String> problems,
            final TreeMap<Long, Long> snapshotHashes, final TreeMap<Long, Path> snapshotFiles,
            final LongConsumer progress)
        {
            this.progress = progress;
            this.output = output;
            this.problems = problems;
            this.snapshotHashes = snapshotHashes;
            this.snapshotFiles = snapshotFiles;
        }

        @Override
        public boolean onCommand(
            final JournalReader input, final BusinessLogicProcessor blp, final DirectBuffer events,
            final int eventsLength)
        {
            lastInputChecksum = input.checksum();
            final long sequence = input.sequence();
            if (++commands % EventHistory.PROGRESS_EVERY == 0)
            {
                progress.accept(sequence);
            }
            outputEnded = outputEnded || !output.next();
            if (!outputEnded)
            {
                outputRecords++;
                lastOutputChecksum = output.checksum();
                if (output.sequence() != sequence)
                {
                    problems.add("output journal at " + output.whereRead() + " holds sequence " +
                        output.sequence() + ", expected " + sequence);
                    return false;
                }
                final String divergence = compare(sequence, input, output, events, eventsLength);
                if (divergence != null)
                {
                    problems.add(divergence);
                    return false;
                }
            }
            final Long expectedHash = snapshotHashes.get(sequence);
            if (expectedHash != null)
            {
                snapshotsChecked++;
                final long stateHash = blp.stateHash();
                if (expectedHash != stateHash)
                {
                    problems.add(String.format("snapshot %s: state hash %016x, the replay to sequence %d " +
                        "gives %016x", snapshotFiles.get(sequence), expectedHash, sequence, stateHash));
                }
            }
            return true;
        }
    }

    private static String compare(
        final long sequence, final JournalReader input, final JournalReader output,
        final DirectBuffer actual, final int actualLength)
    {
        final ExpandableArrayBuffer expected = output.payload();
        final int expectedLength = output.length();
        if (expectedLength == actualLength &&
            Arrays.equals(expected.byteArray(), 0, expectedLength, actual.byteArray(), 0, actualLength))
        {
            return null;
        }
        final EventCursor journaled = new EventCursor().wrap(expected, 0, expectedLength);
        final EventCursor replayed = new EventCursor().wrap(actual, 0, actualLength);
        int index = 0;
        while (true)
        {
            final boolean hasJournaled = journaled.next();
            final boolean hasReplayed = replayed.next();
            if (!hasJournaled && !hasReplayed)
            {
                break;
            }
            final String journaledText = hasJournaled ?
                MessageText.describe(expected, journaled.offset(), journaled.length()) : "(no event)";
            final String replayedText = hasReplayed ?
                MessageText.describe(actual, replayed.offset(), replayed.length()) : "(no event)";
            if (!journaledText.equals(replayedText) || !hasJournaled || !hasReplayed)
            {
                return "divergence at sequence " + sequence + " (output journal " + output.whereRead() + "), event " +
                    (index + 1) +
                    "\n  command:  " + MessageText.describe(input.payload(), 0, input.length()) +
                    "\n  expected: " + journaledText + "   (output journal)" +
                    "\n  actual:   " + replayedText + "   (replay)";
            }
            index++;
        }
        return "divergence at sequence " + sequence + " (output journal " + output.whereRead() + "): the events " +
            "differ in bytes " +
            "that do not decode differently\n  command:  " + MessageText.describe(input.payload(), 0, input.length());
    }

    private static void print(final PrintStream out, final DataDirectory directory, final Result result)
    {
        out.printf("verify %s%n", directory.root());
        out.printf("  input journal:  %,d records, last checksum %08x%n", result.inputRecords(),
            result.lastInputChecksum());
        out.printf("  output journal: %,d records compared, last checksum %08x%n", result.outputRecords(),
            result.lastOutputChecksum());
        out.printf("  snapshots:      %d checked against the replay%n", result.snapshotsChecked());
        if (result.outputBehind() > 0)
        {
            out.printf("  note: the output journal ends %,d records before the input journal (a crash between " +
                "the journals, or an output journal moved aside to be rebuilt): starting the engine writes them%n",
                result.outputBehind());
        }
        if (result.ok())
        {
            out.println("OK: every event replays identically, both chains are intact, every snapshot matches");
        }
        else
        {
            for (final String problem : result.problems())
            {
                out.println("FAILED: " + problem);
            }
        }
    }
}
