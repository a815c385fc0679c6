package io.ordo.journal.pipeline;

import java.nio.ByteOrder;

import com.lmax.disruptor.Cursored;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import io.ordo.journal.counters.EngineCounters;
import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * First handler of the input ring: gives each command the next global sequence and the time (the one clock of
 * the pipeline, read only here, never going backwards), then appends it to the input journal. The clock is read at
 * the first command of each batch and then every {@link #CLOCK_EVERY_COMMANDS} commands, as a clock read cost
 * about 4% of this thread at full speed: a stamp is the time its batch, or its run of 16 commands in a long batch,
 * was taken for journaling. The BLP handler is
 * gated by this one, so nothing is applied before it is journaled. The journal's batch ends (in sync mode: is
 * forced to disk) at the end of each of the processor's batches (at most {@link CappedBatchProcessorFactory#MAX_BATCH}
 * commands), and only then does this handler's sequence move past it, so in sync mode the BLP sees a batch only
 * once it is on disk: on a thread of its own this handler moves its sequence itself and wakes the BLP if it sleeps
 * ({@link GateSignal}); inside a {@link ChainedHandler} the chain's sequence moves after the BLP.
 * <p>
 * Owned by the journaller thread.
 */
final class JournallerHandler implements EventHandler<CommandSlots>
{
    private static final int STAMPABLE_LENGTH = CommandWriter.TIMESTAMP_OFFSET + Long.BYTES;
    /** Most commands stamped with one reading of the clock. */
    static final int CLOCK_EVERY_COMMANDS = 16;

    private final CommandJournal journal;
    private final EpochNanoClock clock;
    private final EngineCounters counters;
    private final Cursored ring;
    private final GateSignal gate;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private long nextSequence;
    private long lastTimestampNs;
    /** Commands stamped since the clock was read; 0: read it for the next one. */
    private int stampedSinceClock;

    JournallerHandler(
        final CommandJournal journal, final EpochNanoClock clock, final long nextSequence, final long lastTimestampNs,
        final EngineCounters counters, final Cursored ring, final GateSignal gate)
    {
        this.gate = gate;
        this.journal = journal;
        this.clock = clock;
        this.counters = counters;
        this.ring = ring;
        this.nextSequence = nextSequence;
        this.lastTimestampNs = lastTimestampNs;
    }

    @Override
    public void setSequenceCallback(final Sequence sequenceCallback)
    {
        gate.sequence(sequenceCallback);
    }

    @Override
    public void onEvent(final CommandSlots slots, final long ringSequence, final boolean endOfBatch)
    {
        final long sequence = nextSequence++;
        final int slot = slots.slotOffset(ringSequence);
        final int offset = slot + CommandSlots.COMMAND_OFFSET;
        final int length = slots.length(slot);
        final UnsafeBuffer buffer = slots.buffer;
        if (length >= STAMPABLE_LENGTH && isOurSchema(buffer, offset))
        {
            if (stampedSinceClock == 0)
            {
                lastTimestampNs = Math.max(lastTimestampNs, clock.nanoTime());
            }
            stampedSinceClock = (stampedSinceClock + 1) % CLOCK_EVERY_COMMANDS;
            buffer.putLong(offset + CommandWriter.TIMESTAMP_OFFSET, lastTimestampNs, ByteOrder.LITTLE_ENDIAN);
        }
        slots.sequence(slot, sequence);
        slots.journalPosition(slot, journal.append(sequence, buffer, offset, length));
        counters.commandsJournaled.incrementRelease();
        counters.inputJournalBytes.getAndAddRelease(length);
        if (endOfBatch)
        {
            stampedSinceClock = 0;
            journal.endOfBatch();
            counters.inputLastSequence.setRelease(sequence);
            counters.inputRingBacklog.setRelease(ring.getCursor() - ringSequence);
            gate.passed(ringSequence);
        }
    }

    /** A frame of another schema is journaled as it came (the BLP rejects it): its bytes are not ours to stamp. */
    private boolean isOurSchema(final UnsafeBuffer buffer, final int offset)
    {
        header.wrap(buffer, offset);
        return header.schemaId() == MessageHeaderDecoder.SCHEMA_ID;
    }
}
