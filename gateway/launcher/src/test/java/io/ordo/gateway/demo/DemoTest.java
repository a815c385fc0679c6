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
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class DemoTest
{
    private static final long COMMANDS = 20_000;
    private static final Pattern STATE_HASH_LINE = Pattern.compile("(?m)^state hash: ([0-9a-f]{16})$");

    @Test
    void shouldPrintStateHashLineWhenDemoRuns()
    {
        // given, when
        final Run run = runDemo(42);

        // then
        assertThat(run.output)
            .as("demo output must end its report with a 'state hash: <16 hex digits>' line")
            .containsPattern(STATE_HASH_LINE)
            .contains("seed 42", "commands sent:", "rejections by reason:", "open orders at end:");
        assertThat(run.printedHash())
            .as("the printed hash is the one returned")
            .isEqualTo(String.format("%016x", run.stateHash));
    }

    @Test
    void shouldGiveSameStateHashWhenRunTwiceWithSameSeed()
    {
        // given, when
        final Run first = runDemo(7);
        final Run second = runDemo(7);

        // then
        assertThat(second.stateHash)
            .as("seed 7 must give the same state hash on every run")
            .isEqualTo(first.stateHash);
    }

    @Test
    void shouldGiveDifferentStateHashWhenSeedDiffers()
    {
        // given, when
        final Run seed42 = runDemo(42);
        final Run seed43 = runDemo(43);

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

    private static Run runDemo(final long seed)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final long stateHash;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8))
        {
            stateHash = Demo.run(seed, COMMANDS, out);
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
