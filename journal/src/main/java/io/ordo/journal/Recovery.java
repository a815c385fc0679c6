package io.ordo.journal;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.ordo.core.BlpConfig;
import io.ordo.core.BlpSnapshotLoader;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.protocol.CommandWriter;
import io.ordo.core.EventSink;
import io.ordo.core.SnapshotException;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.journal.pipeline.ForwardingEventSink;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * Start-up: load the newest usable snapshot (falling back to older ones, then to none), replay the input journal
 * after it, checking its chain, and write the output records a crash between the two journals left missing
 * (those already in the output journal are not written again). Leaves the journals open and positioned for the
 * pipeline to continue both chains.
 * <p>
 * Runs on the starting thread before the pipeline exists.
 */
final class Recovery
{
    private final DataDirectory directory;
    private final SnapshotStore store;
    private final Durability durability;
    private final List<String> warnings = new ArrayList<>();

    private final ExpandableArrayBuffer events = new ExpandableArrayBuffer(4096);
    private int eventsLength;
    private final EventSink replaySink = this::onReplayEvent;

    ForwardingEventSink sink;
    BusinessLogicProcessor blp;
    ChronicleJournal inputJournal;
    ChronicleJournal outputJournal;
    long lastTimestampNs;
    RecoveryReport report;

    private final boolean useSnapshots;

    Recovery(final DataDirectory directory, final SnapshotStore store, final Durability durability,
        final boolean useSnapshots)
    {
        this.directory = directory;
        this.store = store;
        this.durability = durability;
        this.useSnapshots = useSnapshots;
    }

    private void onReplayEvent(final DirectBuffer buffer, final int offset, final int length)
    {
        events.putBytes(eventsLength, buffer, offset, length);
        eventsLength += length;
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
            long lastOutputSequence = 0;
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

            sink = new ForwardingEventSink(replaySink);
            SnapshotStore.Snapshot snapshot = null;
            for (final Path file : useSnapshots ? snapshotFiles() : List.<Path>of())
            {
                try
                {
                    final SnapshotStore.Snapshot candidate = SnapshotStore.load(file);
                    if (candidate.sequence > lastInputSequence)
                    {
                        warnings.add("snapshot " + file + " is at sequence " + candidate.sequence +
                            ", beyond the input journal's end " + lastInputSequence + "; not used");
                        continue;
                    }
                    blp = BlpSnapshotLoader.load(candidate.body, 0, candidate.bodyLength, sink,
                        config.errorHandler());
                    snapshot = candidate;
                    break;
                }
                catch (final JournalException | SnapshotException e)
                {
                    warnings.add("snapshot " + file + " not usable, trying an older one or a full replay: " +
                        e.getMessage());
                }
            }
            if (blp == null)
            {
                blp = new BusinessLogicProcessor(config, sink);
            }
            else if (blp.config().requestWindowCapacity() != config.requestWindowCapacity())
            {
                throw new JournalException("snapshot " + snapshot.file + " has a request window of " +
                    blp.config().requestWindowCapacity() + ", " + directory.metadata() + " says " +
                    config.requestWindowCapacity());
            }

            outputJournal = new ChronicleJournal(outputQueue, durability, lastOutputSequence, lastOutputChecksum);
            final long snapshotSequence = snapshot == null ? 0 : snapshot.sequence;
            long replayed = 0;
            long rewritten = 0;
            try (JournalReader reader = new JournalReader(inputQueue, "input journal", true))
            {
                positionAfter(reader, snapshot);
                while (nextOrTornTail(reader))
                {
                    eventsLength = 0;
                    blp.onCommand(reader.payload(), 0, reader.length());
                    replayed++;
                    if (reader.sequence() > lastOutputSequence)
                    {
                        outputJournal.append(reader.sequence(), events, 0, eventsLength);
                        rewritten++;
                    }
                }
                final long reached = replayed > 0 ? reader.sequence() : snapshotSequence;
                if (reached != lastInputSequence)
                {
                    throw new JournalException("input journal " + directory.inputJournal() + ": replay reached " +
                        "sequence " + reached + " but the last record is " + lastInputSequence);
                }
            }
            outputJournal.endOfBatch();
            outputJournal.handOver();
            inputJournal = new ChronicleJournal(inputQueue, durability, lastInputSequence, lastInputChecksum);
            report = new RecoveryReport(snapshot == null ? null : snapshot.file, snapshotSequence, replayed,
                rewritten, lastInputSequence, System.nanoTime() - startNs, List.copyOf(warnings));
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

    /** Reads the next record; a damaged last record is reported as a torn write with what to do about it. */
    private boolean nextOrTornTail(final JournalReader reader)
    {
        try
        {
            return reader.next();
        }
        catch (final JournalException e)
        {
            if (reader.hasMoreRecords())
            {
                throw e;
            }
            throw new JournalException(e.getMessage() + ". It is the journal's last record: a write torn by a " +
                "crash (it was never acknowledged: results wait for both journals). Set it aside with " +
                "'./ordo repair --data " + directory.root() + " --truncate-torn-tail', then start again", e);
        }
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

    /** Puts the reader just after the snapshot's command, by the index hint or else by reading from the start. */
    private static void positionAfter(final JournalReader reader, final SnapshotStore.Snapshot snapshot)
    {
        if (snapshot == null || snapshot.sequence == 0)
        {
            reader.toStart();
            return;
        }
        if (reader.startAt(snapshot.journalIndex, snapshot.sequence))
        {
            return;
        }
        reader.toStart();
        while (reader.next())
        {
            if (reader.sequence() == snapshot.sequence)
            {
                return;
            }
        }
        throw new JournalException("snapshot " + snapshot.file + " is at sequence " + snapshot.sequence +
            ", which the input journal does not hold");
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
