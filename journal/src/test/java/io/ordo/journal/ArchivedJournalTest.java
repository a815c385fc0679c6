package io.ordo.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.ordo.core.BlpConfig;
import io.ordo.workload.CommandKind;
import io.ordo.workload.DifferentialHarness;
import io.ordo.workload.RandomizedWorkload;
import io.ordo.workload.TestCommand;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Specification of an input journal whose first day files were archived (operations.md, "Pruning"): start-up and
 * a replay from a snapshot at or after the first kept record's predecessor work as before, checking every record
 * kept; a replay from the first command, verify, and a start whose newest usable snapshot is older than the
 * journal's start refuse, saying the earlier files were archived.
 */
class ArchivedJournalTest
{
    private static final int WINDOW = DifferentialHarness.WINDOW_CAPACITY;
    private static final int COMMANDS = 3_000;

    @TempDir
    Path dir;

    private List<TestCommand> stream;
    private long fullHash;

    private EngineConfig config()
    {
        return new EngineConfig().dataDirectory(dir).createDataDirectory(true)
            .blpConfig(new BlpConfig().requestWindowCapacity(WINDOW)).snapshotIntervalCommands(1_000);
    }

    @BeforeEach
    void writeJournals() throws Exception
    {
        stream = RandomizedWorkload.generate(97, COMMANDS + 200, WINDOW).stream()
            .filter(c -> c.kind != CommandKind.TAKE_SNAPSHOT).limit(COMMANDS + 100).toList();
        try (Engine engine = Engine.start(config()))
        {
            final Submitter submitter = new Submitter();
            submitter.submit(engine, stream.subList(0, COMMANDS));
            submitter.awaitAll();
        }
        fullHash = Replayer.replay(new DataDirectory(dir), false, null).stateHash();
    }

    /** Keeps the input journal's records after {@code archivedTo}, byte for byte, as if older files were moved. */
    private void archiveInputTo(final long archivedTo) throws Exception
    {
        final Path input = dir.resolve("input");
        final Path kept = dir.resolve("input.kept");
        try (JournalReader reader = new JournalReader(input, "input journal");
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
        Files.move(input, dir.resolve("input.archived"));
        Files.move(kept, input);
    }

    @Test
    void shouldStartAndReplayFromASnapshotAfterTheArchivedPart() throws Exception
    {
        archiveInputTo(1_500);

        final Replayer.Result replayed = Replayer.replay(new DataDirectory(dir), true, null);
        final RecoveryReport report;
        try (Engine engine = Engine.start(config()))
        {
            report = engine.recovery();
            final Submitter submitter = new Submitter();
            submitter.submit(engine, stream.subList(COMMANDS, COMMANDS + 100));
            submitter.awaitAll();
            assertThat(engine.failure()).isNull();
        }

        assertThat(replayed.stateHash()).isEqualTo(fullHash);
        assertThat(report.snapshotSequence()).isEqualTo(3_000);
        assertThat(report.lastSequence()).isEqualTo(COMMANDS);
        final Engine again = Engine.start(config());
        again.close();
        assertThat(again.recovery().lastSequence()).isEqualTo(COMMANDS + 100);
    }

    @Test
    void shouldRefuseAReplayFromTheFirstCommandAndVerifyOnAnArchivedJournal() throws Exception
    {
        archiveInputTo(1_500);

        final Throwable fromZero = catchThrowable(() -> Replayer.replay(new DataDirectory(dir), false, null));
        final Verifier.Result verified = Verifier.verify(new DataDirectory(dir), null);

        assertThat(fromZero).isInstanceOf(JournalException.class).hasMessageContaining("starts at sequence 1501")
            .hasMessageContaining("earlier files were archived");
        assertThat(verified.ok()).isFalse();
        assertThat(verified.problems().get(0)).contains("starts at sequence 1501");
    }

    @Test
    void shouldRefuseToStartWhenNoUsableSnapshotReachesTheArchivedPart() throws Exception
    {
        // given: records up to 2,500 archived, and the newest snapshots (3,000) gone: 2,000 is too old
        archiveInputTo(2_500);
        Files.delete(dir.resolve("snapshots").resolve(SnapshotStore.fileName(3_000)));

        final Throwable refused = catchThrowable(() -> Engine.start(config()));

        assertThat(refused).isInstanceOf(JournalException.class).hasMessageContaining("starts at sequence 2501")
            .hasMessageContaining("snapshot").hasMessageContaining("sequence 2000");
    }
}
