package io.ordo.journal.pipeline;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.ordo.core.BlpConfig;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.workload.RandomizedWorkload;
import io.ordo.protocol.CommandWriter;
import io.ordo.workload.DifferentialHarness;
import io.ordo.workload.TestCommand;
import net.openhft.affinity.Affinity;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Specification of the pipeline with in-memory journals: journal before effect, results only after the output
 * journal, the same events as the BLP driven directly, sequences and stamps, snapshot points, draining on close,
 * and stopping dead when a journal fails.
 */
class PipelineTest
{
    private static final int WINDOW = DifferentialHarness.WINDOW_CAPACITY;

    private final RecordingJournals.Commands commandJournal = new RecordingJournals.Commands();
    private final RecordingJournals.Events eventJournal = new RecordingJournals.Events();
    private final ConcurrentLinkedQueue<RecordingJournals.Entry> results = new ConcurrentLinkedQueue<>();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    private final ResultListener recordingListener = (sequence, events, offset, length) ->
    {
        if (eventJournal.syncedSequence < sequence)
        {
            violations.add("result of " + sequence + " before its events were journaled and their batch ended");
        }
        results.add(new RecordingJournals.Entry(sequence, events, offset, length));
    };

    private PipelineConfig config(final long nextSequence)
    {
        final ForwardingEventSink sink = new ForwardingEventSink((b, o, l) -> {});
        final BusinessLogicProcessor blp =
            new BusinessLogicProcessor(new BlpConfig().requestWindowCapacity(WINDOW), sink);
        return new PipelineConfig()
            .blp(blp, sink)
            .commandJournal(commandJournal)
            .eventJournal(eventJournal)
            .nextSequence(nextSequence)
            .inputRingSize(1024)
            .outputRingSize(256)
            .threadLayout(layout());
    }

    /** The layout every test here runs with; {@link TwoThreadPipelineTest} runs them all with the other one. */
    ThreadLayout layout()
    {
        return ThreadLayout.FOUR_THREADS;
    }

    private static void submitAll(
        final Pipeline pipeline, final List<TestCommand> stream, final ResultListener listener)
    {
        final CommandWriter writer = new CommandWriter();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
        for (final TestCommand command : stream)
        {
            pipeline.submit(buffer, 0, command.encode(writer, buffer), listener);
        }
    }

    /** Replays journaled commands through a fresh BLP: the events of each, back to back. */
    private static List<byte[]> replay(final List<RecordingJournals.Entry> commands)
    {
        final List<byte[]> perCommand = new ArrayList<>();
        final ExpandableArrayBuffer events = new ExpandableArrayBuffer(1024);
        final int[] length = new int[1];
        final BusinessLogicProcessor blp = new BusinessLogicProcessor(new BlpConfig().requestWindowCapacity(WINDOW),
            (b, o, l) ->
            {
                events.putBytes(length[0], b, o, l);
                length[0] += l;
            });
        for (final RecordingJournals.Entry command : commands)
        {
            length[0] = 0;
            blp.onCommand(new UnsafeBuffer(command.bytes), 0, command.bytes.length);
            final byte[] bytes = new byte[length[0]];
            events.getBytes(0, bytes);
            perCommand.add(bytes);
        }
        return perCommand;
    }

    @ParameterizedTest(name = "single submitter {0}")
    @ValueSource(booleans = {false, true})
    void shouldJournalEveryCommandAndDispatchTheEventsAReplayOfTheJournalProduces(final boolean singleSubmitter)
    {
        // given
        final List<TestCommand> stream = RandomizedWorkload.generate(5, 20_000, WINDOW);
        eventJournal.commands = commandJournal;
        final Pipeline pipeline = new Pipeline(config(1).singleSubmitter(singleSubmitter));

        // when
        submitAll(pipeline, stream, recordingListener);
        pipeline.close();

        // then
        final List<RecordingJournals.Entry> commands = commandJournal.snapshot();
        final List<RecordingJournals.Entry> events = eventJournal.snapshot();
        final List<RecordingJournals.Entry> dispatched = new ArrayList<>(results);
        assertThat(violations).as("results must wait for the output journal").isEmpty();
        assertThat(eventJournal.appliedBeforeSynced).as("commands applied before their input batch ended")
            .hasValue(0);
        assertThat(commands).hasSize(stream.size());
        assertThat(events).hasSize(stream.size());
        assertThat(dispatched).hasSize(stream.size());
        final List<byte[]> replayed = replay(commands);
        for (int i = 0; i < stream.size(); i++)
        {
            assertThat(commands.get(i).sequence).as("input sequence").isEqualTo(i + 1);
            assertThat(events.get(i).sequence).as("output record tagged with its command").isEqualTo(i + 1);
            assertThat(dispatched.get(i).sequence).isEqualTo(i + 1);
            assertThat(events.get(i).bytes).as("journaled events of command %d = replay", i + 1)
                .isEqualTo(replayed.get(i));
            assertThat(dispatched.get(i).bytes).as("dispatched events of command %d", i + 1)
                .isEqualTo(replayed.get(i));
        }
        assertThat(commandJournal.closed && eventJournal.closed).as("journals closed").isTrue();
    }

    @Test
    void shouldJournalAndDispatchTheEventsOfACommandThatOutgrowItsOutputSlot()
    {
        // given: 60 one-lot sell orders on 60 levels, then a buy that sweeps them all, then small commands that
        // come round to the sweep's output slot again (the output ring has 256 slots)
        final List<TestCommand> stream = new ArrayList<>();
        stream.add(TestCommand.createAsset(0, 1, 1, 1, 0));
        stream.add(TestCommand.createAsset(0, 2, 1, 2, 0));
        stream.add(TestCommand.createInstrument(0, 3, 1, 1, 1, 2, 0, 0, 1, 1, 1, 1_000_000, 1, 1_000_000));
        for (long account = 1; account <= 2; account++)
        {
            stream.add(TestCommand.openAccount(account, 1, 1));
            stream.add(TestCommand.deposit(account, 2, 1, 1, 1_000));
            stream.add(TestCommand.deposit(account, 3, 1, 2, 1_000_000));
        }
        final int sells = 60;
        for (int i = 0; i < sells; i++)
        {
            stream.add(TestCommand.placeOrder(1, 10 + i, 1, 1, 2, 1, 100 + i, 1, 0));
        }
        final int sweep = stream.size();
        stream.add(TestCommand.placeOrder(2, 10, 1, 1, 1, 2, 1_000, sells, 0));
        for (int i = 0; i < 600; i++)
        {
            stream.add(TestCommand.deposit(2, 100 + i, 1, 2, 1));
        }
        eventJournal.commands = commandJournal;
        final Pipeline pipeline = new Pipeline(config(1));

        // when
        submitAll(pipeline, stream, recordingListener);
        pipeline.close();

        // then: the sweep's events did not fit in place, and every record is the replay's, journaled and dispatched
        final List<RecordingJournals.Entry> events = eventJournal.snapshot();
        final List<RecordingJournals.Entry> dispatched = new ArrayList<>(results);
        final List<byte[]> replayed = replay(commandJournal.snapshot());
        assertThat(replayed.get(sweep).length).as("the sweep's events").isGreaterThan(EventSlots.IN_PLACE_CAPACITY);
        assertThat(events).hasSize(stream.size());
        assertThat(dispatched).hasSize(stream.size());
        for (int i = 0; i < stream.size(); i++)
        {
            assertThat(events.get(i).bytes).as("journaled events of command %d", i + 1).isEqualTo(replayed.get(i));
            assertThat(dispatched.get(i).bytes).as("dispatched events of command %d", i + 1)
                .isEqualTo(replayed.get(i));
        }
    }

    @Test
    void shouldRunTheBlpAloneOnItsCpuAndEveryOtherPipelineThreadOnTheOtherCpus()
    {
        // given: the BLP's thread on the last CPU; each step notes the CPUs its thread may run on
        assumeThat(Runtime.getRuntime().availableProcessors()).as("CPUs").isGreaterThan(1);
        assumeThat(Affinity.isJNAAvailable()).as("thread affinity through JNA").isTrue();
        final int cpus = Runtime.getRuntime().availableProcessors();
        final BitSet blpCpu = new BitSet();
        blpCpu.set(cpus - 1);
        final BitSet otherCpus = new BitSet();
        otherCpus.set(0, cpus - 1);
        final Map<String, BitSet> placed = new ConcurrentHashMap<>();
        final CommandJournal noting = new CommandJournal()
        {
            public long append(final long sequence, final DirectBuffer buffer, final int offset, final int length)
            {
                placed.putIfAbsent("journaller", Affinity.getAffinity());
                return commandJournal.append(sequence, buffer, offset, length);
            }

            public void endOfBatch()
            {
                commandJournal.endOfBatch();
            }

            public void close()
            {
                commandJournal.close();
            }
        };
        final Pipeline pipeline = new Pipeline(config(1)
            .threadAffinity(ThreadAffinity.blpOn(cpus - 1))
            .commandJournal(noting)
            .snapshotIntervalCommands(1)
            .snapshotListener((sequence, position, blp) -> placed.putIfAbsent("blp", Affinity.getAffinity())));

        // when
        submitAll(pipeline, RandomizedWorkload.generate(7, 100, WINDOW),
            (sequence, events, offset, length) -> placed.putIfAbsent("dispatcher", Affinity.getAffinity()));
        pipeline.close();

        // then: the BLP alone on its CPU; the journaller with it when they share a thread, else on the others
        assertThat(placed).containsEntry("blp", blpCpu)
            .containsEntry("journaller", layout() == ThreadLayout.TWO_THREADS ? blpCpu : otherCpus)
            .containsEntry("dispatcher", otherCpus);
    }

    @Test
    void shouldStampConsecutiveSequencesAndTimeThatNeverGoesBackwards()
    {
        // given: a clock that jumps back half way
        final AtomicLong calls = new AtomicLong();
        final PipelineConfig config = config(101)
            .lastTimestampNs(5_000)
            .clock(() -> calls.incrementAndGet() == 3 ? 1 : 10_000 + calls.get());
        final Pipeline pipeline = new Pipeline(config);
        final List<TestCommand> stream = RandomizedWorkload.generate(6, 100, WINDOW);

        // when
        submitAll(pipeline, stream, null);
        pipeline.close();

        // then
        long previousNs = 5_000;
        final List<RecordingJournals.Entry> commands = commandJournal.snapshot();
        assertThat(commands).hasSize(stream.size());
        for (int i = 0; i < commands.size(); i++)
        {
            final RecordingJournals.Entry entry = commands.get(i);
            assertThat(entry.sequence).isEqualTo(101 + i);
            if (entry.bytes.length >= CommandWriter.TIMESTAMP_OFFSET + Long.BYTES &&
                new UnsafeBuffer(entry.bytes).getShort(4, ByteOrder.LITTLE_ENDIAN) == 7)
            {
                final long stampedNs = new UnsafeBuffer(entry.bytes).getLong(CommandWriter.TIMESTAMP_OFFSET,
                    ByteOrder.LITTLE_ENDIAN);
                assertThat(stampedNs).as("stamp of sequence %d", entry.sequence).isGreaterThanOrEqualTo(previousNs);
                previousNs = stampedNs;
            }
        }
        assertThat(previousNs).as("the clock was used").isGreaterThan(10_000);
        assertThat(calls.get()).as("clock readings, at least one every %d commands",
            JournallerHandler.CLOCK_EVERY_COMMANDS).isGreaterThanOrEqualTo(
            (commands.size() + JournallerHandler.CLOCK_EVERY_COMMANDS - 1) / JournallerHandler.CLOCK_EVERY_COMMANDS);
    }

    @Test
    void shouldDeliverEveryResultFromManySubmittersWhenClosedRightAfterSubmitting() throws Exception
    {
        // given
        final Pipeline pipeline = new Pipeline(config(1));
        final int submitters = 3;
        final int perSubmitter = 5_000;
        final CountDownLatch done = new CountDownLatch(submitters);
        final AtomicLong delivered = new AtomicLong();
        final ResultListener counting = (sequence, events, offset, length) -> delivered.incrementAndGet();

        // when
        for (int s = 0; s < submitters; s++)
        {
            final List<TestCommand> stream = RandomizedWorkload.generate(10 + s, perSubmitter, WINDOW);
            new Thread(() ->
            {
                submitAll(pipeline, stream, counting);
                done.countDown();
            }).start();
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        pipeline.close();

        // then
        assertThat(delivered.get()).isEqualTo((long)submitters * perSubmitter);
        assertThat(eventJournal.snapshot()).hasSize(submitters * perSubmitter);
        assertThatThrownBy(() -> submitAll(pipeline, List.of(TestCommand.takeSnapshot(0, 1, 0)), null))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void shouldReachSnapshotPointsEveryIntervalAndAfterAcceptedTakeSnapshot()
    {
        // given: a stream with operator TakeSnapshot commands spliced in at known places
        final List<TestCommand> stream = new ArrayList<>(RandomizedWorkload.generate(7, 3_000, WINDOW));
        stream.add(1234, TestCommand.takeSnapshot(0, Long.MAX_VALUE - 1, 0));
        stream.add(2345, TestCommand.takeSnapshot(0, Long.MAX_VALUE - 2, 0));
        stream.add(2346, TestCommand.takeSnapshot(5, Long.MAX_VALUE - 3, 0)); // not the operator: no snapshot
        final List<long[]> points = Collections.synchronizedList(new ArrayList<>());
        final Pipeline pipeline = new Pipeline(config(1)
            .snapshotIntervalCommands(1_000)
            .snapshotListener((sequence, position, blp) ->
                points.add(new long[]{sequence, position, blp.stateHash()})));

        // when
        submitAll(pipeline, stream, null);
        pipeline.close();

        // then: the points are where a replay of the journal finds them, with the state the replay has there
        final List<RecordingJournals.Entry> commands = commandJournal.snapshot();
        final BusinessLogicProcessor fresh = new BusinessLogicProcessor(
            new BlpConfig().requestWindowCapacity(WINDOW), (b, o, l) -> {});
        final List<long[]> expected = new ArrayList<>();
        for (final RecordingJournals.Entry entry : commands)
        {
            fresh.onCommand(new UnsafeBuffer(entry.bytes), 0, entry.bytes.length);
            if (entry.sequence % 1_000 == 0 || fresh.snapshotRequested())
            {
                expected.add(new long[]{entry.sequence, 1000 + entry.sequence, fresh.stateHash()});
            }
        }
        assertThat(expected.stream().map(p -> p[0]).toList()).as("spliced-in requests and the interval")
            .contains(1_000L, 1_235L, 2_000L, 2_346L, 3_000L).doesNotContain(2_347L);
        assertThat(points).as("sequence, journal position, state hash").containsExactlyElementsOf(expected);
    }

    @Test
    void shouldApplyAndAcknowledgeNothingPastAFailedJournalAppend() throws Exception
    {
        // given
        commandJournal.failAtSequence = 50;
        final Pipeline pipeline = new Pipeline(config(1));
        final List<TestCommand> stream = RandomizedWorkload.generate(8, 100, WINDOW);

        // when: submitting may already be refused part way, once the journaller has failed
        final Throwable refused = org.assertj.core.api.Assertions.catchThrowable(
            () -> submitAll(pipeline, stream, recordingListener));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (pipeline.failure() == null && System.nanoTime() < deadline)
        {
            Thread.sleep(1);
        }
        pipeline.close();

        // then
        assertThat(pipeline.failure()).hasMessageContaining("disk full (test) at sequence 50");
        assertThat(pipeline.laterFailures()).as("only the journaller failed").isZero();
        if (refused != null)
        {
            assertThat(refused).isInstanceOf(IllegalStateException.class).hasMessageContaining("pipeline failed");
        }
        assertThat(commandJournal.snapshot()).hasSize(49);
        final long[] applied = results.stream().mapToLong(r -> r.sequence).toArray();
        assertThat(applied.length).as("only journaled commands are applied").isLessThanOrEqualTo(49);
        final long[] prefix = new long[applied.length];
        Arrays.setAll(prefix, i -> i + 1);
        assertThat(applied).as("a gap-free prefix").containsExactly(prefix);
        assertThatThrownBy(() -> submitAll(pipeline, stream, null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRefuseASubmitWaitingForAFullRingWhenAJournalHasFailed()
    {
        // given: a journaller that fails early, and a ring that the stream overfills
        commandJournal.failAtSequence = 5;
        final Pipeline pipeline = new Pipeline(config(1).inputRingSize(16));
        final List<TestCommand> stream = RandomizedWorkload.generate(9, 1_000, WINDOW);

        // when
        final Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> assertTimeoutPreemptively(
            Duration.ofSeconds(30), () -> submitAll(pipeline, stream, null), "submit waited for ever on a full ring"));
        pipeline.close();

        // then
        assertThat(refused).as("what stopped the submitter").isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("pipeline failed").hasRootCauseMessage("disk full (test) at sequence 5");
    }

    @Test
    void shouldCloseWhenTheOutputJournalFailsWhileTheBlpWaitsForAFullOutputRing()
    {
        // given: an output journal that fails early, an output ring that the BLP then fills, and more to come
        eventJournal.failAtSequence = 5;
        final Pipeline pipeline = new Pipeline(config(1).outputRingSize(16));
        final List<TestCommand> stream = RandomizedWorkload.generate(11, 200, WINDOW);
        org.assertj.core.api.Assertions.catchThrowable(() -> submitAll(pipeline, stream, recordingListener));

        // when
        assertTimeoutPreemptively(Duration.ofSeconds(30), pipeline::close,
            "close waited for ever for a BLP blocked on the full output ring");

        // then
        assertThat(pipeline.failure()).hasMessageContaining("disk full (test) in the output journal at sequence 5");
        assertThat(results).as("nothing acknowledged from the failed append on").allMatch(r -> r.sequence < 5);
        assertThat(violations).isEmpty();
    }

    @Test
    void shouldCloseNoJournalWhileTheOtherRingStillAppendsWhenAJournalHasFailed() throws Exception
    {
        // given: the input journal fails while the output journaller still has a backlog of slow appends
        commandJournal.failAtSequence = 200;
        eventJournal.appendNs = TimeUnit.MILLISECONDS.toNanos(1);
        final Pipeline pipeline = new Pipeline(config(1));
        org.assertj.core.api.Assertions.catchThrowable(
            () -> submitAll(pipeline, RandomizedWorkload.generate(10, 300, WINDOW), null));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (pipeline.failure() == null && System.nanoTime() < deadline)
        {
            Thread.sleep(1);
        }

        // when
        pipeline.close();
        Thread.sleep(50);

        // then
        assertThat(pipeline.failure()).hasMessageContaining("disk full (test) at sequence 200");
        assertThat(eventJournal.closed).as("output journal closed").isTrue();
        assertThat(eventJournal.appendsAfterClose).as("appends to the output journal during or after its close")
            .hasValue(0);
    }
}
