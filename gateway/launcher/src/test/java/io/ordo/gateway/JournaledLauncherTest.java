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

import static io.ordo.gateway.Launched.launch;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's journaled commands end to end: the demo through the pipeline leaves a directory that replays
 * to the in-process demo's state and verifies with exit code 0; a damaged journal makes verify exit with 1.
 */
class JournaledLauncherTest
{
    private static final long SEED = 11;
    private static final long COMMANDS = 30_000;
    /** The in-process demo's state hash for seed 11 and 30,000 commands, computed by running it. */
    private static final long EXPECTED_HASH = 0xe93f53123e2c5813L;

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
        assertThat(inProcess).as("in-process demo, seed %d, %d commands: the demo's stream or the BLP changed; " +
            "if intended, update this test and DemoTest", SEED, COMMANDS).isEqualTo(EXPECTED_HASH);
        assertThat(chunked).as("journaled demo").isEqualTo(EXPECTED_HASH);
        assertThat(pipelined).as("pipelined demo, sync journals").isEqualTo(EXPECTED_HASH);
        assertThat(journalingOff).as("pipelined demo, journaling off").isEqualTo(EXPECTED_HASH);
        final String hashLine = String.format("state hash: %016x", EXPECTED_HASH);
        final Launched verify = launch("verify", "--data", dir.resolve("chunked").toString());
        assertThat(verify.exitCode()).as("verify exit code; output:%n%s", verify.output()).isZero();
        assertThat(verify.output()).as("verify output")
            .contains("input journal:  30,000 records", "output journal: 30,000 records compared", "OK: ");
        final Launched replay = launch("replay", "--data", dir.resolve("pipelined").toString(), "--from-zero");
        assertThat(replay.exitCode()).as("replay exit code; output:%n%s", replay.output()).isZero();
        assertThat(replay.output()).as("replay output").contains("from: the first command",
            "last sequence: 30000", hashLine);
        final Launched recover = launch("recover", "--data", dir.resolve("pipelined").toString());
        assertThat(recover.exitCode()).as("recover exit code; output:%n%s", recover.output()).isZero();
        assertThat(recover.output()).as("recover output").contains("last sequence 30000", hashLine);
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
        final Launched verify = launch("verify", "--data", dir.toString());
        assertThat(verify.exitCode()).as("verify exit code; output:%n%s", verify.output()).isEqualTo(1);
        assertThat(verify.output()).as("verify names the damage").contains("FAILED: input journal damaged at ")
            .contains(file.toString());
        assertThat(OrdoLauncher.commandLine().execute("demo", "--in-process", "--data", dir.toString()))
            .as("the demo refuses a directory that is not empty").isNotZero();
    }

    @Test
    void shouldRefuseEveryCommandOnAPathThatIsNotADataDirectoryWithExitCodeOne() throws Exception
    {
        final Path typo = dir.resolve("typo");
        final Path foreign = Files.createDirectories(dir.resolve("foreign"));
        Files.writeString(foreign.resolve("notes.txt"), "another program's");

        for (final Path path : new Path[] {typo, foreign, Path.of("")})
        {
            for (final String command : new String[] {"recover", "verify", "replay"})
            {
                assertThat(launch(command, "--data", path.toString()).exitCode()).as("%s on '%s'", command, path)
                    .isEqualTo(1);
            }
            assertThat(launch("repair", "--data", path.toString(), "--truncate-torn-tail").exitCode())
                .as("repair on '%s'", path).isEqualTo(1);
        }
        assertThat(typo).doesNotExist();
        try (var files = Files.list(foreign))
        {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("notes.txt");
        }
        assertThat(launch("init", "--data", typo.toString()).exitCode()).isZero();
        assertThat(launch("recover", "--data", typo.toString()).output()).contains("last sequence 0");
    }
}
