package io.ordo.gateway;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.ordo.core.BlpConfig;
import io.ordo.journal.DataDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ordo init --data DIR [--request-window N]}: creates a new, empty data directory. Apart from the demo's
 * {@code --data}, this is the only command that creates one; every other command refuses a path that is not a data
 * directory.
 * <p>
 * Runs on the calling thread.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
        "Creates a new data directory in DIR (which must not exist, or be empty): its settings file, with the "
            + "settings that decide outcomes and a checksum over them. The journals are created when an engine "
            + "first starts on it." })
public final class InitCommand implements Callable<Integer>
{
    @Option(names = "--data", paramLabel = "DIR", required = true, description = "The directory to create.")
    private Path dataDirectory;

    @Option(names = "--request-window", paramLabel = "N",
        description = "How many recent client request ids the engine remembers to answer retries "
            + "(default: ${DEFAULT-VALUE}). Fixed for the life of the directory.")
    private int requestWindow = new BlpConfig().requestWindowCapacity();

    @Override
    public Integer call()
    {
        final DataDirectory directory = new DataDirectory(dataDirectory);
        if (directory.exists())
        {
            System.err.println("ordo init: " + dataDirectory + " is a data directory already; nothing done");
            return 1;
        }
        directory.create(new BlpConfig().requestWindowCapacity(requestWindow));
        System.out.println("created data directory " + dataDirectory + " (request window " + requestWindow + ")");
        return 0;
    }
}
