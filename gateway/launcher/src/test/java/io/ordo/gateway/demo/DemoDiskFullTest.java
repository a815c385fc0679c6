package io.ordo.gateway.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.ordo.gateway.OrdoLauncher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ordo demo --data DIR} on a disk that fills up: one line saying so, exit code 1, no stack trace. Runs on a
 * tmpfs of {@value #TMPFS_MB} MB mounted for the test (skipped where mounting is not allowed): a little more than
 * the default 64 MiB reserve, so the demo starts and the journals fill the rest within seconds.
 */
class DemoDiskFullTest
{
    private static final int TMPFS_MB = 72;

    private Path mountPoint;
    private boolean mounted;

    @BeforeEach
    void mountTmpfs(@TempDir final Path parent) throws Exception
    {
        mountPoint = Files.createDirectory(parent.resolve("tmpfs"));
        final String result = run("mount", "-t", "tmpfs", "-o", "size=" + TMPFS_MB + "m", "tmpfs",
            mountPoint.toString());
        Assumptions.assumeTrue(result.isEmpty(), () -> "cannot mount a tmpfs here: " + result);
        mounted = true;
    }

    @AfterEach
    void unmountTmpfs() throws Exception
    {
        if (mounted && !run("umount", mountPoint.toString()).isEmpty())
        {
            run("umount", "-l", mountPoint.toString());
        }
    }

    @ParameterizedTest(name = "pipelined {0}")
    @ValueSource(booleans = {false, true})
    void shouldPrintOneLineAndExitWithOneWhenTheDiskFillsUp(final boolean pipelined)
    {
        // given
        final Path data = mountPoint.resolve("data");
        final String[] arguments = pipelined ?
            new String[]{"demo", "--in-process", "--data", data.toString(), "--commands", "2000000", "--pipelined"} :
            new String[]{"demo", "--in-process", "--data", data.toString(), "--commands", "2000000"};

        // when
        final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        final PrintStream originalOut = System.out;
        final PrintStream originalErr = System.err;
        final int exitCode;
        try
        {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            exitCode = OrdoLauncher.commandLine().execute(arguments);
        }
        finally
        {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }

        // then
        final String printed = stderr.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as("exit code; stderr:%n%s", printed).isEqualTo(1);
        assertThat(printed.lines().filter(line -> line.startsWith("ordo demo: ")).toList())
            .as("what the launcher printed; stderr:%n%s", printed)
            .singleElement().asString()
            .startsWith("ordo demo: no space left on device for " + data)
            .contains("below the 64.0 MiB reserve; free space, then restart");
        assertThat(printed).as("stderr").doesNotContain("Exception", "\tat ");
    }

    /** @return "" if the command succeeded, else its exit code and output. */
    private static String run(final String... command) throws InterruptedException
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            final int exitCode = process.waitFor();
            return exitCode == 0 ? "" : String.join(" ", command) + " exited with " + exitCode + ": " + output;
        }
        catch (final IOException e)
        {
            return String.join(" ", command) + ": " + e;
        }
    }
}
