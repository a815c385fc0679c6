package io.ordo.journal;

import java.nio.file.Path;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/**
 * Checks a journal on a thread of its own, ahead of a replay that applies the same records as a second
 * {@link JournalReader} reads them (one that checks everything but the checksums): the checksum chain, the larger
 * part of the check, then runs on the other core while the replaying thread applies. The replaying thread applies
 * a record only once this check has passed it and every record before it ({@link #awaitChecked}), and at the
 * journal's end waits for this check's verdict ({@link #awaitEnd}); so a replay still applies nothing that fails
 * its checks, and gives the same verdict on the same bytes as one reader that checks everything.
 * <p>
 * The way the LMAX architecture runs its journaller beside the business logic rather than before it, for reading:
 * the replaying thread waits on a sequence the other thread publishes.
 * <p>
 * Threading: constructed, started, awaited and closed by the replaying thread; {@link #run} on its own thread,
 * which publishes the sequence checked through every {@link #PUBLISH_EVERY} records and at its end (volatile
 * writes; the verdict is written before {@code ended}).
 */
final class JournalCheckAhead implements Runnable, AutoCloseable
{
    static final int PUBLISH_EVERY = 64;
    /**
     * Records the check may be ahead of the replaying thread. Unbounded, it ran through the whole journal while the
     * replay was still warming up, and took the CPU the JIT compilers needed: the first million records of a
     * replay ran up to 2x slower.
     */
    static final long MAX_LEAD_RECORDS = 1 << 16;
    private static final int READ_PUBLISH_MASK = 1023;

    private final JournalReader reader;
    private final JournalReader.Mark from;
    private final Thread thread;
    private final IdleStrategy idle = new BackoffIdleStrategy(64, 16, 1_000, 100_000);
    private final IdleStrategy leadIdle = new BackoffIdleStrategy(64, 16, 1_000, 100_000);

    private volatile long checkedThrough = -1;
    private volatile boolean ended;
    private volatile boolean stopped;
    /** Records the replaying thread has read, published every {@link #READ_PUBLISH_MASK} + 1. */
    private volatile long replayRecordsRead;
    /**
     * Written by the checking thread before {@link #ended}: what stopped the check (damage, or an error of the
     * thread itself); null when the check passed to the end.
     */
    private Throwable damage;
    /** The replaying thread's copy of {@link #checkedThrough}. */
    private long knownChecked = -1;

    /**
     * @param from the mark to check on from (taken by a reader of the same files), or null for the first record.
     */
    JournalCheckAhead(final Path journal, final String name, final JournalReader.Mark from)
    {
        this.reader = new JournalReader(journal, name);
        this.from = from;
        this.replayRecordsRead = from == null ? 0 : from.recordsRead();
        this.thread = new Thread(this, "ordo-check-ahead");
        thread.setDaemon(true);
    }

    void start()
    {
        thread.start();
    }

    @Override
    public void run()
    {
        Throwable found = null;
        try
        {
            if (from != null)
            {
                reader.seek(from);
            }
            long sinceLast = 0;
            while (!stopped && reader.next())
            {
                if (++sinceLast == PUBLISH_EVERY)
                {
                    checkedThrough = reader.sequence();
                    sinceLast = 0;
                    keepLead();
                }
            }
        }
        catch (final RuntimeException | Error e)
        {
            found = e;
        }
        finally
        {
            reader.close();
            damage = found;
            checkedThrough = reader.lastIntactSequence();
            ended = true;
        }
    }

    private void keepLead()
    {
        leadIdle.reset();
        while (!stopped && reader.recordsRead() - replayRecordsRead > MAX_LEAD_RECORDS)
        {
            leadIdle.idle();
        }
    }

    /**
     * Tells the check how far the replaying thread has read, so that it keeps at most {@link #MAX_LEAD_RECORDS}
     * ahead.
     *
     * @param recordsRead the replaying reader's {@link JournalReader#recordsRead()}.
     */
    void replayRead(final long recordsRead)
    {
        if ((recordsRead & READ_PUBLISH_MASK) == 0)
        {
            replayRecordsRead = recordsRead;
        }
    }

    /**
     * Waits until the record at {@code sequence} and every one before it have passed the check.
     *
     * @return false if the check ended before that record: damage ({@link #awaitEnd} says which) or the journal's
     *         end.
     */
    boolean awaitChecked(final long sequence)
    {
        if (sequence <= knownChecked)
        {
            return true;
        }
        idle.reset();
        while (true)
        {
            final boolean hasEnded = ended;
            knownChecked = checkedThrough;
            if (sequence <= knownChecked)
            {
                return true;
            }
            if (hasEnded)
            {
                return false;
            }
            idle.idle();
        }
    }

    /** @return the sequence the check has passed, as last published (-1 before the first publication). */
    long checkedThrough()
    {
        return checkedThrough;
    }

    /**
     * @return once the check has ended: what it found wrong, or null if the journal passed to its end.
     * @throws Error an error that stopped the checking thread (out of memory, a fault on the mapping), rethrown
     *               here so that the replay stops with it rather than passing records nobody checked.
     */
    RuntimeException awaitEnd()
    {
        idle.reset();
        while (!ended)
        {
            idle.idle();
        }
        if (damage instanceof Error error)
        {
            throw error;
        }
        return (RuntimeException)damage;
    }

    /** Stops the check (if it has not ended) and waits for its thread. */
    @Override
    public void close()
    {
        stopped = true;
        if (thread.getState() == Thread.State.NEW)
        {
            reader.close();
            return;
        }
        try
        {
            thread.join();
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
    }
}
