package io.ordo.gateway.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.Channel;
import io.ordo.journal.Engine;
import io.ordo.journal.index.AccountHistory;
import io.ordo.protocol.codec.SessionErrorCode;
import io.ordo.read.StatementLine;
import io.ordo.read.StatementProjection;

/**
 * Answers {@code QueryStatement} over the wire: a page of an account's statement, read from the output journal (the
 * event store, never the engine's state) through the account index where the engine keeps one
 * ({@link AccountHistory#readRunning}), and the journal's tail after it. Pages hold at most {@link #PAGE_LINES}
 * lines, in journal order; a page may end inside a command, and the next is asked from its
 * {@code nextFromSequence} with {@code nextSkipLines}. A trader session's right to ask (its own account only) is
 * checked by the session before it gets here.
 * <p>
 * Threading: {@link #submit} from any I/O thread; the reads run one at a time on a thread of their own
 * ("ordo-queries"), never on an I/O loop or an engine thread, and write their answer to the channel (Netty queues
 * it to the channel's loop). {@link #close} before the engine closes.
 */
final class StatementQueries implements AutoCloseable
{
    /** Lines per page: 50 lines of 69 bytes and the block fit well inside the 4,096-byte frame limit. */
    static final int PAGE_LINES = 50;

    private final Engine engine;
    private final FrameWriter frames = new FrameWriter();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable ->
    {
        final Thread queries = new Thread(runnable, "ordo-queries");
        queries.setDaemon(true);
        return queries;
    });
    private final AtomicLong recordsThroughIndex = new AtomicLong();
    private final AtomicLong recordsFromTail = new AtomicLong();
    /** Confined to the query thread. */
    private String lastWarning;

    StatementQueries(final Engine engine)
    {
        this.engine = engine;
    }

    /** One query, as the session decoded it. */
    record Query(long clientRequestId, long accountId, int assetId, long fromSequence, long toSequence,
        int skipLines)
    {
    }

    /**
     * Queues a query; its page (or a {@code SessionError} if the history cannot be read) is written to the channel.
     *
     * @return false if the queries are closed (the server is stopping).
     */
    boolean submit(final Channel channel, final Query query)
    {
        try
        {
            thread.execute(() -> answer(channel, query));
            return true;
        }
        catch (final RejectedExecutionException closed)
        {
            return false;
        }
    }

    /** @return records read where the account index pointed, over all queries. */
    long recordsThroughIndex()
    {
        return recordsThroughIndex.get();
    }

    /** @return records read in order from the journal's tail (after the index, or all without one). */
    long recordsFromTail()
    {
        return recordsFromTail.get();
    }

    private void answer(final Channel channel, final Query query)
    {
        if (!channel.isActive())
        {
            return;
        }
        final Page page = new Page(query.skipLines());
        final long fromSequence = Math.max(1, query.fromSequence());
        final long toSequence = query.toSequence() <= 0 ? Long.MAX_VALUE : query.toSequence();
        final StatementProjection statement = new StatementProjection(query.accountId(),
            query.assetId() == 0 ? StatementProjection.ANY_ASSET : query.assetId(), fromSequence, toSequence,
            page::onLine);
        final AccountHistory.Result result;
        try
        {
            result = AccountHistory.readRunning(engine, query.accountId(), fromSequence, toSequence,
                statement::onRecord, page::isFull, this::warnOnce);
        }
        catch (final RuntimeException e)
        {
            // The server's log gets the reason, with the file (the client gets QUERY_FAILED only).
            System.err.println("ordo server: a statement query of account " + query.accountId() + " failed: " +
                e.getMessage());
            channel.writeAndFlush(frames.sessionError(channel.alloc(), query.clientRequestId(),
                SessionErrorCode.QUERY_FAILED, 0), channel.voidPromise());
            return;
        }
        recordsThroughIndex.addAndGet(result.recordsFetched());
        recordsFromTail.addAndGet(result.recordsScanned());
        final boolean complete = page.nextSequence == 0;
        channel.writeAndFlush(frames.statementPage(channel.alloc(), query.clientRequestId(), query.accountId(),
            result.lastSequence(), complete, complete ? 0 : page.nextSequence, complete ? 0 : page.nextSkip,
            page.lines, page.lines.size()), channel.voidPromise());
    }

    /** An unusable account index, said once per distinct reason: queries then read the journal in order. */
    private void warnOnce(final String warning)
    {
        if (!warning.equals(lastWarning))
        {
            lastWarning = warning;
            System.err.println("ordo server: " + warning);
        }
    }

    @Override
    public void close()
    {
        thread.shutdownNow();
        try
        {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** Collects one page: skips the lines of the first sequence already sent, keeps the next PAGE_LINES. */
    private static final class Page
    {
        final List<StatementLine> lines = new ArrayList<>(PAGE_LINES);
        private int toSkip;
        private long firstSequence = -1;
        private long lastSequence;
        private int linesOfLastSequence;
        long nextSequence;
        int nextSkip;

        Page(final int skipLines)
        {
            this.toSkip = skipLines;
        }

        /** @return whether the page is full and knows where the next starts: the rest need not be read. */
        boolean isFull()
        {
            return nextSequence != 0;
        }

        void onLine(final StatementLine line)
        {
            if (line.sequence() != lastSequence)
            {
                lastSequence = line.sequence();
                linesOfLastSequence = 0;
            }
            linesOfLastSequence++;
            if (firstSequence < 0)
            {
                firstSequence = line.sequence();
            }
            if (line.sequence() == firstSequence && toSkip > 0)
            {
                toSkip--;
                return;
            }
            if (lines.size() < PAGE_LINES)
            {
                lines.add(line);
            }
            else if (nextSequence == 0)
            {
                nextSequence = line.sequence();
                nextSkip = linesOfLastSequence - 1;
            }
        }
    }
}
