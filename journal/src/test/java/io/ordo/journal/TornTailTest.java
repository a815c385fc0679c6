package io.ordo.journal;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.ordo.core.BlpConfig;
import io.ordo.workload.CommandKind;
import io.ordo.workload.DifferentialHarness;
import io.ordo.workload.RandomizedWorkload;
import io.ordo.workload.TestCommand;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
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
        String where = null;
        try (SingleChronicleQueue queue = DataDirectory.openQueue(directory.inputJournal(), true);
            JournalReader reader = new JournalReader(queue, "input journal", true))
        {
            reader.toStart();
            while (reader.next())
            {
                if (reader.sequence() == sequence)
                {
                    where = reader.where();
                    break;
                }
            }
        }
        assertThat(where).isNotNull();
        final Path file = Path.of(where.substring(0, where.indexOf(", position")));
        final int start = where.indexOf("position ") + "position ".length();
        final long position = Long.parseLong(where.substring(start, where.indexOf(',', start)));
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(position + JournalRecord.HEADER_LENGTH + 3);
            final int value = raf.read();
            raf.seek(position + JournalRecord.HEADER_LENGTH + 3);
            raf.write(value ^ 0xff);
        }
    }

    @Test
    void shouldRefuseToStartOnATornLastRecordAndSetItAsideOnlyWhenAsked() throws Exception
    {
        // given
        damageInputRecord(COMMANDS);

        // when
        final Throwable refused = catchThrowable(() -> Engine.start(config()));

        // then
        assertThat(refused).isInstanceOf(JournalException.class)
            .hasMessageContaining("input journal damaged at " + directory.inputJournal())
            .hasMessageContaining("last record: a write torn by a crash")
            .hasMessageContaining("./ordo repair --data " + dir + " --truncate-torn-tail");

        // when the operator asks
        final String report = JournalRepair.truncateTornTail(directory);

        // then
        assertThat(report).contains("kept 1999 records (to sequence 1999)")
            .contains("output journal").contains("input.torn-2000");
        assertThat(dir.resolve("input.torn-2000")).isDirectory();
        final Engine engine = Engine.start(config());
        engine.close();
        assertThat(engine.recovery().lastSequence()).isEqualTo(COMMANDS - 1);
        assertThat(engine.blp().stateHash())
            .isEqualTo(Replayer.replay(directory, false, null).stateHash());
        assertThat(Verifier.verify(directory, null).ok()).isTrue();
        assertThat(JournalRepair.truncateTornTail(directory)).startsWith("nothing to repair");
    }

    @Test
    void shouldNotRepairDamageBeforeTheLastRecord() throws Exception
    {
        damageInputRecord(1_000);

        final Throwable refused = catchThrowable(() -> JournalRepair.truncateTornTail(directory));

        assertThat(refused).isInstanceOf(JournalException.class).hasMessageContaining("not a torn last write");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).toList())
            .as("nothing moved").containsExactlyInAnyOrder("input", "output", "snapshots",
                DataDirectory.METADATA_FILE);
        assertThat(catchThrowable(() -> Engine.start(config()))).isInstanceOf(JournalException.class)
            .hasMessageContaining("(record 1000 read, after sequence 999)");
    }

    @Test
    void shouldTreatAJournalFileTruncatedMidRecordAsATornTail() throws Exception
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
            .hasMessageContaining("the input journal lost records")
            .hasMessageContaining("--truncate-torn-tail");
        assertThat(verified.ok()).isFalse();
        assertThat(verified.problems().get(0)).contains(file.toString());

        // and once the operator has set the torn record aside
        JournalRepair.truncateTornTail(directory);
        final Engine engine = Engine.start(config());
        engine.close();
        assertThat(engine.recovery().lastSequence()).isEqualTo(verified.inputRecords());
        assertThat(Verifier.verify(directory, null).ok()).isTrue();
    }
}
