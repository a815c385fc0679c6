package io.ordo.gateway;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.ordo.journal.DataDirectory;
import io.ordo.postgres.PostgresProjectionRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ordo project --data DIR [--jdbc URL] [--schema S] [--from-zero]}: brings the event store in PostgreSQL up
 * to the end of the data directory's output journal without a server, exactly once (docs/operations.md, "The
 * event store in PostgreSQL").
 * <p>
 * Runs on the calling thread.
 */
@Command(
    name = "project",
    mixinStandardHelpOptions = true,
    description = {
        "Projects the output journal of DIR into PostgreSQL: every event into the events table (partitioned by "
            + "month), and the read models balances, statement_lines, trades and open_orders, each transaction "
            + "with the journal position it reaches, so that a crash at any point neither loses nor repeats a row. "
            + "Goes on from where the database stands. Creates and migrates the schema itself (Flyway). A server "
            + "started with --jdbc or --postgres keeps the store in step itself; this is for a directory without "
            + "a server.",
        "Exit codes: 0 done; 1 no data directory, a damaged journal, the directory in use by a server, the database "
            + "unreachable or projected from another journal; 2 bad arguments." })
public final class ProjectCommand implements Callable<Integer>
{
    @Option(names = "--data", paramLabel = "DIR", required = true, description = "The data directory.")
    private Path dataDirectory;

    @Mixin
    private EventStoreOptions store;

    @Option(names = "--from-zero",
        description = "Drop the schema (events, read models, position) and project from the journal's first record.")
    private boolean fromZero;

    @Override
    public Integer call()
    {
        final DataDirectory directory = new DataDirectory(dataDirectory);
        if (!directory.exists())
        {
            throw new IllegalArgumentException("no data directory at " + dataDirectory);
        }
        try (EventStoreOptions.Target target = store.open(dataDirectory);
            ProgressReporter progress = ProgressReporter.start("project", dataDirectory, "records"))
        {
            final PostgresProjectionRun.Result result = PostgresProjectionRun.run(directory, target.jdbcUrl(),
                store.schema, fromZero, progress, sequence -> { });
            final double seconds = result.elapsedNs() / 1e9;
            final long records = result.lastSequence() - result.fromSequence() + 1;
            System.out.printf(Locale.ROOT, "event store in schema %s of %s%n", store.schema, target.describe());
            if (records <= 0)
            {
                System.out.printf(Locale.ROOT, "  already up to date at sequence %d (%,d events)%n",
                    result.lastSequence(), result.eventPosition());
            }
            else
            {
                System.out.printf(Locale.ROOT, "  projected sequences %d to %d: %,d events in %,d transactions, " +
                    "%.3f s, %,.0f events/s%n", result.fromSequence(), result.lastSequence(), result.eventsWritten(),
                    result.transactions(), seconds, result.eventsWritten() / seconds);
                System.out.printf(Locale.ROOT, "  %,d events in the store, up to sequence %d%n",
                    result.eventPosition(), result.lastSequence());
            }
            if (target.embedded() != null)
            {
                System.out.printf(Locale.ROOT, "  query it: ./ordo sql --data %s \"SELECT type, count(*) FROM " +
                    "events GROUP BY type\"%n", dataDirectory);
            }
            return 0;
        }
    }
}
