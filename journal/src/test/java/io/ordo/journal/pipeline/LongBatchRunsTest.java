package io.ordo.journal.pipeline;

import java.util.ArrayList;
import java.util.List;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.ordo.core.BlpConfig;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.journal.counters.EngineCounters;
import io.ordo.workload.DifferentialHarness;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a thread of its own, a handler of the input ring does not hold a long Disruptor batch (up to the whole ring)
 * until its end: the journaller lets the BLP start after each run of {@link ChainedHandler#MAX_RUN} commands, and
 * the BLP frees the input slots of each run for the submitters.
 */
class LongBatchRunsTest
{
    private static final int RING = 1024;
    private static final int COMMANDS = 2 * ChainedHandler.MAX_RUN + 88;

    private final CommandSlots slots = new CommandSlots(RING, 512);
    private final EngineCounters counters = EngineCounters.inMemory();
    /** The handler's own sequence, as the Disruptor hands it over: every value it was set to, in order. */
    private final List<Long> released = new ArrayList<>();
    private final Sequence callback = new Sequence(-1)
    {
        @Override
        public void set(final long value)
        {
            released.add(value);
            super.set(value);
        }
    };

    private void fillSlots()
    {
        TestCommandSlots.fill(slots, 11, COMMANDS);
    }

    private static List<Long> runEnds()
    {
        final List<Long> ends = new ArrayList<>();
        for (long end = ChainedHandler.MAX_RUN - 1; end < COMMANDS - 1; end += ChainedHandler.MAX_RUN)
        {
            ends.add(end);
        }
        ends.add((long)COMMANDS - 1);
        return ends;
    }

    @Test
    void shouldEndADocumentAndLetTheBlpGoOnAfterEachRunOfALongBatch() throws Exception
    {
        // given
        fillSlots();
        final RecordingJournals.Commands journal = new RecordingJournals.Commands();
        final JournallerHandler journaller = new JournallerHandler(journal, () -> 1_000, 1, 0, counters,
            () -> COMMANDS - 1, new GateSignal(new GatedLiteBlockingWaitStrategy()));
        journaller.setSequenceCallback(callback);

        // when: one Disruptor batch of more than two runs
        for (int s = 0; s < COMMANDS; s++)
        {
            journaller.onEvent(slots, s, s == COMMANDS - 1);
        }

        // then: a journal batch (a synced document) per run, and the BLP let on after each
        assertThat(journal.batches).isEqualTo(runEnds().size());
        assertThat(released).containsExactlyElementsOf(runEnds());
    }

    @Test
    void shouldFreeTheInputSlotsOfEachRunWhileTheBlpWorksThroughALongBatch() throws Exception
    {
        // given
        fillSlots();
        final ForwardingEventSink sink = new ForwardingEventSink((b, o, l) -> { });
        final BusinessLogicProcessor blp = new BusinessLogicProcessor(
            new BlpConfig().requestWindowCapacity(DifferentialHarness.WINDOW_CAPACITY), sink);
        final RingBuffer<EventSlots> output = RingBuffer.createSingleProducer(
            () -> null, RING, new GatedLiteBlockingWaitStrategy());
        final BlpHandler handler = new BlpHandler(blp, output, new EventSlots(RING), (sequence, position, b) -> { },
            0, new FirstFailure());
        sink.target(handler);
        handler.setSequenceCallback(callback);

        // when: one Disruptor batch of more than two runs
        for (int s = 0; s < COMMANDS; s++)
        {
            handler.onEvent(slots, s, s == COMMANDS - 1);
        }

        // then: the slots of each run were handed back at its end, and its output slots published
        assertThat(released).containsExactlyElementsOf(runEnds());
        assertThat(output.getCursor()).isEqualTo(COMMANDS - 1);
    }
}
