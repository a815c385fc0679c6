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
 * {@code ordo demo [--seed N] [--commands M] [--data DIR]}: parses the options and runs {@link Demo}.
 * <p>
 * Runs on the calling thread.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Runs the business logic processor in process on a seeded workload; prints throughput, counts and the "
            + "state hash.",
        "",
        "The workload: 2-3 assets, 1-3 instruments, 1,000 funded accounts, then limit, IOC, FOK, post-only and "
            + "market orders, cancels, replaces, transfers, deposits and withdrawals. The same seed gives the same "
            + "state hash on every run." })
public final class DemoCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
        description = "Seed of the workload (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--commands", paramLabel = "M", defaultValue = "1000000",
        description = "Commands to send, set-up included (default: ${DEFAULT-VALUE}).")
    private long commands;

    @Option(names = "--data", paramLabel = "DIR",
        description = "Run through the journaled pipeline (input journal, BLP, output journal) and leave the "
            + "journals and snapshots in DIR, a new or empty directory; then try ./ordo replay and ./ordo verify.")
    private Path dataDirectory;

    @Option(names = "--pipelined",
        description = "Record the workload in process first, then push it through the pipeline without waiting "
            + "for results, timing first submit to last result: the pipeline's throughput, journaled with --data, "
            + "with journaling off without.")
    private boolean pipelined;

    @Option(names = "--sync",
        description = "With --data: force the journals to disk at the end of every batch (survives an OS crash).")
    private boolean sync;

    @Option(names = "--wait-strategy", paramLabel = "KIND", defaultValue = "SLEEPING",
        description = "With --data or --pipelined: how the pipeline's threads wait, one of ${COMPLETION-CANDIDATES} "
            + "(default: ${DEFAULT-VALUE}).")
    private WaitStrategyKind waitStrategy;

    @Override
    public Integer call() throws Exception
    {
        if (commands < 1)
        {
            throw new ParameterException(spec.commandLine(), "--commands must be at least 1, was " + commands);
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
        if (Files.exists(dataDirectory) && (!Files.isDirectory(dataDirectory) || !isEmpty(dataDirectory)))
        {
            throw new ParameterException(spec.commandLine(), "--data needs a new or empty directory (the demo " +
                "starts from nothing): " + dataDirectory);
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
