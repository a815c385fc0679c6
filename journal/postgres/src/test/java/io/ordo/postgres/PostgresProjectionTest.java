package io.ordo.postgres;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import io.ordo.journal.DataDirectory;
import io.ordo.journal.Engine;
import io.ordo.workload.StandardWorkload;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The event store in a real PostgreSQL, projected from a real engine's output journal: every event once, in journal
 * order, in month partitions; read models equal to the engine's state; a projection resumed in steps equal, table
 * for table, to one from zero; a second projector, or a store of another journal, refused.
 */
class PostgresProjectionTest
{
    private static final int COMMANDS = 12_000;
    private static StandardWorkload workload;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate()
    {
        workload = StandardWorkload.generate(42, 200, 200, COMMANDS);
    }

    @Test
    void shouldHoldEveryEventOnceInJournalOrderWithReadModelsEqualToTheEngine() throws Exception
    {
        final String url = TestDatabase.jdbcUrl();
        final String schema = TestDatabase.newSchema("full");
        final TreeMap<String, String> engineBalances;
        final List<String> engineOrders = new ArrayList<>();
        final Engine engine = RecordedJournal.record(dir, workload, 0, COMMANDS);
        engine.close();
        engineBalances = RecordedJournal.balances(engine);
        engine.blp().forEachOpenOrder((orderId, accountId, instrumentId, side, kind, price, remaining, held) ->
            engineOrders.add(orderId + " " + accountId + " " + instrumentId + " " + price + " " + remaining));
        final RecordedJournal.Contents journal = RecordedJournal.read(dir);

        final PostgresProjectionRun.Result result =
            PostgresProjectionRun.run(new DataDirectory(dir), url, schema, false, records -> { }, sequence -> { });

        assertThat(result.lastSequence()).isEqualTo(journal.records());
        assertThat(result.eventsWritten()).isEqualTo(journal.events()).isEqualTo(result.eventPosition());
        assertThat(TestDatabase.number(schema, "SELECT count(*) FROM events")).isEqualTo(journal.events());
        assertThat(TestDatabase.rows(schema, TestDatabase.EVENTS_DIGEST).get(0))
            .as("position, sequence, index and type of every event, in journal order")
            .isEqualTo(journal.eventsDigest());
        assertThat(TestDatabase.number(schema, "SELECT count(DISTINCT event_id) FROM events"))
            .isEqualTo(journal.events());
        assertThat(TestDatabase.number(schema, "SELECT count(*) FROM trades")).isEqualTo(journal.trades())
            .isPositive();
        assertThat(TestDatabase.number(schema, "SELECT count(*) FROM statement_lines"))
            .isEqualTo(journal.balanceChanges());

        assertThat(TestDatabase.rows(schema, "SELECT account_id, asset_id, available_minor, held_minor " +
            "FROM balances ORDER BY account_id, asset_id")).containsExactlyElementsOf(engineBalances.values());
        engineOrders.sort(null);
        assertThat(TestDatabase.rows(schema, "SELECT order_id || ' ' || account_id || ' ' || instrument_id || ' ' " +
            "|| price_minor || ' ' || remaining_quantity_minor FROM open_orders ORDER BY order_id::text"))
            .hasSize(engineOrders.size()).containsExactlyInAnyOrderElementsOf(engineOrders);

        assertThat(TestDatabase.rows(schema, "SELECT tableoid::regclass::text, min(recorded_at)::text, " +
            "count(*) > 0 FROM events GROUP BY 1 ORDER BY 1"))
            .as("one partition per month")
            .hasSize(2)
            .allSatisfy(row -> assertThat(row).endsWith(" t"))
            .first().asString().startsWith("events_y2026m11 2026-11-30 23:59:59");
        assertThat(TestDatabase.number(schema, "SELECT count(*) FROM (SELECT aggregate_type, aggregate_id, " +
            "count(*) AS n, max(aggregate_version) AS v, min(aggregate_version) AS f FROM events GROUP BY 1, 2) a " +
            "WHERE n <> v OR f <> 1")).as("versions 1..n per aggregate").isZero();
        assertThat(TestDatabase.rows(schema, "SELECT data->>'cause', data->>'availableDeltaMinor', " +
            "(metadata->>'commandAccountId') IS NOT NULL FROM events WHERE type = 'BalanceChanged' " +
            "AND sequence = (SELECT min(sequence) FROM events WHERE type = 'BalanceChanged')").get(0))
            .isEqualTo("DEPOSIT " + StandardWorkload.BASE_FUNDS + " t");
        assertThat(TestDatabase.rows(schema, "SELECT sequence, event_position FROM projection_position"))
            .containsExactly(journal.records() + " " + journal.events());
    }

    @Test
    void shouldResumeInStepsWithoutLosingOrRepeatingARowAndEqualAProjectionFromZero() throws Exception
    {
        final String url = TestDatabase.jdbcUrl();
        final String stepped = TestDatabase.newSchema("stepped");
        final String fromZero = TestDatabase.newSchema("zero");
        final DataDirectory directory = new DataDirectory(dir);
        RecordedJournal.record(dir, workload, 0, 5_000).close();
        PostgresProjectionRun.run(directory, url, stepped, false, records -> { }, sequence -> { });
        RecordedJournal.record(dir, workload, 5_000, 4_000).close();
        final PostgresProjectionRun.Result second =
            PostgresProjectionRun.run(directory, url, stepped, false, records -> { }, sequence -> { });
        final PostgresProjectionRun.Result nothingNew =
            PostgresProjectionRun.run(directory, url, stepped, false, records -> { }, sequence -> { });
        PostgresProjectionRun.run(directory, url, fromZero, false, records -> { }, sequence -> { });
        final PostgresProjectionRun.Result rebuilt =
            PostgresProjectionRun.run(directory, url, fromZero, true, records -> { }, sequence -> { });

        final RecordedJournal.Contents journal = RecordedJournal.read(dir);
        assertThat(second.fromSequence()).isGreaterThan(5_000);
        assertThat(nothingNew.eventsWritten()).isZero();
        assertThat(nothingNew.transactions()).isZero();
        assertThat(rebuilt.fromSequence()).isEqualTo(1);
        assertThat(TestDatabase.number(stepped, "SELECT count(*) FROM events")).isEqualTo(journal.events());
        for (final String[] table : new String[][] {
            {"events", "position"}, {"statement_lines", "position"}, {"trades", "trade_id"},
            {"balances", "account_id, asset_id"}, {"open_orders", "order_id"},
            {"aggregate_versions", "aggregate_type, aggregate_id"}})
        {
            assertThat(TestDatabase.tableHash(stepped, table[0], table[1]))
                .as(table[0]).isEqualTo(TestDatabase.tableHash(fromZero, table[0], table[1]));
        }
        assertThat(TestDatabase.tableHash(stepped, "projection_position", "name", "updated_at"))
            .isEqualTo(TestDatabase.tableHash(fromZero, "projection_position", "name", "updated_at"));
    }

    @Test
    void shouldRefuseASecondProjectorOnTheSameSchema() throws Exception
    {
        final String url = TestDatabase.jdbcUrl();
        final String schema = TestDatabase.newSchema("locked");
        RecordedJournal.record(dir, workload, 0, 100).close();
        try (PostgresProjection first = PostgresProjection.open(url, schema))
        {
            assertThatThrownBy(() ->
                PostgresProjectionRun.run(new DataDirectory(dir), url, schema, false, r -> { }, s -> { }))
                .isInstanceOf(EventStoreException.class)
                .hasMessageContaining("another Ordo projector is writing to the schema " + schema)
                .hasMessageContaining("stop it first");
            assertThat(first.position().sequence()).isZero();
        }
    }

    @Test
    void shouldRefuseToGoOnFromThePositionOfAnotherJournal(@TempDir final Path other) throws Exception
    {
        final String url = TestDatabase.jdbcUrl();
        final String schema = TestDatabase.newSchema("other");
        RecordedJournal.record(dir, workload, 0, 3_000).close();
        RecordedJournal.record(other, StandardWorkload.generate(7, 200, 200, 4_000), 0, 4_000).close();
        PostgresProjectionRun.run(new DataDirectory(dir), url, schema, false, r -> { }, s -> { });
        final long events = TestDatabase.number(schema, "SELECT count(*) FROM events");

        assertThatThrownBy(() ->
            PostgresProjectionRun.run(new DataDirectory(other), url, schema, false, r -> { }, s -> { }))
            .hasMessageContaining("--from-zero");
        assertThat(TestDatabase.number(schema, "SELECT count(*) FROM events")).isEqualTo(events);
    }
}
