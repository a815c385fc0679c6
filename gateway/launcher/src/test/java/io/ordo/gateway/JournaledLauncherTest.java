package io.ordo.gateway;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.ordo.journal.pipeline.WaitStrategyKind;
import io.ordo.gateway.demo.Demo;
import io.ordo.journal.Durability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's journaled commands end to end: the demo through the pipeline leaves a directory that replays
 * to the in-process demo's state and verifies with exit code 0; a damaged journal makes verify exit with 1.
 */
class JournaledLauncherTest
{
    private static final long SEED = 11;
    private static final long COMMANDS = 30_000;

    @TempDir
    Path dir;

    @Test
    void shouldReachTheInProcessStateThroughTheJournaledPipelineAndVerify() throws Exception
    {
        // given
        final PrintStream discard = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        final long inProcess = Demo.run(SEED, COMMANDS, discard);

        // when
        final long chunked = Demo.runJournaled(SEED, COMMANDS, dir.resolve("chunked"), Durability.MAPPED,
            WaitStrategyKind.SLEEPING, discard);
        final long pipelined = Demo.runPipelined(SEED, COMMANDS, dir.resolve("pipelined"), Durability.SYNC,
            WaitStrategyKind.YIELDING, discard);
        final long journalingOff = Demo.runPipelined(SEED, COMMANDS, null, Durability.MAPPED,
            WaitStrategyKind.LITE_BLOCKING, discard);

        // then
        assertThat(chunked).isEqualTo(inProcess);
        assertThat(pipelined).isEqualTo(inProcess);
        assertThat(journalingOff).isEqualTo(inProcess);
        assertThat(OrdoLauncher.commandLine().execute("verify", "--data", dir.resolve("chunked").toString()))
            .as("verify exit code").isZero();
        assertThat(OrdoLauncher.commandLine().execute("replay", "--data", dir.resolve("pipelined").toString(),
            "--from-zero")).isZero();
        assertThat(OrdoLauncher.commandLine().execute("recover", "--data", dir.resolve("pipelined").toString()))
            .isZero();
    }

    @Test
    void shouldExitWithOneWhenVerifyFindsADamagedJournal() throws Exception
    {
        // given: a journaled demo, then one byte flipped in the middle of the input journal's data
        final PrintStream discard = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Demo.runJournaled(SEED, 5_000, dir, Durability.MAPPED, WaitStrategyKind.SLEEPING, discard);
        final Path file;
        try (var files = Files.list(dir.resolve("input")))
        {
            file = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(200_000);
            final int value = raf.read();
            raf.seek(200_000);
            raf.write(value ^ 0x01);
        }

        // when, then
        assertThat(OrdoLauncher.commandLine().execute("verify", "--data", dir.toString())).isEqualTo(1);
        assertThat(OrdoLauncher.commandLine().execute("demo", "--data", dir.toString()))
            .as("the demo refuses a directory that is not empty").isNotZero();
    }
}
