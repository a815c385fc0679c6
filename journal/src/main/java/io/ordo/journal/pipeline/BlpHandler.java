package io.ordo.journal.pipeline;

import java.nio.ByteOrder;
import java.util.concurrent.locks.LockSupport;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.core.DirectEventSink;
import io.ordo.protocol.codec.CommandRejectedDecoder;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Second handler of the input ring, gated by the journaller: feeds each command to the BLP, which encodes all of its
 * events straight into one claimed slot of the output ring ({@link DirectEventSink}), published when the command is
 * done. Then tells the
 * {@link SnapshotListener} if this is a snapshot point. The BLP is the plain class of {@code io.ordo.core},
 * unchanged: this handler is its event sink while the pipeline runs.
 * <p>
 * A full output ring is back pressure, waited out, unless the pipeline has failed meanwhile: a failed output
 * journaller frees no slot, so the handler then stops instead of waiting for ever (which would leave
 * {@link Pipeline#close()} waiting for this thread).
 * <p>
 * Owned by the BLP thread. Allocates nothing per command (an output slot's buffer grows only past its record).
 */
final class BlpHandler implements EventHandler<CommandSlot>, DirectEventSink
{
    private static final int TEMPLATE_ID_OFFSET = MessageHeaderDecoder.templateIdEncodingOffset();
    private static final int REASON_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH +
        CommandRejectedDecoder.reasonEncodingOffset();

    private final BusinessLogicProcessor blp;
    private final RingBuffer<EventSlot> outputRing;
    private final SnapshotListener snapshotListener;
    private final long snapshotIntervalCommands;
    private final FirstFailure failures;
    private EventSlot current;
    private int currentLength;

    BlpHandler(
        final BusinessLogicProcessor blp,
        final RingBuffer<EventSlot> outputRing,
        final SnapshotListener snapshotListener,
        final long snapshotIntervalCommands,
        final FirstFailure failures)
    {
        this.failures = failures;
        this.blp = blp;
        this.outputRing = outputRing;
        this.snapshotListener = snapshotListener;
        this.snapshotIntervalCommands = snapshotIntervalCommands;
    }

    @Override
    public void onEvent(final CommandSlot slot, final long ringSequence, final boolean endOfBatch)
    {
        final long outputSequence = claimOutputSlot(slot.sequence);
        final EventSlot out = outputRing.get(outputSequence);
        current = out;
        currentLength = 0;
        out.eventCount = 0;
        out.rejectReason = EventSlot.NOT_REJECTED;
        blp.onCommand(slot.buffer, 0, slot.length);
        out.length = currentLength;
        out.sequence = slot.sequence;
        out.listener = slot.listener;
        slot.listener = null;
        current = null;
        outputRing.publish(outputSequence);

        if (blp.snapshotRequested() ||
            (snapshotIntervalCommands > 0 && slot.sequence % snapshotIntervalCommands == 0))
        {
            snapshotListener.onSnapshotPoint(slot.sequence, slot.journalPosition, blp);
        }
    }

    private long claimOutputSlot(final long commandSequence)
    {
        while (true)
        {
            try
            {
                return outputRing.tryNext();
            }
            catch (final InsufficientCapacityException full)
            {
                if (failures.failure() != null)
                {
                    throw new IllegalStateException("the output ring stays full after the pipeline failed: the BLP " +
                        "stops before sequence " + commandSequence + ", which it has not applied");
                }
                LockSupport.parkNanos(1);
            }
        }
    }

    @Override
    public void onEvent(final DirectBuffer buffer, final int offset, final int length)
    {
        current.ensureCapacity(currentLength + length);
        current.events.putBytes(currentLength, buffer, offset, length);
        commit(length);
    }

    /** The BLP encodes each event straight into the output slot, after the command's events so far. */
    @Override
    public MutableDirectBuffer claim(final int maxLength)
    {
        final EventSlot out = current;
        if (out.events.capacity() - currentLength < maxLength)
        {
            out.ensureCapacity(currentLength + maxLength);
        }
        return out.events;
    }

    @Override
    public int claimOffset()
    {
        return currentLength;
    }

    /** Counts the event just written at the end of the slot, and notes its reason if it is a rejection. */
    @Override
    public void commit(final int length)
    {
        final EventSlot out = current;
        final UnsafeBuffer events = out.events;
        final int offset = currentLength;
        currentLength += length;
        out.eventCount++;
        if (length > REASON_OFFSET &&
            (events.getShort(offset + TEMPLATE_ID_OFFSET, ByteOrder.LITTLE_ENDIAN) & 0xFFFF) ==
            CommandRejectedDecoder.TEMPLATE_ID)
        {
            out.rejectReason = events.getByte(offset + REASON_OFFSET) & 0xFF;
        }
    }
}
