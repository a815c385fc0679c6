package io.ordo.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import io.ordo.journal.DataDirectory;
import io.ordo.journal.index.AccountIndex;
import io.ordo.journal.index.AccountIndexBuild;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ordo index --data DIR [--from-zero]}: brings the data directory's index by account up to the end of its
 * output journal without a server (a server keeps it in step itself), or builds it again from zero. Refused while
 * a server holds the directory.
 * <p>
 * Runs on the calling thread.
 */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = {
        "Brings the index by account in DIR/index up to the end of the output journal: for every account the "
            + "records that name it, so that `ordo statement` reads the account's records and not the whole "
            + "journal. A running server keeps it in step itself (`--account-index`, on by default); this is for a "
            + "directory written without it, or to build it again.",
        "Exit codes: 0 done; 1 no data directory, a damaged journal or index, or the directory in use by a server; "
            + "2 bad arguments." })
public final class IndexCommand implements Callable<Integer>
{
    @Option(names = "--data", paramLabel = "DIR", required = true, description = "The data directory.")
    private Path dataDirectory;

    @Option(names = "--from-zero", description = "Delete the index and build it from the journal's first record.")
    private boolean fromZero;

    @Override
    public Integer call()
    {
        final long startNs = System.nanoTime();
        final AccountIndexBuild.Result result;
        try (ProgressReporter progress = ProgressReporter.start("index", dataDirectory, "records"))
        {
            result = AccountIndexBuild.run(new DataDirectory(dataDirectory), fromZero, progress);
        }
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        final long records = result.lastSequence() - result.fromSequence() + 1;
        System.out.printf(Locale.ROOT, "account index of %s%n", dataDirectory);
        if (records <= 0)
        {
            System.out.printf(Locale.ROOT, "  already up to date at sequence %d%n", result.lastSequence());
        }
        else
        {
            System.out.printf(Locale.ROOT, "  indexed sequences %d to %d in %.3f s: %,.0f records/s%n",
                result.fromSequence(), result.lastSequence(), seconds, records / seconds);
        }
        System.out.printf(Locale.ROOT, "  %,d entries for %,d accounts, %,d bytes on disk in %s%n", result.entries(),
            result.accounts(), bytes(AccountIndex.directoryOf(dataDirectory)),
            AccountIndex.directoryOf(dataDirectory));
        return 0;
    }

    private static long bytes(final Path directory)
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.mapToLong(file ->
            {
                try
                {
                    return Files.size(file);
                }
                catch (final IOException e)
                {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }
}
