package io.ordo.journal;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Specification of an {@link EventTail} over journals written here with {@link ChronicleJournal} (the engine's
 * writer) on a queue that rolls every second of a test clock, which the engine's daily files cannot do in a test:
 * the tail follows cycle rolls, seeks into any cycle through the index, refuses a resume point in cycle files that
 * were archived, finds its way by sequence where the index does not map one record per sequence, stops with a
 * {@link JournalException} naming the file and sequence at a gap or a broken checksum chain, does not deliver a
 * document still being written, and allocates nothing per record.
 */
class EventTailJournalTest
{
    private static final int RECORDS_PER_CYCLE = 10;
    private static final int CYCLES = 5;
    /**
     * Not zero: runs here showed a few hundred bytes to about 15 KB for the whole measured run, in a handful of
     * one-off allocations that do not grow with the number of records (the JVM's, Chronicle's); a single allocation
     * per record would show as hundreds of kilobytes.
     */
    private static final long SPORADIC_BYTES_BOUND = 32_768;

    @TempDir
    Path dir;

    private final SetTimeProvider clock = new SetTimeProvider(Instant.parse("2026-01-01T00:00:00Z"));
    private final JournalRecord record = new JournalRecord();
    private final UnsafeBuffer events = new UnsafeBuffer(new byte[64]);
    private SingleChronicleQueue queue;
    private ChronicleJournal journal;

    private SingleChronicleQueue open()
    {
        return SingleChronicleQueueBuilder.binary(dir.resolve("output")).rollCycle(TestRollCycles.TEST_SECONDLY)
            .timeProvider(clock).build();
    }

    @AfterEach
    void closeQueue()
    {
        if (queue != null)
        {
            queue.close();
        }
    }

    /** The events of a record: its sequence in every byte, so that a mix-up shows. */
    private UnsafeBuffer eventsOf(final long sequence, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            events.putByte(i, (byte)(sequence + i));
        }
        return events;
    }

    private void append(final long from, final long to)
    {
        for (long sequence = from; sequence <= to; sequence++)
        {
            journal.append(sequence, eventsOf(sequence, lengthOf(sequence)), 0, lengthOf(sequence));
        }
    }

    private static int lengthOf(final long sequence)
    {
        return 8 + (int)(sequence % 40);
    }

    /** {@link #CYCLES} cycle files of {@link #RECORDS_PER_CYCLE} records each, from sequence 1. */
    private void writeCycles()
    {
        queue = open();
        journal = new ChronicleJournal(queue, Durability.MAPPED, 0, JournalRecord.GENESIS_CHECKSUM);
        for (int cycle = 0; cycle < CYCLES; cycle++)
        {
            append(cycle * RECORDS_PER_CYCLE + 1, (cycle + 1) * RECORDS_PER_CYCLE);
            clock.advanceMillis(1_000);
        }
    }

    private static void pollAll(final EventTail tail, final TailRecords records)
    {
        while (tail.poll(records, 7) > 0)
        {
            // until caught up
        }
    }

    private void assertEvents(final TailRecords records, final long sequence)
    {
        final byte[] expected = new byte[lengthOf(sequence)];
        eventsOf(sequence, expected.length).getBytes(0, expected);
        assertThat(records.events(sequence)).as("events of sequence %d", sequence).isEqualTo(expected);
    }

    private List<Path> cycleFiles() throws Exception
    {
        try (Stream<Path> files = Files.list(dir.resolve("output")))
        {
            return files.filter(f -> f.toString().endsWith(".cq4")).sorted().toList();
        }
    }

    @Test
    void shouldFollowTheJournalAcrossCycleRollsFromHistoryToLive() throws Exception
    {
        // given
        writeCycles();
        assertThat(cycleFiles()).as("cycle files").hasSize(CYCLES);
        final TailRecords fromStart = new TailRecords();
        final TailRecords resumed = new TailRecords();
        try (EventTail tail = new EventTail(queue, 0, null, "output journal");
            EventTail later = new EventTail(queue, 23, null, "output journal"))
        {
            // when: history, then records of a new cycle, after a gap of three cycles without files
            pollAll(tail, fromStart);
            pollAll(later, resumed);
            clock.advanceMillis(3_000);
            append(51, 60);
            pollAll(tail, fromStart);
            pollAll(later, resumed);

            // then
            assertThat(later.seekDocumentsRead()).as("documents read by the seek into the third of five files")
                .isLessThanOrEqualTo(6);
        }
        assertThat(cycleFiles()).hasSize(CYCLES + 1);
        assertThat(fromStart.sequences).isEqualTo(EventTailTest.range(1, 60));
        assertThat(resumed.sequences).isEqualTo(EventTailTest.range(24, 60));
        for (long sequence = 1; sequence <= 60; sequence++)
        {
            assertEvents(fromStart, sequence);
        }
    }

    @Test
    void shouldSeekToTheFirstAndLastRecordOfEveryCycle()
    {
        writeCycles();
        for (long after = 0; after <= CYCLES * RECORDS_PER_CYCLE; after++)
        {
            final TailRecords records = new TailRecords();
            try (EventTail tail = new EventTail(queue, after, null, "output journal"))
            {
                pollAll(tail, records);
            }
            assertThat(records.sequences).as("after %d", after)
                .isEqualTo(EventTailTest.range(after + 1, CYCLES * RECORDS_PER_CYCLE));
        }
    }

    @Test
    void shouldRefuseAResumePointInCycleFilesThatWereArchived() throws Exception
    {
        // given: the first two cycle files moved away
        writeCycles();
        queue.close();
        final List<Path> files = cycleFiles();
        final Path archive = Files.createDirectories(dir.resolve("archive"));
        for (final Path file : files.subList(0, 2))
        {
            Files.move(file, archive.resolve(file.getFileName()));
        }
        queue = open();

        // when
        final Throwable older = catchThrowable(() -> new EventTail(queue, 19, null, "output journal"));
        final Throwable fromZero = catchThrowable(() -> new EventTail(queue, 0, null, "output journal"));
        final TailRecords atStart = new TailRecords();
        final TailRecords inside = new TailRecords();
        try (EventTail first = new EventTail(queue, 20, null, "output journal");
            EventTail later = new EventTail(queue, 35, null, "output journal"))
        {
            pollAll(first, atStart);
            pollAll(later, inside);
        }

        // then
        assertThat(older).isInstanceOf(ResumeRefusedException.class)
            .hasMessageContaining("the history before sequence 21 is no longer in the output journal");
        assertThat(((ResumeRefusedException)older).lastSequence()).isEqualTo(50);
        assertThat(fromZero).isInstanceOf(ResumeRefusedException.class);
        assertThat(((ResumeRefusedException)fromZero).reason())
            .isEqualTo(ResumeRefusedException.Reason.HISTORY_ARCHIVED);
        assertThat(atStart.sequences).as("from the first record kept, taken as the chain's base")
            .isEqualTo(EventTailTest.range(21, 50));
        assertThat(inside.sequences).isEqualTo(EventTailTest.range(36, 50));
    }

    @Test
    void shouldFindTheResumePointBySequenceWhereTheIndexDoesNotMapOneRecordPerSequence()
    {
        // given: one cycle holding 1..100 and 102..200 (sequence 101 missing), so document i no longer holds i + 1
        queue = open();
        journal = new ChronicleJournal(queue, Durability.MAPPED, 0, JournalRecord.GENESIS_CHECKSUM);
        append(1, 100);
        append(102, 200);

        // when
        final TailRecords records = new TailRecords();
        final int documentsRead;
        try (EventTail tail = new EventTail(queue, 150, null, "output journal"))
        {
            pollAll(tail, records);
            documentsRead = tail.seekDocumentsRead();
        }
        final Throwable missing = catchThrowable(() -> new EventTail(queue, 101, null, "output journal"));
        final TailRecords fromStart = new TailRecords();
        final EventTail broken = new EventTail(queue, 0, null, "output journal");
        final Throwable gap = catchThrowable(() -> pollAll(broken, fromStart));
        final Throwable again = catchThrowable(() -> broken.poll(fromStart, 10));
        broken.close();

        // then
        assertThat(records.sequences).isEqualTo(EventTailTest.range(151, 200));
        assertEvents(records, 151);
        assertThat(documentsRead).as("documents read: the computed index, then a binary search of 199 documents")
            .isLessThanOrEqualTo(3 + 9);
        assertThat(missing).isInstanceOf(JournalException.class)
            .hasMessageContaining("no record of sequence 101").hasMessageContaining(".cq4")
            .hasMessageContaining("holds sequences 1 to 200 without it");
        assertThat(fromStart.sequences).as("delivered up to the gap").isEqualTo(EventTailTest.range(1, 100));
        assertThat(gap).isInstanceOf(JournalException.class).hasMessageContaining(".cq4")
            .hasMessageContaining("sequence 102 after 100 (expected 101)");
        assertThat(again).as("never past the damage").isSameAs(gap);
    }

    @Test
    void shouldThrowNamingTheFileAndSequenceWhenARecordBreaksTheChecksumChain() throws Exception
    {
        // given: records 1..10, then 11 with a checksum that does not follow from 10's
        queue = open();
        journal = new ChronicleJournal(queue, Durability.MAPPED, 0, JournalRecord.GENESIS_CHECKSUM);
        append(1, 10);
        try (ExcerptAppender appender = queue.createAppender())
        {
            writeRecord(appender, 11, 0x1234_5678, lengthOf(11));
        }

        // when
        final TailRecords records = new TailRecords();
        final Throwable broken;
        try (EventTail tail = new EventTail(queue, 0, null, "output journal"))
        {
            broken = catchThrowable(() -> pollAll(tail, records));
        }

        // then
        assertThat(records.sequences).isEqualTo(EventTailTest.range(1, 10));
        assertThat(broken).isInstanceOf(JournalException.class)
            .hasMessageContaining("output journal damaged at " + cycleFiles().get(0))
            .hasMessageContaining("the record of sequence 11 has checksum 0x12345678");
    }

    private void writeRecord(final ExcerptAppender appender, final long sequence, final int checksum, final int length)
    {
        try (DocumentContext context = appender.writingDocument())
        {
            final Bytes<?> bytes = context.wire().bytes();
            bytes.writeLong(sequence);
            bytes.writeInt(checksum);
            bytes.writeInt(length);
            final UnsafeBuffer payload = eventsOf(sequence, length);
            for (int i = 0; i < length; i++)
            {
                bytes.writeByte(payload.getByte(i));
            }
        }
    }

    @Test
    void shouldNotDeliverADocumentStillBeingWritten() throws Exception
    {
        // given: records 1..5, and record 6 half written by another thread, whose document is not complete yet
        queue = open();
        journal = new ChronicleJournal(queue, Durability.MAPPED, 0, JournalRecord.GENESIS_CHECKSUM);
        append(1, 5);
        final int checksum6 = checksumOf(6);
        final CountDownLatch halfWritten = new CountDownLatch(1);
        final CountDownLatch finish = new CountDownLatch(1);
        final AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        final Thread writer = new Thread(() ->
        {
            try (ExcerptAppender appender = queue.createAppender();
                DocumentContext context = appender.writingDocument())
            {
                final Bytes<?> bytes = context.wire().bytes();
                bytes.writeLong(6);
                bytes.writeInt(checksum6);
                bytes.writeInt(lengthOf(6));
                halfWritten.countDown();
                finish.await();
                final UnsafeBuffer payload = eventsOf(6, lengthOf(6));
                for (int i = 0; i < lengthOf(6); i++)
                {
                    bytes.writeByte(payload.getByte(i));
                }
            }
            catch (final Throwable t)
            {
                writerFailure.set(t);
            }
        }, "half-writer");
        final TailRecords records = new TailRecords();
        try (EventTail tail = new EventTail(queue, 0, null, "output journal"))
        {
            writer.start();
            assertThat(halfWritten.await(30, TimeUnit.SECONDS)).isTrue();

            // when
            pollAll(tail, records);
            final int whileIncomplete = tail.poll(records, 10);
            finish.countDown();
            writer.join();
            final int once = tail.poll(records, 10);

            // then
            assertThat(whileIncomplete).as("nothing while the document is not complete, and no wait").isZero();
            assertThat(once).isEqualTo(1);
        }
        assertThat(writerFailure.get()).isNull();
        assertThat(records.sequences).isEqualTo(EventTailTest.range(1, 6));
        assertEvents(records, 6);
    }

    /** The chained checksum of record {@code to}, computed as {@link ChronicleJournal} did for 1 to it. */
    private int checksumOf(final long to)
    {
        int checksum = JournalRecord.GENESIS_CHECKSUM;
        for (long sequence = 1; sequence <= to; sequence++)
        {
            checksum = record.checksum(checksum, sequence, eventsOf(sequence, lengthOf(sequence)), 0,
                lengthOf(sequence));
        }
        return checksum;
    }

    @Test
    void shouldAllocateNothingPerRecordInSteadyState()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assumeThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);

        // given: 60,000 records in one cycle, of which the first 10,000 warm up
        queue = open();
        journal = new ChronicleJournal(queue, Durability.MAPPED, 0, JournalRecord.GENESIS_CHECKSUM);
        append(1, 60_000);
        final CountingListener counting = new CountingListener();
        try (EventTail tail = new EventTail(queue, 0, null, "output journal"))
        {
            while (tail.lastDelivered() < 10_000)
            {
                tail.poll(counting, 100);
            }

            // when
            final long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            while (tail.poll(counting, 100) > 0)
            {
                // to the end
            }
            final long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;

            // then
            assertThat(tail.lastDelivered()).isEqualTo(60_000);
            assertThat(allocated).as("bytes allocated polling 50,000 records (a per-record allocation of 16 bytes " +
                "would be 800,000)").isLessThan(SPORADIC_BYTES_BOUND);
        }
        assertThat(counting.bytes).isPositive();
    }

    /** Sums the first byte of every record: touches the events, allocates nothing. */
    private static final class CountingListener implements EventTailListener
    {
        long bytes;

        @Override
        public void onRecord(final long sequence, final org.agrona.DirectBuffer buffer, final int offset,
            final int length)
        {
            bytes += length + buffer.getByte(offset);
        }
    }
}
