package io.ordo.journal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.ordo.core.BlpConfig;
import io.ordo.core.BlpSnapshotLoader;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.core.EventSink;
import io.ordo.core.SnapshotException;
import io.ordo.journal.pipeline.ForwardingEventSink;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * The one "load a snapshot, then replay the input journal" loop, which start-up {@link Recovery}, the
 * {@link Replayer} and the {@link Verifier} share:
 * <ol>
 *   <li>{@link #start}: load the newest usable snapshot of those offered into a BLP, falling back to older ones,
 *       then to a new BLP for a replay from the first command;</li>
 *   <li>{@link #replay}: read the input journal from its first record, each checked against the checksum chain
 *       and the sequence (and the files' structure: see {@link JournalReader}), apply every record after the
 *       snapshot's, and hand each command's events to the {@link ReplayListener}.</li>
 * </ol>
 * What the three do differently is in their listener. Failures are {@link JournalException}s naming the file and
 * the position.
 * <p>
 * Not thread safe; used once, on the calling thread. The BLP it built then belongs to the caller.
 */
final class JournalReplay
{
    /** For {@link #start} when the caller has not read the journal's end: a snapshot beyond it fails the replay. */
    static final long LAST_SEQUENCE_UNKNOWN = Long.MAX_VALUE;

    private static final EventSink DISCARD = (buffer, offset, length) -> {};

    private final BlpConfig config;
    private final ReplayListener listener;
    private final ForwardingEventSink sink;
    private final ExpandableArrayBuffer events = new ExpandableArrayBuffer(4096);
    private int eventsLength;

    private BusinessLogicProcessor blp;
    private SnapshotStore.Snapshot snapshot;
    private long commands;
    private long lastSequence;
    private long replayNs;

    /**
     * @param config        for a replay from the first command (a snapshot brings its own).
     * @param collectEvents whether the listener gets each command's events; without, the events are discarded.
     */
    JournalReplay(final BlpConfig config, final boolean collectEvents, final ReplayListener listener)
    {
        this.config = config;
        this.listener = listener;
        this.sink = new ForwardingEventSink(collectEvents ? this::onEvent : DISCARD);
    }

    private void onEvent(final DirectBuffer buffer, final int offset, final int length)
    {
        events.putBytes(eventsLength, buffer, offset, length);
        eventsLength += length;
    }

    /**
     * Builds the BLP from the first of the snapshots that loads and is not beyond the input journal's end, or
     * new if none does; tells the listener about each one skipped.
     *
     * @param snapshotsNewestFirst the snapshot files to try, in order; empty for a replay from the first command.
     * @param lastInputSequence    the input journal's last sequence, or {@link #LAST_SEQUENCE_UNKNOWN}.
     * @return the BLP the replay applies the journal to.
     */
    BusinessLogicProcessor start(final List<Path> snapshotsNewestFirst, final long lastInputSequence)
    {
        if (blp != null)
        {
            throw new IllegalStateException("this replay has started already, from " +
                (snapshot == null ? "the first command" : snapshot.file));
        }
        for (final Path file : snapshotsNewestFirst)
        {
            try
            {
                final SnapshotStore.Snapshot candidate = SnapshotStore.load(file);
                if (candidate.sequence > lastInputSequence)
                {
                    listener.onSnapshotBeyondJournal(file, candidate.sequence, lastInputSequence);
                    continue;
                }
                blp = BlpSnapshotLoader.load(candidate.body, 0, candidate.bodyLength, sink, config.errorHandler());
                snapshot = candidate;
                break;
            }
            catch (final JournalException | SnapshotException e)
            {
                listener.onSnapshotUnusable(file, e);
            }
        }
        if (blp == null)
        {
            blp = new BusinessLogicProcessor(config, sink);
        }
        lastSequence = snapshotSequence();
        return blp;
    }

    /**
     * Reads the input journal from its first record, checking every record's chain link and sequence, and applies
     * every record after the snapshot to the BLP, until the journal's end or until the listener stops it. The
     * checksums are checked on a thread of their own ahead of the replay ({@link JournalCheckAhead}); a record is
     * applied once it and every record before it have passed. (The
     * records up to the snapshot are checked, not applied: the same verdict on the same journal, whatever snapshot
     * a replay starts from.)
     *
     * @param inputJournal the input journal's directory.
     * @throws JournalException if a record fails its checks,
     *                          or if the journal does not hold the snapshot's command.
     */
    void replay(final Path inputJournal)
    {
        replay(inputJournal, null);
    }

    /**
     * As {@link #replay(Path)}, but continuing from a mark just after the snapshot's record, if the caller has
     * one (taken while it checked the journal up to there: see {@link Recovery}), rather than reading from the
     * first record.
     *
     * @param afterSnapshot a mark of the record at the snapshot's sequence, or null.
     */
    void replay(final Path inputJournal, final Map<Long, JournalReader.Mark> afterSnapshot)
    {
        if (blp == null)
        {
            throw new IllegalStateException("start the replay (choose its snapshot) first");
        }
        final long from = snapshotSequence();
        final JournalReader.Mark mark = from > 0 && afterSnapshot != null ? afterSnapshot.get(from) : null;
        try (JournalReader input = new JournalReader(inputJournal, "input journal", false);
            JournalCheckAhead check = new JournalCheckAhead(inputJournal, "input journal", mark))
        {
            if (mark != null)
            {
                input.seek(mark);
            }
            check.start();
            final long startNs = System.nanoTime();
            boolean stopped = false;
            while (next(input, check))
            {
                check.replayRead(input.recordsRead());
                if (input.recordsRead() == 1 && input.firstSequence() > from + 1)
                {
                    throw new JournalException("the input journal " + inputJournal + " starts at sequence " +
                        input.firstSequence() + " (its earlier files were archived), after " +
                        (snapshot == null ? "the first command: a replay from the first command" : "snapshot " +
                        snapshot.file + " (sequence " + from + "): a replay from it") + " needs the records from " +
                        "sequence " + (from + 1) + " on; restore the archived files, or use a newer snapshot");
                }
                if (input.sequence() <= from)
                {
                    continue;
                }
                if (!check.awaitChecked(input.sequence()))
                {
                    throw damaged(input, check, null);
                }
                commands++;
                lastSequence = input.sequence();
                eventsLength = 0;
                blp.onCommand(input.payloadView(), 0, input.length());
                if (!listener.onCommand(input, blp, events, eventsLength))
                {
                    stopped = true;
                    break;
                }
            }
            if (!stopped && check.awaitEnd() != null)
            {
                throw damaged(input, check, null);
            }
            replayNs = System.nanoTime() - startNs;
            if (input.lastIntactSequence() < from)
            {
                throw new JournalException("snapshot " + snapshot.file + " is at sequence " + from +
                    ", which the input journal " + inputJournal + " does not hold (it ends at sequence " +
                    input.lastIntactSequence() + ")");
            }
        }
    }

    private boolean next(final JournalReader input, final JournalCheckAhead check)
    {
        try
        {
            return input.next();
        }
        catch (final JournalException e)
        {
            throw damaged(input, check, e);
        }
    }

    /**
     * @param ownFinding what the replaying reader found, if it found damage itself (the check ahead, which reads
     *                   the same bytes, finds it too, or damage before it).
     * @return the damage to throw: the check's.
     */
    private static RuntimeException damaged(final JournalReader input, final JournalCheckAhead check,
        final JournalException ownFinding)
    {
        final RuntimeException found = check.awaitEnd();
        if (found != null)
        {
            return found;
        }
        return ownFinding != null ? ownFinding : new JournalException("input journal damaged at " + input.where() +
            ": the check ahead ended before this record without naming the damage");
    }

    /** @return the BLP's event sink, whose target the caller may change once the replay is done. */
    ForwardingEventSink sink()
    {
        return sink;
    }

    /** @return the snapshot the replay started from, or null for the first command. */
    SnapshotStore.Snapshot snapshot()
    {
        return snapshot;
    }

    /** @return the snapshot's sequence, 0 without one. */
    long snapshotSequence()
    {
        return snapshot == null ? 0 : snapshot.sequence;
    }

    /** @return input records applied after the snapshot (also when the replay stopped on damage). */
    long commands()
    {
        return commands;
    }

    /** @return the sequence the state is at: of the last record applied, else of the snapshot. */
    long lastSequence()
    {
        return lastSequence;
    }

    /** @return time spent reading and applying records, the snapshot's loading and positioning excluded. */
    long replayNs()
    {
        return replayNs;
    }
}
