package io.ordo.gateway;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.ordo.journal.DataDirectory;
import io.ordo.journal.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ordo verify --data DIR}: replays from the first command and compares with the output journal, both
 * checksum chains and every snapshot. Exit code 0 when everything matches, 1 otherwise. Read only.
 * <p>
 * Runs on the calling thread.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
        "Replays the input journal in DIR from the first command and compares every event with the output "
            + "journal; checks both journals' checksum chains and sequences and every snapshot's state hash. "
            + "Exit code 0 when everything matches; otherwise prints the first divergence (sequence, command, "
            + "expected and actual event) or the damaged record (file and position) and exits with 1." })
public final class VerifyCommand implements Callable<Integer>
{
    @Option(names = "--data", paramLabel = "DIR", required = true, description = "The data directory.")
    private Path dataDirectory;

    @Override
    public Integer call() throws Exception
    {
        // The report after the progress bar is gone, not through it.
        final ByteArrayOutputStream report = new ByteArrayOutputStream();
        final boolean ok;
        try (ProgressReporter progress = ProgressReporter.start("verify", dataDirectory, "commands"))
        {
            ok = Verifier.verify(new DataDirectory(dataDirectory), new PrintStream(report, true,
                StandardCharsets.UTF_8), progress).ok();
        }
        finally
        {
            System.out.print(report.toString(StandardCharsets.UTF_8));
            System.out.flush();
        }
        return ok ? 0 : 1;
    }
}
