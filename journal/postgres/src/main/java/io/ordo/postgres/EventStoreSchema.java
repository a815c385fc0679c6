package io.ordo.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The event store's tables in PostgreSQL: created and migrated with Flyway from the versioned SQL files in
 * {@code db/ordo/} (V1, V2, ... applied in order, each once, recorded in the schema's
 * {@code flyway_schema_history}), all in one schema of their own ({@value #DEFAULT_SCHEMA} by default), so that
 * dropping that schema removes them all.
 * <p>
 * Stateless; any thread.
 */
public final class EventStoreSchema
{
    public static final String DEFAULT_SCHEMA = "ordo";
    static final String MIGRATIONS = "classpath:db/ordo";

    private EventStoreSchema()
    {
    }

    /**
     * Creates the schema if it is missing and applies the migrations it has not had.
     *
     * @param jdbcUrl a PostgreSQL JDBC URL, with the user and password as its parameters if needed.
     * @return the schema version now.
     */
    public static String migrate(final String jdbcUrl, final String schema)
    {
        try
        {
            final MigrateResult result = Flyway.configure()
                .dataSource(jdbcUrl, null, null)
                .schemas(schema)
                .locations(MIGRATIONS)
                .loggers("slf4j")
                .load()
                .migrate();
            return result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        }
        catch (final FlywayException e)
        {
            throw new EventStoreException("the event store's schema " + schema + " could not be migrated: " +
                rootMessage(e), e);
        }
    }

    /** Drops the schema and everything in it: the events, the read models, the position, the migration history. */
    public static void drop(final String jdbcUrl, final String schema)
    {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
            Statement statement = connection.createStatement())
        {
            statement.execute("DROP SCHEMA IF EXISTS " + quoted(schema) + " CASCADE");
        }
        catch (final SQLException e)
        {
            throw new EventStoreException("could not drop the schema " + schema + ": " + e.getMessage(), e);
        }
    }

    /**
     * @return the message of the deepest {@link java.sql.SQLException} among the causes (the driver's own, which
     *         names the host and port), else of the deepest cause that has one; on one line (Flyway's are tables).
     */
    static String rootMessage(final Throwable failure)
    {
        String message = failure.getMessage();
        String sqlMessage = null;
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause())
        {
            if (cause.getMessage() != null)
            {
                message = cause.getMessage();
                if (cause instanceof java.sql.SQLException)
                {
                    sqlMessage = cause.getMessage();
                }
            }
        }
        final String chosen = sqlMessage != null ? sqlMessage : message;
        return chosen == null ? failure.toString() : chosen.replace('\n', ' ').trim();
    }

    static String quoted(final String identifier)
    {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
