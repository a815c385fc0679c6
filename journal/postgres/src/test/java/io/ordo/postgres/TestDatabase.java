package io.ordo.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server for the tests of a JVM (the embedded one, binaries from Maven Central), started on
 * first use on a free port and stopped when the JVM exits; each test takes a schema of its own.
 */
final class TestDatabase
{
    /** A digest of "position sequence eventIndex type" per event in journal order; see RecordedJournal.read. */
    static final String EVENTS_DIGEST = "SELECT md5(string_agg(position || ' ' || sequence || ' ' || event_index || " +
        "' ' || type, E'\\n' ORDER BY position)) FROM events";

    private static EmbeddedPostgres server;
    private static int schemas;

    private TestDatabase()
    {
    }

    static synchronized String jdbcUrl()
    {
        if (server == null)
        {
            try
            {
                server = EmbeddedPostgres.builder().start();
            }
            catch (final IOException e)
            {
                throw new UncheckedIOException(e);
            }
        }
        return server.getJdbcUrl("postgres", "postgres");
    }

    static synchronized String newSchema(final String prefix)
    {
        return prefix + "_" + (++schemas);
    }

    static long number(final String schema, final String sql) throws SQLException
    {
        final List<String> rows = rows(schema, sql);
        return Long.parseLong(rows.get(0));
    }

    /** @return each row's columns joined by spaces (null as "null"). */
    static List<String> rows(final String schema, final String sql) throws SQLException
    {
        return rows(jdbcUrl(), schema, sql);
    }

    /** @return each row's columns joined by spaces, from the database of that URL. */
    static List<String> rows(final String url, final String schema, final String sql) throws SQLException
    {
        try (Connection connection = DriverManager.getConnection(url))
        {
            connection.setSchema(schema);
            try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql))
            {
                final List<String> rows = new ArrayList<>();
                final int columns = result.getMetaData().getColumnCount();
                while (result.next())
                {
                    final StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= columns; i++)
                    {
                        row.append(i > 1 ? " " : "").append(result.getString(i));
                    }
                    rows.add(row.toString());
                }
                return rows;
            }
        }
    }

    /** @return an md5 of the table's rows in key order, every column but those named. */
    static String tableHash(final String schema, final String table, final String orderBy, final String... except)
        throws SQLException
    {
        final String row = except.length == 0 ? "t::text" :
            "(to_jsonb(t) - ARRAY[" + String.join(",", quotedAll(except)) + "])::text";
        return rows(schema, "SELECT md5(coalesce(string_agg(" + row + ", E'\\n' ORDER BY " + orderBy + "), '')) " +
            "FROM " + table + " t").get(0);
    }

    private static List<String> quotedAll(final String... names)
    {
        final List<String> quoted = new ArrayList<>();
        for (final String name : names)
        {
            quoted.add("'" + name + "'");
        }
        return quoted;
    }
}
