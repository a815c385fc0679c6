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
 * events straight into one claimed slot of the output ring ({@link DirectEventSink}). Then tells the
 * {@link SnapshotListener} if this is a snapshot point. The BLP is the plain class of
 * {@code io.ordo.core}, unchanged: this handler is its event sink while the pipeline runs.
 * <p>
 * The output slots are published together at the end of each batch of the input ring (and after at most
 * {@link #maxUnpublished} commands, and before waiting for a full ring), not one by one: the output journaller then
 * sees the batch as one, and journals it as one Chronicle document, instead of waking for each command.
 * <p>
 * A full output ring is back pressure, waited out, unless the pipeline has failed meanwhile: a failed output
 * journaller frees no slot, so the handler then stops instead of waiting for ever (which would leave
 * {@link Pipeline#close()} waiting for this thread).
 * <p>
 * Owned by the BLP thread. Allocates nothing per command (an overflow buffer is made only for a ring index whose
 * events first outgrow their slot, see {@link EventSlots}).
 */
final class BlpHandler implements EventHandler<CommandSlots>, DirectEventSink
{
    private static final int TEMPLATE_ID_OFFSET = MessageHeaderDecoder.templateIdEncodingOffset();
    private static final int REASON_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH +
        CommandRejectedDecoder.reasonEncodingOffset();

    private final BusinessLogicProcessor blp;
    private final RingBuffer<EventSlots> outputRing;
    private final EventSlots outputSlots;
    private final SnapshotListener snapshotListener;
    private final long snapshotIntervalCommands;
    private final FirstFailure failures;
    /** The command's output slot: its ring sequence and offset, where its events go, how many so far. */
    private long outputSequence;
    private int outputSlot;
    private UnsafeBuffer events;
    private int eventsOffset;
    private int eventsCapacity;
    private int eventsLength;
    private int eventCount;
    private int rejectReason;
    /** Most output slots held unpublished: a quarter of the ring (a full ring never waits for them), at most 256. */
    private final int maxUnpublished;
    /** The first of the output slots filled but not yet published, or -1; how many there are. */
    private long firstUnpublished = -1;
    private int unpublished;

    BlpHandler(
        final BusinessLogicProcessor blp,
        final RingBuffer<EventSlots> outputRing,
        final EventSlots outputSlots,
        final SnapshotListener snapshotListener,
        final long snapshotIntervalCommands,
        final FirstFailure failures)
    {
        this.failures = failures;
        this.blp = blp;
        this.outputRing = outputRing;
        this.outputSlots = outputSlots;
        this.snapshotListener = snapshotListener;
        this.snapshotIntervalCommands = snapshotIntervalCommands;
        this.maxUnpublished =
            Math.max(1, Math.min(CappedBatchProcessorFactory.MAX_BATCH, outputRing.getBufferSize() / 4));
    }

    @Override
    public void onEvent(final CommandSlots slots, final long ringSequence, final boolean endOfBatch)
    {
        final int slot = slots.slotOffset(ringSequence);
        final long sequence = slots.sequence(slot);
        outputSequence = claimOutputSlot(sequence);
        outputSlot = outputSlots.slotOffset(outputSequence);
        outputSlots.clear(outputSlot);
        events = outputSlots.buffer;
        eventsOffset = EventSlots.inPlaceEventsOffset(outputSlot);
        eventsCapacity = EventSlots.IN_PLACE_CAPACITY;
        eventsLength = 0;
        eventCount = 0;
        rejectReason = EventSlots.NOT_REJECTED;
        blp.onCommand(slots.buffer, slot + CommandSlots.COMMAND_OFFSET, slots.length(slot));
        outputSlots.complete(outputSlot, sequence, eventsLength, eventCount, rejectReason);
        outputSlots.listener(outputSequence, slots.listener(ringSequence));
        slots.listener(ringSequence, null);
        events = null;
        if (firstUnpublished < 0)
        {
            firstUnpublished = outputSequence;
        }
        if (++unpublished >= maxUnpublished || endOfBatch)
        {
            publishFilled();
        }

        if (blp.snapshotRequested() ||
            (snapshotIntervalCommands > 0 && sequence % snapshotIntervalCommands == 0))
        {
            snapshotListener.onSnapshotPoint(sequence, slots.journalPosition(slot), blp);
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
                // What this handler holds is waited for too: publish it before waiting.
                publishFilled();
                if (failures.failure() != null)
                {
                    throw new IllegalStateException("the output ring stays full after the pipeline failed: the BLP " +
                        "stops before sequence " + commandSequence + ", which it has not applied");
                }
                LockSupport.parkNanos(1);
            }
        }
    }

    /** Publishes the output slots filled since the last publication, if any. */
    private void publishFilled()
    {
        if (firstUnpublished >= 0)
        {
            outputRing.publish(firstUnpublished, outputSequence);
            firstUnpublished = -1;
            unpublished = 0;
        }
    }

    @Override
    public void onEvent(final DirectBuffer buffer, final int offset, final int length)
    {
        final MutableDirectBuffer target = claim(length);
        target.putBytes(claimOffset(), buffer, offset, length);
        commit(length);
    }

    /** The BLP encodes each event straight into the output slot, after the command's events so far. */
    @Override
    public MutableDirectBuffer claim(final int maxLength)
    {
        if (eventsCapacity - eventsLength < maxLength)
        {
            events = outputSlots.overflow(outputSequence, outputSlot, eventsLength, eventsLength + maxLength);
            eventsOffset = 0;
            eventsCapacity = events.capacity();
        }
        return events;
    }

    @Override
    public int claimOffset()
    {
        return eventsOffset + eventsLength;
    }

    /** Counts the event just written at the end of the slot, and notes its reason if it is a rejection. */
    @Override
    public void commit(final int length)
    {
        final int offset = eventsOffset + eventsLength;
        eventsLength += length;
        eventCount++;
        if (length > REASON_OFFSET &&
            (events.getShort(offset + TEMPLATE_ID_OFFSET, ByteOrder.LITTLE_ENDIAN) & 0xFFFF) ==
            CommandRejectedDecoder.TEMPLATE_ID)
        {
            rejectReason = events.getByte(offset + REASON_OFFSET) & 0xFF;
        }
    }
}
