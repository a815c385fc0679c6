package io.ordo.journal.index;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

import io.ordo.journal.EventTail;
import io.ordo.journal.EventTailListener;
import io.ordo.journal.JournalException;
import io.ordo.journal.ReadPosition;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link Projection} in step with the output journal while the engine runs: an Agrona {@link Agent} that
 * tails the journal ({@link EventTail}) from the projection's position and feeds it every record, checkpointing it
 * every {@value #CHECKPOINT_RECORDS} records, and at least once a second while records come. On start it checks
 * that the journal's record at the projection's position has the checksum the projection noted (so a read model of
 * another journal, or of a journal since rewritten, is refused, not extended); on close it applies what the journal
 * holds, then checkpoints.
 * <p>
 * Counters: the projection's last sequence, records applied, and its lag (the output journal's last sequence minus
 * the projection's), for {@code ordo stat}.
 * <p>
 * A failure (damage read in the journal, a read model's file that cannot be written) stops the projector, not the
 * engine: the read model then lags, its lag counter shows it, {@link #failure()} says why, and the next start goes
 * on from its last checkpoint. Runs on its own thread (its runner's); {@link #failure()} from any thread.
 */
public final class Projector implements Agent, EventTailListener
{
    static final int CHECKPOINT_RECORDS = 1 << 16;
    private static final int RECORDS_PER_POLL = 1024;
    private static final long CHECKPOINT_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    private static final Logger LOG = LoggerFactory.getLogger(Projector.class);

    private final String name;
    private final Projection projection;
    private final LongFunction<EventTail> tails;
    private final AtomicCounter journalLastSequence;
    private final AtomicCounter lastSequence;
    private final AtomicCounter applied;
    private final AtomicCounter lag;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private EventTail tail;
    private long sinceCheckpoint;
    private long lastCheckpointNs;
    private boolean projectionFailed;
    private volatile Throwable failure;

    /**
     * @param name                of the projection, e.g. "account index".
     * @param tails               opens a tail after a sequence on the calling thread ({@code Engine::openEventTail}).
     * @param journalLastSequence the output journal's last sequence (its counter).
     */
    public Projector(final String name, final Projection projection, final LongFunction<EventTail> tails,
        final AtomicCounter journalLastSequence, final AtomicCounter lastSequence, final AtomicCounter applied,
        final AtomicCounter lag)
    {
        this.name = name;
        this.projection = projection;
        this.tails = tails;
        this.journalLastSequence = journalLastSequence;
        this.lastSequence = lastSequence;
        this.applied = applied;
        this.lag = lag;
    }

    @Override
    public void onStart()
    {
        try
        {
            final ReadPosition position = projection.position();
            tail = tails.apply(position.sequence());
            checkSameJournal("the " + name, position, tail, "delete it, it is built again from the journal");
            lastSequence.setRelease(position.sequence());
            lastCheckpointNs = System.nanoTime();
            started.complete(null);
        }
        catch (final RuntimeException e)
        {
            failure = e;
            started.completeExceptionally(e);
            throw new AgentTerminationException(e);
        }
    }

    /**
     * Refuses to extend a read model of another journal (or of one since rewritten): the journal's record at the
     * read model's position must have the checksum the read model noted.
     *
     * @param readModel names it in the message, e.g. "the account index".
     * @param tail      opened after the position.
     * @param remedy    what to do, for the message.
     * @throws JournalException if the checksums differ.
     */
    public static void checkSameJournal(final String readModel, final ReadPosition position, final EventTail tail,
        final String remedy)
    {
        if (position.sequence() > 0 && tail.lastChecksum() != position.checksum())
        {
            throw new JournalException(String.format("%s was built from another output journal: its record of " +
                "sequence %d has checksum 0x%08x, the journal's 0x%08x; %s", readModel, position.sequence(),
                position.checksum(), tail.lastChecksum(), remedy));
        }
    }

    /** @return completes once the tail is open and checked, or with why it could not start. */
    public CompletableFuture<Void> started()
    {
        return started;
    }

    @Override
    public int doWork()
    {
        try
        {
            final int records = tail.poll(this, RECORDS_PER_POLL);
            sinceCheckpoint += records;
            if (projectionFailed)
            {
                throw new IllegalStateException("the " + name + " failed on a record");
            }
            if (sinceCheckpoint >= CHECKPOINT_RECORDS ||
                sinceCheckpoint > 0 && System.nanoTime() - lastCheckpointNs >= CHECKPOINT_INTERVAL_NS)
            {
                checkpoint();
            }
            if (records > 0)
            {
                applied.getAndAddRelease(records);
                lastSequence.setRelease(tail.lastDelivered());
            }
            lag.setRelease(Math.max(0, journalLastSequence.get() - tail.lastDelivered()));
            return records;
        }
        catch (final RuntimeException e)
        {
            failure = e;
            LOG.error("the {} stopped at sequence {} (it lags from now on; the next start goes on from its last " +
                "checkpoint): {}", name, tail.lastDelivered(), e.toString());
            throw new AgentTerminationException(e);
        }
    }

    @Override
    public void onRecord(final long sequence, final DirectBuffer events, final int offset, final int length)
    {
        try
        {
            projection.onRecord(sequence, tail.lastChecksum(), events, offset, length, tail.lastFile(),
                tail.lastRecordPosition(), tail.lastDocumentPosition());
        }
        catch (final RuntimeException e)
        {
            // The record may be half applied: no checkpoint may follow.
            projectionFailed = true;
            throw e;
        }
    }

    @Override
    public void onClose()
    {
        try
        {
            if (tail != null && failure == null)
            {
                int records;
                while ((records = tail.poll(this, RECORDS_PER_POLL)) > 0)
                {
                    applied.getAndAddRelease(records);
                }
                lastSequence.setRelease(tail.lastDelivered());
                lag.setRelease(Math.max(0, journalLastSequence.get() - tail.lastDelivered()));
            }
        }
        catch (final RuntimeException e)
        {
            failure = e;
        }
        finally
        {
            try
            {
                if (projectionFailed)
                {
                    projection.discard();
                }
                else
                {
                    projection.close();
                }
            }
            catch (final RuntimeException e)
            {
                if (failure == null)
                {
                    failure = e;
                }
            }
            finally
            {
                if (tail != null)
                {
                    tail.close();
                }
            }
        }
    }

    @Override
    public String roleName()
    {
        return "ordo-projector";
    }

    /** @return why the projector stopped, or null while it runs (or after a clean close). */
    public Throwable failure()
    {
        return failure;
    }

    private void checkpoint()
    {
        projection.checkpoint();
        sinceCheckpoint = 0;
        lastCheckpointNs = System.nanoTime();
    }
}
