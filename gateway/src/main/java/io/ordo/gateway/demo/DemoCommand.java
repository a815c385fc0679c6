package io.ordo.gateway.demo;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ordo demo [--seed N] [--commands M]}: parses the options and runs {@link Demo}.
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

    @Override
    public Integer call()
    {
        if (commands < 1)
        {
            throw new ParameterException(spec.commandLine(), "--commands must be at least 1, was " + commands);
        }
        Demo.run(seed, commands, System.out);
        return 0;
    }
}
