package io.ordo.journal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ordo.core.BlpConfig;
import io.ordo.workload.CommandKind;
import io.ordo.workload.DifferentialHarness;
import io.ordo.workload.RandomizedWorkload;
import io.ordo.workload.TestCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.helpers.NOPLogger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chronicle's messages as Ordo's: after a kill -9 in the middle of an append, the restart prints neither Chronicle's
 * "Forced unlocking" warning nor a stack trace; its other messages are one line each.
 */
class ChronicleLogHandlerTest
{
    private static final int WINDOW = DifferentialHarness.WINDOW_CAPACITY;
    private static final String TABLE_STORE_LOCK_LOGGER =
        "org.slf4j.simpleLogger.log.net.openhft.chronicle.queue.impl.single.TableStoreWriteLock";

    @TempDir
    Path dir;

    static EngineConfig engineConfig(final Path dataDirectory)
    {
        return new EngineConfig().dataDirectory(dataDirectory).createDataDirectory(true)
            .blpConfig(new BlpConfig().requestWindowCapacity(WINDOW)).snapshotIntervalCommands(0)
            .inputRingSize(256).outputRingSize(256);
    }

    static List<TestCommand> commands(final int count)
    {
        return RandomizedWorkload.generate(3, count, WINDOW).stream()
            .filter(c -> c.kind != CommandKind.TAKE_SNAPSHOT).toList();
    }

    @Test
    void shouldPrintNoForcedUnlockingLineAndNoStackTraceWhenRestartingAfterAKillDuringAnAppend() throws Exception
    {
        // given: a data directory, and a process killed while it held the input journal's write lock
        final Engine engine = Engine.start(engineConfig(dir));
        final Submitter submitter = new Submitter();
        final List<TestCommand> first = commands(500);
        submitter.submit(engine, first);
        submitter.awaitAll();
        engine.close();
        killWhileHoldingTheWriteLock();

        // when
        final Launched restart = launch(List.of(), "restart", dir.toString(), "200");

        // then
        assertThat(restart.exitCode).as("restart exit code; stderr:%n%s", restart.stderr).isZero();
        assertThat(restart.stdout).as("restart output").startsWith("R " + first.size());
        assertThat(restart.stderr).as("restart stderr").doesNotContain("Forced unlocking").doesNotContain("\tat ");

        // and: the same with Chronicle's lock class at debug level shows the downgraded line, so the kill above did
        // leave the lock behind (else this test would pass without testing anything)
        killWhileHoldingTheWriteLock();
        final Launched debugRestart = launch(List.of("-D" + TABLE_STORE_LOCK_LOGGER + "=debug"),
            "restart", dir.toString(), "10");
        assertThat(debugRestart.exitCode).as("restart exit code; stderr:%n%s", debugRestart.stderr).isZero();
        assertThat(debugRestart.stderr.lines().filter(line -> line.contains("Forced unlocking")).toList())
            .as("restart stderr with the lock class at debug level:%n%s", debugRestart.stderr)
            .singleElement().asString().contains("DEBUG").doesNotContain("WARN");
        assertThat(debugRestart.stderr).doesNotContain("\tat ");
    }

    @Test
    void shouldPrintAWarningWithItsCausesOnOneLineWhenChronicleSendsOneWithAnException()
    {
        // given: what Chronicle sends when metadata.cq4t is damaged
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        final ChronicleLogHandler warn = new ChronicleLogHandler("warning", () -> err);
        final RuntimeException thrown = new IllegalStateException(new IllegalArgumentException("bad table store",
            new DateTimeParseException("Text '0' could not be parsed at index 0", "0", 0)));

        // when
        warn.on(NOPLogger.NOP_LOGGER, "Failback to readonly tablestore", thrown);
        warn.on(NOPLogger.NOP_LOGGER, "Forced unlocking `chronicle.write.lock` in lock file:x/metadata.cq4t, as " +
            "this was locked by: 4250 which is now dead", null);

        // then
        assertThat(bytes.toString(StandardCharsets.UTF_8)).as("printed").isEqualTo("ordo: chronicle: warning: " +
            "Failback to readonly tablestore (IllegalStateException; cause: DateTimeParseException: Text '0' could " +
            "not be parsed at index 0)" + System.lineSeparator());
    }

    /** Runs a {@link ChronicleLockChild} that begins an append to the input journal, and kills it with SIGKILL. */
    private void killWhileHoldingTheWriteLock() throws Exception
    {
        final Path out = Files.createTempFile(dir.getParent(), "hold", ".out");
        final Process child = new ProcessBuilder(command(List.of(), "hold", dir.toString()))
            .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(out).startsWith("L"))
        {
            assertThat(child.isAlive()).as("hold child alive; output: %s", Files.readString(out)).isTrue();
            assertThat(System.nanoTime()).as("hold child took the lock within 60 s").isLessThan(deadline);
            Thread.sleep(10);
        }
        child.destroyForcibly(); // SIGKILL on Linux
        child.waitFor();
        Files.delete(out);
    }

    private record Launched(int exitCode, String stdout, String stderr)
    {
    }

    private Launched launch(final List<String> jvmOptions, final String... arguments) throws Exception
    {
        final Path out = Files.createTempFile(dir.getParent(), "child", ".out");
        final Path err = Files.createTempFile(dir.getParent(), "child", ".err");
        try
        {
            final Process child = new ProcessBuilder(command(jvmOptions, arguments))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child finished within 120 s").isTrue();
            return new Launched(child.exitValue(), Files.readString(out), Files.readString(err));
        }
        finally
        {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static List<String> command(final List<String> jvmOptions, final String... arguments)
    {
        final List<String> options = new ArrayList<>(jvmOptions);
        options.add("-Xmx256m");
        return ChildJvm.command(ChronicleLockChild.class, options, arguments);
    }
}
