package io.ordo.gateway.loadgen;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.ordo.client.ApiKeyFile;
import io.ordo.client.ClientConfig;
import io.ordo.client.MarketDataListener;
import io.ordo.client.OrdoClient;
import io.ordo.client.OrderBook;
import io.ordo.client.CommandResult;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives a running server open loop: commands are due at fixed intervals (1/rate apart, round-robin over the
 * connections) whatever the answers do, and each command's latency is measured from when it was due to when its
 * outcome arrived, so that a stall delays every command due during it in the numbers too (HdrHistogram's
 * correction for coordinated omission, done by measuring from the intended start).
 * <p>
 * Setup: {@link TraderSessions}; each session sends an {@link OrderFlow}.
 * <p>
 * Threads: one sender (this class's {@link #run}), one progress printer, and each client's reader thread, which
 * records the latencies into a {@link Recorder} (safe for concurrent writers).
 */
final class LoadGenerator
{

    private final String host;
    private final int port;
    private final ApiKeyFile operatorKey;
    private final int connections;
    private final long rate;
    private final int durationSeconds;
    private final int warmupSeconds;
    private final long accountBase;
    private final PrintStream out;
    private final boolean terminal;

    private final Recorder recorder = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
    private final Histogram total = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private final AtomicLong answered = new AtomicLong();
    private final Outcomes outcomes = new Outcomes();
    private volatile long sent;
    private volatile long warmupEndNs = Long.MAX_VALUE;
    /** When each measured command was due, and when a subscriber had its book update, by input sequence. */
    private final ConcurrentHashMap<Long, Long> dueBySequence = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Long> bookUpdateBySequence = new ConcurrentHashMap<>();

    LoadGenerator(final String host, final int port, final ApiKeyFile operatorKey, final int connections,
        final long rate, final int durationSeconds, final int warmupSeconds, final long accountBase,
        final PrintStream out, final boolean terminal)
    {
        this.host = host;
        this.port = port;
        this.operatorKey = operatorKey;
        this.connections = connections;
        this.rate = rate;
        this.durationSeconds = durationSeconds;
        this.warmupSeconds = warmupSeconds;
        this.accountBase = accountBase;
        this.out = out;
        this.terminal = terminal;
    }

    /** @return the latencies after the warm-up, in nanoseconds. */
    Histogram run() throws Exception
    {
        final List<OrderFlow> traders = setUp();
        // A market data subscriber on its own connection: when does a command's book update reach it?
        final OrdoClient watcher = OrdoClient.connect(new ClientConfig().server(host, port).login(operatorKey));
        watcher.subscribeBook(TraderSessions.INSTRUMENT, new MarketDataListener()
        {
            @Override
            public void onBook(final int instrumentId, final OrderBook book)
            {
                bookUpdateBySequence.put(book.sequence(), System.nanoTime());
            }
        });
        try
        {
            drive(traders);
        }
        finally
        {
            traders.forEach(t -> t.client().close());
            watcher.close();
        }
        return total;
    }

    private List<OrderFlow> setUp() throws Exception
    {
        final List<OrderFlow> traders = TraderSessions.open(host, port, operatorKey, connections, accountBase,
            account -> null);
        out.printf(Locale.ROOT, "loadgen: %d sessions (accounts %d..%d) on instrument %d; offering %,d commands/s " +
            "for %d s after a %d s warm-up%n", connections, accountBase, accountBase + connections - 1,
            TraderSessions.INSTRUMENT, rate, durationSeconds, warmupSeconds);
        return traders;
    }

    private void drive(final List<OrderFlow> traders) throws InterruptedException
    {
        final long periodNs = Math.max(1, 1_000_000_000L / rate);
        final long commands = rate * (durationSeconds + warmupSeconds);
        final long startNs = System.nanoTime();
        final long warmupEndNs = startNs + TimeUnit.SECONDS.toNanos(warmupSeconds);
        this.warmupEndNs = warmupEndNs;
        final Thread progress = new Thread(() -> progress(startNs, warmupEndNs), "loadgen-progress");
        progress.setDaemon(true);
        progress.start();
        final SplittableRandom random = new SplittableRandom(42);
        for (long i = 0; i < commands; i++)
        {
            final long dueNs = startNs + i * periodNs;
            long nowNs;
            while ((nowNs = System.nanoTime()) < dueNs)
            {
                if (dueNs - nowNs > 50_000)
                {
                    LockSupport.parkNanos(dueNs - nowNs - 20_000);
                }
                else
                {
                    Thread.onSpinWait();
                }
            }
            final OrderFlow trader = traders.get((int)(i % traders.size()));
            trader.next(random).whenComplete((result, error) -> onAnswer(trader, dueNs, result, error));
            sent = i + 1;
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (answered.get() < commands && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
        }
        progress.interrupt();
        progress.join();
        final long elapsedNs = System.nanoTime() - startNs;
        accumulate(recorder.getIntervalHistogram(), true);
        if (terminal)
        {
            out.println();
        }
        report(commands, elapsedNs);
    }

    private void onAnswer(final OrderFlow trader, final long dueNs, final CommandResult result, final Throwable error)
    {
        recorder.recordValue(Math.max(0, System.nanoTime() - dueNs));
        outcomes.record(result, error);
        if (result != null && dueNs > warmupEndNs)
        {
            dueBySequence.put(result.sequence(), dueNs);
        }
        if (error == null)
        {
            trader.onResult(result);
        }
        answered.incrementAndGet();
    }

    private void progress(final long startNs, final long warmupEndNs)
    {
        long lastSent = 0;
        long lastNs = startNs;
        while (!Thread.currentThread().isInterrupted())
        {
            try
            {
                Thread.sleep(1_000);
            }
            catch (final InterruptedException e)
            {
                return;
            }
            final long nowNs = System.nanoTime();
            final Histogram interval = recorder.getIntervalHistogram();
            accumulate(interval, nowNs > warmupEndNs);
            final long sentNow = sent;
            final String line = String.format(Locale.ROOT, "t=%3ds%s sent %,d (%,d/s) answered %,d p99 %s " +
                "errors %d", TimeUnit.NANOSECONDS.toSeconds(nowNs - startNs), nowNs <= warmupEndNs ? " warm-up" : "",
                sentNow, (sentNow - lastSent) * 1_000_000_000L / Math.max(1, nowNs - lastNs), answered.get(),
                micros(interval.getValueAtPercentile(99)), outcomes.errors());
            if (terminal)
            {
                out.print("\r" + line + "   ");
                out.flush();
            }
            else
            {
                out.println(line);
            }
            lastSent = sentNow;
            lastNs = nowNs;
        }
    }

    private synchronized void accumulate(final Histogram interval, final boolean counted)
    {
        if (counted)
        {
            total.add(interval);
        }
    }

    private void report(final long commands, final long elapsedNs)
    {
        final StringBuilder rejected = new StringBuilder();
        outcomes.rejections().forEach((reason, count) -> rejected.append(rejected.length() == 0 ? ": " : ", ")
            .append(reason).append(' ').append(String.format(Locale.ROOT, "%,d", count)));
        out.printf(Locale.ROOT, "sent %,d, answered %,d (accepted %,d, rejected %,d%s), errors %,d%n", commands,
            answered.get(), outcomes.accepted(), outcomes.rejected(), rejected, outcomes.errors());
        out.printf(Locale.ROOT, "achieved %,.0f commands/s over %.1f s (offered %,d/s)%n",
            answered.get() * 1e9 / elapsedNs, elapsedNs / 1e9, rate);
        out.printf(Locale.ROOT, "latency, due -> outcome received (corrected for coordinated omission), %,d " +
            "commands after the warm-up:%n", total.getTotalCount());
        out.printf(Locale.ROOT, "  %-8s %-8s %-8s %-8s %-8s %-8s%n", "p50", "p90", "p99", "p99.9", "p99.99", "max");
        out.printf(Locale.ROOT, "  %-8s %-8s %-8s %-8s %-8s %-8s%n", micros(total.getValueAtPercentile(50)),
            micros(total.getValueAtPercentile(90)), micros(total.getValueAtPercentile(99)),
            micros(total.getValueAtPercentile(99.9)), micros(total.getValueAtPercentile(99.99)),
            micros(total.getMaxValue()));
        final Histogram marketData = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        dueBySequence.forEach((sequence, dueNs) ->
        {
            final Long receivedNs = bookUpdateBySequence.get(sequence);
            if (receivedNs != null)
            {
                marketData.recordValue(Math.max(0, receivedNs - dueNs));
            }
        });
        out.printf(Locale.ROOT, "market data latency, due -> BookUpdate received by a subscriber, %,d updates " +
            "after the warm-up:%n", marketData.getTotalCount());
        out.printf(Locale.ROOT, "  %-8s %-8s %-8s %-8s %-8s %-8s%n", micros(marketData.getValueAtPercentile(50)),
            micros(marketData.getValueAtPercentile(90)), micros(marketData.getValueAtPercentile(99)),
            micros(marketData.getValueAtPercentile(99.9)), micros(marketData.getValueAtPercentile(99.99)),
            micros(marketData.getMaxValue()));
    }

    /** @return whether a command failed (an exception, not a rejection). */
    boolean failed()
    {
        return outcomes.errors() > 0 || answered.get() < sent;
    }

    /** @return nanoseconds as "123us" or "4.5ms". */
    static String micros(final long ns)
    {
        return ns < 10_000_000 ? String.format(Locale.ROOT, "%dus", ns / 1_000) :
            String.format(Locale.ROOT, "%.1fms", ns / 1e6);
    }
}
