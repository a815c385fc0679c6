package io.ordo.journal;

import java.util.NavigableSet;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Positions a tailer of a journal's Chronicle Queue at the document that holds the record of a given sequence,
 * through Chronicle's index instead of reading the records before it, and refuses a resume point the journal does
 * not hold ({@link ResumeRefusedException}).
 * <p>
 * It assumes what {@link ChronicleJournal} writes: documents of one or more {@link JournalRecord}s (a batch), each
 * sequence one more than the one before. With one record per document, in a cycle file whose first record has
 * sequence s0 the document with index {@code (cycle, i)} holds sequence s0 + i. The seek
 * <ol>
 *   <li>binary searches the cycle files for the last whose first record is at or before the sequence (reading the
 *       first document of each file it probes; empty files are stepped over);</li>
 *   <li>tries the computed index in that file ({@code moveToIndex}: Chronicle's index, then a scan of at most
 *       one index spacing inside Chronicle), which holds the sequence if each document holds one record;</li>
 *   <li>otherwise (batched documents, or a journal with a gap) binary searches the file's documents for the last
 *       whose first record is at or before the sequence, which assumes only that sequences grow with the
 *       index.</li>
 * </ol>
 * Either way it reads O(log files + log documents per file) documents, never the records before the one wanted,
 * and it checks that the document it lands on holds the sequence (walking the record headers inside it). The
 * reader of the tailer then passes over that document's records up to the sequence.
 * <p>
 * Not thread safe: used once, by the thread that opens the tail, on that tail's tailer.
 */
final class RecordSeek
{
    private static final int NOT_FOUND = -1;

    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final RollCycle rollCycle;
    private final String name;

    private long sequenceRead;
    private long lastSequenceRead;
    private long targetSequence = -1;
    private int targetChecksum;
    private boolean targetFound;
    private int documentsRead;
    private long foundFirstSequence;
    private int baseChecksum = JournalRecord.GENESIS_CHECKSUM;
    private boolean checkFirstLink = true;

    /**
     * @param name of the journal in messages, e.g. "output journal /data/output".
     */
    RecordSeek(final SingleChronicleQueue queue, final ExcerptTailer tailer, final String name)
    {
        this.queue = queue;
        this.tailer = tailer;
        this.rollCycle = queue.rollCycle();
        this.name = name;
    }

    /**
     * Positions the tailer so that its next document holds the record after {@code afterSequence}: the one that
     * holds {@code afterSequence} (the records up to it are for the reader to pass over), or the journal's first.
     *
     * @param afterSequence the last sequence the caller has; 0 for the journal's beginning.
     * @throws ResumeRefusedException if the journal's first record comes after {@code afterSequence + 1} (earlier
     *                                files archived) or its last record before {@code afterSequence}.
     * @throws JournalException       if the journal lacks a record between its first and last.
     */
    void seekAfter(final long afterSequence)
    {
        if (afterSequence < 0)
        {
            throw new IllegalArgumentException("afterSequence must be >= 0: " + afterSequence);
        }
        queue.refreshDirectoryListing();
        final int[] cycles = cycles();
        final int firstCycle = nextNonEmpty(cycles, 0);
        if (firstCycle == NOT_FOUND)
        {
            if (afterSequence > 0)
            {
                throw new ResumeRefusedException(ResumeRefusedException.Reason.BEYOND_JOURNAL, afterSequence, 0, 0,
                    name);
            }
            tailer.toStart();
            return;
        }
        // The first record of the journal: nextNonEmpty left its sequence in sequenceRead.
        final long firstSequence = sequenceRead;
        if (afterSequence < firstSequence - 1)
        {
            throw new ResumeRefusedException(ResumeRefusedException.Reason.HISTORY_ARCHIVED, afterSequence,
                firstSequence, lastSequence(cycles), name);
        }
        if (afterSequence == firstSequence - 1)
        {
            // The first record: the base of the chain, unless it is sequence 1 (whose base is the genesis).
            moveTo(cycles[firstCycle], 0);
            checkFirstLink = firstSequence == 1;
            return;
        }

        final int at = lastCycleStartingAtOrBefore(cycles, firstCycle, firstSequence, afterSequence);
        final int cycle = cycles[at];
        final long offset = afterSequence - foundFirstSequence;
        targetSequence = afterSequence;
        final boolean landed = offset < rollCycle.maxMessagesPerCycle() && readAt(cycle, offset) && targetFound;
        final long document = landed ? offset : searchCycle(cycle, afterSequence);
        targetSequence = -1;
        if (document == NOT_FOUND)
        {
            throw notHeld(cycles, at, firstSequence, afterSequence);
        }
        moveTo(cycle, document);
        baseChecksum = targetChecksum;
        checkFirstLink = true;
    }

    /** @return the checksum the record after the resume point chains from. */
    int baseChecksum()
    {
        return baseChecksum;
    }

    /**
     * @return false if the record after the resume point is the journal's first and its earlier files were
     *         archived: its link to the record before cannot be checked.
     */
    boolean checkFirstLink()
    {
        return checkFirstLink;
    }

    /** @return documents read by the seek: what shows that it did not scan. */
    int documentsRead()
    {
        return documentsRead;
    }

    private int[] cycles()
    {
        final int first = queue.firstCycle();
        final int last = queue.lastCycle();
        if (first == Integer.MAX_VALUE || last == Integer.MIN_VALUE || first > last)
        {
            return new int[0];
        }
        final NavigableSet<Long> listed = queue.listCyclesBetween(first, last);
        final int[] cycles = new int[listed.size()];
        int i = 0;
        for (final Long cycle : listed)
        {
            cycles[i++] = cycle.intValue();
        }
        return cycles;
    }

    /**
     * Binary search for the last cycle whose first record is at or before {@code sequence}; the one at
     * {@code fromIndex} is (it holds the journal's first record, {@code fromFirstSequence}). Leaves the found
     * cycle's first sequence in {@link #foundFirstSequence}.
     */
    private int lastCycleStartingAtOrBefore(
        final int[] cycles, final int fromIndex, final long fromFirstSequence, final long sequence)
    {
        int found = fromIndex;
        foundFirstSequence = fromFirstSequence;
        int low = fromIndex + 1;
        int high = cycles.length - 1;
        while (low <= high)
        {
            final int middle = (low + high) >>> 1;
            // nextNonEmpty leaves the first sequence of the cycle it finds in sequenceRead.
            final int probe = nextNonEmpty(cycles, middle, high);
            if (probe == NOT_FOUND)
            {
                high = middle - 1;
            }
            else if (sequenceRead <= sequence)
            {
                found = probe;
                foundFirstSequence = sequenceRead;
                low = probe + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return found;
    }

    /**
     * Binary search of one cycle's documents for the last whose first record is at or before {@code sequence}.
     *
     * @return its index in the cycle if it holds the record of {@code sequence} (its checksum is then in
     *         {@link #targetChecksum}), else {@link #NOT_FOUND}.
     */
    private long searchCycle(final int cycle, final long sequence)
    {
        long low = 0;
        long high = tailer.excerptsInCycle(cycle) - 1;
        while (low <= high)
        {
            final long middle = (low + high) >>> 1;
            if (!readAt(cycle, middle))
            {
                high = middle - 1;
            }
            else if (sequenceRead <= sequence)
            {
                if (targetFound)
                {
                    return middle;
                }
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return NOT_FOUND;
    }

    /** Why a sequence at or after the journal's first record is not found: beyond the end, or a gap. */
    private RuntimeException notHeld(
        final int[] cycles, final int at, final long firstSequence, final long sequence)
    {
        final int cycle = cycles[at];
        final long lastInCycle = lastSequenceOf(cycle);
        final int next = nextNonEmpty(cycles, at + 1);
        if (sequence > lastInCycle && next == NOT_FOUND)
        {
            return new ResumeRefusedException(ResumeRefusedException.Reason.BEYOND_JOURNAL, sequence, firstSequence,
                lastInCycle, name);
        }
        final String file = fileOf(cycle);
        if (sequence > lastInCycle)
        {
            return new JournalException(name + " damaged: it holds no record of sequence " + sequence + ": " +
                file + " ends at sequence " + lastInCycle + " and the next file, " + fileOf(cycles[next]) +
                ", starts at sequence " + firstSequenceOf(cycles[next]) + " (records are missing)");
        }
        return new JournalException(name + " damaged: it holds no record of sequence " + sequence + ": " + file +
            " holds sequences " + firstSequenceOf(cycle) + " to " + lastInCycle + " without it (a record is " +
            "missing, or out of order)");
    }

    private long lastSequence(final int[] cycles)
    {
        for (int i = cycles.length - 1; i >= 0; i--)
        {
            final long count = tailer.excerptsInCycle(cycles[i]);
            if (count > 0 && readAt(cycles[i], count - 1))
            {
                return lastSequenceRead;
            }
        }
        return 0;
    }

    private long lastSequenceOf(final int cycle)
    {
        final long count = tailer.excerptsInCycle(cycle);
        return count > 0 && readAt(cycle, count - 1) ? lastSequenceRead : 0;
    }

    private long firstSequenceOf(final int cycle)
    {
        return readAt(cycle, 0) ? sequenceRead : NOT_FOUND;
    }

    private int nextNonEmpty(final int[] cycles, final int from)
    {
        return nextNonEmpty(cycles, from, cycles.length - 1);
    }

    /**
     * @return the index of the first cycle in {@code [from, to]} holding a document, or {@link #NOT_FOUND}; its
     *         first record's sequence is then in {@link #sequenceRead}.
     */
    private int nextNonEmpty(final int[] cycles, final int from, final int to)
    {
        for (int i = from; i <= to; i++)
        {
            if (readAt(cycles[i], 0))
            {
                return i;
            }
        }
        return NOT_FOUND;
    }

    private void moveTo(final int cycle, final long offset)
    {
        if (!tailer.moveToIndex(rollCycle.toIndex(cycle, offset)))
        {
            throw new JournalException(name + ": cannot move to document " + offset + " of " + fileOf(cycle) +
                ", read a moment ago");
        }
    }

    /**
     * Reads the record headers of the document at {@code offset} in {@code cycle}: the first record's sequence into
     * {@link #sequenceRead}, the last's into {@link #lastSequenceRead}, and whether it holds
     * {@link #targetSequence} (its checksum into {@link #targetChecksum}). Leaves the tailer after it.
     *
     * @return false if there is no such document.
     */
    private boolean readAt(final int cycle, final long offset)
    {
        if (!tailer.moveToIndex(rollCycle.toIndex(cycle, offset)))
        {
            return false;
        }
        try (DocumentContext context = tailer.readingDocument())
        {
            if (!context.isPresent())
            {
                return false;
            }
            documentsRead++;
            final Bytes<?> bytes = context.wire().bytes();
            final long end = bytes.readLimit();
            long at = bytes.readPosition();
            targetFound = false;
            boolean first = true;
            do
            {
                if (end - at < JournalRecord.HEADER_LENGTH)
                {
                    throw new JournalException(name + " damaged at " + fileOf(cycle) + ", document " + offset +
                        ": " + (end - at) + " bytes left, shorter than a record's " + JournalRecord.HEADER_LENGTH +
                        "-byte header");
                }
                final long sequence = bytes.readLong(at + JournalRecord.SEQUENCE_OFFSET);
                final int length = bytes.readInt(at + JournalRecord.LENGTH_OFFSET);
                if (length < 0 || length > end - at - JournalRecord.HEADER_LENGTH)
                {
                    throw new JournalException(name + " damaged at " + fileOf(cycle) + ", document " + offset +
                        ": the record of sequence " + sequence + " says " + length + " bytes, past its document");
                }
                if (first)
                {
                    sequenceRead = sequence;
                    first = false;
                }
                if (sequence == targetSequence)
                {
                    targetFound = true;
                    targetChecksum = bytes.readInt(at + JournalRecord.CHECKSUM_OFFSET);
                }
                lastSequenceRead = sequence;
                at += JournalRecord.HEADER_LENGTH + length;
            }
            while (at < end);
            return true;
        }
    }

    private String fileOf(final int cycle)
    {
        final java.io.File file = tailer.moveToCycle(cycle) ? tailer.currentFile() : null;
        return file == null ? "cycle " + cycle : file.toString();
    }
}
