package io.ordo.postgres;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.ordo.journal.ReadPosition;
import io.ordo.journal.index.Projection;
import io.ordo.protocol.codec.Side;
import io.ordo.read.OpenOrderProjection;
import org.agrona.DirectBuffer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * The event store in PostgreSQL as a {@link Projection} of the output journal: each record's events become rows of
 * {@code events} and of the read models ({@code statement_lines}, {@code balances}, {@code trades},
 * {@code open_orders}); {@link #checkpoint()} writes them, with the journal position they reach, in one transaction,
 * and on commit notifies the channel {@value #CHANNEL} with that position ({@code {"sequence":S,"position":P}}).
 * <p>
 * <b>Exactly once.</b> The position ({@code projection_position}) is updated in the same transaction as the rows,
 * and only from the position this projection read at open ({@code WHERE sequence = } the one it started from), so a
 * crash at any moment leaves the database at a committed batch and the next open goes on from there, neither losing
 * nor repeating a row. A second projector on the same schema is refused at open (a PostgreSQL advisory lock, held
 * while the connection lives).
 * <p>
 * <b>Failure.</b> A failed write rolls the transaction back; the rows in memory are then ahead of the database, so
 * the projection must be {@link #discard() discarded} and opened again (it resumes from the database's position).
 * <p>
 * Not thread safe: one projector thread, which owns the connection.
 */
public final class PostgresProjection implements Projection
{
    /** The channel notified on every commit. */
    public static final String CHANNEL = "ordo_events";
    static final String POSITION_NAME = "output journal";
    private static final String EVENT_COLUMNS = "position, event_id, sequence, event_index, type, aggregate_type, " +
        "aggregate_id, aggregate_version, account_id, instrument_id, order_id, asset_id, recorded_at, " +
        "recorded_time_ns, value_at, value_time_ns, data, metadata";
    private static final String LINE_COLUMNS = "position, sequence, account_id, asset_id, cause, " +
        "available_delta_minor, held_delta_minor, available_after_minor, held_after_minor, reference_id, " +
        "recorded_at, value_time_ns, value_at, command_account_id, client_request_id";
    private static final String TRADE_COLUMNS = "trade_id, position, sequence, recorded_at, instrument_id, " +
        "aggressor_side, maker_order_id, taker_order_id, maker_account_id, taker_account_id, price_minor, " +
        "quantity_minor, maker_fee_minor, taker_fee_minor";

    private final Connection connection;
    private final String schema;
    private final EventStoreBatch batch;
    private ReadPosition committed;
    private ReadPosition applied;
    private long committedEventPosition;
    private long commits;

    private PostgresProjection(final Connection connection, final String schema, final ReadPosition committed,
        final long eventPosition)
    {
        this.connection = connection;
        this.schema = schema;
        this.committed = committed;
        this.applied = committed;
        this.committedEventPosition = eventPosition;
        this.batch = new EventStoreBatch(eventPosition);
    }

    /**
     * Migrates the schema, connects, takes the projector's lock and reads back where the store stands.
     *
     * @throws EventStoreException if the database cannot be reached or written, or another projector holds it.
     */
    public static PostgresProjection open(final String jdbcUrl, final String schema)
    {
        EventStoreSchema.migrate(jdbcUrl, schema);
        Connection connection = null;
        try
        {
            final Properties properties = new Properties();
            properties.setProperty("ApplicationName", "ordo projector");
            connection = DriverManager.getConnection(jdbcUrl, properties);
            connection.setSchema(schema);
            lock(connection, schema);
            connection.setAutoCommit(false);
            final PostgresProjection projection = readBack(connection, schema);
            connection.commit();
            return projection;
        }
        catch (final SQLException | RuntimeException e)
        {
            closeQuietly(connection);
            if (e instanceof EventStoreException failure)
            {
                throw failure;
            }
            throw new EventStoreException("the event store in schema " + schema + " could not be opened: " +
                e.getMessage(), e);
        }
    }

    private static void lock(final Connection connection, final String schema) throws SQLException
    {
        try (PreparedStatement statement =
            connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext('ordo projector ' || ?))"))
        {
            statement.setString(1, schema);
            try (ResultSet result = statement.executeQuery())
            {
                result.next();
                if (!result.getBoolean(1))
                {
                    throw new EventStoreException("another Ordo projector is writing to the schema " + schema +
                        " of this database (it holds its advisory lock): stop it first, or project to another " +
                        "schema (--schema)");
                }
            }
        }
    }

    private static PostgresProjection readBack(final Connection connection, final String schema)
        throws SQLException
    {
        final PostgresProjection projection;
        try (Statement statement = connection.createStatement();
            ResultSet row = statement.executeQuery("SELECT sequence, checksum, file_name, document_position, " +
                "event_position FROM projection_position WHERE name = '" + POSITION_NAME + "'"))
        {
            if (!row.next())
            {
                throw new EventStoreException("the event store in schema " + schema + " has no projection " +
                    "position (table projection_position): drop the schema and project from zero (--from-zero)");
            }
            final long sequence = row.getLong(1);
            final ReadPosition position = sequence == 0 ? ReadPosition.START :
                new ReadPosition(sequence, row.getInt(2), row.getString(3), row.getLong(4));
            projection = new PostgresProjection(connection, schema, position, row.getLong(5));
        }
        try (Statement statement = connection.createStatement())
        {
            try (ResultSet rows = statement.executeQuery(
                "SELECT aggregate_type, aggregate_id, version FROM aggregate_versions"))
            {
                while (rows.next())
                {
                    projection.batch.restoreVersion(rows.getString(1), rows.getLong(2), rows.getLong(3));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT order_id, account_id, instrument_id, side, " +
                "price_minor, remaining_quantity_minor, accepted_sequence FROM open_orders"))
            {
                while (rows.next())
                {
                    projection.batch.restoreOpenOrder(new OpenOrderProjection.OpenOrder(rows.getLong(1),
                        rows.getLong(2), rows.getInt(3), Side.valueOf(rows.getString(4)).value(), rows.getLong(5),
                        rows.getLong(6), rows.getLong(7)));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT c.relname FROM pg_inherits i " +
                "JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent " +
                "JOIN pg_namespace n ON n.oid = p.relnamespace WHERE p.relname = 'events' AND n.nspname = '" +
                schema.replace("'", "''") + "'"))
            {
                while (rows.next())
                {
                    projection.batch.restorePartition(partitionMonth(rows.getString(1)));
                }
            }
        }
        return projection;
    }

    @Override
    public ReadPosition position()
    {
        return applied;
    }

    /** @return the position of the last commit: what the database holds. */
    public ReadPosition committedPosition()
    {
        return committed;
    }

    /** @return the last event's position in {@code events} as committed. */
    public long committedEventPosition()
    {
        return committedEventPosition;
    }

    /** @return records applied since the last commit. */
    public long pendingRecords()
    {
        return batch.records();
    }

    /** @return transactions committed since open. */
    public long commits()
    {
        return commits;
    }

    @Override
    public void onRecord(final long sequence, final int checksum, final DirectBuffer events, final int offset,
        final int length, final Path file, final long recordPosition, final long documentPosition)
    {
        batch.add(sequence, checksum, events, offset, length);
        applied = new ReadPosition(sequence, checksum, file.getFileName().toString(), documentPosition);
    }

    /** Writes the rows gathered since the last commit and the position they reach, in one transaction. */
    @Override
    public void checkpoint()
    {
        if (batch.records() == 0)
        {
            return;
        }
        try
        {
            write();
            connection.commit();
        }
        catch (final SQLException | RuntimeException e)
        {
            rollbackQuietly();
            throw new EventStoreException("the event store could not write sequences " +
                (committed.sequence() + 1) + " to " + applied.sequence() + " (schema " + schema + "): " +
                e.getMessage(), e);
        }
        committed = applied;
        committedEventPosition = batch.eventPosition();
        commits++;
        batch.clear();
    }

    private void write() throws SQLException
    {
        try (Statement statement = connection.createStatement())
        {
            for (final YearMonth month : batch.newPartitions())
            {
                statement.execute(partitionDdl(month));
            }
        }
        final CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        copy(copy, "events (" + EVENT_COLUMNS + ")", batch.eventsCopy());
        copy(copy, "statement_lines (" + LINE_COLUMNS + ")", batch.statementLinesCopy());
        copy(copy, "trades (" + TRADE_COLUMNS + ")", batch.tradesCopy());
        writeBalances();
        writeOrders();
        writeVersions();
        try (PreparedStatement statement = connection.prepareStatement("UPDATE projection_position SET " +
            "sequence = ?, checksum = ?, file_name = ?, document_position = ?, event_position = ?, " +
            "updated_at = now() WHERE name = ? AND sequence = ?"))
        {
            statement.setLong(1, applied.sequence());
            statement.setInt(2, applied.checksum());
            statement.setString(3, applied.fileName());
            statement.setLong(4, applied.documentPosition());
            statement.setLong(5, batch.eventPosition());
            statement.setString(6, POSITION_NAME);
            statement.setLong(7, committed.sequence());
            if (statement.executeUpdate() != 1)
            {
                throw new EventStoreException("the event store's position moved under this projector (it was " +
                    "at sequence " + committed.sequence() + "): another projector wrote to schema " + schema);
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_notify(?, ?)"))
        {
            statement.setString(1, CHANNEL);
            statement.setString(2, "{\"sequence\":" + applied.sequence() + ",\"position\":" +
                batch.eventPosition() + "}");
            statement.execute();
        }
    }

    private static void copy(final CopyManager copy, final String target, final byte[] rows) throws SQLException
    {
        if (rows.length == 0)
        {
            return;
        }
        final CopyIn in = copy.copyIn("COPY " + target + " FROM STDIN");
        try
        {
            in.writeToCopy(rows, 0, rows.length);
            in.endCopy();
        }
        finally
        {
            if (in.isActive())
            {
                in.cancelCopy();
            }
        }
    }

    private void writeBalances() throws SQLException
    {
        final Map<EventStoreBatch.BalanceKey, EventStoreBatch.Balance> balances = batch.balances();
        if (balances.isEmpty())
        {
            return;
        }
        final List<Long> accounts = new ArrayList<>(balances.size());
        final List<Integer> assets = new ArrayList<>(balances.size());
        final List<Long> available = new ArrayList<>(balances.size());
        final List<Long> held = new ArrayList<>(balances.size());
        final List<Long> sequences = new ArrayList<>(balances.size());
        balances.forEach((key, balance) ->
        {
            accounts.add(key.accountId());
            assets.add(key.assetId());
            available.add(balance.availableMinor());
            held.add(balance.heldMinor());
            sequences.add(balance.lastSequence());
        });
        executeWithArrays("INSERT INTO balances (account_id, asset_id, available_minor, held_minor, " +
            "last_sequence) SELECT * FROM unnest(?, ?, ?, ?, ?) ON CONFLICT (account_id, asset_id) DO UPDATE SET " +
            "available_minor = EXCLUDED.available_minor, held_minor = EXCLUDED.held_minor, " +
            "last_sequence = EXCLUDED.last_sequence", new String[] {"bigint", "integer", "bigint", "bigint", "bigint"},
            accounts, assets, available, held, sequences);
    }

    private void writeOrders() throws SQLException
    {
        if (batch.orders().isEmpty())
        {
            return;
        }
        final List<Long> closed = new ArrayList<>();
        final List<Long> ids = new ArrayList<>();
        final List<Long> accounts = new ArrayList<>();
        final List<Integer> instruments = new ArrayList<>();
        final List<String> sides = new ArrayList<>();
        final List<Long> prices = new ArrayList<>();
        final List<Long> remaining = new ArrayList<>();
        final List<Long> accepted = new ArrayList<>();
        final List<Long> last = new ArrayList<>();
        batch.orders().forEach((orderId, change) ->
        {
            final OpenOrderProjection.OpenOrder order = change.order();
            if (order == null)
            {
                closed.add(orderId);
                return;
            }
            ids.add(orderId);
            accounts.add(order.accountId());
            instruments.add(order.instrumentId());
            sides.add(Side.get(order.sideCode()).name());
            prices.add(order.priceMinor());
            remaining.add(order.remainingQuantityMinor());
            accepted.add(order.acceptedSequence());
            last.add(change.lastSequence());
        });
        if (!closed.isEmpty())
        {
            executeWithArrays("DELETE FROM open_orders WHERE order_id = ANY(?)", new String[] {"bigint"}, closed);
        }
        if (!ids.isEmpty())
        {
            executeWithArrays("INSERT INTO open_orders (order_id, account_id, instrument_id, side, price_minor, " +
                "remaining_quantity_minor, accepted_sequence, last_sequence) SELECT * FROM " +
                "unnest(?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (order_id) DO UPDATE SET price_minor = " +
                "EXCLUDED.price_minor, remaining_quantity_minor = EXCLUDED.remaining_quantity_minor, " +
                "last_sequence = EXCLUDED.last_sequence",
                new String[] {"bigint", "bigint", "integer", "text", "bigint", "bigint", "bigint", "bigint"},
                ids, accounts, instruments, sides, prices, remaining, accepted, last);
        }
    }

    private void writeVersions() throws SQLException
    {
        final List<String> types = new ArrayList<>();
        final List<Long> ids = new ArrayList<>();
        final List<Long> versions = new ArrayList<>();
        batch.touchedVersions().forEach((aggregate, version) ->
        {
            types.add(aggregate.type());
            ids.add(aggregate.id());
            versions.add(version);
        });
        if (types.isEmpty())
        {
            return;
        }
        executeWithArrays("INSERT INTO aggregate_versions (aggregate_type, aggregate_id, version) SELECT * FROM " +
            "unnest(?, ?, ?) ON CONFLICT (aggregate_type, aggregate_id) DO UPDATE SET version = EXCLUDED.version",
            new String[] {"text", "bigint", "bigint"}, types, ids, versions);
    }

    /** Runs a statement whose parameters are arrays, one per column (an {@code unnest} of a batch's rows). */
    private void executeWithArrays(final String sql, final String[] types, final List<?>... columns)
        throws SQLException
    {
        try (PreparedStatement statement = connection.prepareStatement(sql))
        {
            for (int i = 0; i < columns.length; i++)
            {
                statement.setArray(i + 1, array(types[i], columns[i]));
            }
            statement.executeUpdate();
        }
    }

    private Array array(final String type, final List<?> values) throws SQLException
    {
        return connection.createArrayOf(type, values.toArray());
    }

    static String partitionName(final YearMonth month)
    {
        return String.format("events_y%04dm%02d", month.getYear(), month.getMonthValue());
    }

    static YearMonth partitionMonth(final String name)
    {
        return YearMonth.of(Integer.parseInt(name.substring(8, 12)), Integer.parseInt(name.substring(13, 15)));
    }

    static String partitionDdl(final YearMonth month)
    {
        return "CREATE TABLE IF NOT EXISTS " + partitionName(month) + " PARTITION OF events FOR VALUES FROM ('" +
            month.atDay(1) + " 00:00:00+00') TO ('" + month.plusMonths(1).atDay(1) + " 00:00:00+00')";
    }

    /** Releases the connection without writing what was applied since the last commit. */
    @Override
    public void discard()
    {
        rollbackQuietly();
        closeQuietly(connection);
    }

    /** Commits what was applied, then releases the connection. */
    @Override
    public void close()
    {
        try
        {
            checkpoint();
        }
        finally
        {
            closeQuietly(connection);
        }
    }

    private void rollbackQuietly()
    {
        try
        {
            connection.rollback();
        }
        catch (final SQLException ignored)
        {
            // The connection is broken: the transaction is gone with it.
        }
    }

    private static void closeQuietly(final Connection connection)
    {
        if (connection == null)
        {
            return;
        }
        try
        {
            connection.close();
        }
        catch (final SQLException ignored)
        {
            // Closing a broken connection: nothing more to release.
        }
    }
}
