package io.ordo.gateway.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.ordo.journal.Engine;
import io.ordo.postgres.EmbeddedPostgresServer;
import io.ordo.postgres.EventStoreSchema;
import io.ordo.postgres.LiveEventStore;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The demo's event store in PostgreSQL ({@code ./ordo demo --postgres}): an embedded PostgreSQL on the data
 * directory's {@code DIR/postgres}, a {@link LiveEventStore} following the server's engine while the sessions
 * trade, a sampler of the projection's lag, and at the end the store's counts and the seed queries' answers.
 * <p>
 * Created and used on the demo's thread; the sampler runs on a daemon thread of its own.
 */
final class PostgresDemo implements AutoCloseable
{
    private static final long SAMPLE_NS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Path dataDirectory;
    private EmbeddedPostgresServer server;
    private LiveEventStore store;
    private Engine engine;
    private Thread sampler;
    private volatile boolean sampling;
    private volatile long maxLag;
    private long startNs;
    private long caughtUpNs;
    private long catchUpNs;

    /** @param dataDirectory whose DIR/postgres holds the database, once the server has created DIR. */
    PostgresDemo(final Path dataDirectory)
    {
        this.dataDirectory = dataDirectory;
    }

    /** Starts the embedded PostgreSQL, following the engine, and sampling the lag. */
    void follow(final Engine engine)
    {
        this.engine = engine;
        server = EmbeddedPostgresServer.start(EmbeddedPostgresServer.directoryOf(dataDirectory), 0);
        startNs = System.nanoTime();
        store = LiveEventStore.start(engine, server.jdbcUrl(), EventStoreSchema.DEFAULT_SCHEMA);
        sampling = true;
        final AtomicCounter lag = store.lag();
        sampler = new Thread(() ->
        {
            while (sampling)
            {
                maxLag = Math.max(maxLag, lag.get());
                java.util.concurrent.locks.LockSupport.parkNanos(SAMPLE_NS);
            }
        }, "ordo-demo-lag");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Waits until the store holds every command the engine journaled, then stops following. */
    void awaitCaughtUp() throws InterruptedException
    {
        final long lastCommandNs = System.nanoTime();
        final AtomicCounter last = store.lastSequence();
        final long deadline = lastCommandNs + TimeUnit.MINUTES.toNanos(10);
        while (last.get() < engine.counters().outputLastSequence.get() && System.nanoTime() < deadline &&
            store.projector().failure() == null)
        {
            Thread.sleep(5);
        }
        caughtUpNs = System.nanoTime();
        catchUpNs = caughtUpNs - lastCommandNs;
        sampling = false;
        sampler.join();
        store.close();
    }

    void print(final Path dataDirectory, final boolean kept, final PrintStream out) throws SQLException
    {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl());
            Statement statement = connection.createStatement())
        {
            connection.setSchema(EventStoreSchema.DEFAULT_SCHEMA);
            final long events = single(statement, "SELECT count(*) FROM events");
            final long sequence = single(statement, "SELECT sequence FROM projection_position");
            final double seconds = (caughtUpNs - startNs) / 1e9;
            out.printf(Locale.ROOT, "postgres: %,d events up to sequence %,d in schema ordo of the embedded " +
                "PostgreSQL (%s): %,.0f events/s while the sessions traded; lag at most %,d commands, caught up " +
                "%.3f s after the last one%n", events, sequence, EmbeddedPostgresServer.directoryOf(dataDirectory),
                events / seconds, maxLag, catchUpNs / 1e9);
            out.printf(Locale.ROOT, "postgres: %s%n", line(statement, "SELECT string_agg(type || ' ' || n, ', ' " +
                "ORDER BY n DESC) FROM (SELECT type, count(*) AS n FROM events GROUP BY type) t"));
            out.printf(Locale.ROOT, "postgres: account 1's balances: %s%n", line(statement, "SELECT " +
                "string_agg('asset ' || asset_id || ' available ' || available_minor || ' held ' || held_minor, " +
                "'; ' ORDER BY asset_id) FROM balances WHERE account_id = 1"));
            if (kept)
            {
                out.printf(Locale.ROOT, "postgres: query it: ./ordo sql --data %s \"SELECT * FROM statement_lines " +
                    "WHERE account_id = 1 ORDER BY position DESC LIMIT 5\" (more in docs/operations.md)%n",
                    dataDirectory);
            }
        }
    }

    private static long single(final Statement statement, final String sql) throws SQLException
    {
        try (ResultSet row = statement.executeQuery(sql))
        {
            row.next();
            return row.getLong(1);
        }
    }

    private static String line(final Statement statement, final String sql) throws SQLException
    {
        try (ResultSet row = statement.executeQuery(sql))
        {
            row.next();
            return row.getString(1);
        }
    }

    @Override
    public void close()
    {
        if (store != null)
        {
            store.close();
        }
        if (server != null)
        {
            server.close();
        }
    }
}
