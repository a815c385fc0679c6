package io.ordo.journal;

import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.ordo.core.BlpConfig;
import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.codec.CommandRejectedDecoder;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.Side;
import io.ordo.journal.pipeline.ResultListener;
import io.ordo.journal.pipeline.ThreadLayout;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Non-negotiable 6 for the whole journaled pipeline: in steady state the journaller, BLP, output journaller and
 * dispatcher threads (or the two threads they share, in either {@link ThreadLayout}) allocate nothing per command
 * (Chronicle Queue appends included). Read with the JVM's
 * per-thread allocation counters, not a clock, around a stationary workload: deposit, withdraw, transfer there
 * and back, place a resting order and cancel it.
 * <p>
 * The bound is not zero but one byte per {@value #COMMANDS_PER_SPORADIC_BYTE} commands per thread (15,000 bytes
 * for the default 120,000 commands). What a journalling thread allocates is Chronicle's, once per chunk of a
 * mapped file it moves into (JFR shows class-check deoptimisations in {@code ChunkedMappedBytes
 * .acquireNextByteStore} there), so it grows with the bytes journaled, not per command: runs here show 0 to about
 * 3,500 bytes on some threads for 120,000 commands and up to 7,000 for 480,000 (-Dordo.cycles=80000), about 0.015
 * bytes per command. A single allocation per command, even of 16 bytes, would show as 1.9 MB, 128 times the bound.
 */
class PipelineAllocationTest
{
    private static final int INSTRUMENT = 10;
    private static final int MEASURED_CYCLES = Integer.getInteger("ordo.cycles", 20_000);
    private static final int COMMANDS_PER_SPORADIC_BYTE = 8;
    private static final int BASE = 1;
    private static final int QUOTE = 2;
    /** Offset of the template id in an SBE message header: block length (2 bytes), then the template id. */
    private static final int TEMPLATE_ID_OFFSET = 2;

    @TempDir
    Path dir;

    private final CommandWriter writer = new CommandWriter();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
    private final AtomicLong results = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    /** Counts results, and rejected ones by the first event's template id (read in place: allocates nothing). */
    private final ResultListener counting = (sequence, events, offset, length) ->
    {
        if (events.getShort(offset + TEMPLATE_ID_OFFSET, ByteOrder.LITTLE_ENDIAN) == CommandRejectedDecoder.TEMPLATE_ID)
        {
            rejected.lazySet(rejected.get() + 1);
        }
        results.lazySet(results.get() + 1);
    };
    private long submitted;
    private long requestId = 1;
    private long nextOrderId = 1;

    @ParameterizedTest(name = "{0}")
    @EnumSource(ThreadLayout.class)
    void shouldAllocateNothingOnThePipelineThreadsInSteadyState(final ThreadLayout layout) throws Exception
    {
        final String[] pipelineThreads = layout == ThreadLayout.TWO_THREADS ?
            new String[] {"ordo-journaller-blp", "ordo-event-journaller-dispatcher"} :
            layout == ThreadLayout.THREE_THREADS ?
                new String[] {"ordo-journaller", "ordo-blp", "ordo-event-journaller-dispatcher"} :
                new String[] {"ordo-journaller", "ordo-blp", "ordo-event-journaller", "ordo-dispatcher"};
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assumeThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);

        final Engine engine = Engine.start(new EngineConfig().dataDirectory(dir).createDataDirectory(true)
            .snapshotIntervalCommands(0).threadLayout(layout)
            .blpConfig(new BlpConfig().requestWindowCapacity(1 << 12)).inputRingSize(1024).outputRingSize(1024));
        try
        {
            setUp(engine);
            for (int i = 0; i < 40_000; i++)
            {
                cycle(engine);
            }
            awaitResults();
            final Map<String, Long> before = pipelineThreadAllocations(threads, pipelineThreads);
            assertThat(before.keySet()).as("pipeline threads").containsExactlyInAnyOrder(pipelineThreads);

            for (int i = 0; i < MEASURED_CYCLES; i++)
            {
                cycle(engine);
            }
            awaitResults();
            final Map<String, Long> after = pipelineThreadAllocations(threads, pipelineThreads);
            assertThat(rejected.get()).as("rejected commands: the workload must be accepted, or it measures the " +
                "reject path only").isZero();
            assertThat(results.get()).as("results of every command").isEqualTo(submitted);

            final Map<String, Long> allocated = new HashMap<>();
            before.forEach((name, bytes) -> allocated.put(name, after.get(name) - bytes));
            final long commands = 6L * MEASURED_CYCLES;
            assertThat(allocated).as("bytes allocated per pipeline thread by %,d commands", commands)
                .allSatisfy((name, bytes) -> assertThat(bytes).as(name)
                    .isLessThan(commands / COMMANDS_PER_SPORADIC_BYTE));
        }
        finally
        {
            engine.close();
        }
    }

    private static Map<String, Long> pipelineThreadAllocations(
        final com.sun.management.ThreadMXBean threads, final String... names)
    {
        final Map<String, Long> allocations = new HashMap<>();
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            final String name = thread.getName();
            if (Arrays.asList(names).contains(name))
            {
                allocations.put(name, threads.getThreadAllocatedBytes(thread.getId()));
            }
        }
        return allocations;
    }

    private void setUp(final Engine engine)
    {
        submit(engine, writer.createAsset(buffer, 0, 0, requestId++, 0, BASE, 8));
        submit(engine, writer.createAsset(buffer, 0, 0, requestId++, 0, QUOTE, 2));
        submit(engine, writer.createInstrument(buffer, 0, 0, requestId++, 0, INSTRUMENT, BASE, QUOTE, 100, 200,
            1, 1, 1, 1_000, 1, 1_000_000));
        for (long account = 1; account <= 2; account++)
        {
            submit(engine, writer.openAccount(buffer, 0, account, requestId++, 0));
            submit(engine, writer.deposit(buffer, 0, account, requestId++, 0, QUOTE, 1_000_000_000));
        }
    }

    /** Six commands that leave the state as it was, apart from counters and the request window. */
    private void cycle(final Engine engine)
    {
        submit(engine, writer.deposit(buffer, 0, 1, requestId++, 0, QUOTE, 100));
        submit(engine, writer.withdraw(buffer, 0, 1, requestId++, 0, QUOTE, 100));
        submit(engine, writer.transfer(buffer, 0, 1, requestId++, 0, 2, QUOTE, 50));
        submit(engine, writer.transfer(buffer, 0, 2, requestId++, 0, 1, QUOTE, 50));
        submit(engine, writer.placeOrder(buffer, 0, 1, requestId++, 0, INSTRUMENT, Side.BUY, OrderKind.GTC,
            100, 5, 0));
        submit(engine, writer.cancelOrder(buffer, 0, 1, requestId++, 0, nextOrderId++));
    }

    private void submit(final Engine engine, final int length)
    {
        engine.submit(buffer, 0, length, counting);
        submitted++;
    }

    private void awaitResults() throws InterruptedException
    {
        while (results.get() < submitted)
        {
            Thread.sleep(1);
        }
    }
}
