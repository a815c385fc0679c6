package io.ordo.journal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.ordo.core.BlpConfig;
import io.ordo.workload.TestCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Specification of a data directory's identity and lock: only an explicit create makes one; every writer holds
 * an exclusive lock and every reader a shared one, so a second engine, a recover or a repair beside a running
 * engine is refused naming the process; the settings file cannot be edited unnoticed.
 */
class DataDirectoryTest
{
    @TempDir
    Path dir;

    private Path data()
    {
        return dir.resolve("data");
    }

    private static EngineConfig open(final Path path)
    {
        return new EngineConfig().dataDirectory(path);
    }

    private void createWithOneCommand() throws Exception
    {
        try (Engine engine = Engine.start(open(data()).createDataDirectory(true)))
        {
            final Submitter submitter = new Submitter();
            submitter.submit(engine, List.of(TestCommand.createAsset(0, 1, 0, 1, 2)));
            submitter.awaitAll();
        }
    }

    @Test
    void shouldRefuseAStartOnAPathThatDoesNotExistAndCreateNothing()
    {
        final Path typo = dir.resolve("dtaa");

        final Throwable thrown = catchThrowable(() -> Engine.start(open(typo)));

        assertThat(thrown).isInstanceOf(JournalException.class).hasMessageContaining("not an Ordo data directory")
            .hasMessageContaining("dtaa");
        assertThat(typo).doesNotExist();
    }

    @Test
    void shouldRefuseAStartOnAnotherProgramsDirectoryAndChangeNothingInIt() throws Exception
    {
        final Path foreign = Files.createDirectories(dir.resolve("foreign"));
        Files.writeString(foreign.resolve("notes.txt"), "not Ordo's");

        final Throwable started = catchThrowable(() -> Engine.start(open(foreign)));
        final Throwable created = catchThrowable(() -> Engine.start(open(foreign).createDataDirectory(true)));
        final Throwable verified = catchThrowable(() -> Verifier.verify(new DataDirectory(foreign), null));
        final Throwable repaired = catchThrowable(() -> JournalRepair.truncateTornTail(new DataDirectory(foreign)));

        assertThat(started).hasMessageContaining("not an Ordo data directory");
        assertThat(created).hasMessageContaining("is not an Ordo data directory").hasMessageContaining("not empty");
        assertThat(verified).hasMessageContaining("not an Ordo data directory");
        assertThat(repaired).hasMessageContaining("not an Ordo data directory");
        try (Stream<Path> files = Files.list(foreign))
        {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("notes.txt");
        }
    }

    @Test
    void shouldRefuseTheEmptyPath()
    {
        final Throwable thrown = catchThrowable(() -> Engine.start(open(Path.of(""))));

        assertThat(thrown).isInstanceOf(JournalException.class).hasMessageContaining("not an Ordo data directory");
    }

    @Test
    void shouldCreateInAnEmptyDirectoryAndReopenWithoutCreate() throws Exception
    {
        Files.createDirectories(data());
        createWithOneCommand();

        try (Engine engine = Engine.start(open(data())))
        {
            assertThat(engine.recovery().lastSequence()).isEqualTo(1);
        }
    }

    @Test
    void shouldRefuseASecondEngineInTheSameProcessNamingThisProcess() throws Exception
    {
        createWithOneCommand();
        try (Engine first = Engine.start(open(data())))
        {
            final Throwable thrown = catchThrowable(() -> Engine.start(open(data())));

            assertThat(thrown).isInstanceOf(JournalException.class)
                .hasMessageContaining("data directory " + data() + " is in use by process " +
                    ProcessHandle.current().pid() + " (this one)");
            assertThat(first.failure()).isNull();
        }
    }

    @Test
    void shouldRefuseEveryWriterAndReaderBesideAnEngineInAnotherProcessThenAllowThemWhenItDies() throws Exception
    {
        final Process holder = ChildJvm.start(EngineHolderChild.class, data().toString());
        try
        {
            final BufferedReader out = new BufferedReader(
                new InputStreamReader(holder.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(out.readLine()).isEqualTo("S");
            final String inUse = "data directory " + data() + " is in use by process " + holder.pid();

            final Throwable engine = catchThrowable(() -> Engine.start(open(data())));
            final Throwable repair = catchThrowable(() -> JournalRepair.truncateTornTail(new DataDirectory(data())));
            final Throwable verify = catchThrowable(() -> Verifier.verify(new DataDirectory(data()), null));
            final Throwable replay = catchThrowable(() -> Replayer.replay(new DataDirectory(data()), true, null));

            assertThat(engine).isInstanceOf(JournalException.class).hasMessageContaining(inUse);
            assertThat(repair).isInstanceOf(JournalException.class).hasMessageContaining(inUse);
            assertThat(verify).isInstanceOf(JournalException.class).hasMessageContaining(inUse);
            assertThat(replay).isInstanceOf(JournalException.class).hasMessageContaining(inUse);
            assertThat(Files.list(dir).map(p -> p.getFileName().toString()).toList())
                .as("repair set nothing aside").containsExactly("data");

            holder.destroyForcibly();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            try (Engine restarted = Engine.start(open(data())))
            {
                assertThat(restarted.failure()).isNull();
            }
            assertThat(Verifier.verify(new DataDirectory(data()), null).ok()).isTrue();
        }
        finally
        {
            holder.destroyForcibly();
        }
    }

    @Test
    void shouldRefuseAWriterWhileAReaderHoldsTheDirectory() throws Exception
    {
        createWithOneCommand();
        final DataDirectory directory = new DataDirectory(data());
        try (DataDirectoryLock reading = directory.lockForReading())
        {
            assertThat(reading).isNotNull();
            final Throwable thrown = catchThrowable(() -> Engine.start(open(data())));

            assertThat(thrown).isInstanceOf(JournalException.class).hasMessageContaining("is in use by");
        }
    }

    @Test
    void shouldRefuseASettingsFileEditedAfterCreation() throws Exception
    {
        createWithOneCommand();
        final Path metadata = new DataDirectory(data()).metadata();
        final String original = Files.readString(metadata);
        assertThat(original).contains("blp.requestWindowCapacity=");
        Files.writeString(metadata, original.replaceAll("blp.requestWindowCapacity=\\d+",
            "blp.requestWindowCapacity=4"));

        final Throwable started = catchThrowable(() -> Engine.start(open(data())));
        final Throwable verified = catchThrowable(() -> Verifier.verify(new DataDirectory(data()), null));

        assertThat(started).isInstanceOf(JournalException.class)
            .hasMessageContaining(metadata + " was changed after it was created");
        assertThat(verified).isInstanceOf(JournalException.class).hasMessageContaining("was changed");
        assertThat(Files.readString(metadata)).as("left as found").contains("blp.requestWindowCapacity=4");
    }

    @Test
    void shouldKeepTheRequestedWindowOfANewDirectory() throws Exception
    {
        try (Engine engine = Engine.start(open(data()).createDataDirectory(true)
            .blpConfig(new BlpConfig().requestWindowCapacity(1 << 10))))
        {
            assertThat(engine.failure()).isNull();
        }
        assertThat(new DataDirectory(data()).openExisting(new BlpConfig()).requestWindowCapacity()).isEqualTo(1 << 10);
    }
}
