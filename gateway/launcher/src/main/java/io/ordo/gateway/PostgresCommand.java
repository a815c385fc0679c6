package io.ordo.gateway;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.ordo.postgres.EmbeddedPostgresServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ordo postgres --data DIR [--port P]}: runs the embedded PostgreSQL of {@code DIR/postgres} until Ctrl-C,
 * for BI tools and {@code psql}.
 * <p>
 * Runs on the calling thread, which waits; the stop runs in a shutdown hook.
 */
@Command(
    name = "postgres",
    mixinStandardHelpOptions = true,
    description = {
        "Runs the embedded PostgreSQL whose database is DIR/postgres (what ./ordo demo --postgres and ./ordo project "
            + "without --jdbc write) on 127.0.0.1 until Ctrl-C, and prints its JDBC URL, so that any SQL client can "
            + "query the event store while it runs. Nothing to install: the server comes from Maven Central.",
        "Exit codes: 0 stopped; 1 it could not start (e.g. the port taken, or another server on DIR/postgres)." })
public final class PostgresCommand implements Callable<Integer>
{
    @Option(names = "--data", paramLabel = "DIR", required = true, description = "The data directory.")
    private Path dataDirectory;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "5433",
        description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    private int port;

    @Override
    public Integer call() throws Exception
    {
        final EmbeddedPostgresServer server =
            EmbeddedPostgresServer.start(EmbeddedPostgresServer.directoryOf(dataDirectory), port);
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            server.close();
            System.out.println("ordo postgres: stopped");
            stopped.countDown();
        }, "ordo-postgres-stop"));
        System.out.printf(Locale.ROOT, "ordo postgres: the event store of %s on 127.0.0.1:%d, database postgres, " +
            "user postgres, schema ordo%n  JDBC: %s%n  psql: psql -h 127.0.0.1 -p %d -U postgres -c 'SET " +
            "search_path = ordo' ...%nstop with Ctrl-C%n", dataDirectory, server.port(), server.jdbcUrl(),
            server.port());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
