package io.ordo.journal;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the {@link JournalPretoucher}'s zero-filling out of the bytes a {@link ChronicleJournal} writes. Writing
 * zeros ahead into a journal's file (a {@code pwrite}) costs a third of faulting its holes in through a mapping
 * (docs/performance.md, "Zero-filling ahead"), but unlike a touch it would destroy a record that the journal had
 * written there first. So both sides say where they are before they act, and each then looks at the other, as in
 * Dekker's mutual exclusion (all marks are volatile, so the two stores and loads are seen in one order):
 * <ul>
 *     <li>The journal's thread publishes its <i>reach</i>: the file offset below which it writes until it publishes
 *     again (its write position plus {@link #HEADROOM_BYTES}, for Chronicle's header and index array before a
 *     document and for the record itself). Then it waits while the pretoucher is zero-filling below that reach.</li>
 *     <li>The pretoucher publishes the start of the range it is about to zero-fill, then reads the reach. It goes on
 *     only if the range starts at or past the reach in the same cycle file; else it withdraws.</li>
 * </ul>
 * Whichever side stores last sees the other's mark, so a range being zero-filled never overlaps what the journal
 * writes. Each mark carries the generation of the journal's cycle file (how many cycle files it has opened), so that
 * after a roll no offset of one file is compared with an offset of another.
 * <p>
 * Threading: the {@code writer*} methods from the journal's appending thread only; {@link #claim} and
 * {@link #withdraw} from the pretoucher's thread only; the others from any thread.
 */
final class PretouchFence
{
    /** Room the journal keeps past its write position before it publishes a new reach. */
    static final long HEADROOM_BYTES = 1L << 20;
    private static final long NONE = -1;
    private static final int OFFSET_BITS = 40;
    private static final long OFFSET_MASK = (1L << OFFSET_BITS) - 1;
    private static final long GENERATION_MASK = (1L << (Long.SIZE - 1 - OFFSET_BITS)) - 1;

    private volatile CycleFile file;
    /** Where the journal's last document starts: only for how far ahead to work, never for safety. */
    private final AtomicLong writePosition = new AtomicLong(NONE);
    private final AtomicLong reach = new AtomicLong(NONE);
    private final AtomicLong zeroing = new AtomicLong(NONE);
    private final AtomicLong writerWaits = new AtomicLong();
    /** The journal thread's own copies. */
    private long generation;
    private long reachOffset = -1;

    /** The cycle file a journal writes, and its generation; immutable. */
    static final class CycleFile
    {
        final Path path;
        final long generation;

        CycleFile(final Path path, final long generation)
        {
            this.path = path;
            this.generation = generation;
        }
    }

    /** The journal has opened a new cycle file: nothing of it may be zero-filled until it publishes a reach in it. */
    void writerFile(final Path path)
    {
        generation = (generation + 1) & GENERATION_MASK;
        reachOffset = -1;
        file = new CycleFile(path, generation);
    }

    /** Where the journal's document starts now, for the pretoucher's window. */
    void writerPosition(final long offset)
    {
        writePosition.lazySet(offset);
    }

    /**
     * The journal is about to write below {@code endOffset} in its current file. Cheap while that is inside the
     * reach published last; else it publishes a new reach, and waits if a zero-fill is under way below it.
     */
    void writerReaches(final long endOffset)
    {
        if (endOffset <= reachOffset)
        {
            return;
        }
        reachOffset = endOffset + HEADROOM_BYTES;
        reach.set(mark(generation, reachOffset));
        boolean counted = false;
        while (overlaps(zeroing.get()))
        {
            if (!counted)
            {
                counted = true;
                writerWaits.incrementAndGet();
            }
            Thread.yield();
        }
    }

    private boolean overlaps(final long zeroingMark)
    {
        return zeroingMark != NONE && generationOf(zeroingMark) == generation &&
            offsetOf(zeroingMark) < reachOffset;
    }

    /**
     * @param cycleFile   the file to zero-fill, as read from {@link #file()}.
     * @param startOffset where the range to zero-fill starts; it may run on past the reach.
     * @return true if the range may be zero-filled now, until {@link #withdraw()}; false if the journal reaches it
     * (then nothing is claimed).
     */
    boolean claim(final CycleFile cycleFile, final long startOffset)
    {
        zeroing.set(mark(cycleFile.generation, startOffset));
        final long reachMark = reach.get();
        if (reachMark != NONE && generationOf(reachMark) == cycleFile.generation && startOffset >= offsetOf(reachMark))
        {
            return true;
        }
        zeroing.set(NONE);
        return false;
    }

    /** Ends the zero-fill claimed last: the journal may write there again. */
    void withdraw()
    {
        zeroing.set(NONE);
    }

    /** @return the cycle file the journal writes, or null before its first document. */
    CycleFile file()
    {
        return file;
    }

    /** @return where the journal's last document starts, or -1 before the first. */
    long writePosition()
    {
        return writePosition.get();
    }

    /** @return the reach the journal published last in the given file, or -1 if none (yet) in that file. */
    long reach(final CycleFile cycleFile)
    {
        final long reachMark = reach.get();
        return reachMark != NONE && generationOf(reachMark) == cycleFile.generation ? offsetOf(reachMark) : NONE;
    }

    /** @return how often the journal has waited for a zero-fill, for tests. */
    long writerWaits()
    {
        return writerWaits.get();
    }

    private static long mark(final long generation, final long offset)
    {
        if (offset < 0 || offset > OFFSET_MASK)
        {
            throw new IllegalArgumentException("file offset out of range: " + offset);
        }
        return generation << OFFSET_BITS | offset;
    }

    private static long generationOf(final long mark)
    {
        return mark >>> OFFSET_BITS;
    }

    private static long offsetOf(final long mark)
    {
        return mark & OFFSET_MASK;
    }
}
