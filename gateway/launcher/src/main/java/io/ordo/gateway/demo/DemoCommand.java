package io.ordo.gateway.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import io.ordo.journal.pipeline.WaitStrategyKind;
import io.ordo.journal.Durability;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ordo demo [--seed N] [--commands M] [--sessions N] [--data DIR] [--in-process]}: parses the options and
 * runs {@link TcpDemo}, or with {@code --in-process} {@link Demo}.
 * <p>
 * Runs on the calling thread.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Starts a server on a new data directory and drives it over loopback TCP with several trader sessions "
            + "through the client library; prints throughput, latency percentiles, outcomes, trades, then stops "
            + "the server, verifies both journals and prints the state hash (it differs between runs: sessions "
            + "interleave and keys are random).",
        "",
        "With --in-process: the business logic processor alone (or with --data the journaled pipeline) on a "
            + "seeded workload: 2-3 assets, 1-3 instruments, 1,000 funded accounts, then limit, IOC, FOK, post-only "
            + "and market orders, cancels, replaces, transfers, deposits and withdrawals. The same seed gives the "
            + "same state hash on every run." })
public final class DemoCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
        description = "Seed of the workload (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--commands", paramLabel = "M",
        description = "Commands to send (default: 200,000 over TCP, set-up not counted; 1,000,000 in process, "
            + "set-up included).")
    private Long commands;

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "4",
        description = "Over TCP: trader sessions, one account each (default: ${DEFAULT-VALUE}).")
    private int sessions;

    @Option(names = "--in-process",
        description = "Run the BLP in process (or with --data the journaled pipeline), without the server: the "
            + "seeded workload whose state hash the seed pins.")
    private boolean inProcess;

    @Option(names = "--data", paramLabel = "DIR",
        description = "Keep the data directory in DIR, a new or empty directory (over TCP: the server's; with "
            + "--in-process: the journaled pipeline's); then try ./ordo replay and ./ordo verify.")
    private Path dataDirectory;

    @Option(names = "--postgres",
        description = "Over TCP: keep the event store in an embedded PostgreSQL (DIR/postgres, nothing to install) in "
            + "step while the sessions trade, then print its counts, rows/s and lag; query it afterwards with "
            + "./ordo sql --data DIR (needs --data to keep it).")
    private boolean postgres;

    @Option(names = "--pipelined",
        description = "Record the workload in process first, then push it through the pipeline without waiting "
            + "for results, timing first submit to last result: the pipeline's throughput, journaled with --data, "
            + "with journaling off without.")
    private boolean pipelined;

    @Option(names = "--sync",
        description = "With --data: force the journals to disk at the end of every batch (survives an OS crash).")
    private boolean sync;

    @Option(names = "--wait-strategy", paramLabel = "KIND", defaultValue = WaitStrategyKind.DEFAULT_NAME,
        description = "How the pipeline's threads wait (over TCP, and with --in-process when journaled or "
            + "pipelined), one of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private WaitStrategyKind waitStrategy;

    @Override
    public Integer call() throws Exception
    {
        final long commands = this.commands != null ? this.commands : inProcess ? 1_000_000 : 200_000;
        if (commands < 1)
        {
            throw new ParameterException(spec.commandLine(), "--commands must be at least 1, was " + commands);
        }
        if (dataDirectory != null && Files.exists(dataDirectory) &&
            (!Files.isDirectory(dataDirectory) || !isEmpty(dataDirectory)))
        {
            throw new ParameterException(spec.commandLine(), "--data needs a new or empty directory (the demo " +
                "starts from nothing): " + dataDirectory);
        }
        if (postgres && inProcess)
        {
            throw new ParameterException(spec.commandLine(), "--postgres runs with the server: leave out --in-process");
        }
        if (!inProcess)
        {
            if (pipelined || sync)
            {
                throw new ParameterException(spec.commandLine(), "--pipelined and --sync need --in-process");
            }
            if (sessions < 1)
            {
                throw new ParameterException(spec.commandLine(), "--sessions must be at least 1, was " + sessions);
            }
            TcpDemo.run(seed, commands, sessions, dataDirectory, waitStrategy, postgres, System.out);
            return 0;
        }
        final Durability durability = sync ? Durability.SYNC : Durability.MAPPED;
        if (dataDirectory == null)
        {
            if (sync)
            {
                throw new ParameterException(spec.commandLine(), "--sync needs --data DIR");
            }
            if (pipelined)
            {
                Demo.runPipelined(seed, commands, null, durability, waitStrategy, System.out);
            }
            else
            {
                Demo.run(seed, commands, System.out);
            }
            return 0;
        }
        if (pipelined)
        {
            Demo.runPipelined(seed, commands, dataDirectory, durability, waitStrategy, System.out);
        }
        else
        {
            Demo.runJournaled(seed, commands, dataDirectory, durability, waitStrategy, System.out);
        }
        return 0;
    }

    private static boolean isEmpty(final Path directory) throws IOException
    {
        try (Stream<Path> entries = Files.list(directory))
        {
            return entries.findAny().isEmpty();
        }
    }
}
