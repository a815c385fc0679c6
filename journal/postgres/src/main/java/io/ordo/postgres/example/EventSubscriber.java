package io.ordo.postgres.example;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * An example subscriber to the event store in PostgreSQL: follows the {@code events} table without polling it.
 * It {@code LISTEN}s on the channel the projector notifies on every commit ({@code ordo_events}, payload
 * {@code {"sequence":S,"position":P}}), and on each notification reads the events after the last position it has,
 * in order. A subscriber that was away reads what it missed the same way: it keeps its own last position (here
 * in memory; a real one stores it with what it does with the events, in one transaction, for exactly once).
 * <pre>
 *   java -cp ordo.jar io.ordo.postgres.example.EventSubscriber JDBC_URL [SCHEMA [FROM_POSITION]]
 * </pre>
 * Not thread safe: one thread, which owns the connection.
 */
public final class EventSubscriber implements AutoCloseable
{
    /** What the subscriber does with each event. */
    @FunctionalInterface
    public interface Handler
    {
        void onEvent(long position, long sequence, String type, String data);
    }

    private static final int BATCH = 10_000;

    private final Connection connection;
    private final PreparedStatement after;
    private long lastPosition;

    public EventSubscriber(final String jdbcUrl, final String schema, final long fromPosition) throws SQLException
    {
        connection = DriverManager.getConnection(jdbcUrl);
        connection.setSchema(schema);
        try (Statement listen = connection.createStatement())
        {
            listen.execute("LISTEN ordo_events");
        }
        after = connection.prepareStatement("SELECT position, sequence, type, data::text FROM events " +
            "WHERE position > ? ORDER BY position LIMIT " + BATCH);
        lastPosition = fromPosition;
    }

    /**
     * Hands every event after the last one handled to the handler, then waits up to {@code timeoutMs} for a
     * notification of more (so that a subscriber started after a commit does not wait for the next one).
     *
     * @param timeoutMs how long to wait for a notification; 0 or less: only take those already received.
     * @return events handled.
     */
    public int poll(final Handler handler, final int timeoutMs) throws SQLException
    {
        int handled = readNew(handler);
        final PGConnection notifier = connection.unwrap(PGConnection.class);
        final PGNotification[] notifications =
            timeoutMs > 0 ? notifier.getNotifications(timeoutMs) : notifier.getNotifications();
        if (notifications != null && notifications.length > 0)
        {
            handled += readNew(handler);
        }
        return handled;
    }

    private int readNew(final Handler handler) throws SQLException
    {
        int handled = 0;
        int read;
        do
        {
            read = 0;
            after.setLong(1, lastPosition);
            try (ResultSet rows = after.executeQuery())
            {
                while (rows.next())
                {
                    lastPosition = rows.getLong(1);
                    handler.onEvent(lastPosition, rows.getLong(2), rows.getString(3), rows.getString(4));
                    read++;
                }
            }
            handled += read;
        }
        while (read == BATCH);
        return handled;
    }

    /** @return the position of the last event handled. */
    public long lastPosition()
    {
        return lastPosition;
    }

    @Override
    public void close() throws SQLException
    {
        connection.close();
    }

    public static void main(final String[] args) throws SQLException
    {
        if (args.length < 1)
        {
            System.err.println("usage: EventSubscriber JDBC_URL [SCHEMA [FROM_POSITION]]");
            System.exit(2);
        }
        final String schema = args.length > 1 ? args[1] : "ordo";
        final long from = args.length > 2 ? Long.parseLong(args[2]) : 0;
        try (EventSubscriber subscriber = new EventSubscriber(args[0], schema, from))
        {
            while (true)
            {
                subscriber.poll((position, sequence, type, data) ->
                    System.out.println(position + " " + sequence + " " + type + " " + data), 10_000);
            }
        }
    }
}
