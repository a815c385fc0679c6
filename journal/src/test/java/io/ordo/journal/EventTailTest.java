package io.ordo.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.ordo.core.BlpConfig;
import io.ordo.workload.CommandKind;
import io.ordo.workload.DifferentialHarness;
import io.ordo.workload.RandomizedWorkload;
import io.ordo.workload.TestCommand;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Specification of {@link Engine#openEventTail}: a tail from a resume point delivers every later command's record
 * once, in order, with the events the result listener saw, from history and then while the engine appends; resume
 * points the journal does not hold are refused with the range it does; an engine without a data directory has no
 * tail; closing the engine closes its tails, and a tail polled meanwhile on another thread gets an
 * {@link IllegalStateException}, not a crash.
 */
class EventTailTest
{
    private static final int WINDOW = DifferentialHarness.WINDOW_CAPACITY;
    private static final long DEADLINE_NS = TimeUnit.SECONDS.toNanos(60);
    /** A caught-up poller backs off this long: a 2-core machine also runs the four pipeline threads. */
    private static final long IDLE_NS = 20_000;

    @TempDir
    Path dir;

    private EngineConfig config()
    {
        return new EngineConfig().dataDirectory(dir).createDataDirectory(true)
            .blpConfig(new BlpConfig().requestWindowCapacity(WINDOW)).snapshotIntervalCommands(0)
            .inputRingSize(1024).outputRingSize(1024);
    }

    private static List<TestCommand> stream(final long seed, final int count)
    {
        return RandomizedWorkload.generate(seed, count + 100, WINDOW).stream()
            .filter(c -> c.kind != CommandKind.TAKE_SNAPSHOT).limit(count).toList();
    }

    /** Polls until the tail has delivered {@code lastSequence}, checking nothing else. */
    private static void pollTo(final EventTail tail, final TailRecords records, final long lastSequence)
    {
        final long deadline = System.nanoTime() + DEADLINE_NS;
        while (tail.lastDelivered() < lastSequence)
        {
            if (tail.poll(records, 64) == 0)
            {
                assertThat(System.nanoTime()).as("records delivered by then: %s", tail.lastDelivered())
                    .isLessThan(deadline);
                LockSupport.parkNanos(IDLE_NS);
            }
        }
    }

    @Test
    void shouldDeliverEveryLaterRecordOnceWhileTheEngineAppends() throws Exception
    {
        // given: an engine with some history, and a thread that submits more in batches while the tails are polled,
        // each batch once the first tail has caught up with the one before (so that it goes from history to live
        // over and over, and reads while the journaller appends)
        final List<TestCommand> commands = stream(11, 4_000);
        final Submitter submitter = new Submitter();
        final AtomicLong caughtUp = new AtomicLong();
        try (Engine engine = Engine.start(config()))
        {
            submitter.submit(engine, commands.subList(0, 1_000));
            submitter.awaitAll();
            final Thread appender = new Thread(() ->
            {
                for (int from = 1_000; from < 4_000; from += 100)
                {
                    while (caughtUp.get() < from)
                    {
                        LockSupport.parkNanos(IDLE_NS);
                    }
                    submitter.submit(engine, commands.subList(from, from + 100));
                }
            }, "appender");

            // when: one tail from the beginning and one resuming in the history
            final TailRecords fromStart = new TailRecords();
            final TailRecords resumed = new TailRecords();
            try (EventTail tail = engine.openEventTail(0); EventTail later = engine.openEventTail(777))
            {
                appender.start();
                final long deadline = System.nanoTime() + DEADLINE_NS;
                while (tail.lastDelivered() < 4_000 || later.lastDelivered() < 4_000)
                {
                    final int delivered = tail.poll(fromStart, 16) + later.poll(resumed, 100);
                    caughtUp.set(tail.lastDelivered());
                    if (delivered == 0)
                    {
                        assertThat(System.nanoTime()).as("delivered %d and %d by then", tail.lastDelivered(),
                            later.lastDelivered()).isLessThan(deadline);
                        LockSupport.parkNanos(IDLE_NS);
                    }
                }
                appender.join();
                submitter.awaitAll();
                assertThat(tail.poll(fromStart, 16)).as("nothing after the last command").isZero();
            }

            // then
            assertThat(engine.failure()).isNull();
            assertThat(fromStart.sequences).as("every sequence once, in order").isEqualTo(range(1, 4_000));
            assertThat(resumed.sequences).as("every sequence after the resume point once, in order")
                .isEqualTo(range(778, 4_000));
            for (long sequence = 1; sequence <= 4_000; sequence++)
            {
                assertThat(fromStart.events(sequence)).as("events of sequence %d, as the result listener saw them",
                    sequence).isEqualTo(submitter.results.get(sequence));
            }
            for (long sequence = 778; sequence <= 4_000; sequence++)
            {
                assertThat(resumed.events(sequence)).as("events of sequence %d from the resumed tail", sequence)
                    .isEqualTo(submitter.results.get(sequence));
            }
            assertThat(engine.openEventTails()).as("tails closed by their owner").isZero();
        }
    }

    @Test
    void shouldResumeThroughTheIndexReadingAFewDocumentsAndNotTheRecordsBefore() throws Exception
    {
        // given
        final Submitter submitter = new Submitter();
        try (Engine engine = Engine.start(config()))
        {
            submitter.submit(engine, stream(12, 3_000));
            submitter.awaitAll();

            // when
            final TailRecords records = new TailRecords();
            try (EventTail tail = engine.openEventTail(2_345))
            {
                pollTo(tail, records, 3_000);

                // then
                // 3,000 records in batched documents: at most one per record, so a binary search reads at most
                // log2(3,000) + 1 of them, beside the first of the cycle file and the computed index's
                assertThat(tail.seekDocumentsRead()).as("documents read by the seek: the first of the one cycle " +
                    "file, the computed index, then a binary search of the documents").isLessThanOrEqualTo(15);
            }
            assertThat(records.sequences).isEqualTo(range(2_346, 3_000));
            assertThat(records.events(2_346)).isEqualTo(submitter.results.get(2_346L));
        }
    }

    @Test
    void shouldDeliverOnlyWhatFollowsWhenResumingAtTheLastRecord() throws Exception
    {
        final Submitter submitter = new Submitter();
        try (Engine engine = Engine.start(config()))
        {
            final List<TestCommand> commands = stream(13, 60);
            submitter.submit(engine, commands.subList(0, 50));
            submitter.awaitAll();
            final TailRecords records = new TailRecords();
            try (EventTail tail = engine.openEventTail(50))
            {
                assertThat(tail.poll(records, 10)).as("caught up").isZero();
                assertThat(tail.lastDelivered()).isEqualTo(50);

                submitter.submit(engine, commands.subList(50, 60));
                submitter.awaitAll();
                pollTo(tail, records, 60);
            }
            assertThat(records.sequences).isEqualTo(range(51, 60));
            assertThat(records.events(60)).isEqualTo(submitter.results.get(60L));
        }
    }

    @Test
    void shouldRefuseAResumePointBeyondTheJournal() throws Exception
    {
        final Submitter submitter = new Submitter();
        try (Engine engine = Engine.start(config()))
        {
            final Throwable onEmpty = catchThrowable(() -> engine.openEventTail(1));
            final TailRecords records = new TailRecords();
            try (EventTail fromZero = engine.openEventTail(0))
            {
                assertThat(fromZero.poll(records, 10)).as("an empty journal from the beginning").isZero();
                submitter.submit(engine, stream(14, 20));
                submitter.awaitAll();
                pollTo(fromZero, records, 20);
            }

            final Throwable beyond = catchThrowable(() -> engine.openEventTail(21));

            assertThat(onEmpty).isInstanceOf(ResumeRefusedException.class)
                .hasMessageContaining("cannot resume after sequence 1").hasMessageContaining("(it is empty)");
            assertThat(((ResumeRefusedException)onEmpty).reason())
                .isEqualTo(ResumeRefusedException.Reason.BEYOND_JOURNAL);
            assertThat(records.sequences).isEqualTo(range(1, 20));
            assertThat(beyond).isInstanceOf(ResumeRefusedException.class)
                .hasMessageContaining("cannot resume after sequence 21")
                .hasMessageContaining("ends at sequence 20");
            final ResumeRefusedException refused = (ResumeRefusedException)beyond;
            assertThat(refused.reason()).isEqualTo(ResumeRefusedException.Reason.BEYOND_JOURNAL);
            assertThat(refused.firstSequence()).isEqualTo(1);
            assertThat(refused.lastSequence()).isEqualTo(20);
            assertThat(engine.openEventTails()).as("refused tails hold nothing").isZero();
        }
    }

    @Test
    void shouldRefuseAResumePointOlderThanTheJournal() throws Exception
    {
        // given: 300 commands, then the output journal's records up to 150 archived
        final Submitter submitter = new Submitter();
        try (Engine engine = Engine.start(config()))
        {
            submitter.submit(engine, stream(15, 300));
            submitter.awaitAll();
        }
        archiveOutputTo(150);

        try (Engine engine = Engine.start(config()))
        {
            // when
            final Throwable older = catchThrowable(() -> engine.openEventTail(149));
            final Throwable fromZero = catchThrowable(() -> engine.openEventTail(0));
            final TailRecords atStart = new TailRecords();
            final TailRecords inside = new TailRecords();
            try (EventTail first = engine.openEventTail(150); EventTail later = engine.openEventTail(200))
            {
                pollTo(first, atStart, 300);
                pollTo(later, inside, 300);
            }

            // then
            assertThat(older).isInstanceOf(ResumeRefusedException.class)
                .hasMessageContaining("cannot resume after sequence 149")
                .hasMessageContaining("the history before sequence 151 is no longer in the output journal")
                .hasMessageContaining("earliest resume point is after sequence 150");
            final ResumeRefusedException refused = (ResumeRefusedException)older;
            assertThat(refused.reason()).isEqualTo(ResumeRefusedException.Reason.HISTORY_ARCHIVED);
            assertThat(refused.firstSequence()).isEqualTo(151);
            assertThat(refused.lastSequence()).isEqualTo(300);
            assertThat(fromZero).as("0 on an archived journal: starting later would be a gap")
                .isInstanceOf(ResumeRefusedException.class).hasMessageContaining("before sequence 151");
            assertThat(atStart.sequences).isEqualTo(range(151, 300));
            assertThat(atStart.events(151)).isEqualTo(submitter.results.get(151L));
            assertThat(inside.sequences).isEqualTo(range(201, 300));
        }
    }

    /** Keeps the output journal's records after {@code archivedTo}, byte for byte, as if older files were moved. */
    private void archiveOutputTo(final long archivedTo) throws Exception
    {
        final Path output = dir.resolve("output");
        final Path kept = dir.resolve("output.kept");
        try (JournalReader reader = new JournalReader(output, "output journal");
            SingleChronicleQueue queue = DataDirectory.openQueue(kept, false);
            ExcerptAppender appender = queue.createAppender())
        {
            while (reader.next())
            {
                if (reader.sequence() > archivedTo)
                {
                    try (DocumentContext context = appender.writingDocument())
                    {
                        final var bytes = context.wire().bytes();
                        bytes.writeLong(reader.sequence());
                        bytes.writeInt(reader.checksum());
                        bytes.writeInt(reader.length());
                        bytes.write(reader.payload().byteArray(), 0, reader.length());
                    }
                }
            }
        }
        Files.move(output, dir.resolve("output.archived"));
        Files.move(kept, output);
    }

    @Test
    void shouldRefuseATailOfAnEngineWithoutADataDirectory()
    {
        try (Engine engine = Engine.start(new EngineConfig()))
        {
            final Throwable refused = catchThrowable(() -> engine.openEventTail(0));

            assertThat(refused).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without a data directory").hasMessageContaining("no output journal");
        }
    }

    @Test
    void shouldCloseOpenTailsWhenTheEngineClosesAndFailTheirNextPollWithoutCrashing() throws Exception
    {
        // given: a tail polled on its own thread while the engine appends
        final Submitter submitter = new Submitter();
        final Engine engine = Engine.start(config());
        final CountDownLatch opened = new CountDownLatch(1);
        final AtomicReference<Throwable> pollFailure = new AtomicReference<>();
        final TailRecords records = new TailRecords();
        final AtomicReference<EventTail> opener = new AtomicReference<>();
        final Thread poller = new Thread(() ->
        {
            final EventTail tail = engine.openEventTail(0);
            opener.set(tail);
            opened.countDown();
            try
            {
                while (true)
                {
                    if (tail.poll(records, 8) == 0)
                    {
                        LockSupport.parkNanos(IDLE_NS);
                    }
                }
            }
            catch (final Throwable t)
            {
                pollFailure.set(t);
            }
            tail.close();
        }, "tail-poller");
        poller.start();
        assertThat(opened.await(30, TimeUnit.SECONDS)).isTrue();
        submitter.submit(engine, stream(16, 500));
        submitter.awaitAll();

        // when
        engine.close();
        poller.join(TimeUnit.SECONDS.toMillis(30));

        // then
        assertThat(poller.isAlive()).as("the polling thread ended").isFalse();
        assertThat(pollFailure.get()).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("the engine was closed");
        assertThat(opener.get().isClosed()).isTrue();
        assertThat(records.sequences).as("what was delivered before: a prefix, in order")
            .isEqualTo(range(1, records.sequences.size()));
        assertThat(engine.openEventTails()).isZero();
        assertThat(catchThrowable(() -> engine.openEventTail(0))).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("engine closed");
    }

    @Test
    void shouldRefuseAPollFromAnotherThreadThanTheOwner() throws Exception
    {
        try (Engine engine = Engine.start(config()); EventTail tail = engine.openEventTail(0))
        {
            final AtomicReference<Throwable> refused = new AtomicReference<>();
            final Thread other = new Thread(() -> refused.set(catchThrowable(() -> tail.poll(new TailRecords(), 1))),
                "not-the-owner");
            other.start();
            other.join();

            assertThat(refused.get()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("confined to the thread that opened it")
                .hasMessageContaining("not-the-owner");
        }
    }

    @Test
    void shouldStopAfterTheCurrentRecordWhenTheListenerClosesTheTail() throws Exception
    {
        final Submitter submitter = new Submitter();
        try (Engine engine = Engine.start(config()))
        {
            submitter.submit(engine, stream(17, 10));
            submitter.awaitAll();
            final EventTail tail = engine.openEventTail(0);
            final TailRecords records = new TailRecords();

            final int delivered = tail.poll((sequence, events, offset, length) ->
            {
                records.onRecord(sequence, events, offset, length);
                if (sequence == 3)
                {
                    tail.close();
                }
            }, 10);

            assertThat(delivered).isEqualTo(3);
            assertThat(tail.isClosed()).isTrue();
            assertThat(engine.openEventTails()).isZero();
            assertThat(catchThrowable(() -> tail.poll(records, 1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        }
    }

    static List<Long> range(final long from, final long to)
    {
        final List<Long> sequences = new ArrayList<>();
        for (long sequence = from; sequence <= to; sequence++)
        {
            sequences.add(sequence);
        }
        return sequences;
    }
}
