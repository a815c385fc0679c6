package io.ordo.gateway;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.PropertiesDefaultProvider;

/**
 * Finds the configuration file a command line names ({@code --config FILE}), or {@code ordo.properties} in the
 * current directory, and makes its values the defaults of every option it names (picocli's
 * {@link PropertiesDefaultProvider}: one {@code name=value} per line, the long option name without dashes, e.g.
 * {@code listen=0.0.0.0:7700}). A flag given on the command line wins over the file; the file over the built-in
 * default.
 * <p>
 * Stateless; used on the calling thread.
 */
final class ConfigFile
{
    static final String DEFAULT_FILE = "ordo.properties";

    private ConfigFile()
    {
    }

    /** @return the file the arguments name, else {@code ./ordo.properties} if it exists, else null. */
    static Path find(final String... args)
    {
        for (int i = 0; i < args.length; i++)
        {
            if ("--config".equals(args[i]) && i + 1 < args.length)
            {
                return checked(Paths.get(args[i + 1]));
            }
            if (args[i].startsWith("--config="))
            {
                return checked(Paths.get(args[i].substring("--config=".length())));
            }
        }
        final Path local = Paths.get(DEFAULT_FILE);
        return Files.isRegularFile(local) ? local : null;
    }

    /**
     * Applies the file (if any) to the command line: its values become the options' defaults.
     *
     * @throws IllegalArgumentException naming the file and the key, for a key no option of any command has (a
     *                                  typo would otherwise be ignored silently).
     */
    static CommandLine apply(final CommandLine commandLine, final Path file)
    {
        if (file != null)
        {
            commandLine.setDefaultValueProvider(new PropertiesDefaultProvider(load(file)));
        }
        return commandLine;
    }

    /** @return the file's settings, each checked to be an option of some {@code ordo} command. */
    static Properties load(final Path file)
    {
        final Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file))
        {
            properties.load(in);
        }
        catch (final IOException e)
        {
            throw new IllegalArgumentException("cannot read the configuration file " + file + ": " + e);
        }
        final Set<String> known = new TreeSet<>();
        collectOptionNames(OrdoLauncher.commandLine(), known);
        for (final String key : properties.stringPropertyNames())
        {
            if (!known.contains(key))
            {
                throw new IllegalArgumentException("unknown setting '" + key + "' in " + file + ": settings are " +
                    "long option names without dashes (see `ordo config --print`)");
            }
        }
        return properties;
    }

    private static void collectOptionNames(final CommandLine commandLine, final Set<String> names)
    {
        for (final OptionSpec option : commandLine.getCommandSpec().options())
        {
            names.add(option.longestName().replaceFirst("^-+", ""));
        }
        for (final CommandLine subcommand : commandLine.getSubcommands().values())
        {
            collectOptionNames(subcommand, names);
        }
    }

    private static Path checked(final Path file)
    {
        if (!Files.isRegularFile(file))
        {
            throw new IllegalArgumentException("no configuration file at " + file + " (--config)");
        }
        return file;
    }
}
