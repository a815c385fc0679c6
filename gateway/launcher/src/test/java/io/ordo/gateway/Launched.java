package io.ordo.gateway;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine;

/**
 * For the launcher's tests: one run of {@code ordo} with the arguments, in this JVM, with what it printed to
 * standard output and, through picocli's error writer, to standard error.
 * <p>
 * Not thread safe: it swaps {@code System.out} while the command runs.
 */
record Launched(int exitCode, String output, String errors)
{
    /** Runs the launcher as {@link OrdoLauncher#commandLine()} builds it (no configuration file). */
    static Launched launch(final String... arguments)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream originalOut = System.out;
        final CommandLine commandLine = OrdoLauncher.commandLine();
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        final int exitCode;
        try
        {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exitCode = commandLine.execute(arguments);
        }
        finally
        {
            System.setOut(originalOut);
        }
        return new Launched(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
