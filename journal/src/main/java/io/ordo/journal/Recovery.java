package io.ordo.journal;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import io.ordo.core.BlpConfig;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.journal.pipeline.ForwardingEventSink;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.DirectBuffer;

/**
 * Start-up, in two steps:
 * <ol>
 *   <li>Check both journals from their first record to their last (files' structure, checksum chains,
 *       consecutive sequences: see {@link JournalReader}), writing nothing. Damage refuses the start with a message
 *       that says what it is and what to do: a torn last input record is told apart from the loss of commands that
 *       may have been acknowledged (their events are in the output journal); an output journal ahead of the input
 *       journal is a loss of input records.</li>
 *   <li>The {@link JournalReplay} from the newest usable snapshot that is not past the output journal's end
 *       (falling back to older ones, then to none), so that the output journal is continued from its own end,
 *       whether a crash between the journals left a few records missing or the operator moved it aside to have
 *       it rebuilt; as its listener, recovery writes exactly the output records the output journal lacks.</li>
 * </ol>
 * Leaves the journals open and positioned for the pipeline to continue both chains.
 * <p>
 * Runs on the starting thread before the pipeline exists.
 */
final class Recovery implements ReplayListener
{
    /**
     * Most records in one Chronicle document, in both journals: a batch of a journaller (the two-thread layout's
     * runs are at most as long) shares one document's header and index entry.
     */
    static final int RECORDS_PER_DOCUMENT = 256;

    private final DataDirectory directory;
    private final SnapshotStore store;
    private final Durability durability;
    private final boolean useSnapshots;
    private final long diskSpaceReserveBytes;
    private final List<String> warnings = new ArrayList<>();

    private long lastOutputSequence;
    private long rewritten;
    private int unusableSnapshots;

    ForwardingEventSink sink;
    BusinessLogicProcessor blp;
    ChronicleJournal inputJournal;
    ChronicleJournal outputJournal;
    long lastTimestampNs;
    RecoveryReport report;

    Recovery(final DataDirectory directory, final SnapshotStore store, final Durability durability,
        final boolean useSnapshots, final long diskSpaceReserveBytes)
    {
        this.directory = directory;
        this.store = store;
        this.durability = durability;
        this.useSnapshots = useSnapshots;
        this.diskSpaceReserveBytes = diskSpaceReserveBytes;
    }

    /**
     * @param config the directory's settings, as {@link DataDirectory#openExisting} (or a create) gave them.
     */
    void run(final BlpConfig config)
    {
        final long startNs = System.nanoTime();

        // First check both journals end to end, writing nothing: damage anywhere refuses the start. The output
        // journal (the larger) is checked on a thread of its own meanwhile; the input check marks where each
        // snapshot's record is, so that the replay need not read the journal a second time.
        final List<Path> snapshotFiles = useSnapshots ? snapshotFiles() : List.of();
        final FutureTask<JournalEnd> outputCheck =
            new FutureTask<>(() -> JournalEnd.of(directory.outputJournal(), "output journal"));
        final Thread checker = new Thread(outputCheck, "ordo-output-check");
        checker.setDaemon(true);
        checker.start();
        final JournalEnd input =
            JournalEnd.of(directory.inputJournal(), "input journal", snapshotSequences(snapshotFiles));
        // The input journal, the smaller, is done first: while the output check goes on, Chronicle's own start-up
        // (its Jvm class, about 0.2 s), which opening the queues below needs. It reads no journal.
        ChronicleLogHandler.install();
        final JournalEnd output = await(outputCheck, "checking the output journal");
        final long checkNs = Math.max(input.checkedNs, output.checkedNs) - startNs;
        lastTimestampNs = input.lastTimestampNs;
        if (input.damage != null)
        {
            throw inputDamaged(input, output);
        }
        if (output.damage != null)
        {
            throw outputDamaged(output);
        }
        if (output.lastSequence > input.lastSequence)
        {
            throw new JournalException("output journal " + directory.outputJournal() + " ends at sequence " +
                output.lastSequence + ", after the input journal's last sequence " + input.lastSequence + " in " +
                directory.inputJournal() + ": the input journal lost the commands at " +
                range(input.lastSequence + 1, output.lastSequence) + ", which may have been acknowledged (their " +
                "events are in the output journal). Restore the input journal from a copy; or, accepting their " +
                "loss, run './ordo repair --data " + directory.root() + " --truncate-torn-tail " +
                "--discard-acknowledged'");
        }
        lastOutputSequence = output.lastSequence;

        // Both journals passed: their queues are opened for appending on a thread of their own (Chronicle's class
        // loading, about 0.2 s) while this one loads the snapshot.
        final FutureTask<AppendQueues> opening = new FutureTask<>(() -> AppendQueues.open(directory));
        final Thread opener = new Thread(opening, "ordo-journal-open");
        opener.setDaemon(true);
        opener.start();
        boolean done = false;
        try
        {
            // The state to start from: the newest usable snapshot not past the output journal's end, so that every
            // output record from there on can be written (a rebuilt or lagging output journal).
            final JournalReplay replay = new JournalReplay(config, true, this);
            sink = replay.sink();
            blp = replay.start(snapshotFiles, output.lastSequence);
            final SnapshotStore.Snapshot snapshot = replay.snapshot();
            if (snapshot != null && blp.config().requestWindowCapacity() != config.requestWindowCapacity())
            {
                throw new JournalException("snapshot " + snapshot.file + " has a request window of " +
                    blp.config().requestWindowCapacity() + ", " + directory.metadata() + " says " +
                    config.requestWindowCapacity());
            }
            final AppendQueues queues = await(opening, "opening the journals");
            outputJournal = new ChronicleJournal(
                queues.output, durability, output.lastSequence, output.lastChecksum, diskSpaceReserveBytes,
                RECORDS_PER_DOCUMENT);
            replay.replay(directory.inputJournal(), input.marks);
            if (replay.lastSequence() != input.lastSequence)
            {
                throw new JournalException("input journal " + directory.inputJournal() + ": replay reached " +
                    "sequence " + replay.lastSequence() + " but the last record is " + input.lastSequence);
            }
            outputJournal.endOfBatch();
            outputJournal.handOver();
            inputJournal = new ChronicleJournal(queues.input, durability, input.lastSequence, input.lastChecksum,
                diskSpaceReserveBytes, RECORDS_PER_DOCUMENT);
            report = new RecoveryReport(snapshot == null ? null : snapshot.file, replay.snapshotSequence(),
                replay.commands(), rewritten, input.lastSequence, System.nanoTime() - startNs, checkNs,
                List.copyOf(warnings), unusableSnapshots);
            done = true;
        }
        finally
        {
            if (!done)
            {
                closeWhenOpened(opening);
            }
        }
    }

    /** After a failed start: closes the queues, waiting for the opener if it has not handed them over yet. */
    private static void closeWhenOpened(final FutureTask<AppendQueues> opening)
    {
        final AppendQueues opened;
        try
        {
            opened = await(opening, "opening the journals");
        }
        catch (final RuntimeException e)
        {
            return; // nothing was left open: the opener closes what it opened when it fails
        }
        opened.output.close();
        opened.input.close();
    }

    /** Both journals' queues, opened for appending. */
    private static final class AppendQueues
    {
        final SingleChronicleQueue input;
        final SingleChronicleQueue output;

        private AppendQueues(final SingleChronicleQueue input, final SingleChronicleQueue output)
        {
            this.input = input;
            this.output = output;
        }

        static AppendQueues open(final DataDirectory directory)
        {
            final SingleChronicleQueue input = openForAppending(directory.inputJournal(), "input journal");
            try
            {
                return new AppendQueues(input, openForAppending(directory.outputJournal(), "output journal"));
            }
            catch (final RuntimeException e)
            {
                input.close();
                throw e;
            }
        }
    }

    /** @return the task's result; its exception as it was thrown if unchecked, else wrapped. */
    private static <T> T await(final FutureTask<T> task, final String what)
    {
        try
        {
            return task.get();
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new JournalException("interrupted while " + what, e);
        }
        catch (final ExecutionException e)
        {
            if (e.getCause() instanceof RuntimeException runtime)
            {
                throw runtime;
            }
            throw new JournalException(what + " failed: " + e.getCause(), e.getCause());
        }
    }

    private static long[] snapshotSequences(final List<Path> files)
    {
        return files.stream().mapToLong(SnapshotStore::sequenceOf).filter(s -> s > 0).toArray();
    }

    /**
     * Opens a journal's queue for appending, refusing one Chronicle could open only read only (a damaged
     * {@code metadata.cq4t}, or a directory this process cannot write).
     */
    private static SingleChronicleQueue openForAppending(final Path journal, final String name)
    {
        final SingleChronicleQueue queue;
        try
        {
            queue = DataDirectory.openQueue(journal, false);
        }
        catch (final RuntimeException e)
        {
            throw cannotWrite(journal, name, e);
        }
        try (ExcerptAppender probe = queue.createAppender())
        {
            // Chronicle falls back to read only when it cannot write the queue: creating an appender then fails.
            probe.singleThreadedCheckReset();
        }
        catch (final RuntimeException e)
        {
            queue.close();
            throw cannotWrite(journal, name, e);
        }
        return queue;
    }

    private static JournalException cannotWrite(final Path journal, final String name, final RuntimeException cause)
    {
        return new JournalException("cannot open the " + name + " " + journal + " for writing (" +
            cause.getMessage() + "): check that this process may write the directory, and that " +
            journal.resolve("metadata.cq4t") + " is intact (it holds no journal data: move it aside and start " +
            "again to have it rebuilt)", cause);
    }

    private JournalException inputDamaged(final JournalEnd input, final JournalEnd output)
    {
        final String repair = "'./ordo repair --data " + directory.root() + " --truncate-torn-tail'";
        if (!input.damageIsLast)
        {
            return new JournalException(input.damage.getMessage() + ". Records follow it, so this is not a write " +
                "torn by a crash: restore " + directory.inputJournal() + " from a copy ('./ordo verify --data " +
                directory.root() + "' names every problem)", input.damage);
        }
        final long torn = input.lastSequence + 1;
        if (output.lastSequence >= torn)
        {
            return new JournalException(input.damage.getMessage() + ". It is the journal's last record, but the " +
                "output journal holds events up to sequence " + output.lastSequence + ": the commands at " +
                range(torn, output.lastSequence) + " may have been acknowledged, so this is not a write torn by a " +
                "crash. Restore " + directory.inputJournal() + " from a copy; or, accepting their loss, run " +
                "'./ordo repair --data " + directory.root() + " --truncate-torn-tail --discard-acknowledged'",
                input.damage);
        }
        return new JournalException(input.damage.getMessage() + ". It is the journal's last record and the output " +
            "journal has no events for it (it ends at sequence " + output.lastSequence + "): a write torn by a " +
            "crash, never acknowledged. Set it aside with " + repair + ", then start again", input.damage);
    }

    private JournalException outputDamaged(final JournalEnd output)
    {
        if (!output.damageIsLast)
        {
            return new JournalException(output.damage.getMessage() + ". Records follow it: restore " +
                directory.outputJournal() + " from a copy, or rebuild it from the input journal (stop, move " +
                directory.outputJournal() + " aside, start again: every output record is written anew)",
                output.damage);
        }
        return new JournalException(output.damage.getMessage() + ". It is the output journal's last record (a " +
            "write torn by a crash, or a cut file; results wait for the output journal, so it was never " +
            "acknowledged): set it aside with './ordo repair --data " + directory.root() + " --truncate-torn-tail'" +
            " and start again, which writes its events anew", output.damage);
    }

    static String range(final long from, final long to)
    {
        return from == to ? "sequence " + from : "sequences " + from + " to " + to;
    }

    /** Where a journal ends, after checking it from its first record; or the damage that stopped the check. */
    static final class JournalEnd
    {
        final long lastSequence;
        final int lastChecksum;
        final long records;
        final long lastTimestampNs;
        final JournalException damage;
        final boolean damageIsLast;
        /** When the check ended ({@link System#nanoTime()}). */
        final long checkedNs;
        /** Marks just after the records at the sequences asked for, those the journal holds intact. */
        final Map<Long, JournalReader.Mark> marks;

        private JournalEnd(final JournalReader reader, final long lastTimestampNs, final JournalException damage,
            final boolean damageIsLast, final Map<Long, JournalReader.Mark> marks)
        {
            this.marks = marks;
            this.lastSequence = reader.lastIntactSequence();
            this.lastChecksum = reader.lastIntactChecksum();
            this.records = reader.recordsRead();
            this.lastTimestampNs = lastTimestampNs;
            this.damage = damage;
            this.damageIsLast = damageIsLast;
            this.checkedNs = System.nanoTime();
        }

        static JournalEnd of(final Path journal, final String name)
        {
            return of(journal, name, new long[0]);
        }

        /** @param markSequences sequences whose records to mark (the snapshots'), in any order. */
        static JournalEnd of(final Path journal, final String name, final long[] markSequences)
        {
            try (JournalReader reader = new JournalReader(journal, name))
            {
                final Check check = new Check(reader, markSequences);
                try
                {
                    while (check.nextChunk())
                    {
                        // each chunk checks up to CHUNK_RECORDS records
                    }
                    return new JournalEnd(reader, check.timestampNs, null, false, check.marks);
                }
                catch (final JournalException e)
                {
                    final boolean last = !(e instanceof JournalIndexException) && !reader.hasMoreRecords();
                    return new JournalEnd(reader, check.timestampNs, e, last, check.marks);
                }
            }
        }
    }

    /**
     * One journal's check from its first record, a chunk of records per call. Both journals are checked at once,
     * on two threads running this code. With one loop over the whole journal, the JIT compiled that loop on the
     * stack (OSR); when the input check reached its journal's end, that compilation was made not entrant
     * ({@code -XX:+PrintCompilation}) and the output check ran its remaining records about 6x slower: 0.9-1.5 s
     * instead of 0.55 s for a 10M-command journal. A method called per chunk is compiled anew and entered again at
     * the next call.
     */
    private static final class Check
    {
        private static final int CHUNK_RECORDS = 1024;

        private final JournalReader reader;
        private final long[] sortedMarkSequences;
        private final Map<Long, JournalReader.Mark> marks = new HashMap<>();
        private long timestampNs;

        Check(final JournalReader reader, final long[] markSequences)
        {
            this.reader = reader;
            this.sortedMarkSequences = markSequences.clone();
            Arrays.sort(sortedMarkSequences);
        }

        /** @return false at the journal's end. */
        boolean nextChunk()
        {
            for (int i = 0; i < CHUNK_RECORDS; i++)
            {
                if (!reader.next())
                {
                    return false;
                }
                timestampNs = timestampOf(reader.payloadView(), reader.length());
                if (Arrays.binarySearch(sortedMarkSequences, reader.sequence()) >= 0)
                {
                    marks.put(reader.sequence(), reader.mark());
                }
            }
            return true;
        }
    }

    /** Writes the command's output record if the output journal lacks it. */
    @Override
    public boolean onCommand(
        final JournalReader input, final BusinessLogicProcessor blp, final DirectBuffer events, final int eventsLength)
    {
        if (input.sequence() > lastOutputSequence)
        {
            outputJournal.append(input.sequence(), events, 0, eventsLength);
            rewritten++;
        }
        return true;
    }

    @Override
    public void onSnapshotUnusable(final Path file, final RuntimeException cause)
    {
        unusableSnapshots++;
        warnings.add("snapshot " + file + " not usable, trying an older one or a full replay: " + cause.getMessage());
    }

    @Override
    public void onSnapshotBeyondJournal(final Path file, final long snapshotSequence, final long lastSequence)
    {
        warnings.add("snapshot " + file + " is at sequence " + snapshotSequence + ", beyond the output journal's " +
            "end " + lastSequence + "; not used (recovery starts from an older state to write the output records " +
            "from there)");
    }

    private List<Path> snapshotFiles()
    {
        try
        {
            return store.list();
        }
        catch (final IOException e)
        {
            warnings.add("cannot list snapshots in " + store.directory() + ": " + e + "; replaying from the start");
            return List.of();
        }
    }

    static long timestampOf(final DirectBuffer command, final int length)
    {
        if (length < CommandWriter.TIMESTAMP_OFFSET + Long.BYTES ||
            command.getShort(4, ByteOrder.LITTLE_ENDIAN) != MessageHeaderDecoder.SCHEMA_ID)
        {
            return 0;
        }
        return command.getLong(CommandWriter.TIMESTAMP_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }
}
