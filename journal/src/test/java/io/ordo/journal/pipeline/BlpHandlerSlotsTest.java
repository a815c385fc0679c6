package io.ordo.journal.pipeline;

import com.lmax.disruptor.RingBuffer;
import io.ordo.core.BlpConfig;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.workload.DifferentialHarness;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The BLP encodes a command's events straight into its output slot, and they move to the slot's overflow buffer
 * only when they do not fit there: each event claims its own length, not the longest event's.
 */
class BlpHandlerSlotsTest
{
    private static final int RING = 4096;
    private static final int COMMANDS = 3000;

    @Test
    void shouldKeepACommandsEventsInItsSlotWhenTheyFitThere()
    {
        // given: a randomized stream with trades (commands of four events and more)
        final CommandSlots input = new CommandSlots(RING, 512);
        TestCommandSlots.fill(input, 23, COMMANDS);
        final ForwardingEventSink sink = new ForwardingEventSink((b, o, l) -> { });
        final BusinessLogicProcessor blp = new BusinessLogicProcessor(
            new BlpConfig().requestWindowCapacity(DifferentialHarness.WINDOW_CAPACITY), sink);
        final EventSlots output = new EventSlots(RING);
        final BlpHandler handler = new BlpHandler(blp,
            RingBuffer.createSingleProducer(() -> output, RING, new GatedLiteBlockingWaitStrategy()), output,
            (sequence, position, b) -> { }, 0, new FirstFailure());
        sink.target(handler);

        // when
        for (int s = 0; s < COMMANDS; s++)
        {
            handler.onEvent(input, s, s == COMMANDS - 1);
        }

        // then: overflowed exactly the commands whose events are longer than a slot holds
        int manyEvents = 0;
        for (int s = 0; s < COMMANDS; s++)
        {
            final int slot = output.slotOffset(s);
            assertThat(output.overflowed(slot)).as("command %d, %d bytes of events", s, output.length(slot))
                .isEqualTo(output.length(slot) > EventSlots.IN_PLACE_CAPACITY);
            if (output.eventCount(slot) >= 4)
            {
                manyEvents++;
            }
        }
        assertThat(manyEvents).as("commands of four events or more").isPositive();
    }
}
