package io.ordo.benchmarks.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.ordo.benchmarks.IsolatedWorkload;
import io.ordo.workload.StandardWorkload;
import io.ordo.workload.WorkloadFile;
import io.ordo.journal.pipeline.PipelineConfig;
import io.ordo.journal.pipeline.ThreadAffinity;
import io.ordo.journal.pipeline.ThreadLayout;
import io.ordo.journal.pipeline.WaitStrategyKind;
import io.ordo.journal.Durability;
import io.ordo.journal.EngineConfig;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The end-to-end harness: the standard workload through the whole pipeline (input journal, BLP, output journal,
 * result dispatch), journaling on and off. Throughput: the measured stream as fast as the engine takes it,
 * several iterations on fresh engines, the median after warm-up. Latency: open loop at fixed offered rates, from
 * when each command was due to be sent to its result, in an HdrHistogram corrected for coordinated omission;
 * percentiles printed, {@code .hgrm} files and a PNG plot written.
 * <p>
 * Runs on the calling thread; see benchmarks/harness.sh.
 */
@Command(name = "harness", mixinStandardHelpOptions = true,
    description = "End-to-end throughput and latency of the Ordo pipeline on the standard workload.")
public final class PipelineHarness implements Callable<Integer>
{
    @Option(names = "--commands", defaultValue = "3000000", description = "Measured commands per iteration.")
    int commands;

    @Option(names = "--iterations", defaultValue = "5", description = "Throughput iterations, warm-up included.")
    int iterations;

    @Option(names = "--warmup", defaultValue = "2", description = "Throughput iterations not counted.")
    int warmup;

    @Option(names = "--journal", defaultValue = "both", description = "on, off or both.")
    String journal;

    @Option(names = "--rates", defaultValue = "100000,300000,1000000",
        description = "Offered rates for the latency runs, commands/s, comma separated; 'none' for no latency run.")
    String rateList;

    private long[] rates;

    @Option(names = "--latency-seconds", defaultValue = "5", description = "Length of each latency run.")
    int latencySeconds;

    @Option(names = "--latency-warmup-seconds", defaultValue = "2", description = "Length of the unreported run " +
        "at the same rate, on an engine of its own, before each latency run; 0 for none (default: ${DEFAULT-VALUE}).")
    int latencyWarmupSeconds;

    @Option(names = "--wait-strategy", defaultValue = WaitStrategyKind.DEFAULT_NAME,
        description = "Of both rings (default: the engine's, ${DEFAULT-VALUE}).")
    WaitStrategyKind waitStrategy;

    @Option(names = "--output-wait-strategy", description = "Of the output ring only, overriding --wait-strategy " +
        "for it (default: --wait-strategy's).")
    WaitStrategyKind outputWaitStrategy;

    @Option(names = "--threads", description = "Thread layout of the pipeline: ${COMPLETION-CANDIDATES} " +
        "(default: the engine's for this machine's cores).")
    ThreadLayout threadLayout = ThreadLayout.forCores(Runtime.getRuntime().availableProcessors());

    @Option(names = "--pretouch-mib", defaultValue = "8", description = "How far ahead of the journals' write " +
        "positions their pages are touched, on a thread of its own; 0 for none.")
    long pretouchMib;

    @Option(names = "--ring-size", defaultValue = "" + PipelineConfig.DEFAULT_INPUT_RING_SIZE,
        description = "Slots of each ring (a power of two; default: the engine's, ${DEFAULT-VALUE}).")
    int ringSize;

    @Option(names = "--blp-cpu", defaultValue = "-1", description = "Give the BLP's thread this CPU to itself " +
        "(the engine's other threads and the submitter on the other CPUs); -1 for no pinning.")
    int blpCpu;

    @Option(names = "--sync", description = "Sync durability for the journaling-on runs.")
    boolean sync;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--variant", defaultValue = "STANDARD",
        description = "Workload: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    StandardWorkload.Variant variant;

    @Option(names = "--out", defaultValue = "benchmarks/results", description = "Where .hgrm files and the plot go.")
    Path out;

    @Option(names = "--export", description = "Only write the workload (pre-fill and measured commands) to this "
        + "file, for another engine to run the same orders; then exit.")
    Path export;

    private PrintStream log;
    private ThreadAffinity affinity = ThreadAffinity.NONE;

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new PipelineHarness()).execute(args));
    }

    @Override
    public Integer call() throws Exception
    {
        log = System.out;
        rates = rateList.isBlank() || rateList.equals("none") ? new long[0] :
            Arrays.stream(rateList.split(",")).mapToLong(r -> Long.parseLong(r.trim())).toArray();
        affinity = blpCpu < 0 ? ThreadAffinity.NONE : ThreadAffinity.blpOn(blpCpu);
        affinity.keepCurrentThreadOffBlpCpu();
        printEnvironment();
        Files.createDirectories(out);
        final StandardWorkload workload = IsolatedWorkload.generate(seed, variant, commands);
        log.println("workload " + variant + ": " + workload.mix());
        if (export != null)
        {
            if (variant != StandardWorkload.Variant.STANDARD)
            {
                throw new IllegalArgumentException("--export writes the STANDARD workload only (the one " +
                    "exchange-core's runner replays)");
            }
            WorkloadFile.write(workload, export);
            log.println("workload written to " + export);
            return 0;
        }

        final List<Boolean> modes = new ArrayList<>();
        if (!journal.equals("on"))
        {
            modes.add(false);
        }
        if (!journal.equals("off"))
        {
            modes.add(true);
        }
        final Durability durability = sync ? Durability.SYNC : Durability.MAPPED;
        for (final boolean journaling : modes)
        {
            throughput(workload, journaling, durability);
        }
        final PercentilePlot plot = new PercentilePlot("Ordo pipeline latency (coordinated-omission corrected)");
        for (final boolean journaling : modes)
        {
            if (rates.length > 0 && iterations == 0)
            {
                // No throughput iteration warmed this JVM up: one unreported pass first, as exchange-core's runner
                // does.
                try (PipelineRun run = new PipelineRun(workload, journaling, engineConfig(durability)))
                {
                    run.throughput();
                }
            }
            for (final long rate : rates)
            {
                latency(workload, journaling, durability, rate, plot);
            }
        }
        if (rates.length > 0)
        {
            final Path png = out.resolve("pipeline-latency.png");
            plot.write(png);
            log.println("plot: " + png);
        }
        return 0;
    }

    /** @return the engine's settings for a run, all but its data directory. */
    private EngineConfig engineConfig(final Durability durability)
    {
        return new EngineConfig()
            .durability(durability)
            .snapshotIntervalCommands(0)
            .inputWaitStrategy(waitStrategy)
            .outputWaitStrategy(outputWaitStrategy())
            .inputRingSize(ringSize)
            .outputRingSize(ringSize)
            .singleSubmitter(true)
            .threadLayout(threadLayout)
            .threadAffinity(affinity)
            .pretouchAheadBytes(pretouchMib << 20);
    }

    private String modeName(final boolean journaling, final Durability durability)
    {
        return journaling ? "journal on (" + durability.name().toLowerCase(Locale.ROOT) + ")" : "journal off";
    }

    private void throughput(final StandardWorkload workload, final boolean journaling, final Durability durability)
        throws IOException
    {
        final double[] rates = new double[Math.max(0, iterations - warmup)];
        for (int i = 0; i < iterations; i++)
        {
            final long elapsedNs;
            final String cpu;
            try (PipelineRun run = new PipelineRun(workload, journaling, engineConfig(durability)))
            {
                elapsedNs = run.throughput();
                cpu = run.cpuPerCommand();
            }
            final double rate = workload.measured().count() * 1e9 / elapsedNs;
            log.printf(Locale.ROOT, "throughput %s iteration %d%s: %,.0f commands/s (%.3f s); CPU per command: %s%n",
                modeName(journaling, durability), i + 1, i < warmup ? " (warm-up)" : "", rate, elapsedNs / 1e9, cpu);
            if (i >= warmup)
            {
                rates[i - warmup] = rate;
            }
        }
        if (rates.length > 0)
        {
            final double[] sorted = rates.clone();
            Arrays.sort(sorted);
            log.printf(Locale.ROOT,
                "THROUGHPUT %s: median %,.0f commands/s over %d iterations (min %,.0f, max %,.0f)%n",
                modeName(journaling, durability), sorted[sorted.length / 2], sorted.length, sorted[0],
                sorted[sorted.length - 1]);
        }
    }

    /** @return how many of the measured commands an open-loop run at {@code rate} sends in {@code seconds}. */
    private static int commandsFor(final StandardWorkload workload, final long rate, final int seconds)
    {
        return (int)Math.min(workload.measured().count(), rate * seconds);
    }

    /** @return a histogram for one latency run, in ns, up to a minute, at 3 significant digits. */
    private static Histogram latencyHistogram()
    {
        return new Histogram(60_000_000_000L, 3);
    }

    private void latency(final StandardWorkload workload, final boolean journaling, final Durability durability,
        final long rate, final PercentilePlot plot) throws IOException
    {
        final Histogram histogram = latencyHistogram();
        final int count = commandsFor(workload, rate, latencySeconds);
        final double achieved;
        final long[] gcBefore;
        final long[] gcAfter;
        final long senderSlackNs;
        if (latencyWarmupSeconds > 0)
        {
            // Throughput iterations leave code compiled for full batches: at a moderate rate the batches are of a
            // command or two, and branches never taken before deoptimise and recompile (C2 compilations of
            // 50-200 ms competing for the two cores, seen in JFR in the first second of a run). Warmed up at
            // the rate itself, the measured run sees the steady state, as a server under that load would.
            try (PipelineRun warmup = new PipelineRun(workload, journaling, engineConfig(durability)))
            {
                warmup.latency(rate, commandsFor(workload, rate, latencyWarmupSeconds), latencyHistogram());
            }
        }
        try (PipelineRun run = new PipelineRun(workload, journaling, engineConfig(durability)))
        {
            // The previous engines' garbage (request windows, pools: tens of MB each) is collected now, not during
            // the measured run; what the run itself allocates still shows in the GC count below.
            System.gc();
            gcBefore = gcCountAndMillis();
            achieved = run.latency(rate, count, histogram);
            senderSlackNs = run.senderTimerSlackNs();
            gcAfter = gcCountAndMillis();
        }
        final String name = modeName(journaling, durability) + " at " + String.format(Locale.ROOT, "%,d/s", rate);
        log.printf(Locale.ROOT, "LATENCY %s: %,d commands, achieved %,.0f/s%s; us: p50 %.1f p90 %.1f p99 %.1f " +
            "p99.9 %.1f p99.99 %.1f max %.1f; GC during the run: %d collections, %d ms; sender timer slack %d ns%n",
            name, count, achieved, achieved < 0.95 * rate ? " (DID NOT KEEP UP)" : "",
            histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(90) / 1e3,
            histogram.getValueAtPercentile(99) / 1e3, histogram.getValueAtPercentile(99.9) / 1e3,
            histogram.getValueAtPercentile(99.99) / 1e3, histogram.getMaxValue() / 1e3,
            gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1], senderSlackNs);
        final Path hgrm = out.resolve(String.format(Locale.ROOT, "pipeline-%s-%d.hgrm",
            journaling ? "journal-on" : "journal-off", rate));
        try (PrintStream file = new PrintStream(Files.newOutputStream(hgrm), false, "UTF-8"))
        {
            histogram.outputPercentileDistribution(file, 1000.0);
        }
        plot.add(name, histogram);
    }

    /** @return collections so far and their time in ms, summed over the JVM's collectors. */
    private static long[] gcCountAndMillis()
    {
        long count = 0;
        long millis = 0;
        for (final GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans())
        {
            count += Math.max(0, collector.getCollectionCount());
            millis += Math.max(0, collector.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    private WaitStrategyKind outputWaitStrategy()
    {
        return outputWaitStrategy == null ? waitStrategy : outputWaitStrategy;
    }

    private void printEnvironment()
    {
        log.printf(Locale.ROOT, "JVM: %s %s (%s)%n", System.getProperty("java.vm.name"),
            System.getProperty("java.version"), System.getProperty("java.vendor"));
        log.println("JVM flags: " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        log.printf(Locale.ROOT, "cores: %d; wait strategy of the input ring: %s, of the output ring: %s; pipeline " +
            "threads: %s; one submitting thread; journal pretouch %d MiB ahead; %,d slots per ring; thread affinity: " +
            "%s%n", Runtime.getRuntime().availableProcessors(), waitStrategy, outputWaitStrategy(), threadLayout,
            pretouchMib, ringSize, affinity);
        log.println("git commit: " + System.getProperty("ordo.git.commit", "unknown"));
    }
}
