package io.ordo.peer;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import exchange.core2.core.ExchangeApi;
import exchange.core2.core.ExchangeCore;
import exchange.core2.core.common.CoreSymbolSpecification;
import exchange.core2.core.common.CoreWaitStrategy;
import exchange.core2.core.common.OrderAction;
import exchange.core2.core.common.OrderType;
import exchange.core2.core.common.SymbolType;
import exchange.core2.core.common.api.ApiAddUser;
import exchange.core2.core.common.api.ApiAdjustUserBalance;
import exchange.core2.core.common.api.ApiCancelOrder;
import exchange.core2.core.common.api.ApiCommand;
import exchange.core2.core.common.api.ApiMoveOrder;
import exchange.core2.core.common.api.ApiPlaceOrder;
import exchange.core2.core.common.api.ApiReduceOrder;
import exchange.core2.core.common.api.ApiReset;
import exchange.core2.core.common.api.binary.BatchAddSymbolsCommand;
import exchange.core2.core.common.cmd.CommandResultCode;
import exchange.core2.core.common.config.ExchangeConfiguration;
import exchange.core2.core.common.config.InitialStateConfiguration;
import exchange.core2.core.common.config.PerformanceConfiguration;
import exchange.core2.core.common.config.SerializationConfiguration;
import exchange.core2.core.processors.journaling.DiskSerializationProcessor;
import exchange.core2.core.processors.journaling.DiskSerializationProcessorConfiguration;
import org.HdrHistogram.Histogram;

/**
 * Runs exchange-core 0.5.3 on the workload file Ordo's harness exports (same orders, same order ids), with the
 * small-machine settings its own documentation suggests: one matching engine, one risk engine, YIELDING waits,
 * journaling off as in its published throughput tests (or on, see below). Prints throughput and latency lines in the format of Ordo's
 * harness, so that benchmarks/compare.sh can read both.
 * <p>
 * Arguments: workload file, throughput iterations, warm-up iterations, latency rates (comma separated, may be
 * empty), latency seconds, output directory for .hgrm files, latency warm-up seconds (an unreported run at the same
 * rate before each latency run, as in Ordo's harness; 0 for none), and optionally {@code journal}: then exchange-core
 * runs with its own disk journaling on ({@code DiskSerializationProcessor}, in a new temporary directory deleted at
 * the end). That journal is written by a handler in parallel with matching, and results wait for it; each batch is
 * one write to a file opened "rwd" (O_DSYNC), so it is on disk when the write returns.
 */
public final class ExchangeCoreRunner
{
    /** The open-loop sender's timer slack, as in Ordo's harness. */
    private static final long SENDER_TIMER_SLACK_NS = 1_000;
    private static final int SYMBOL = 1;
    private static final int BASE = 1;
    private static final int QUOTE = 2;
    /** The kind codes of the workload file, version 1 (Ordo's {@code WorkloadFile.kindCode}). */
    private static final byte PLACE_GTC = 1;
    private static final byte PLACE_IOC = 2;
    private static final byte CANCEL = 3;
    private static final byte MOVE = 4;
    private static final byte REDUCE = 5;
    private static final long MAX_PRICE = 10_000_000;

    private final AtomicLong results = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile Histogram histogram;
    private volatile long startNs;
    private volatile long intervalNs;
    private volatile long latencyFirstResult;
    private volatile long lastResultNs;
    private final ExchangeCore core;
    private final ExchangeApi api;
    private final int accounts;
    private final List<ApiCommand> prefill;
    private final List<ApiCommand> measured;
    private final PrintStream out;
    private final boolean journaling;

    private ExchangeCoreRunner(final int accounts, final List<ApiCommand> prefill, final List<ApiCommand> measured,
        final PrintStream out, final Path journalDirectory)
    {
        this.out = out;
        this.accounts = accounts;
        this.prefill = prefill;
        this.measured = measured;
        this.journaling = journalDirectory != null;
        final PerformanceConfiguration performance = PerformanceConfiguration.throughputPerformanceBuilder()
            .matchingEnginesNum(1)
            .riskEnginesNum(1)
            .waitStrategy(CoreWaitStrategy.YIELDING)
            .build();
        final ExchangeConfiguration.ExchangeConfigurationBuilder configuration = ExchangeConfiguration.defaultBuilder()
            .performanceCfg(performance);
        if (journalDirectory == null)
        {
            configuration.serializationCfg(SerializationConfiguration.DEFAULT);
        }
        else
        {
            // Its own disk journal (SerializationConfiguration.DISK_JOURNALING), in a directory of ours: the
            // defaults of DiskSerializationProcessorConfiguration.createDefaultConfig() but for the folder.
            final DiskSerializationProcessorConfiguration disk = DiskSerializationProcessorConfiguration.builder()
                .storageFolder(journalDirectory.toString())
                .snapshotLz4CompressorFactory(DiskSerializationProcessorConfiguration.LZ4_FAST)
                .journalFileMaxSize(4000L * 1024 * 1024)
                .journalBufferSize(256 * 1024)
                .journalBatchCompressThreshold(2048)
                .journalLz4CompressorFactory(DiskSerializationProcessorConfiguration.LZ4_FAST)
                .build();
            configuration
                .initStateCfg(InitialStateConfiguration.cleanStartJournaling("ORDO_COMPARE"))
                .serializationCfg(SerializationConfiguration.builder()
                    .enableJournaling(true)
                    .serializationProcessorFactory(exchange -> new DiskSerializationProcessor(exchange, disk))
                    .build());
        }
        core = ExchangeCore.builder()
            .resultsConsumer((cmd, sequence) -> onResult(cmd.resultCode))
            .exchangeConfiguration(configuration.build())
            .build();
        core.startup();
        api = core.getApi();
    }

    /**
     * Called on exchange-core's one results thread. The count is published last, so that a thread which sees it
     * reach its target also sees the histogram's last value recorded (the main thread prints the histogram then).
     */
    private void onResult(final CommandResultCode code)
    {
        if (code != CommandResultCode.SUCCESS && code != CommandResultCode.ACCEPTED)
        {
            failures.incrementAndGet();
        }
        final long count = results.get() + 1;
        final Histogram h = histogram;
        if (h != null)
        {
            final long nowNs = System.nanoTime();
            final long index = count - latencyFirstResult;
            if (index >= 0)
            {
                h.recordValue(Math.max(0, nowNs - (startNs + index * intervalNs)));
                lastResultNs = nowNs;
            }
        }
        results.set(count);
    }

    /** @return "" with journaling off, " (journal on)" with it on: part of each line's engine name. */
    private String label()
    {
        return journaling ? " (journal on)" : "";
    }

    public static void main(final String[] args) throws Exception
    {
        run(args, System.out);
        System.exit(0);
    }

    /** Runs with the arguments of {@link #main} and prints to {@code out}. */
    static void run(final String[] args, final PrintStream out) throws Exception
    {
        final Path file = Path.of(args[0]);
        final int iterations = Integer.parseInt(args[1]);
        final int warmup = Integer.parseInt(args[2]);
        final long[] rates = args[3].isEmpty() ? new long[0] :
            Arrays.stream(args[3].split(",")).mapToLong(Long::parseLong).toArray();
        final int latencySeconds = Integer.parseInt(args[4]);
        final Path outDir = Path.of(args[5]);
        final int latencyWarmupSeconds = Integer.parseInt(args[6]);
        final Path journalDirectory = args.length > 7 ? Files.createTempDirectory("exchange-core-journal-") : null;

        out.printf(Locale.ROOT, "exchange-core 0.5.3 on %s %s; flags: %s%n", System.getProperty("java.vm.name"),
            System.getProperty("java.version"), String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        out.println("settings: 1 matching engine, 1 risk engine, YIELDING wait strategy, " + (journalDirectory == null ?
            "journaling off" : "journaling on (its disk journal in " + journalDirectory + ", written with O_DSYNC)"));
        final List<ApiCommand> prefill = new ArrayList<>();
        final List<ApiCommand> measured = new ArrayList<>();
        final int accounts = read(file, prefill, measured);
        out.printf(Locale.ROOT, "workload: %,d accounts, %,d pre-fill and %,d measured commands from %s%n",
            accounts, prefill.size(), measured.size(), file);

        final ExchangeCoreRunner runner = new ExchangeCoreRunner(accounts, prefill, measured, out, journalDirectory);
        try
        {
            runner.throughput(iterations, warmup);
            Files.createDirectories(outDir);
            for (final long rate : rates)
            {
                runner.latency(rate, latencySeconds, latencyWarmupSeconds, outDir);
            }
        }
        finally
        {
            runner.core.shutdown();
            if (journalDirectory != null)
            {
                try (Stream<Path> files = Files.walk(journalDirectory))
                {
                    final List<Path> written = files.sorted(Comparator.reverseOrder()).toList();
                    final long bytes = written.stream().mapToLong(f -> f.toFile().length()).sum();
                    out.printf(Locale.ROOT, "exchange-core journal: %,d bytes written (deleted now)%n", bytes);
                    written.forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    private static int read(final Path file, final List<ApiCommand> prefill, final List<ApiCommand> measured)
        throws IOException
    {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16)))
        {
            if (in.readLong() != 0x4F52444F574B4C44L || in.readInt() != 1)
            {
                throw new IOException(file + ": not an Ordo workload file of version 1");
            }
            final int accounts = in.readInt();
            final int prefillCount = in.readInt();
            final int measuredCount = in.readInt();
            for (int i = 0; i < prefillCount + measuredCount; i++)
            {
                final byte kind = in.readByte();
                final byte side = in.readByte();
                final long account = in.readLong();
                final long orderId = in.readLong();
                final long price = in.readLong();
                final long size = in.readLong();
                final ApiCommand command = toApi(kind, side, account, orderId, price, size);
                (i < prefillCount ? prefill : measured).add(command);
            }
            return accounts;
        }
    }

    private static ApiCommand toApi(final byte kind, final byte side, final long account, final long orderId,
        final long price, final long size)
    {
        switch (kind)
        {
            case PLACE_GTC:
            case PLACE_IOC:
                final OrderAction action = side == 1 ? OrderAction.BID : OrderAction.ASK;
                return ApiPlaceOrder.builder().uid(account).orderId(orderId).price(price).size(size).action(action)
                    .orderType(kind == PLACE_GTC ? OrderType.GTC : OrderType.IOC).symbol(SYMBOL)
                    .reservePrice(action == OrderAction.BID ? (kind == PLACE_GTC ? MAX_PRICE : price) : 0).build();
            case CANCEL:
                return ApiCancelOrder.builder().orderId(orderId).uid(account).symbol(SYMBOL).build();
            case MOVE:
                return ApiMoveOrder.builder().orderId(orderId).uid(account).symbol(SYMBOL).newPrice(price).build();
            case REDUCE:
                return ApiReduceOrder.builder().orderId(orderId).uid(account).symbol(SYMBOL).reduceSize(size).build();
            default:
                throw new IllegalArgumentException("unknown command kind " + kind);
        }
    }

    /** Reset, symbol, funded users, pre-fill: waited for, not measured. */
    private void prepare()
    {
        histogram = null;
        api.submitCommandAsync(ApiReset.builder().build()).join();
        api.submitBinaryDataAsync(new BatchAddSymbolsCommand(CoreSymbolSpecification.builder()
            .symbolId(SYMBOL).type(SymbolType.CURRENCY_EXCHANGE_PAIR).baseCurrency(BASE).quoteCurrency(QUOTE)
            .baseScaleK(1).quoteScaleK(1).makerFee(1).takerFee(2).build())).join();
        final long before = results.get();
        long submitted = 0;
        for (long uid = 1; uid <= accounts; uid++)
        {
            api.submitCommand(ApiAddUser.builder().uid(uid).build());
            api.submitCommand(ApiAdjustUserBalance.builder().uid(uid).currency(BASE).amount(1_000_000_000_000L)
                .transactionId(uid * 10 + 1).build());
            api.submitCommand(ApiAdjustUserBalance.builder().uid(uid).currency(QUOTE)
                .amount(1_000_000_000_000_000L).transactionId(uid * 10 + 2).build());
            submitted += 3;
        }
        for (final ApiCommand command : prefill)
        {
            api.submitCommand(command);
            submitted++;
        }
        await(before + submitted);
    }

    private void await(final long count)
    {
        while (results.get() < count)
        {
            LockSupport.parkNanos(10_000);
        }
    }

    private void throughput(final int iterations, final int warmup)
    {
        final double[] rates = new double[Math.max(0, iterations - warmup)];
        for (int i = 0; i < iterations; i++)
        {
            prepare();
            final long failuresBefore = failures.get();
            final long target = results.get() + measured.size();
            final long start = System.nanoTime();
            for (final ApiCommand command : measured)
            {
                api.submitCommand(command);
            }
            await(target);
            final long elapsedNs = System.nanoTime() - start;
            final double rate = measured.size() * 1e9 / elapsedNs;
            out.printf(Locale.ROOT, "throughput exchange-core%s iteration %d%s: %,.0f commands/s (%.3f s; %,d commands " +
                "not SUCCESS)%n", label(), i + 1, i < warmup ? " (warm-up)" : "", rate, elapsedNs / 1e9,
                failures.get() - failuresBefore);
            if (i >= warmup)
            {
                rates[i - warmup] = rate;
            }
        }
        if (rates.length > 0)
        {
            final double[] sorted = rates.clone();
            Arrays.sort(sorted);
            out.printf(Locale.ROOT, "THROUGHPUT exchange-core%s: median %,.0f commands/s over %d iterations " +
                "(min %,.0f, max %,.0f)%n", label(), sorted[sorted.length / 2], sorted.length, sorted[0],
                sorted[sorted.length - 1]);
        }
    }

    /** @return how many of the measured commands an open-loop run at {@code rate} sends in {@code seconds}. */
    private int commandsFor(final long rate, final int seconds)
    {
        return (int)Math.min(measured.size(), rate * seconds);
    }

    /** @return a histogram for one latency run, in ns, up to a minute, at 3 significant digits (as Ordo's). */
    private static Histogram latencyHistogram()
    {
        return new Histogram(60_000_000_000L, 3);
    }

    private void latency(final long rate, final int seconds, final int warmupSeconds, final Path outDir)
        throws IOException
    {
        if (warmupSeconds > 0)
        {
            openLoop(rate, commandsFor(rate, warmupSeconds), latencyHistogram());
        }
        final int count = commandsFor(rate, seconds);
        final Histogram h = latencyHistogram();
        final long senderSlackNs = openLoop(rate, count, h);
        final double achieved = count * 1e9 / (lastResultNs - startNs);
        out.printf(Locale.ROOT, "LATENCY exchange-core%s at %,d/s: %,d commands, achieved %,.0f/s%s; us: p50 %.1f " +
            "p90 %.1f p99 %.1f p99.9 %.1f p99.99 %.1f max %.1f; sender timer slack %d ns%n", label(), rate, count,
            achieved,
            achieved < 0.95 * rate ? " (DID NOT KEEP UP)" : "", h.getValueAtPercentile(50) / 1e3,
            h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3,
            h.getValueAtPercentile(99.99) / 1e3, h.getMaxValue() / 1e3, senderSlackNs);
        try (PrintStream file = new PrintStream(Files.newOutputStream(
            outDir.resolve("exchange-core" + (journaling ? "-journal-on-" : "-") + rate + ".hgrm")), false, "UTF-8"))
        {
            h.outputPercentileDistribution(file, 1000.0);
        }
    }

    /**
     * Resets the exchange, then submits the first {@code count} measured commands open loop at {@code rate},
     * recording each one's latency from when it was due into {@code h}.
     *
     * @return the sender's timer slack during the run, ns.
     */
    private long openLoop(final long rate, final int count, final Histogram h)
    {
        prepare();
        intervalNs = 1_000_000_000L / rate;
        latencyFirstResult = results.get() + 1;
        startNs = System.nanoTime() + 1_000_000;
        histogram = h;
        final long target = results.get() + count;
        final long defaultSlackNs = TimerSlack.current();
        TimerSlack.set(SENDER_TIMER_SLACK_NS);
        final long senderSlackNs = TimerSlack.current();
        for (int i = 0; i < count; i++)
        {
            final long dueNs = startNs + i * intervalNs;
            long nowNs;
            while ((nowNs = System.nanoTime()) < dueNs)
            {
                LockSupport.parkNanos(dueNs - nowNs);
            }
            api.submitCommand(measured.get(i));
        }
        await(target);
        if (defaultSlackNs > 0)
        {
            TimerSlack.set(defaultSlackNs);
        }
        histogram = null;
        return senderSlackNs;
    }
}
