package io.ordo.gateway;

import io.ordo.gateway.demo.DemoCommand;
import io.ordo.gateway.loadgen.LoadgenCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Entry point of {@code ordo.jar} (run by the {@code ./ordo} script): parses the command line and runs a
 * subcommand: {@code demo}, {@code server}, {@code example}, {@code init}, {@code replay}, {@code verify},
 * {@code recover}, {@code repair}.
 * <p>
 * Runs on the main thread; not meant to be called concurrently.
 */
@Command(
    name = "ordo",
    mixinStandardHelpOptions = true,
    version = "ordo 0.1.0-SNAPSHOT",
    description = "Ordo: an event-sourced matching and ledger core.",
    subcommands = {
        DemoCommand.class, ServerCommand.class, ExampleCommand.class, WatchCommand.class, LoadgenCommand.class,
        InitCommand.class, ReplayCommand.class, VerifyCommand.class, RecoverCommand.class, RepairCommand.class,
        StatementCommand.class, BalanceCommand.class, InspectCommand.class, BookCommand.class,
        OrdersCommand.class, TradesCommand.class, StatCommand.class, SnapshotCommand.class, IndexCommand.class,
        ProjectCommand.class, SqlCommand.class, PostgresCommand.class, ConfigCommand.class,
        CommandLine.HelpCommand.class })
public final class OrdoLauncher implements Runnable
{
    @Spec
    private CommandSpec spec;

    /** Without a subcommand: print the usage. */
    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(final String[] args)
    {
        System.exit(commandLine(args).execute(args));
    }

    /**
     * @return the launcher's command line with the configuration file the arguments name (or
     * {@code ./ordo.properties}) as the options' defaults, as {@link #main} runs it.
     */
    public static CommandLine commandLine(final String... args)
    {
        final CommandLine commandLine = commandLine();
        try
        {
            return ConfigFile.apply(commandLine, ConfigFile.find(args));
        }
        catch (final IllegalArgumentException e)
        {
            commandLine.getErr().println("ordo: " + e.getMessage());
            System.exit(1);
            return commandLine;
        }
    }

    /** @return the launcher's command line, without a configuration file. */
    public static CommandLine commandLine()
    {
        final CommandLine commandLine = new CommandLine(new OrdoLauncher());
        // A damaged or foreign data directory is an expected outcome with a message that names the file and
        // position: print that, not a stack trace.
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) ->
        {
            line.getErr().println("ordo " + line.getCommandName() + ": " + exception.getMessage());
            return exception instanceof io.ordo.journal.JournalException ||
                exception instanceof IllegalArgumentException || exception instanceof IllegalStateException ||
                exception instanceof java.net.BindException ||
                exception instanceof io.ordo.postgres.EventStoreException ||
                exception instanceof java.sql.SQLException ? 1 : 2;
        });
        return commandLine;
    }
}
