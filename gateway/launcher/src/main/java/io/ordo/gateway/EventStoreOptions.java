package io.ordo.gateway;

import java.nio.file.Path;

import io.ordo.postgres.EmbeddedPostgresServer;
import io.ordo.postgres.EventStoreSchema;
import picocli.CommandLine.Option;

/**
 * Where the event store in PostgreSQL is, for {@code ordo project}, {@code ordo sql} and {@code ordo server}: a
 * PostgreSQL the user names ({@code --jdbc}), or else the embedded one whose database lives in
 * {@code DIR/postgres}, started for the command; and the schema ({@code --schema}).
 * <p>
 * A picocli mixin; used on the command's thread.
 */
final class EventStoreOptions
{
    @Option(names = "--jdbc", paramLabel = "URL",
        description = "The PostgreSQL to use, as a JDBC URL with the user and password as parameters, e.g. "
            + "jdbc:postgresql://db:5432/ordo?user=ordo&password=secret (default: the embedded PostgreSQL with its "
            + "database in DIR/postgres, started for the command).")
    String jdbcUrl;

    @Option(names = "--schema", paramLabel = "NAME", defaultValue = EventStoreSchema.DEFAULT_SCHEMA,
        description = "The schema of the event store's tables (default: ${DEFAULT-VALUE}).")
    String schema;

    /** The database to use, and the embedded server started for it (null for one the user named). */
    record Target(String jdbcUrl, EmbeddedPostgresServer embedded) implements AutoCloseable
    {
        String describe()
        {
            return embedded != null ? "the embedded PostgreSQL on 127.0.0.1:" + embedded.port() : "the PostgreSQL " +
                "of --jdbc";
        }

        @Override
        public void close()
        {
            if (embedded != null)
            {
                embedded.close();
            }
        }
    }

    Target open(final Path dataDirectory)
    {
        if (jdbcUrl != null)
        {
            return new Target(jdbcUrl, null);
        }
        final EmbeddedPostgresServer server =
            EmbeddedPostgresServer.start(EmbeddedPostgresServer.directoryOf(dataDirectory), 0);
        return new Target(server.jdbcUrl(), server);
    }
}
