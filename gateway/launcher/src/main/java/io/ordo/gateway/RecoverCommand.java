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
            + "what recovery did, how long it took, and the state hash. Exit code 0 when everything was intact; 3 "
            + "when it recovered around damage it could skip (a snapshot that does not load), named in the "
            + "warnings; 1 when it refused (damaged journals, not a data directory, in use)." })
public final class RecoverCommand implements Callable<Integer>
{
    /** Recovery succeeded around damage it could skip (a snapshot that does not load): the journals are intact. */
    public static final int EXIT_RECOVERED_WITH_DAMAGE = 3;

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
        System.out.printf(Locale.ROOT, "  recovery took %.3f s (checking both journals %.3f s); last sequence %d%n",
            report.recoveryNs() / 1e9, report.checkNs() / 1e9, report.lastSequence());
        System.out.printf(Locale.ROOT, "state hash: %016x%n", engine.blp().stateHash());
        if (report.unusableSnapshots() > 0)
        {
            System.out.println("recovered, but found damage (see the warnings): exit code " +
                EXIT_RECOVERED_WITH_DAMAGE);
            return EXIT_RECOVERED_WITH_DAMAGE;
        }
        return 0;
    }
}
