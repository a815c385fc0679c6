package io.ordo.gateway.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ordo.gateway.OrdoLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's report, and its state hashes pinned: the same seed and command count must give the same hash on every
 * run and machine, and the README promises the one of {@code ./ordo demo} (seed 42, 1,000,000 commands).
 */
class DemoTest
{
    private static final long COMMANDS = 20_000;
    private static final Pattern STATE_HASH_LINE = Pattern.compile("(?m)^state hash: ([0-9a-f]{16})$");
    private static final String CHANGED =
        "the demo's stream or the BLP changed; if intended, update README and this test";

    @Test
    void shouldPrintTheReadmeStateHashWhenRunWithDefaultSeedAndCommands()
    {
        // given, when: what ./ordo demo runs (about 2 s of CPU)
        final Run run = runDemo(Demo.DEFAULT_SEED, Demo.DEFAULT_COMMANDS);

        // then
        assertThat(run.output).as("report header").contains("Ordo demo: seed 42, 1,000,000 commands");
        assertThat(run.printedHash()).as("state hash printed by ./ordo demo (seed 42, 1,000,000 commands): %s",
            CHANGED).isEqualTo("33e16ca5000e10e5");
        assertThat(run.stateHash).as("state hash returned for seed 42, 1,000,000 commands: %s", CHANGED)
            .isEqualTo(0x33e16ca5000e10e5L);
    }

    @ParameterizedTest(name = "seed {0}, {1} commands")
    @CsvSource({
        "42, 20000, 671e44a7fd65a240",
        "43, 20000, 2fbc09e28932eed5",
        "7, 20000, 49de9dd6f49d7556",
        "42, 1000, 13ac6e0634af740a",
        "42, 1, d54aefe3a6cbaa84"})
    void shouldGiveThePinnedStateHashWhenRunWithSeedAndCommandCount(
        final long seed, final long commands, final String expectedHash)
    {
        // given, when
        final Run run = runDemo(seed, commands);

        // then
        assertThat(run.printedHash()).as("state hash printed for seed %d, %d commands: %s", seed, commands, CHANGED)
            .isEqualTo(expectedHash);
        assertThat(run.stateHash).as("state hash returned for seed %d, %d commands: %s", seed, commands, CHANGED)
            .isEqualTo(Long.parseUnsignedLong(expectedHash, 16));
    }

    @Test
    void shouldPrintStateHashLineLastWhenDemoRuns()
    {
        // given, when
        final Run run = runDemo(42, COMMANDS);

        // then
        assertThat(run.output)
            .as("demo output must end its report with a 'state hash: <16 hex digits>' line")
            .containsPattern(STATE_HASH_LINE)
            .contains("seed 42", "commands sent:", "rejections by reason:", "open orders at end:");
        assertThat(run.output.strip()).as("the state hash line comes last")
            .endsWith("state hash: " + run.printedHash());
        assertThat(run.printedHash())
            .as("the printed hash is the one returned")
            .isEqualTo(String.format("%016x", run.stateHash));
    }

    @Test
    void shouldGiveSameStateHashWhenRunTwiceWithSameSeed()
    {
        // given, when
        final Run first = runDemo(7, COMMANDS);
        final Run second = runDemo(7, COMMANDS);

        // then
        assertThat(second.stateHash)
            .as("seed 7 must give the same state hash on every run")
            .isEqualTo(first.stateHash)
            .as("seed 7, %d commands: %s", COMMANDS, CHANGED)
            .isEqualTo(0x49de9dd6f49d7556L);
    }

    @Test
    void shouldGiveDifferentStateHashWhenSeedDiffers()
    {
        // given, when
        final Run seed42 = runDemo(42, COMMANDS);
        final Run seed43 = runDemo(43, COMMANDS);

        // then
        assertThat(seed43.stateHash)
            .as("seeds 42 and 43 must give different workloads, so different states")
            .isNotEqualTo(seed42.stateHash);
    }

    @Test
    void shouldRefuseNonPositiveCommandCountWhenParsingOptions()
    {
        // given
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = new CommandLine(new OrdoLauncher()).setErr(new PrintWriter(err));

        // when
        final int exitCode = commandLine.execute("demo", "--commands", "0");

        // then
        assertThat(exitCode).as("exit code of 'demo --commands 0'").isNotZero();
        assertThat(err.toString()).contains("--commands must be at least 1");
    }

    private static Run runDemo(final long seed, final long commands)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final long stateHash;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8))
        {
            stateHash = Demo.run(seed, commands, out);
        }
        return new Run(stateHash, bytes.toString(StandardCharsets.UTF_8));
    }

    private record Run(long stateHash, String output)
    {
        String printedHash()
        {
            final Matcher matcher = STATE_HASH_LINE.matcher(output);
            return matcher.find() ? matcher.group(1) : null;
        }
    }
}
