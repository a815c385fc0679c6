package io.ordo.gateway;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.ordo.journal.Engine;
import io.ordo.journal.EngineConfig;
import io.ordo.journal.RecoveryReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ordo recover --data DIR [--no-snapshot]}: runs the engine's start-up recovery on a data directory, then
 * stops it cleanly; prints what recovery did and how long it took.
 * <p>
 * Runs on the calling thread.
 */
@Command(
    name = "recover",
    mixinStandardHelpOptions = true,
    description = {
        "Starts the engine on DIR exactly as a restart does (newest usable snapshot, replay of the input journal "
            + "after it, output records a crash left missing written once), then shuts it down cleanly. Prints "
            + "what recovery did, how long it took, and the state hash." })
public final class RecoverCommand implements Callable<Integer>
{
    @Option(names = "--data", paramLabel = "DIR", required = true, description = "The data directory.")
    private Path dataDirectory;

    @Option(names = "--no-snapshot", description = "Replay the whole input journal even if snapshots exist.")
    private boolean noSnapshot;

    @Override
    public Integer call()
    {
        final Engine engine = Engine.start(new EngineConfig().dataDirectory(dataDirectory)
            .recoverFromSnapshot(!noSnapshot));
        engine.close();
        final RecoveryReport report = engine.recovery();
        System.out.printf(Locale.ROOT, "recover %s%n", dataDirectory);
        for (final String warning : report.warnings())
        {
            System.out.println("  warning: " + warning);
        }
        System.out.printf(Locale.ROOT, "  from: %s%n", report.snapshot() == null ? "the first command" :
            report.snapshot() + " (sequence " + report.snapshotSequence() + ")");
        System.out.printf(Locale.ROOT, "  replayed %,d commands; wrote %,d missing output records%n",
            report.replayedCommands(), report.rewrittenOutputs());
        System.out.printf(Locale.ROOT, "  recovery took %.3f s; last sequence %d%n", report.recoveryNs() / 1e9,
            report.lastSequence());
        System.out.printf(Locale.ROOT, "state hash: %016x%n", engine.blp().stateHash());
        return 0;
    }
}
