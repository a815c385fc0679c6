package io.ordo.journal;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import io.ordo.core.BlpConfig;
import io.ordo.workload.CommandKind;
import io.ordo.workload.DifferentialHarness;
import io.ordo.workload.RandomizedWorkload;
import io.ordo.workload.TestCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Specification of start-up against the output journal: it is continued from its own end whatever snapshot the
 * state starts from (a rebuild after moving it aside, or an output journal behind the newest snapshot), and it is
 * checked as strictly as the input journal: a truncated file, a stray header or garbage after the last record, or a
 * flipped byte anywhere refuses the start, writes nothing, and gets the same verdict from verify.
 */
class OutputJournalRecoveryTest
{
    private static final int WINDOW = DifferentialHarness.WINDOW_CAPACITY;
    private static final int COMMANDS = 3_000;

    @TempDir
    Path dir;

    private DataDirectory directory;
    private List<TestCommand> stream;

    private EngineConfig config()
    {
        return new EngineConfig().dataDirectory(dir).createDataDirectory(true)
            .blpConfig(new BlpConfig().requestWindowCapacity(WINDOW)).snapshotIntervalCommands(1_000);
    }

    @BeforeEach
    void writeJournals() throws Exception
    {
        stream = RandomizedWorkload.generate(71, COMMANDS + 200, WINDOW).stream()
            .filter(c -> c.kind != CommandKind.TAKE_SNAPSHOT).limit(COMMANDS + 100).toList();
        try (Engine engine = Engine.start(config()))
        {
            final Submitter submitter = new Submitter();
            submitter.submit(engine, stream.subList(0, COMMANDS));
            submitter.awaitAll();
        }
        directory = new DataDirectory(dir);
        assertThat(new SnapshotStore(directory.snapshots(), 3).list()).as("snapshots at 1,000, 2,000, 3,000")
            .hasSize(3);
    }

    private Path outputFile() throws Exception
    {
        try (Stream<Path> files = Files.list(directory.outputJournal()))
        {
            return files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    private static String digest(final Path file) throws Exception
    {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** @return the byte position just after the output journal's last record: where the free space starts. */
    private long endOfOutputData() throws Exception
    {
        try (JournalReader reader = new JournalReader(directory.outputJournal(), "output journal"))
        {
            reader.readToEnd();
            return (reader.recordPosition() + JournalRecord.HEADER_LENGTH + reader.length() + 3) & ~3L;
        }
    }

    private void submitMore() throws Exception
    {
        try (Engine engine = Engine.start(config()))
        {
            final Submitter submitter = new Submitter();
            submitter.submit(engine, stream.subList(COMMANDS, COMMANDS + 100));
            submitter.awaitAll();
        }
    }

    @Test
    void shouldRebuildAnOutputJournalMovedAsideByteForByte() throws Exception
    {
        // given
        final List<String> original = OutputRecords.of(directory.outputJournal());
        Files.move(directory.outputJournal(), dir.resolve("output.moved"));

        // when
        final RecoveryReport report;
        try (Engine engine = Engine.start(config()))
        {
            report = engine.recovery();
        }

        // then
        assertThat(report.snapshot()).as("every snapshot lies past the empty output journal's end").isNull();
        assertThat(report.rewrittenOutputs()).isEqualTo(COMMANDS);
        assertThat(report.warnings()).hasSize(3).allMatch(w -> w.contains("beyond the output journal's end 0"));
        assertThat(OutputRecords.of(directory.outputJournal())).as("the same records").isEqualTo(original);
        submitMore();
        final Verifier.Result verified = Verifier.verify(directory, null);
        assertThat(verified.ok()).isTrue();
        assertThat(verified.outputRecords()).isEqualTo(COMMANDS + 100);
    }

    @Test
    void shouldContinueAnOutputJournalThatEndsBeforeTheNewestSnapshotFromAnOlderOne() throws Exception
    {
        // given: the output journal lost its last 1,500 records (as an OS crash in mapped mode can leave it)
        JournalRepair.keepPrefix(directory.outputJournal(), "output journal", 1_500);
        final Verifier.Result behind = Verifier.verify(directory, null);

        // when
        final RecoveryReport report;
        try (Engine engine = Engine.start(config()))
        {
            report = engine.recovery();
        }

        // then
        assertThat(behind.ok()).as("verify: recorded events match; the rest is missing").isTrue();
        assertThat(behind.outputBehind()).isEqualTo(1_500);
        assertThat(report.snapshotSequence()).isEqualTo(1_000);
        assertThat(report.rewrittenOutputs()).isEqualTo(1_500);
        submitMore();
        final Verifier.Result verified = Verifier.verify(directory, null);
        assertThat(verified.ok()).isTrue();
        assertThat(verified.outputBehind()).isZero();
        assertThat(verified.outputRecords()).isEqualTo(COMMANDS + 100);
    }

    @Test
    void shouldRefuseATruncatedOutputJournalAndWriteNothing() throws Exception
    {
        final Path file = outputFile();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(endOfOutputData() / 2);
        }
        assertRefusedByStartAndVerify(file, "cut short");
    }

    @Test
    void shouldRefuseAStrayHeaderAfterTheLastOutputRecordAndWriteNothing() throws Exception
    {
        final Path file = outputFile();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(endOfOutputData());
            raf.write(new byte[] {0x38, 0, 0, 0}); // a data document of 56 bytes: all zero
        }
        assertRefusedByStartAndVerify(file, "sequence 0 after 3000 (expected 3001)");
    }

    @Test
    void shouldRefuseGarbageAfterTheLastRecordWithoutCrashing() throws Exception
    {
        final Path file = outputFile();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(endOfOutputData());
            raf.write(new byte[] {0, 0, (byte)0xff, 0x7f});
        }
        assertRefusedByStartAndVerify(file, "past the file's end");
    }

    @Test
    void shouldRefuseGarbageFarIntoTheFreeSpace() throws Exception
    {
        final Path file = outputFile();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(endOfOutputData() + 1_000_000);
            raf.write(0x5a);
        }
        assertRefusedByStartAndVerify(file, "non-zero byte 0x5a");
    }

    @Test
    void shouldRefuseAByteFlippedInTheMiddleOfTheOutputJournalAtStart() throws Exception
    {
        final Path file = outputFile();
        final long target = endOfOutputData() / 2;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(target);
            final int value = raf.read();
            raf.seek(target);
            raf.write(value ^ 0x10);
        }
        assertRefusedByStartAndVerify(file, "output journal damaged at " + file);
    }

    @Test
    void shouldRefuseADamagedChronicleIndexThoughTheRecordsAreIntact() throws Exception
    {
        // given: Chronicle's first index entry (the position of the file's first data document) changed
        final Path file = outputFile();
        final long firstDocument;
        try (JournalReader reader = new JournalReader(directory.outputJournal(), "output journal"))
        {
            assertThat(reader.next()).isTrue();
            firstDocument = reader.recordPosition() - 4;
        }
        final byte[] head = new byte[(int)firstDocument];
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.readFully(head);
            final java.nio.ByteBuffer entry = java.nio.ByteBuffer.allocate(8)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(firstDocument);
            final int at = indexOf(head, entry.array());
            assertThat(at).as("the index entry of the first document").isPositive();
            raf.seek(at);
            raf.write(head[at] ^ 0x04);
        }

        assertRefusedByStartAndVerify(file, "Chronicle's index entry 0 says document 0 is at position " +
            (firstDocument ^ 0x04));
    }

    @Test
    void shouldAcceptTheLastIndexEntryACrashLeftUnwrittenAndAppendAfterIt() throws Exception
    {
        // given: Chronicle's last index entry counted but its value still 0, as a kill at that moment leaves it
        final Path file = outputFile();
        final long firstDocument;
        long lastIndexedDocument = -1;
        try (JournalReader reader = new JournalReader(directory.outputJournal(), "output journal"))
        {
            long documents = 0;
            long first = -1;
            long document = -1;
            while (reader.next())
            {
                if (reader.documentPosition() == document)
                {
                    continue; // another record of a batch's document
                }
                document = reader.documentPosition();
                if (first < 0)
                {
                    first = document;
                }
                if (documents++ % ChronicleIndexCheck.SPACING == 0)
                {
                    lastIndexedDocument = document;
                }
            }
            firstDocument = first;
        }
        final byte[] head = new byte[(int)firstDocument];
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.readFully(head);
            final int at = indexOf(head, java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putLong(lastIndexedDocument).array());
            assertThat(at).as("the last index entry").isPositive();
            raf.seek(at);
            raf.write(new byte[Long.BYTES]);
        }

        // when: verified, started and continued
        assertThat(Verifier.verify(directory, null).problems()).isEmpty();
        try (Engine engine = Engine.start(config().createDataDirectory(false)))
        {
            final Submitter submitter = new Submitter();
            submitter.submit(engine, stream.subList(COMMANDS, COMMANDS + 100));
            submitter.awaitAll();
        }

        // then: every record is there and replays to the same events
        final Verifier.Result verified = Verifier.verify(directory, null);
        assertThat(verified.problems()).isEmpty();
        assertThat(verified.ok()).isTrue();
    }

    private static int indexOf(final byte[] haystack, final byte[] needle)
    {
        for (int i = 0; i + needle.length <= haystack.length; i++)
        {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length))
            {
                return i;
            }
        }
        return -1;
    }

    /** Start-up refuses naming the file, writes nothing; verify fails with the same first line. */
    private void assertRefusedByStartAndVerify(final Path file, final String what) throws Exception
    {
        final String before = digest(file);
        final Throwable started = catchThrowable(() -> Engine.start(config()));
        final Verifier.Result verified = Verifier.verify(directory, null);

        assertThat(started).isInstanceOf(JournalException.class).hasMessageContaining("output journal damaged at " +
            file).hasMessageContaining(what);
        assertThat(digest(file)).as("start-up wrote nothing").isEqualTo(before);
        assertThat(verified.ok()).isFalse();
        final String firstLine = started.getMessage().substring(0, started.getMessage().indexOf(": ",
            started.getMessage().indexOf("position")));
        assertThat(verified.problems().get(0)).as("the same verdict").startsWith(firstLine);
    }
}
