package io.ordo.gateway;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ordo sql --data DIR [--jdbc URL] "SELECT ..."}: runs one SQL statement against the event store in
 * PostgreSQL (by default the embedded one of {@code DIR/postgres}, started for the command) and prints its rows as
 * a table, so that the documented queries work with nothing installed. The schema is on the search path.
 * <p>
 * Runs on the calling thread.
 */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
        "Runs one SQL statement against the event store (the tables of docs/operations.md, \"The event store in "
            + "PostgreSQL\") and prints the rows. The event store's schema is first on the search path, so tables "
            + "need no prefix. EXPLAIN ANALYZE works too.",
        "Exit codes: 0 done; 1 the database unreachable or the statement refused; 2 bad arguments." })
public final class SqlCommand implements Callable<Integer>
{
    @Option(names = "--data", paramLabel = "DIR", required = true,
        description = "The data directory (its embedded PostgreSQL is DIR/postgres).")
    private Path dataDirectory;

    @Mixin
    private EventStoreOptions store;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "100",
        description = "Print at most N rows (default: ${DEFAULT-VALUE}).")
    private int maxRows;

    @Parameters(paramLabel = "SQL", arity = "1..*", description = "The statement (several words are joined).")
    private List<String> sql;

    @Override
    public Integer call() throws Exception
    {
        try (EventStoreOptions.Target target = store.open(dataDirectory);
            Connection connection = DriverManager.getConnection(target.jdbcUrl()))
        {
            connection.setSchema(store.schema);
            connection.setReadOnly(true);
            try (Statement statement = connection.createStatement())
            {
                statement.setMaxRows(maxRows + 1);
                if (!statement.execute(String.join(" ", sql)))
                {
                    System.out.printf(Locale.ROOT, "%d rows changed%n", statement.getUpdateCount());
                    return 0;
                }
                try (ResultSet rows = statement.getResultSet())
                {
                    print(rows);
                }
            }
        }
        return 0;
    }

    private void print(final ResultSet rows) throws Exception
    {
        final ResultSetMetaData meta = rows.getMetaData();
        final int columns = meta.getColumnCount();
        final List<String[]> table = new ArrayList<>();
        final String[] header = new String[columns];
        for (int i = 0; i < columns; i++)
        {
            header[i] = meta.getColumnLabel(i + 1);
        }
        table.add(header);
        int count = 0;
        boolean more = false;
        while (rows.next())
        {
            if (count == maxRows)
            {
                more = true;
                break;
            }
            final String[] row = new String[columns];
            for (int i = 0; i < columns; i++)
            {
                final String value = rows.getString(i + 1);
                row[i] = value == null ? "null" : value;
            }
            table.add(row);
            count++;
        }
        final int[] widths = new int[columns];
        for (final String[] row : table)
        {
            for (int i = 0; i < columns; i++)
            {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < table.size(); r++)
        {
            final StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++)
            {
                final boolean last = i == columns - 1;
                line.append(i > 0 ? "  " : "").append(last ? table.get(r)[i] :
                    String.format(Locale.ROOT, "%-" + widths[i] + "s", table.get(r)[i]));
            }
            System.out.println(line);
            if (r == 0)
            {
                System.out.println("-".repeat(Math.min(120, line.length())));
            }
        }
        System.out.printf(Locale.ROOT, "(%d rows%s)%n", count, more ? ", more not shown: --max-rows" : "");
    }
}
