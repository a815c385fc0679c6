package io.ordo.postgres;

import java.util.concurrent.TimeUnit;

import io.ordo.journal.Engine;
import io.ordo.journal.counters.EngineCounters;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The event store in PostgreSQL kept in step with a running engine: starts a {@link PostgresProjector} on a thread
 * of its own, with its counters in the engine's counters file (shown by {@code ordo stat}). Starting never waits
 * for the database: if it is down, the projector retries in the background while the engine serves.
 * <p>
 * Close it before the engine: {@link #close()} commits what the projector read and stops its thread.
 */
public final class LiveEventStore implements AutoCloseable
{
    /** Counter labels, for {@code ordo stat} and tests. */
    public static final String LAST_SEQUENCE = "postgres last sequence";
    public static final String EVENTS_WRITTEN = "postgres events written";
    public static final String LAG = "postgres lag (records)";
    public static final String FAILED_ATTEMPTS = "postgres failed attempts";

    private static final long MIN_PARK_NS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long MAX_PARK_NS = TimeUnit.MILLISECONDS.toNanos(5);

    private final PostgresProjector projector;
    private final AgentRunner runner;
    private final AtomicCounter lastSequence;
    private final AtomicCounter lag;

    private LiveEventStore(final PostgresProjector projector, final AgentRunner runner,
        final AtomicCounter lastSequence, final AtomicCounter lag)
    {
        this.projector = projector;
        this.runner = runner;
        this.lastSequence = lastSequence;
        this.lag = lag;
    }

    public static LiveEventStore start(final Engine engine, final String jdbcUrl, final String schema)
    {
        final EngineCounters counters = engine.counters();
        final AtomicCounter lastSequence = counters.newCounter(LAST_SEQUENCE, EngineCounters.TYPE_GAUGE);
        final AtomicCounter lag = counters.newCounter(LAG, EngineCounters.TYPE_GAUGE);
        final PostgresProjector projector = new PostgresProjector(jdbcUrl, schema, engine::openEventTail,
            counters.outputLastSequence, lastSequence, counters.newCounter(EVENTS_WRITTEN, EngineCounters.TYPE_TOTAL),
            lag, counters.newCounter(FAILED_ATTEMPTS, EngineCounters.TYPE_TOTAL));
        final AgentRunner runner = new AgentRunner(new BackoffIdleStrategy(10, 20, MIN_PARK_NS, MAX_PARK_NS),
            error -> { }, null, projector);
        AgentRunner.startOnThread(runner);
        return new LiveEventStore(projector, runner, lastSequence, lag);
    }

    /** @return the last sequence committed to the database. */
    public AtomicCounter lastSequence()
    {
        return lastSequence;
    }

    /** @return the output journal's last sequence minus the database's. */
    public AtomicCounter lag()
    {
        return lag;
    }

    public PostgresProjector projector()
    {
        return projector;
    }

    @Override
    public void close()
    {
        runner.close();
    }
}
