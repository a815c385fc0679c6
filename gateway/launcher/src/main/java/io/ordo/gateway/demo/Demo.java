package io.ordo.gateway.demo;

import io.ordo.workload.CommandKind;
import io.ordo.workload.CommandStream;
import io.ordo.workload.DemoWorkload;
import io.ordo.workload.OpenOrders;
import io.ordo.workload.TrackingEventSink;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import io.ordo.core.BlpConfig;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.protocol.codec.RejectReason;
import io.ordo.journal.pipeline.EventCursor;
import io.ordo.journal.pipeline.ResultListener;
import io.ordo.journal.pipeline.WaitStrategyKind;
import io.ordo.journal.Durability;
import io.ordo.journal.Engine;
import io.ordo.journal.EngineConfig;
import io.ordo.journal.JournalException;

/**
 * Runs a {@link BusinessLogicProcessor} in process on the seeded workload of {@link DemoWorkload} and prints
 * a report ending with the line {@code state hash: <16 hex digits>}.
 * <p>
 * Commands are generated in chunks of {@value #CHUNK_COMMANDS}, encoded back to back into one reused
 * {@link CommandStream}; only the loop that feeds a chunk to {@code onCommand} is timed (which includes the
 * demo's event sink, a few decodes per event, and JIT warm-up). The chunk is short because the generator learns
 * the ids of new orders from the events: within a chunk it can cancel and replace only the orders open when the
 * chunk began.
 * <p>
 * Not thread safe: one run at a time on the calling thread.
 */
public final class Demo
{
    public static final long DEFAULT_SEED = 42;
    public static final long DEFAULT_COMMANDS = 1_000_000;
    static final int CHUNK_COMMANDS = 1_024;

    private Demo()
    {
    }

    /**
     * @param seed     of the workload.
     * @param commands how many commands to send, set-up included (at least 1).
     * @param out      where the report goes.
     * @return the BLP's state hash at the end.
     */
    public static long run(final long seed, final long commands, final PrintStream out)
    {
        if (commands < 1)
        {
            throw new IllegalArgumentException("commands must be >= 1: " + commands);
        }
        final long wallStartNs = System.nanoTime();
        final Workload workload = new Workload(seed, commands);
        final OpenOrders openOrders = workload.openOrders;
        final TrackingEventSink sink = workload.sink;
        final DemoWorkload generator = workload.generator;
        final CommandStream chunk = workload.chunk;
        final BusinessLogicProcessor blp = new BusinessLogicProcessor(new BlpConfig(), sink);

        long blpNs = 0;
        int count;
        while ((count = workload.nextChunk()) > 0)
        {
            final long startNs = System.nanoTime();
            for (int i = 0; i < count; i++)
            {
                blp.onCommand(chunk.commands(), chunk.offset(i), chunk.length(i));
            }
            blpNs += System.nanoTime() - startNs;
        }

        final long stateHash = blp.stateHash();
        final long[] blpOpenOrders = new long[1];
        blp.forEachOpenOrder((orderId, accountId, instrumentId, sideCode, kindCode, price, remaining, held) ->
            blpOpenOrders[0]++);
        final long wallNs = System.nanoTime() - wallStartNs;

        report(out, seed, generator, sink, openOrders.size(), blpOpenOrders[0], blpNs, wallNs, stateHash, false, null);
        return stateHash;
    }

    /**
     * Runs the same workload through the journaled pipeline ({@link Engine}) on a new data directory, so that the
     * directory can then be replayed and verified. Each chunk is submitted, then the demo waits for all of its
     * results (the generator learns new order ids from them), so throughput here includes a pipeline round trip
     * per chunk. The state hash equals that of the in-process run with the same seed.
     *
     * @return the BLP's state hash at the end.
     */
    public static long runJournaled(
        final long seed, final long commands, final Path dataDirectory, final Durability durability,
        final WaitStrategyKind waitStrategy, final PrintStream out)
        throws InterruptedException
    {
        if (commands < 1)
        {
            throw new IllegalArgumentException("commands must be >= 1: " + commands);
        }
        final long wallStartNs = System.nanoTime();
        final Workload workload = new Workload(seed, commands);
        final OpenOrders openOrders = workload.openOrders;
        final TrackingEventSink sink = workload.sink;
        final DemoWorkload generator = workload.generator;
        final CommandStream chunk = workload.chunk;
        final EventCursor cursor = new EventCursor();
        final AtomicLong delivered = new AtomicLong();
        final ResultListener listener = (sequence, events, offset, length) ->
        {
            cursor.wrap(events, offset, length);
            while (cursor.next())
            {
                sink.onEvent(events, cursor.offset(), cursor.length());
            }
            delivered.incrementAndGet();
        };

        final long stateHash;
        final long blpOpenOrders;
        final Engine engine = Engine.start(new EngineConfig().dataDirectory(dataDirectory).createDataDirectory(true)
            .durability(durability)
            .inputWaitStrategy(waitStrategy).outputWaitStrategy(waitStrategy).singleSubmitter(true));
        long pipelineNs = 0;
        long submitted = 0;
        try
        {
            int count;
            while ((count = workload.nextChunk()) > 0)
            {
                final long startNs = System.nanoTime();
                for (int i = 0; i < count; i++)
                {
                    engine.submit(chunk.commands(), chunk.offset(i), chunk.length(i), listener);
                }
                submitted += count;
                while (delivered.get() < submitted)
                {
                    if (engine.failure() != null)
                    {
                        throw failed(engine);
                    }
                    Thread.onSpinWait();
                }
                pipelineNs += System.nanoTime() - startNs;
            }
        }
        catch (final IllegalStateException e)
        {
            throw engine.failure() != null ? failed(engine) : e;
        }
        finally
        {
            engine.close();
        }
        stateHash = engine.blp().stateHash();
        final long[] open = new long[1];
        engine.blp().forEachOpenOrder((orderId, accountId, instrumentId, sideCode, kindCode, price, remaining,
            held) -> open[0]++);
        blpOpenOrders = open[0];
        final long wallNs = System.nanoTime() - wallStartNs;

        report(out, seed, generator, sink, openOrders.size(), blpOpenOrders, pipelineNs, wallNs, stateHash, true,
            dataDirectory);
        return stateHash;
    }

    /**
     * Measures the journaled pipeline's throughput: first records the workload by running it in process (the
     * generator needs the events to know order ids), then submits the recorded commands to an {@link Engine} on a
     * new data directory as fast as it takes them, without waiting, and times from the first submit to the last
     * result (each result is dispatched only after its events are in the output journal). The state hash equals
     * the in-process run's.
     *
     * @return the engine's state hash at the end.
     */
    public static long runPipelined(
        final long seed, final long commands, final Path dataDirectory, final Durability durability,
        final WaitStrategyKind waitStrategy, final PrintStream out) throws InterruptedException
    {
        if (commands < 1 || commands > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("commands must be 1.." + Integer.MAX_VALUE + ": " + commands);
        }
        final long wallStartNs = System.nanoTime();
        final Workload workload = new Workload(seed, commands);
        final OpenOrders openOrders = workload.openOrders;
        final TrackingEventSink sink = workload.sink;
        final DemoWorkload generator = workload.generator;
        final BusinessLogicProcessor recorder = new BusinessLogicProcessor(new BlpConfig(), sink);
        final CommandStream recorded = new CommandStream();
        int count;
        while ((count = generator.generate(recorded, CHUNK_COMMANDS)) > 0)
        {
            for (int i = recorded.count() - count; i < recorded.count(); i++)
            {
                recorder.onCommand(recorded.commands(), recorded.offset(i), recorded.length(i));
            }
        }
        final int total = recorded.count();

        final AtomicLong delivered = new AtomicLong();
        final ResultListener listener = (sequence, events, offset, length) -> delivered.lazySet(delivered.get() + 1);
        final Engine engine = Engine.start(new EngineConfig().dataDirectory(dataDirectory).createDataDirectory(true)
            .durability(durability)
            .inputWaitStrategy(waitStrategy).outputWaitStrategy(waitStrategy).singleSubmitter(true));
        final long startNs = System.nanoTime();
        final String cpu;
        try
        {
            for (int i = 0; i < total; i++)
            {
                engine.submit(recorded.commands(), recorded.offset(i), recorded.length(i), listener);
            }
            while (delivered.get() < total)
            {
                if (engine.failure() != null)
                {
                    throw failed(engine);
                }
                Thread.onSpinWait();
            }
            cpu = pipelineThreadCpu();
        }
        catch (final IllegalStateException e)
        {
            throw engine.failure() != null ? failed(engine) : e;
        }
        finally
        {
            engine.close();
        }
        final long pipelineNs = System.nanoTime() - startNs;
        final long stateHash = engine.blp().stateHash();
        if (stateHash != recorder.stateHash())
        {
            out.printf(Locale.ROOT, "warning: the engine's state hash %016x differs from the in-process run's %016x%n",
                stateHash, recorder.stateHash());
        }
        out.printf(Locale.ROOT, "journaling: %s; wait strategy of both rings: %s; one submitting thread%n",
            dataDirectory == null ? "off (nothing is written)" : "on, durability " + durability, waitStrategy);
        out.printf(Locale.ROOT, "CPU time by thread (s): %s%n", cpu);
        report(out, seed, generator, sink, openOrders.size(), recorder.openOrderCount(), pipelineNs,
            System.nanoTime() - wallStartNs, stateHash, true, dataDirectory);
        return stateHash;
    }

    /**
     * Why the engine stopped, to throw: a {@link JournalException} (a full disk, a damaged journal) as it is, since
     * its message says what to do and the launcher prints it as one line and exits with 1; anything else wrapped.
     * A submit refused because the engine had failed is reported the same way.
     */
    private static RuntimeException failed(final Engine engine)
    {
        final Throwable failure = engine.failure();
        if (failure instanceof JournalException)
        {
            return (JournalException)failure;
        }
        return new IllegalStateException("engine failed: " + failure, failure);
    }

    /** CPU seconds used so far by the main thread and the pipeline's threads, while they still exist. */
    private static String pipelineThreadCpu()
    {
        final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        final StringBuilder text = new StringBuilder();
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (thread.getName().startsWith("ordo-") || thread == Thread.currentThread())
            {
                final long cpuNs = threads.getThreadCpuTime(thread.getId());
                text.append(text.length() == 0 ? "" : ", ").append(thread.getName()).append(' ')
                    .append(String.format(Locale.ROOT, "%.2f", cpuNs / 1e9));
            }
        }
        return text.toString();
    }

    private static void report(
        final PrintStream out, final long seed, final DemoWorkload generator, final TrackingEventSink sink,
        final long trackedOpenOrders, final long blpOpenOrders, final long blpNs, final long wallNs,
        final long stateHash, final boolean journaled, final Path dataDirectory)
    {
        final long commands = generator.generated();
        out.printf(Locale.ROOT, "Ordo demo: seed %d, %,d commands%n", seed, commands);
        if (journaled && dataDirectory != null)
        {
            out.printf(Locale.ROOT, "data directory: %s (replay it: ./ordo replay --data %s; verify it: " +
                "./ordo verify --data %s)%n", dataDirectory, dataDirectory, dataDirectory);
        }
        out.printf(Locale.ROOT, "workload: assets %d, instruments %d, accounts %,d, chunks of %,d commands%n",
            generator.assetCount(), generator.instrumentCount(), DemoWorkload.ACCOUNT_COUNT, CHUNK_COMMANDS);
        final long commandsPerSecond = blpNs > 0 ? (long)(commands * 1e9 / blpNs) : 0;
        out.printf(Locale.ROOT, "%s: %,d commands/s (%.3f s %s, JIT warm-up included)%n",
            journaled ? "end to end" : "BLP", commandsPerSecond, blpNs / 1e9,
            journaled ? "from first submit to last result through the pipeline" : "inside onCommand");
        out.printf(Locale.ROOT, "wall time: %.3f s (generating, tracking events and the %s)%n", wallNs / 1e9,
            journaled ? "pipeline, recovery and shutdown included" : "BLP");

        out.println("commands sent:");
        for (final CommandKind kind : DemoWorkload.KINDS)
        {
            out.printf(Locale.ROOT, "  %-34s %,12d%n", kind.displayName(), generator.sent(kind));
        }

        out.printf(Locale.ROOT, "outcomes: %,d accepted, %,d rejected%n", sink.accepted(), sink.rejected());
        out.printf(Locale.ROOT, "trades: %,d, in %,d commands (%.1f%% of commands)%n",
            sink.trades(), sink.commandsWithTrades(), commands > 0 ? 100.0 * sink.commandsWithTrades() / commands : 0);
        out.printf(Locale.ROOT, "orders cancelled: %,d, expired: %,d%n", sink.ordersCancelled(), sink.ordersExpired());

        out.println("rejections by reason:");
        final RejectReason[] reasons = RejectReason.values();
        Arrays.sort(reasons, Comparator.comparing(RejectReason::name));
        boolean anyRejection = false;
        for (final RejectReason reason : reasons)
        {
            final long rejections = sink.rejections(reason.value());
            if (rejections > 0)
            {
                anyRejection = true;
                out.printf(Locale.ROOT, "  %-34s %,12d%n", reason.name(), rejections);
            }
        }
        if (!anyRejection)
        {
            out.println("  (none)");
        }

        out.printf(Locale.ROOT, "open orders at end: %,d%n", blpOpenOrders);
        if (trackedOpenOrders != blpOpenOrders)
        {
            out.printf(Locale.ROOT, "warning: the events left %,d orders open, the BLP reports %,d%n",
                trackedOpenOrders, blpOpenOrders);
        }
        if (sink.unknownEvents() > 0)
        {
            out.printf(Locale.ROOT, "warning: %,d events of an unknown template%n", sink.unknownEvents());
        }
        out.printf(Locale.ROOT, "state hash: %016x%n", stateHash);
    }

    /** The generator, its view of the open orders (learned from events), and one reusable chunk of commands. */
    private static final class Workload
    {
        final OpenOrders openOrders = new OpenOrders(4 * DemoWorkload.TARGET_OPEN_ORDERS);
        final TrackingEventSink sink = new TrackingEventSink(openOrders);
        final DemoWorkload generator;
        final CommandStream chunk = new CommandStream();

        Workload(final long seed, final long commands)
        {
            generator = new DemoWorkload(seed, commands, openOrders);
        }

        /** @return the number of commands encoded into the chunk, 0 at the end of the workload. */
        int nextChunk()
        {
            chunk.clear();
            return generator.generate(chunk, CHUNK_COMMANDS);
        }
    }
}
