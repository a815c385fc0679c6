package io.ordo.postgres;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.ordo.journal.Engine;
import io.ordo.journal.EngineConfig;
import io.ordo.journal.counters.CountersFile;
import io.ordo.postgres.example.EventSubscriber;
import io.ordo.workload.CommandStream;
import io.ordo.workload.StandardWorkload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event store kept in step with a running engine: a subscriber that listens for the projector's
 * notifications gets every event once, in order, without polling; when PostgreSQL goes down the engine goes on
 * serving, the projection lags (its counters say so) and catches up once the database is back.
 */
class LiveEventStoreTest
{
    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(60);

    @TempDir
    Path dir;

    @Test
    void shouldLetASubscriberFollowEveryEventInOrderByNotification() throws Exception
    {
        final String url = TestDatabase.jdbcUrl();
        final String schema = TestDatabase.newSchema("live");
        final StandardWorkload workload = StandardWorkload.generate(5, 100, 100, 5_000);
        final List<String> received = new ArrayList<>();
        final Engine engine = start();
        try (LiveEventStore store = LiveEventStore.start(engine, url, schema))
        {
            submit(engine, workload.setup(), 0, workload.setup().count());
            awaitProjected(engine, schema);
            try (EventSubscriber subscriber = new EventSubscriber(url, schema, 0))
            {
                subscriber.poll((position, sequence, type, data) -> received.add(position + " " + sequence + " " +
                    type), 0);
                final int beforeTrading = received.size();
                submit(engine, workload.prefill(), 0, workload.prefill().count());
                submit(engine, workload.measured(), 0, workload.measured().count());
                final long deadline = System.nanoTime() + WAIT_NS;
                while (subscriber.lastPosition() < projectedEvents(schema) || !caughtUp(engine))
                {
                    subscriber.poll((position, sequence, type, data) -> received.add(position + " " + sequence +
                        " " + type), 1_000);
                    assertThat(System.nanoTime()).isLessThan(deadline);
                }
                assertThat(received.size()).isGreaterThan(beforeTrading);
            }
        }
        finally
        {
            engine.close();
        }
        final RecordedJournal.Contents journal = RecordedJournal.read(dir);
        final StringBuilder text = new StringBuilder();
        for (final String event : received)
        {
            final String[] fields = event.split(" ");
            text.append(text.length() > 0 ? "\n" : "").append(fields[0]).append(' ').append(fields[1]).append(' ')
                .append(TestDatabase.number(schema, "SELECT event_index FROM events WHERE position = " + fields[0]))
                .append(' ').append(fields[2]);
        }
        assertThat(received).hasSize((int)journal.events());
        assertThat(RecordedJournal.md5(text.toString())).isEqualTo(journal.eventsDigest());
    }

    @Test
    void shouldKeepTheEngineServingWhilePostgresIsDownAndCatchUpWhenItIsBack(@TempDir final Path database)
        throws Exception
    {
        final StandardWorkload workload = StandardWorkload.generate(9, 100, 100, 6_000);
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(database, 0);
        final int port = server.port();
        final String url = server.jdbcUrl();
        final String schema = "ordo";
        final Engine engine = start();
        try (LiveEventStore store = LiveEventStore.start(engine, url, schema))
        {
            submit(engine, workload.setup(), 0, workload.setup().count());
            submit(engine, workload.prefill(), 0, workload.prefill().count());
            submit(engine, workload.measured(), 0, 2_000);
            awaitProjected(engine, schema, url);

            server.close();
            final long sequenceWhenDown = engine.counters().outputLastSequence.get();
            submit(engine, workload.measured(), 2_000, 4_000);
            assertThat(engine.counters().outputLastSequence.get()).as("the engine served every command")
                .isEqualTo(sequenceWhenDown + 4_000);
            final long deadline = System.nanoTime() + WAIT_NS;
            while (counters().getOrDefault(LiveEventStore.FAILED_ATTEMPTS, 0L) < 3 ||
                counters().getOrDefault(LiveEventStore.LAG, 0L) == 0)
            {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(store.projector().lastError()).isNotNull();
            assertThat(store.projector().failure()).isNull();
            assertThat(counters().get(LiveEventStore.LAST_SEQUENCE)).isLessThanOrEqualTo(sequenceWhenDown);

            server = EmbeddedPostgresServer.start(database, port);
            awaitProjected(engine, schema, url);
            assertThat(store.projector().lastError()).isNull();
            assertThat(counters()).containsEntry(LiveEventStore.LAG, 0L);
        }
        finally
        {
            engine.close();
            server.close();
        }
        final Engine closed = engine;
        final RecordedJournal.Contents journal = RecordedJournal.read(dir);
        server = EmbeddedPostgresServer.start(database, port);
        try
        {
            final String digest = TestDatabase.rows(server.jdbcUrl(), schema, TestDatabase.EVENTS_DIGEST).get(0);
            assertThat(digest).isEqualTo(journal.eventsDigest());
            assertThat(TestDatabase.rows(server.jdbcUrl(), schema, "SELECT account_id, asset_id, available_minor, " +
                "held_minor FROM balances ORDER BY account_id, asset_id"))
                .containsExactlyElementsOf(RecordedJournal.balances(closed).values());
        }
        finally
        {
            server.close();
        }
    }

    private Engine start()
    {
        return Engine.start(new EngineConfig().dataDirectory(dir).createDataDirectory(true)
            .snapshotIntervalCommands(0));
    }

    private static void submit(final Engine engine, final CommandStream stream, final int from, final int count)
        throws InterruptedException
    {
        final AtomicLong results = new AtomicLong();
        for (int i = from; i < from + count; i++)
        {
            engine.submit(stream.commands(), stream.offset(i), stream.length(i),
                (sequence, events, offset, length) -> results.incrementAndGet());
        }
        while (results.get() < count)
        {
            Thread.sleep(1);
        }
    }

    private Map<String, Long> counters()
    {
        final Map<String, Long> values = new TreeMap<>();
        try (CountersFile counters = CountersFile.openForReading(dir))
        {
            counters.reader().forEach((id, type, key, label) ->
                values.put(label, counters.reader().getCounterValue(id)));
        }
        return values;
    }

    private boolean caughtUp(final Engine engine)
    {
        return counters().getOrDefault(LiveEventStore.LAST_SEQUENCE, -1L) ==
            engine.counters().outputLastSequence.get();
    }

    private static long projectedEvents(final String schema) throws Exception
    {
        return TestDatabase.number(schema, "SELECT event_position FROM projection_position");
    }

    private void awaitProjected(final Engine engine, final String schema) throws Exception
    {
        awaitProjected(engine, schema, TestDatabase.jdbcUrl());
    }

    private void awaitProjected(final Engine engine, final String schema, final String url) throws Exception
    {
        final long deadline = System.nanoTime() + WAIT_NS;
        while (!caughtUp(engine) ||
            Long.parseLong(TestDatabase.rows(url, schema, "SELECT sequence FROM projection_position").get(0)) !=
                engine.counters().outputLastSequence.get())
        {
            assertThat(System.nanoTime()).as("projected in time").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
