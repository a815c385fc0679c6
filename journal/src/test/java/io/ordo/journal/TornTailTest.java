package io.ordo.journal;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.ordo.core.BlpConfig;
import io.ordo.journal.counters.CountersFile;
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
 * Specification of a torn last record: start-up refuses it with a message naming file and position and the
 * repair to run; the repair sets it aside only when asked, keeping the original; damage before the last record is
 * never "repaired".
 */
class TornTailTest
{
    private static final int WINDOW = DifferentialHarness.WINDOW_CAPACITY;
    private static final int COMMANDS = 2_000;

    @TempDir
    Path dir;

    private DataDirectory directory;

    @BeforeEach
    void writeJournal() throws Exception
    {
        final List<TestCommand> stream = RandomizedWorkload.generate(61, COMMANDS + 100, WINDOW).stream()
            .filter(c -> c.kind != CommandKind.TAKE_SNAPSHOT).limit(COMMANDS).toList();
        final Engine engine = Engine.start(config());
        final Submitter submitter = new Submitter();
        submitter.submit(engine, stream);
        submitter.awaitAll();
        engine.close();
        directory = new DataDirectory(dir);
    }

    private EngineConfig config()
    {
        return new EngineConfig().dataDirectory(dir).createDataDirectory(true)
            .blpConfig(new BlpConfig().requestWindowCapacity(WINDOW))
            .snapshotIntervalCommands(0);
    }

    /** Flips a byte inside the payload of the input journal record with the given sequence, on disk. */
    private void damageInputRecord(final long sequence) throws Exception
    {
        Path file = null;
        long position = -1;
        try (JournalReader reader = new JournalReader(directory.inputJournal(), "input journal"))
        {
            reader.toStart();
            while (reader.next())
            {
                if (reader.sequence() == sequence)
                {
                    file = reader.file();
                    position = reader.recordPosition();
                    break;
                }
            }
        }
        assertThat(file).isNotNull();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(position + JournalRecord.HEADER_LENGTH + 3);
            final int value = raf.read();
            raf.seek(position + JournalRecord.HEADER_LENGTH + 3);
            raf.write(value ^ 0xff);
        }
    }

    /** Appends a copy of the last command as one more input record, without its output: a crash between them. */
    private void appendInputWithoutOutput() throws Exception
    {
        final Recovery.JournalEnd end = Recovery.JournalEnd.of(directory.inputJournal(), "input journal");
        final org.agrona.ExpandableArrayBuffer command = new org.agrona.ExpandableArrayBuffer();
        int length;
        try (JournalReader reader = new JournalReader(directory.inputJournal(), "input journal"))
        {
            reader.readToEnd();
            length = reader.length();
            command.putBytes(0, reader.payload(), 0, length);
        }
        try (ChronicleJournal journal = new ChronicleJournal(DataDirectory.openQueue(directory.inputJournal(), false),
            Durability.MAPPED, end.lastSequence, end.lastChecksum))
        {
            journal.append(end.lastSequence + 1, command, 0, length);
        }
    }

    @Test
    void shouldRefuseToStartOnATornLastRecordAndSetItAsideOnlyWhenAsked() throws Exception
    {
        // given: a last input record torn by a crash before its output was written
        appendInputWithoutOutput();
        damageInputRecord(COMMANDS + 1);

        // when
        final Throwable refused = catchThrowable(() -> Engine.start(config()));

        // then
        assertThat(refused).isInstanceOf(JournalException.class)
            .hasMessageContaining("input journal damaged at " + directory.inputJournal())
            .hasMessageContaining("the output journal has no events for it (it ends at sequence 2000): a write " +
                "torn by a crash, never acknowledged")
            .hasMessageContaining("./ordo repair --data " + dir + " --truncate-torn-tail");

        // when the operator asks
        final String report = JournalRepair.truncateTornTail(directory);

        // then
        assertThat(report).contains("input journal: set aside the damaged record after sequence 2000 (no events " +
            "for it in the output journal: it was never acknowledged)")
            .contains("kept 2000 records (sequences 1 to 2000)").contains("input.torn-2001")
            .doesNotContain("output journal: set aside");
        assertThat(dir.resolve("input.torn-2001")).isDirectory();
        final Engine engine = Engine.start(config());
        engine.close();
        assertThat(engine.recovery().lastSequence()).isEqualTo(COMMANDS);
        assertThat(engine.blp().stateHash())
            .isEqualTo(Replayer.replay(directory, false, null).stateHash());
        assertThat(Verifier.verify(directory, null).ok()).isTrue();
        assertThat(JournalRepair.truncateTornTail(directory)).startsWith("nothing to repair");
    }

    @Test
    void shouldRefuseToDiscardCommandsThatMayHaveBeenAcknowledgedUnlessToldSo() throws Exception
    {
        // given: the last input record damaged although the output journal holds its events
        damageInputRecord(COMMANDS);

        // when
        final Throwable started = catchThrowable(() -> Engine.start(config()));
        final Throwable repaired = catchThrowable(() -> JournalRepair.truncateTornTail(directory));

        // then
        assertThat(started).isInstanceOf(JournalException.class)
            .hasMessageContaining("the output journal holds events up to sequence 2000: the commands at " +
                "sequence 2000 may have been acknowledged").hasMessageContaining("--discard-acknowledged");
        assertThat(repaired).isInstanceOf(JournalException.class).hasMessageContaining("not repaired")
            .hasMessageContaining("intact to sequence 1999").hasMessageContaining("may have been acknowledged");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).toList())
            .as("nothing moved").containsExactlyInAnyOrder("input", "output", "snapshots", "ordo.lock",
                DataDirectory.METADATA_FILE, CountersFile.FILE);

        // when told so
        final String report = JournalRepair.truncateTornTail(directory, true);

        // then
        assertThat(report).contains("input journal: set aside the damaged record after sequence 1999\n")
            .contains("output journal: set aside the events of sequence 2000, whose commands the input journal " +
                "does not hold: they may have been acknowledged, and are discarded as asked")
            .contains("kept the records of sequences 1 to 1999");
        final Engine engine = Engine.start(config());
        engine.close();
        assertThat(engine.recovery().lastSequence()).isEqualTo(COMMANDS - 1);
        assertThat(Verifier.verify(directory, null).ok()).isTrue();
    }

    @Test
    void shouldNotRepairDamageBeforeTheLastRecord() throws Exception
    {
        damageInputRecord(1_000);

        final Throwable refused = catchThrowable(() -> JournalRepair.truncateTornTail(directory));

        assertThat(refused).isInstanceOf(JournalException.class).hasMessageContaining("not a torn last write");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).toList())
            .as("nothing moved").containsExactlyInAnyOrder("input", "output", "snapshots", "ordo.lock",
                DataDirectory.METADATA_FILE, CountersFile.FILE);
        assertThat(catchThrowable(() -> Engine.start(config()))).isInstanceOf(JournalException.class)
            .hasMessageContaining("(record 1000, after sequence 999)").hasMessageContaining("Records follow it");
    }

    @Test
    void shouldTreatAJournalFileTruncatedMidRecordAsALossOfCommandsThatMayHaveBeenAcknowledged() throws Exception
    {
        // given: the input journal's file cut off in the middle of its records (the output journal goes further)
        final Path file;
        try (var files = Files.list(directory.inputJournal()))
        {
            file = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(150_000);
        }

        // when
        final Throwable refused = catchThrowable(() -> Engine.start(config()));
        final Verifier.Result verified = Verifier.verify(directory, null);

        // then
        assertThat(refused).isInstanceOf(JournalException.class)
            .hasMessageContaining("input journal damaged at " + file)
            .hasMessageContaining("may have been acknowledged")
            .hasMessageContaining("--discard-acknowledged");
        assertThat(verified.ok()).isFalse();
        assertThat(verified.problems().get(0)).contains(file.toString());
        assertThat(catchThrowable(() -> JournalRepair.truncateTornTail(directory)))
            .hasMessageContaining("not repaired");

        // and once the operator has set the lost commands aside
        final String report = JournalRepair.truncateTornTail(directory, true);
        final Engine engine = Engine.start(config());
        engine.close();
        assertThat(report).contains("sequences " + (verified.inputRecords() + 1) + " to 2000");
        assertThat(engine.recovery().lastSequence()).isEqualTo(verified.inputRecords());
        assertThat(Verifier.verify(directory, null).ok()).isTrue();
    }
}
