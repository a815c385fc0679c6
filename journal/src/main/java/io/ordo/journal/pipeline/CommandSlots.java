package io.ordo.journal.pipeline;

import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The input ring's slots, flat: one array, a fixed-size slot per ring index, each slot a
 * header (the command's length, then its global sequence and journal position, stamped by the journaller) followed
 * by the encoded command. The result listeners, which are objects, are in an array beside it.
 * <p>
 * The Disruptor ring holds this one object in every entry and orders the accesses; the handlers find a command by
 * its ring sequence ({@link #slotOffset}). So reading a command is reading memory in ring order, which the CPU
 * prefetches, instead of three dependent loads (entry, its buffer object, that buffer's array) per slot object, each
 * a cache miss when the slot was last written on the other core (docs/performance.md, "Flat ring slots").
 * Slots are whole cache lines long, so neighbouring slots written by different threads share at most the array's
 * misalignment (the JVM does not align arrays to cache lines). An array rather than direct memory: the journal's
 * copy and checksum take arrays directly, and the memory is the garbage collector's to free.
 * <p>
 * Written by one submitter between claim and publish; then the journaller stamps it and the BLP handler reads it,
 * in that order, as the Disruptor's sequences guarantee.
 */
final class CommandSlots
{
    private static final int LENGTH_OFFSET = 0;
    private static final int SEQUENCE_OFFSET = 8;
    private static final int JOURNAL_POSITION_OFFSET = 16;
    /** Where the command starts in its slot. */
    static final int COMMAND_OFFSET = 32;

    /** All slots; a command is at {@code slotOffset(ringSequence) + COMMAND_OFFSET}. */
    final UnsafeBuffer buffer;
    private final ResultListener[] listeners;
    private final int mask;
    private final int slotBytes;

    /**
     * @param ringSize         the input ring's size (a power of two, as the Disruptor requires).
     * @param maxCommandLength the longest command a slot takes.
     */
    CommandSlots(final int ringSize, final int maxCommandLength)
    {
        if (!BitUtil.isPowerOfTwo(ringSize))
        {
            throw new IllegalArgumentException("ring size must be a power of two: " + ringSize);
        }
        slotBytes = BitUtil.align(COMMAND_OFFSET + maxCommandLength, BitUtil.CACHE_LINE_LENGTH);
        mask = ringSize - 1;
        buffer = new UnsafeBuffer(new byte[Math.multiplyExact(ringSize, slotBytes)]);
        listeners = new ResultListener[ringSize];
    }

    /** @return where the slot of this ring sequence starts in {@link #buffer}. */
    int slotOffset(final long ringSequence)
    {
        return (int)(ringSequence & mask) * slotBytes;
    }

    int length(final int slotOffset)
    {
        return buffer.getInt(slotOffset + LENGTH_OFFSET);
    }

    void length(final int slotOffset, final int length)
    {
        buffer.putInt(slotOffset + LENGTH_OFFSET, length);
    }

    /** @return the global input sequence, set by the journaller. */
    long sequence(final int slotOffset)
    {
        return buffer.getLong(slotOffset + SEQUENCE_OFFSET);
    }

    void sequence(final int slotOffset, final long sequence)
    {
        buffer.putLong(slotOffset + SEQUENCE_OFFSET, sequence);
    }

    /** @return where the journal put the command, set by the journaller. */
    long journalPosition(final int slotOffset)
    {
        return buffer.getLong(slotOffset + JOURNAL_POSITION_OFFSET);
    }

    void journalPosition(final int slotOffset, final long position)
    {
        buffer.putLong(slotOffset + JOURNAL_POSITION_OFFSET, position);
    }

    ResultListener listener(final long ringSequence)
    {
        return listeners[(int)(ringSequence & mask)];
    }

    void listener(final long ringSequence, final ResultListener listener)
    {
        listeners[(int)(ringSequence & mask)] = listener;
    }
}
