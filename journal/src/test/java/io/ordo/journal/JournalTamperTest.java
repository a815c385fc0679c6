package io.ordo.journal;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.ordo.core.BlpConfig;
import io.ordo.workload.CommandKind;
import io.ordo.workload.DifferentialHarness;
import io.ordo.workload.RandomizedWorkload;
import io.ordo.workload.TestCommand;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Specification of tamper evidence and corruption handling: {@code verify} finds a changed, inserted, removed or
 * reordered journal record and a byte flipped on disk, and names where; a damaged snapshot is reported, and
 * start-up falls back to an older snapshot or a full replay with the same state.
 */
class JournalTamperTest
{
    private static final int WINDOW = DifferentialHarness.WINDOW_CAPACITY;
    private static final int COMMANDS = 2_000;

    @TempDir
    Path dir;

    private long hash;

    @BeforeEach
    void writeJournal() throws Exception
    {
        final List<TestCommand> stream = RandomizedWorkload.generate(41, COMMANDS + 100, WINDOW).stream()
            .filter(c -> c.kind != CommandKind.TAKE_SNAPSHOT).limit(COMMANDS).toList();
        final Engine engine = Engine.start(new EngineConfig().dataDirectory(dir.resolve("good"))
            .createDataDirectory(true)
            .blpConfig(new BlpConfig().requestWindowCapacity(WINDOW)).snapshotIntervalCommands(500));
        final Submitter submitter = new Submitter();
        submitter.submit(engine, stream);
        submitter.awaitAll();
        engine.close();
        hash = engine.blp().stateHash();
        assertThat(Verifier.verify(new DataDirectory(dir.resolve("good")), null).ok()).isTrue();
    }

    enum Tamper
    {
        CHANGE, INSERT, REMOVE, REORDER
    }

    /**
     * Raw records of a queue, each [sequence, checksum, length, payload], taken apart from their documents (a batch
     * shares one document).
     */
    private static List<byte[]> rawRecords(final Path queuePath)
    {
        final List<byte[]> records = new ArrayList<>();
        try (SingleChronicleQueue queue = DataDirectory.openQueue(queuePath, true);
            ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext context = tailer.readingDocument())
                {
                    if (!context.isPresent())
                    {
                        return records;
                    }
                    final Bytes<?> bytes = context.wire().bytes();
                    while (bytes.readRemaining() > 0)
                    {
                        final int payloadLength = bytes.readInt(bytes.readPosition() + JournalRecord.LENGTH_OFFSET);
                        final byte[] record = new byte[JournalRecord.HEADER_LENGTH + payloadLength];
                        bytes.read(record);
                        records.add(record);
                    }
                }
            }
        }
    }

    private static void writeRaw(final Path queuePath, final List<byte[]> records)
    {
        try (SingleChronicleQueue queue = DataDirectory.openQueue(queuePath, false);
            ExcerptAppender appender = queue.createAppender())
        {
            for (final byte[] record : records)
            {
                try (DocumentContext context = appender.writingDocument())
                {
                    context.wire().bytes().write(record);
                }
            }
        }
    }

    /** A copy of the good directory whose input journal is rewritten record by record, with one tampering. */
    private DataDirectory tampered(final Tamper tamper, final int at) throws Exception
    {
        final Path good = dir.resolve("good");
        final Path bad = dir.resolve("bad-" + tamper);
        Files.createDirectories(bad);
        Files.copy(good.resolve(DataDirectory.METADATA_FILE), bad.resolve(DataDirectory.METADATA_FILE));
        final List<byte[]> input = rawRecords(good.resolve("input"));
        switch (tamper)
        {
            case CHANGE:
                input.get(at)[JournalRecord.HEADER_LENGTH + 20] ^= 1; // inside the command, checksum kept
                break;
            case INSERT:
                input.add(at, input.get(at).clone());
                break;
            case REMOVE:
                input.remove(at);
                break;
            case REORDER:
                input.add(at + 1, input.remove(at));
                break;
            default:
                throw new IllegalArgumentException();
        }
        writeRaw(bad.resolve("input"), input);
        writeRaw(bad.resolve("output"), rawRecords(good.resolve("output")));
        return new DataDirectory(bad);
    }

    @ParameterizedTest
    @EnumSource(Tamper.class)
    void shouldNameTheRecordWhereTheInputJournalWasTamperedWith(final Tamper tamper) throws Exception
    {
        // given: record 1,234 (sequence 1,235) tampered with
        final DataDirectory directory = tampered(tamper, 1_234);

        // when
        final Verifier.Result result = Verifier.verify(directory, System.out);

        // then
        assertThat(result.ok()).isFalse();
        final String problem = result.problems().get(0);
        assertThat(problem).startsWith("input journal damaged at ").contains(directory.inputJournal().toString())
            .contains("position ");
        final String expectedWhat = tamper == Tamper.CHANGE ? "checksum" : "sequence";
        assertThat(problem).contains(expectedWhat).contains("after sequence " + (tamper == Tamper.REORDER ||
            tamper == Tamper.CHANGE ? 1_234 : tamper == Tamper.INSERT ? 1_235 : 1_234));
        assertThat(result.inputRecords()).as("stopped at the tampered record").isLessThanOrEqualTo(1_236);
    }

    @Test
    void shouldFindAByteFlippedInTheJournalFileAndNameFileAndPosition() throws Exception
    {
        // given: one byte flipped on disk inside the 1,000th record's command
        final DataDirectory directory = new DataDirectory(dir.resolve("good"));
        final RecordPlace flipped = flipCommandByte(directory, 1_000);

        // when
        final Verifier.Result result = Verifier.verify(directory, null);

        // then
        assertThat(result.ok()).isFalse();
        assertThat(result.problems().get(0))
            .contains("input journal damaged at " + flipped.file() + ", position " + flipped.position())
            .contains("(record 1000, after sequence 999)").contains("checksum");
    }

    @Test
    void shouldApplyNoCommandFromAChangedRecordOnWhenReplaying() throws Exception
    {
        // given: a byte of the 1,000th record's command flipped, which only its checksum shows
        final DataDirectory directory = new DataDirectory(dir.resolve("good"));
        flipCommandByte(directory, 1_000);
        final long[] lastApplied = {0};
        final JournalReplay replay = new JournalReplay(directory.openExisting(new BlpConfig()), false,
            (input, blp, events, eventsLength) ->
            {
                lastApplied[0] = input.sequence();
                return true;
            });
        replay.start(List.of(), JournalReplay.LAST_SEQUENCE_UNKNOWN);

        // when
        final Throwable thrown = catchThrowable(() -> replay.replay(directory.inputJournal()));

        // then: the records before it were applied, it and those after it not
        assertThat(thrown).isInstanceOf(JournalException.class).hasMessageContaining("checksum")
            .hasMessageContaining("(record 1000, after sequence 999)");
        assertThat(lastApplied[0]).isEqualTo(999);
        assertThat(replay.commands()).isEqualTo(999);
    }

    /** Where a record lies: its cycle file and the byte position of the record in it. */
    private record RecordPlace(Path file, long position)
    {
    }

    /** Flips a byte of the command of the input journal's record at {@code recordNumber}; returns its place. */
    private static RecordPlace flipCommandByte(final DataDirectory directory, final int recordNumber) throws Exception
    {
        final RecordPlace place;
        try (JournalReader reader = new JournalReader(directory.inputJournal(), "input journal"))
        {
            for (int i = 0; i < recordNumber; i++)
            {
                assertThat(reader.next()).isTrue();
            }
            place = new RecordPlace(reader.file(), reader.recordPosition());
        }
        try (RandomAccessFile raf = new RandomAccessFile(place.file().toFile(), "rw"))
        {
            final long target = place.position() + JournalRecord.HEADER_LENGTH + 9;
            raf.seek(target);
            final int value = raf.read();
            raf.seek(target);
            raf.write(value ^ 0x40);
        }
        return place;
    }

    @Test
    void shouldFallBackToAnOlderSnapshotWhenTheNewestIsDamagedAndRecoverTheSameState() throws Exception
    {
        // given: the newest snapshot (sequence 2,000) has a flipped byte
        final DataDirectory directory = new DataDirectory(dir.resolve("good"));
        final Path newest = directory.snapshots().resolve(SnapshotStore.fileName(2_000));
        assertThat(newest).exists();
        final byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 1;
        Files.write(newest, bytes);

        // when
        final Engine engine = Engine.start(new EngineConfig().dataDirectory(directory.root()));
        engine.close();

        // then
        assertThat(engine.recovery().warnings()).hasSize(1);
        assertThat(engine.recovery().warnings().get(0)).contains(newest.toString()).contains("CRC-32C");
        assertThat(engine.recovery().snapshotSequence()).as("the older snapshot").isEqualTo(1_500);
        assertThat(engine.recovery().replayedCommands()).isEqualTo(500);
        assertThat(engine.blp().stateHash()).isEqualTo(hash);
        final Verifier.Result result = Verifier.verify(directory, null);
        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).anyMatch(p -> p.startsWith("snapshot " + newest + " damaged"));
    }

    @Test
    void shouldReportTheFirstDivergenceWithCommandExpectedAndActualEventWhenTheEventStoreDisagrees() throws Exception
    {
        // given: an output journal whose record 777 says something else, with its chain recomputed from there on
        // (as a rewrite by someone who knows the format would be): the chain alone cannot catch this, the replay can
        final Path good = dir.resolve("good");
        final Path bad = dir.resolve("bad-event");
        Files.createDirectories(bad);
        Files.copy(good.resolve(DataDirectory.METADATA_FILE), bad.resolve(DataDirectory.METADATA_FILE));
        writeRaw(bad.resolve("input"), rawRecords(good.resolve("input")));
        final List<byte[]> output = rawRecords(good.resolve("output"));
        final byte[] changed = output.get(776);
        changed[JournalRecord.HEADER_LENGTH + 8 + 1] ^= 0x01; // the first event's accountId
        final JournalRecord record = new JournalRecord();
        int previous = JournalRecord.GENESIS_CHECKSUM;
        for (final byte[] raw : output)
        {
            final org.agrona.concurrent.UnsafeBuffer buffer = new org.agrona.concurrent.UnsafeBuffer(raw);
            final int length = buffer.getInt(JournalRecord.LENGTH_OFFSET, JournalRecord.ORDER);
            final int checksum = record.checksum(previous, buffer.getLong(0, JournalRecord.ORDER), buffer,
                JournalRecord.HEADER_LENGTH, length);
            buffer.putInt(JournalRecord.CHECKSUM_OFFSET, checksum, JournalRecord.ORDER);
            previous = checksum;
        }
        writeRaw(bad.resolve("output"), output);

        // when
        final Verifier.Result result = Verifier.verify(new DataDirectory(bad), System.out);

        // then
        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).hasSize(1);
        assertThat(result.problems().get(0))
            .startsWith("divergence at sequence 777 (")
            .contains("event 1")
            .containsPattern("command:  \\[\\w+\\]")
            .containsPattern("expected: \\[\\w+\\].*\\(output journal\\)")
            .containsPattern("actual:   \\[\\w+\\].*\\(replay\\)");
        assertThat(result.inputRecords()).as("stops at the first divergence").isEqualTo(777);
    }

    @Test
    void shouldReplayFromTheFirstCommandWhenEverySnapshotIsDamaged() throws Exception
    {
        // given
        final DataDirectory directory = new DataDirectory(dir.resolve("good"));
        final List<Path> snapshots = new SnapshotStore(directory.snapshots(), 1).list();
        assertThat(snapshots).hasSize(3);
        for (final Path snapshot : snapshots)
        {
            Files.write(snapshot, new byte[]{1, 2, 3});
        }

        // when
        final Engine engine = Engine.start(new EngineConfig().dataDirectory(directory.root()));
        engine.close();

        // then
        assertThat(engine.recovery().warnings()).hasSize(3)
            .allSatisfy(warning -> assertThat(warning).contains("shorter than its 48-byte header"));
        assertThat(engine.recovery().snapshot()).isNull();
        assertThat(engine.recovery().replayedCommands()).isEqualTo(COMMANDS);
        assertThat(engine.blp().stateHash()).isEqualTo(hash);
    }
}
