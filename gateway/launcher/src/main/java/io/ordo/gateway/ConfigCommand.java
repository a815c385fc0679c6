package io.ordo.gateway;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code ordo config --print [--config FILE] [server flags]}: the effective configuration of {@code ordo server}:
 * every setting with its value and where the value came from (a flag, the configuration file, the default), in the
 * file's own format, so that the output is a valid configuration file.
 * <p>
 * Runs on the calling thread.
 */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = {
        "Prints the effective configuration of `ordo server` as a configuration file: each setting (the long option "
            + "name without dashes) = its value, and whether it came from a flag, the file or the default. Flags "
            + "after --print are taken as server flags, as `ordo server` would take them.",
        "Exit codes: 0 printed; 1 a configuration file named but missing or a value that is not one; 2 bad "
            + "arguments." })
public final class ConfigCommand implements Callable<Integer>
{
    @Option(names = "--print", required = true, description = "Print the effective configuration.")
    private boolean print;

    @Option(names = "--config", paramLabel = "FILE",
        description = "The configuration file (default: ordo.properties in the current directory, if there).")
    private Path configFile;

    @Unmatched
    private List<String> serverFlags = new ArrayList<>();

    @Override
    public Integer call() throws Exception
    {
        final Path file = configFile != null ? ConfigFile.find("--config", configFile.toString()) : ConfigFile.find();
        final Properties fromFile = file == null ? new Properties() : ConfigFile.load(file);
        final CommandLine server = ConfigFile.apply(new CommandLine(new ServerCommand()), file);
        final CommandLine.ParseResult parsed = server.parseArgs(serverFlags.toArray(new String[0]));
        System.out.printf(Locale.ROOT, "# effective configuration of ordo server (file: %s)%n",
            file == null ? "none" : file.toAbsolutePath());
        for (final OptionSpec option : server.getCommandSpec().options())
        {
            final String key = option.longestName().replaceFirst("^-+", "");
            if (option.usageHelp() || option.versionHelp() || "config".equals(key))
            {
                continue;
            }
            final Object value = option.getValue();
            final String source = parsed.hasMatchedOption(option) ? "flag" :
                fromFile.containsKey(key) ? "file" : "default";
            if (value == null)
            {
                // Unset (no value at all): commented out, so that the output stays a valid configuration file.
                System.out.printf(Locale.ROOT, "#%s=%s# %s, unset%n", key, " ".repeat(Math.max(1, 47 - key.length())),
                    source);
                continue;
            }
            System.out.printf(Locale.ROOT, "%s=%s%s# %s%n", key, value,
                " ".repeat(Math.max(1, 48 - key.length() - String.valueOf(value).length())), source);
        }
        return 0;
    }
}
