package io.ordo.gateway;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.ordo.journal.DataDirectory;
import io.ordo.journal.Replayer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ordo replay --data DIR [--from-zero]}: rebuilds the state from a data directory and reports speed and the
 * state hash. Read only.
 * <p>
 * Runs on the calling thread.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
        "Rebuilds the state from the journal in DIR as fast as possible (the newest usable snapshot plus the "
            + "journal after it, or with --from-zero every command), checking the input journal's checksum chain; "
            + "prints commands/s and the state hash. Changes nothing on disk." })
public final class ReplayCommand implements Callable<Integer>
{
    @Option(names = "--data", paramLabel = "DIR", required = true, description = "The data directory.")
    private Path dataDirectory;

    @Option(names = "--from-zero", description = "Ignore snapshots: replay from the first command.")
    private boolean fromZero;

    @Override
    public Integer call() throws Exception
    {
        final Replayer.Result result;
        try (ProgressReporter progress = ProgressReporter.start("replay", dataDirectory, "commands"))
        {
            result = Replayer.replay(new DataDirectory(dataDirectory), !fromZero, System.out, progress);
        }
        System.out.printf(Locale.ROOT, "replay %s%n", dataDirectory);
        System.out.printf(Locale.ROOT, "  from: %s%n", result.snapshot() == null ? "the first command" :
            result.snapshot() + " (sequence " + result.snapshotSequence() + ")");
        System.out.printf(Locale.ROOT, "  replayed %,d commands in %.3f s: %,d commands/s%n",
            result.commands(), result.elapsedNs() / 1e9, result.commandsPerSecond());
        System.out.printf(Locale.ROOT, "  last sequence: %d%n", result.lastSequence());
        System.out.printf(Locale.ROOT, "state hash: %016x%n", result.stateHash());
        return 0;
    }
}
