package io.ordo.gateway.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.ordo.client.ApiKeyFile;
import io.ordo.gateway.loadgen.OrderFlow;
import io.ordo.gateway.loadgen.Outcomes;
import io.ordo.gateway.loadgen.TraderSessions;
import io.ordo.gateway.server.Gateway;
import io.ordo.gateway.server.GatewayConfig;
import io.ordo.journal.DataDirectory;
import io.ordo.journal.EngineConfig;
import io.ordo.journal.Verifier;
import io.ordo.journal.pipeline.WaitStrategyKind;
import io.ordo.protocol.EventListener;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The demo of the whole system: a server (the journaled engine behind the TCP gateway) on a new data directory,
 * several trader sessions driving it over loopback TCP through the client library, each keeping up to
 * {@value #WINDOW} commands unanswered; then the throughput, the latency of each command (sent to outcome received,
 * which the server sends once the command's events are in the output journal), the outcomes and trades, a clean
 * stop, and a verify of both journals: the replay must reproduce every recorded event and the state hash printed.
 * <p>
 * The sessions interleave as the threads run, and API keys are drawn at random, so the state hash differs from
 * run to run; {@code --in-process} runs the BLP alone, whose hash a seed pins.
 * <p>
 * Runs on the calling thread (the sender); outcomes arrive on the clients' reader threads.
 */
final class TcpDemo
{
    static final int WINDOW = 64;

    private TcpDemo()
    {
    }

    /**
     * @param dataDirectory a new or empty directory to keep, or null for a temporary one deleted at the end.
     * @return the state hash.
     */
    static long run(final long seed, final long commands, final int sessions, final Path dataDirectory,
        final WaitStrategyKind waitStrategy, final PrintStream out) throws Exception
    {
        return run(seed, commands, sessions, dataDirectory, waitStrategy, false, out);
    }

    /** @param postgres keep the event store in the embedded PostgreSQL of DIR/postgres while the sessions trade. */
    static long run(final long seed, final long commands, final int sessions, final Path dataDirectory,
        final WaitStrategyKind waitStrategy, final boolean postgres, final PrintStream out) throws Exception
    {
        final Path dir = dataDirectory != null ? dataDirectory : Files.createTempDirectory("ordo-demo-");
        try (PostgresDemo database = postgres ? new PostgresDemo(dir) : null)
        {
            final long stateHash = run(seed, commands, sessions, dir, dataDirectory != null, waitStrategy, database,
                out);
            if (database != null)
            {
                database.print(dir, dataDirectory != null, out);
            }
            return stateHash;
        }
        finally
        {
            if (dataDirectory == null)
            {
                deleteTree(dir);
            }
        }
    }

    private static long run(final long seed, final long commands, final int sessions, final Path dir,
        final boolean kept, final WaitStrategyKind waitStrategy, final PostgresDemo database, final PrintStream out)
        throws Exception
    {
        final long startNs = System.nanoTime();
        final Gateway gateway = Gateway.start(new EngineConfig().dataDirectory(dir).createDataDirectory(true)
                .accountIndex(true).inputWaitStrategy(waitStrategy).outputWaitStrategy(waitStrategy),
            new GatewayConfig().listen(new InetSocketAddress("127.0.0.1", 0)), dir.resolve("operator.key"));
        final AtomicLong trades = new AtomicLong();
        final Recorder latency = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
        final Outcomes outcomes = new Outcomes();
        final long driveNs;
        if (database != null)
        {
            database.follow(gateway.engine());
        }
        try
        {
            out.printf(Locale.ROOT, "Ordo demo: a server on 127.0.0.1:%d, data directory %s (%s), %d trader " +
                "sessions over loopback TCP, seed %d, %,d commands%n", gateway.port(), dir, kept ? "kept" :
                "temporary", sessions, seed, commands);
            final List<OrderFlow> flows = TraderSessions.open("127.0.0.1", gateway.port(),
                ApiKeyFile.read(dir.resolve("operator.key")), sessions, 1, account -> new EventListener()
                {
                    @Override
                    public void onTrade(final long tradeId, final long timestampNs, final int instrumentId,
                        final short aggressorSideCode, final long makerOrderId, final long takerOrderId,
                        final long makerAccountId, final long takerAccountId, final long price,
                        final long quantity, final long makerFee, final long takerFee, final long makerRemaining,
                        final long takerRemaining)
                    {
                        if (takerAccountId == account)
                        {
                            trades.incrementAndGet();
                        }
                    }
                });
            out.printf(Locale.ROOT, "setup through the operator's session: assets 1 and 2, instrument %d, accounts " +
                "1..%d funded, a trader key each (%.3f s, server start included)%n", TraderSessions.INSTRUMENT,
                sessions, (System.nanoTime() - startNs) / 1e9);

            final Semaphore[] windows = new Semaphore[sessions];
            for (int i = 0; i < sessions; i++)
            {
                windows[i] = new Semaphore(WINDOW);
            }
            final SplittableRandom random = new SplittableRandom(seed);
            final long driveStartNs = System.nanoTime();
            for (long i = 0; i < commands; i++)
            {
                final int session = (int)(i % sessions);
                windows[session].acquire();
                final OrderFlow flow = flows.get(session);
                final long sentNs = System.nanoTime();
                flow.next(random).whenComplete((result, error) ->
                {
                    latency.recordValue(System.nanoTime() - sentNs);
                    outcomes.record(result, error);
                    flow.onResult(result);
                    windows[session].release();
                });
            }
            for (final Semaphore window : windows)
            {
                window.acquire(WINDOW);
            }
            driveNs = System.nanoTime() - driveStartNs;
            flows.forEach(flow -> flow.client().close());
            if (database != null)
            {
                database.awaitCaughtUp();
            }
        }
        finally
        {
            gateway.close();
        }

        final Histogram histogram = latency.getIntervalHistogram();
        out.printf(Locale.ROOT, "TCP: %,d commands/s (%,d commands in %.3f s, up to %d unanswered per session, JIT " +
            "warm-up included)%n", Math.round(commands * 1e9 / driveNs), commands, driveNs / 1e9, WINDOW);
        out.printf(Locale.ROOT, "latency, sent -> outcome received (after the output journal), microseconds:%n");
        out.printf(Locale.ROOT, "  p50 %,d  p90 %,d  p99 %,d  p99.9 %,d  max %,d%n",
            histogram.getValueAtPercentile(50) / 1_000, histogram.getValueAtPercentile(90) / 1_000,
            histogram.getValueAtPercentile(99) / 1_000, histogram.getValueAtPercentile(99.9) / 1_000,
            histogram.getMaxValue() / 1_000);
        final StringBuilder reasons = new StringBuilder();
        outcomes.rejections().forEach((reason, count) ->
            reasons.append(String.format(Locale.ROOT, "%n  %-34s %,12d", reason, count)));
        out.printf(Locale.ROOT, "outcomes: %,d accepted, %,d rejected, %,d errors%s%n", outcomes.accepted(),
            outcomes.rejected(), outcomes.errors(), reasons);
        out.printf(Locale.ROOT, "trades: %,d%n", trades.get());
        out.printf(Locale.ROOT, "server stopped: drained, snapshot written, journals closed (%s)%n",
            gateway.engine().failure() == null ? "cleanly" : "after a failure: " + gateway.engine().failure());

        final Verifier.Result verified = Verifier.verify(new DataDirectory(dir), null);
        out.printf(Locale.ROOT, "verify: %s: %,d input records replayed, %,d output records compared, %d snapshots " +
            "checked%n", verified.ok() ? "OK" : "FAILED " + verified.problems(), verified.inputRecords(),
            verified.outputRecords(), verified.snapshotsChecked());
        final long stateHash = gateway.engine().blp().stateHash();
        if (kept)
        {
            out.printf(Locale.ROOT, "data directory: %s (replay it: ./ordo replay --data %s; start it: ./ordo " +
                "server --data %s)%n", dir, dir, dir);
        }
        out.printf(Locale.ROOT, "state hash: %016x%n", stateHash);
        if (!verified.ok() || outcomes.errors() > 0)
        {
            throw new IllegalStateException("the demo failed: " + (verified.ok() ? outcomes.errors() + " errors" :
                "verify found " + verified.problems()));
        }
        return stateHash;
    }

    private static void deleteTree(final Path dir) throws IOException
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
    }
}
