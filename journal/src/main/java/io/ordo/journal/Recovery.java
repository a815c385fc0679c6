package io.ordo.journal;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.ordo.core.BlpConfig;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.journal.pipeline.ForwardingEventSink;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.DirectBuffer;

/**
 * Start-up: the {@link JournalReplay} from the newest usable snapshot (falling back to older ones, then to none),
 * not beyond the input journal's end; as its listener, writes the output records a crash between the two journals
 * left missing (those already in the output journal are not written again) and reports a damaged last record as
 * a torn write. Leaves the journals open and positioned for the pipeline to continue both chains.
 * <p>
 * Runs on the starting thread before the pipeline exists.
 */
final class Recovery implements ReplayListener
{
    private final DataDirectory directory;
    private final SnapshotStore store;
    private final Durability durability;
    private final boolean useSnapshots;
    private final long diskSpaceReserveBytes;
    private final List<String> warnings = new ArrayList<>();

    private long lastOutputSequence;
    private long rewritten;

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

    void run(final BlpConfig requested)
    {
        final long startNs = System.nanoTime();
        final BlpConfig config = directory.openForWriting(requested);
        final SingleChronicleQueue inputQueue = DataDirectory.openQueue(directory.inputJournal(), false);
        final SingleChronicleQueue outputQueue = DataDirectory.openQueue(directory.outputJournal(), false);
        boolean done = false;
        try
        {
            long lastInputSequence = 0;
            int lastInputChecksum = JournalRecord.GENESIS_CHECKSUM;
            try (JournalReader last = new JournalReader(inputQueue, "input journal", true))
            {
                if (last.readLast())
                {
                    lastInputSequence = last.sequence();
                    lastInputChecksum = last.checksum();
                    lastTimestampNs = timestampOf(last.payload(), last.length());
                }
            }
            int lastOutputChecksum = JournalRecord.GENESIS_CHECKSUM;
            try (JournalReader last = new JournalReader(outputQueue, "output journal", false))
            {
                if (last.readLast())
                {
                    lastOutputSequence = last.sequence();
                    lastOutputChecksum = last.checksum();
                }
            }
            if (lastOutputSequence > lastInputSequence)
            {
                throw new JournalException("output journal " + directory.outputJournal() + " ends at sequence " +
                    lastOutputSequence + ", after the input journal's last sequence " + lastInputSequence + " in " +
                    directory.inputJournal() + ": the input journal lost records. Restore it from a copy; or, " +
                    "accepting the loss of every command after its last intact record, set aside the damaged " +
                    "tail of both journals with './ordo repair --data " + directory.root() +
                    " --truncate-torn-tail'");
            }

            final JournalReplay replay = new JournalReplay(config, true, this);
            sink = replay.sink();
            blp = replay.start(useSnapshots ? snapshotFiles() : List.of(), lastInputSequence);
            final SnapshotStore.Snapshot snapshot = replay.snapshot();
            if (snapshot != null && blp.config().requestWindowCapacity() != config.requestWindowCapacity())
            {
                throw new JournalException("snapshot " + snapshot.file + " has a request window of " +
                    blp.config().requestWindowCapacity() + ", " + directory.metadata() + " says " +
                    config.requestWindowCapacity());
            }

            outputJournal = new ChronicleJournal(
                outputQueue, durability, lastOutputSequence, lastOutputChecksum, diskSpaceReserveBytes);
            replay.replay(inputQueue);
            if (replay.lastSequence() != lastInputSequence)
            {
                throw new JournalException("input journal " + directory.inputJournal() + ": replay reached " +
                    "sequence " + replay.lastSequence() + " but the last record is " + lastInputSequence);
            }
            outputJournal.endOfBatch();
            outputJournal.handOver();
            inputJournal = new ChronicleJournal(
                inputQueue, durability, lastInputSequence, lastInputChecksum, diskSpaceReserveBytes);
            report = new RecoveryReport(snapshot == null ? null : snapshot.file, replay.snapshotSequence(),
                replay.commands(), rewritten, lastInputSequence, System.nanoTime() - startNs, List.copyOf(warnings));
            done = true;
        }
        finally
        {
            if (!done)
            {
                outputQueue.close();
                inputQueue.close();
            }
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
        warnings.add("snapshot " + file + " not usable, trying an older one or a full replay: " + cause.getMessage());
    }

    @Override
    public void onSnapshotBeyondJournal(final Path file, final long snapshotSequence, final long lastSequence)
    {
        warnings.add("snapshot " + file + " is at sequence " + snapshotSequence + ", beyond the input journal's end " +
            lastSequence + "; not used");
    }

    /** A damaged last record is reported as a torn write, with what to do about it. */
    @Override
    public JournalException onDamagedRecord(final JournalReader input, final JournalException damage)
    {
        if (input.hasMoreRecords())
        {
            return damage;
        }
        return new JournalException(damage.getMessage() + ". It is the journal's last record: a write torn by a " +
            "crash (it was never acknowledged: results wait for both journals). Set it aside with " +
            "'./ordo repair --data " + directory.root() + " --truncate-torn-tail', then start again", damage);
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
