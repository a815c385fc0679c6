package io.ordo.postgres;

import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

import io.ordo.journal.EventTail;
import io.ordo.journal.EventTailListener;
import io.ordo.journal.ReadPosition;
import io.ordo.journal.index.Projector;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the event store in PostgreSQL in step with a running engine: an Agrona {@link Agent} that tails the output
 * journal ({@link EventTail}) from the store's position and commits what it read every
 * {@value #RECORDS_PER_TRANSACTION} records, or after {@value #COMMIT_INTERVAL_MS} ms when fewer came, so that a
 * subscriber ({@code LISTEN ordo_events}) hears of a command within tens of milliseconds.
 * <p>
 * <b>The database is not the engine's business.</b> When PostgreSQL is down or refuses a write, the transaction is
 * rolled back, the projector lets go of its connection and tail, and tries again after a backoff (0.1 s, doubling
 * up to 30 s), from the position the database holds. The engine never waits for it: the projection lags, and its
 * counters (for {@code ordo stat}) say by how much. A journal that cannot be read (damage), or a store projected
 * from another journal, stops the projector for good, with the reason in {@link #failure()}.
 * <p>
 * Counters: the store's last sequence, events written, the lag (the output journal's last sequence minus the
 * store's) and failed attempts.
 * <p>
 * Runs on its own thread (its runner's), which opens and polls the tail; {@link #failure()} and
 * {@link #lastError()} from any thread.
 */
public final class PostgresProjector implements Agent, EventTailListener
{
    static final int RECORDS_PER_TRANSACTION = 2_000;
    static final long COMMIT_INTERVAL_MS = 20;
    private static final int RECORDS_PER_POLL = 1_024;
    private static final long FIRST_BACKOFF_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MAX_BACKOFF_NS = TimeUnit.SECONDS.toNanos(30);
    private static final Logger LOG = LoggerFactory.getLogger(PostgresProjector.class);

    private final String jdbcUrl;
    private final String schema;
    private final LongFunction<EventTail> tails;
    private final AtomicCounter journalLastSequence;
    private final AtomicCounter lastSequence;
    private final AtomicCounter eventsWritten;
    private final AtomicCounter lag;
    private final AtomicCounter failedAttempts;
    private PostgresProjection store;
    private EventTail tail;
    private long backoffNs = FIRST_BACKOFF_NS;
    private long retryAtNs;
    private long lastCommitNs;
    private volatile String lastError;
    private volatile Throwable failure;

    /**
     * @param tails               opens a tail after a sequence on the calling thread ({@code Engine::openEventTail}).
     * @param journalLastSequence the output journal's last sequence (its counter).
     */
    public PostgresProjector(final String jdbcUrl, final String schema, final LongFunction<EventTail> tails,
        final AtomicCounter journalLastSequence, final AtomicCounter lastSequence, final AtomicCounter eventsWritten,
        final AtomicCounter lag, final AtomicCounter failedAttempts)
    {
        this.jdbcUrl = jdbcUrl;
        this.schema = schema;
        this.tails = tails;
        this.journalLastSequence = journalLastSequence;
        this.lastSequence = lastSequence;
        this.eventsWritten = eventsWritten;
        this.lag = lag;
        this.failedAttempts = failedAttempts;
    }

    @Override
    public int doWork()
    {
        try
        {
            if (store == null && !connect())
            {
                updateLag();
                return 0;
            }
            final int records = tail.poll(this, RECORDS_PER_POLL);
            final long nowNs = System.nanoTime();
            if (store.pendingRecords() >= RECORDS_PER_TRANSACTION || store.pendingRecords() > 0 &&
                nowNs - lastCommitNs >= TimeUnit.MILLISECONDS.toNanos(COMMIT_INTERVAL_MS))
            {
                commit(nowNs);
            }
            updateLag();
            return records;
        }
        catch (final EventStoreException e)
        {
            retryLater(e);
            updateLag();
            return 0;
        }
        catch (final RuntimeException e)
        {
            failure = e;
            lastError = e.getMessage();
            LOG.error("the PostgreSQL projection stopped at sequence {} (it lags from now on; the next start, or " +
                "ordo project, goes on from there): {}", lastSequence.get(), e.getMessage());
            release();
            throw new AgentTerminationException(e);
        }
    }

    private void updateLag()
    {
        lag.setRelease(Math.max(0, journalLastSequence.get() - lastSequence.get()));
    }

    private boolean connect()
    {
        if (System.nanoTime() < retryAtNs)
        {
            return false;
        }
        store = PostgresProjection.open(jdbcUrl, schema);
        final ReadPosition position = store.committedPosition();
        tail = tails.apply(position.sequence());
        Projector.checkSameJournal("the event store in schema " + schema, position, tail,
            "project it from zero (ordo project --from-zero) or name another schema");
        lastSequence.setRelease(position.sequence());
        lastCommitNs = System.nanoTime();
        if (backoffNs != FIRST_BACKOFF_NS)
        {
            LOG.warn("the PostgreSQL projection is writing again, from sequence {}", position.sequence() + 1);
        }
        backoffNs = FIRST_BACKOFF_NS;
        lastError = null;
        return true;
    }

    private void commit(final long nowNs)
    {
        final long before = store.committedEventPosition();
        store.checkpoint();
        eventsWritten.getAndAddRelease(store.committedEventPosition() - before);
        lastSequence.setRelease(store.committedPosition().sequence());
        lastCommitNs = nowNs;
    }

    private void retryLater(final EventStoreException e)
    {
        failedAttempts.incrementRelease();
        lastError = e.getMessage();
        LOG.warn("the PostgreSQL projection could not write (the engine goes on; the projection lags and is " +
            "retried in {} ms from the database's position): {}", TimeUnit.NANOSECONDS.toMillis(backoffNs),
            e.getMessage());
        release();
        retryAtNs = System.nanoTime() + backoffNs;
        backoffNs = Math.min(MAX_BACKOFF_NS, backoffNs * 2);
    }

    /** Lets go of the connection (without a commit: see {@link #onClose()}) and of the tail. */
    private void release()
    {
        if (store != null)
        {
            store.discard();
            store = null;
        }
        if (tail != null)
        {
            tail.close();
            tail = null;
        }
    }

    @Override
    public void onRecord(final long sequence, final DirectBuffer events, final int offset, final int length)
    {
        store.onRecord(sequence, tail.lastChecksum(), events, offset, length, tail.lastFile(),
            tail.lastRecordPosition(), tail.lastDocumentPosition());
    }

    /** Commits what was read, then lets go of the connection and the tail. */
    @Override
    public void onClose()
    {
        try
        {
            if (store != null && failure == null)
            {
                commit(System.nanoTime());
            }
        }
        catch (final RuntimeException e)
        {
            lastError = e.getMessage();
        }
        finally
        {
            release();
        }
    }

    @Override
    public String roleName()
    {
        return "ordo-postgres-projector";
    }

    /** @return why the projector stopped for good, or null while it runs (or retries). */
    public Throwable failure()
    {
        return failure;
    }

    /** @return the last failed attempt's reason, or null once writes succeed again. */
    public String lastError()
    {
        return lastError;
    }
}
