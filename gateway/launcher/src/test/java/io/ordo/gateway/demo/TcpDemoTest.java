package io.ordo.gateway.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.ordo.gateway.OrdoLauncher;
import io.ordo.journal.DataDirectory;
import io.ordo.journal.Verifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of the default {@code ordo demo}: a server on a new data directory driven over loopback TCP by
 * several sessions; every command answered, the journals verified, the state hash printed; with {@code --data} the
 * directory is kept and verifies again on its own.
 */
class TcpDemoTest
{
    @TempDir
    Path dir;

    @Test
    void shouldDriveAServerOverTcpVerifyItsJournalsAndKeepTheDirectoryAskedFor() throws Exception
    {
        final Path data = dir.resolve("demo");
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final PrintStream originalOut = System.out;
        final int exitCode;
        try
        {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            exitCode = OrdoLauncher.commandLine().execute("demo", "--commands", "3000", "--sessions", "3",
                "--data", data.toString());
        }
        finally
        {
            System.setOut(originalOut);
        }

        final String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as(output).isZero();
        assertThat(output).contains("3 trader sessions over loopback TCP").contains(", 0 errors")
            .contains("verify: OK: ").containsPattern("(?m)^state hash: [0-9a-f]{16}$");
        assertThat(Files.exists(data.resolve("operator.key"))).isTrue();
        final Verifier.Result again = Verifier.verify(new DataDirectory(data), null);
        assertThat(again.ok()).as(String.valueOf(again.problems())).isTrue();
        assertThat(again.inputRecords()).as("3,000 commands after the set-up").isGreaterThan(3_000);
    }

    @Test
    void shouldRemoveItsTemporaryDirectory() throws Exception
    {
        final long before = countDemoDirectories();
        final PrintStream originalOut = System.out;
        try
        {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertThat(OrdoLauncher.commandLine().execute("demo", "--commands", "500", "--sessions", "1")).isZero();
        }
        finally
        {
            System.setOut(originalOut);
        }
        assertThat(countDemoDirectories()).isEqualTo(before);
    }

    private static long countDemoDirectories() throws Exception
    {
        try (var entries = Files.list(Path.of(System.getProperty("java.io.tmpdir"))))
        {
            return entries.filter(p -> p.getFileName().toString().startsWith("ordo-demo-")).count();
        }
    }
}
