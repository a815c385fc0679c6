package io.ordo.journal.pipeline;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The output ring's slots, flat, as {@link CommandSlots} are for the input ring: one array, a fixed-size slot per
 * ring index, each a header (the events' length and count, the command's rejection reason, its input sequence)
 * followed by all events of one command, back to back. A command whose events do not fit in its slot (a deep sweep)
 * has them in an overflow buffer of that ring index instead, made the first time and grown when needed, kept
 * afterwards: {@link #events} and {@link #eventsOffset} say where a slot's events are.
 * <p>
 * Written by the BLP handler, which also notes how many events a slot holds and whether the command was rejected
 * (so that no later reader walks the events again to count them); then the output journaller and the result
 * dispatcher read it, in that order, as the Disruptor's sequences guarantee.
 */
final class EventSlots
{
    /** Bytes of one slot, header included. */
    static final int SLOT_BYTES = 512;
    static final int NOT_REJECTED = -1;
    private static final int LENGTH_OFFSET = 0;
    private static final int EVENT_COUNT_OFFSET = 4;
    private static final int REJECT_REASON_OFFSET = 8;
    private static final int OVERFLOWED_OFFSET = 12;
    private static final int SEQUENCE_OFFSET = 16;
    /** Where the events start in a slot that holds them. */
    private static final int EVENTS_OFFSET = 32;
    /** How many bytes of events a slot holds in place. */
    static final int IN_PLACE_CAPACITY = SLOT_BYTES - EVENTS_OFFSET;

    /** All slots. */
    final UnsafeBuffer buffer;
    /**
     * Each ring index's overflow buffer, or null before its first overflow. An {@link UnsafeBuffer} over an array,
     * as {@link #buffer} is: the BLP's encoders write into both, the same buffer class at every call site.
     */
    private final UnsafeBuffer[] overflow;
    private final ResultListener[] listeners;
    private final int mask;

    /** @param ringSize the output ring's size (a power of two, as the Disruptor requires). */
    EventSlots(final int ringSize)
    {
        if (!BitUtil.isPowerOfTwo(ringSize))
        {
            throw new IllegalArgumentException("ring size must be a power of two: " + ringSize);
        }
        mask = ringSize - 1;
        buffer = new UnsafeBuffer(new byte[Math.multiplyExact(ringSize, SLOT_BYTES)]);
        overflow = new UnsafeBuffer[ringSize];
        listeners = new ResultListener[ringSize];
    }

    /** @return where the slot of this ring sequence starts in {@link #buffer}. */
    int slotOffset(final long ringSequence)
    {
        return (int)(ringSequence & mask) * SLOT_BYTES;
    }

    /** @return where a slot's events start in {@link #buffer} while they fit in place. */
    static int inPlaceEventsOffset(final int slotOffset)
    {
        return slotOffset + EVENTS_OFFSET;
    }

    /** @return the buffer that holds the events of this slot: {@link #buffer}, or the index's overflow buffer. */
    DirectBuffer events(final long ringSequence, final int slotOffset)
    {
        return overflowed(slotOffset) ? overflow[(int)(ringSequence & mask)] : buffer;
    }

    /** @return where the events of this slot start in {@link #events}. */
    int eventsOffset(final int slotOffset)
    {
        return overflowed(slotOffset) ? 0 : slotOffset + EVENTS_OFFSET;
    }

    /**
     * Moves a slot's events to its index's overflow buffer, or grows that buffer: after it, the buffer holds
     * {@code capacity} bytes, starting with the {@code keptLength} bytes of events the slot held so far.
     *
     * @return the overflow buffer, events from offset 0.
     */
    UnsafeBuffer overflow(final long ringSequence, final int slotOffset, final int keptLength, final int capacity)
    {
        final int index = (int)(ringSequence & mask);
        UnsafeBuffer spill = overflow[index];
        final boolean overflowed = overflowed(slotOffset);
        if (spill == null || spill.capacity() < capacity)
        {
            final byte[] grown = new byte[Math.max(capacity, spill == null ? 2 * SLOT_BYTES : 2 * spill.capacity())];
            if (overflowed)
            {
                spill.getBytes(0, grown, 0, keptLength);
            }
            spill = spill == null ? new UnsafeBuffer(grown) : wrap(spill, grown);
            overflow[index] = spill;
        }
        if (!overflowed)
        {
            spill.putBytes(0, buffer, slotOffset + EVENTS_OFFSET, keptLength);
            buffer.putInt(slotOffset + OVERFLOWED_OFFSET, 1);
        }
        return spill;
    }

    private static UnsafeBuffer wrap(final UnsafeBuffer spill, final byte[] grown)
    {
        spill.wrap(grown);
        return spill;
    }

    /** Starts a slot for the next command: its events in place, none yet. */
    void clear(final int slotOffset)
    {
        buffer.putInt(slotOffset + OVERFLOWED_OFFSET, 0);
    }

    boolean overflowed(final int slotOffset)
    {
        return buffer.getInt(slotOffset + OVERFLOWED_OFFSET) != 0;
    }

    /** Writes what the BLP handler noted of a slot's command, once its events are written. */
    void complete(final int slotOffset, final long sequence, final int length, final int eventCount,
        final int rejectReason)
    {
        buffer.putLong(slotOffset + SEQUENCE_OFFSET, sequence);
        buffer.putInt(slotOffset + LENGTH_OFFSET, length);
        buffer.putInt(slotOffset + EVENT_COUNT_OFFSET, eventCount);
        buffer.putInt(slotOffset + REJECT_REASON_OFFSET, rejectReason);
    }

    /** @return the input sequence of the command that caused the slot's events. */
    long sequence(final int slotOffset)
    {
        return buffer.getLong(slotOffset + SEQUENCE_OFFSET);
    }

    /** @return the length of all of the slot's events in bytes. */
    int length(final int slotOffset)
    {
        return buffer.getInt(slotOffset + LENGTH_OFFSET);
    }

    int eventCount(final int slotOffset)
    {
        return buffer.getInt(slotOffset + EVENT_COUNT_OFFSET);
    }

    /** @return the command's rejection reason code if its outcome was a rejection, else {@link #NOT_REJECTED}. */
    int rejectReason(final int slotOffset)
    {
        return buffer.getInt(slotOffset + REJECT_REASON_OFFSET);
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
