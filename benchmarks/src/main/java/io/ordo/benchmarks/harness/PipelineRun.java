package io.ordo.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import io.ordo.workload.CommandStream;
import io.ordo.workload.StandardWorkload;
import io.ordo.journal.pipeline.ResultListener;
import io.ordo.journal.Engine;
import io.ordo.journal.EngineConfig;
import org.HdrHistogram.Histogram;

/**
 * One engine run of the end-to-end harness: a fresh engine (journaling on in a new temporary data directory, or
 * off), prepared with the workload's set-up and pre-fill (waited for, not measured), then the measured stream,
 * either as fast as the engine takes it (throughput) or open loop at a fixed rate (latency).
 * <p>
 * Used from one thread; the engine's dispatcher thread records results.
 */
final class PipelineRun implements AutoCloseable
{
    /** The open-loop sender's timer slack: it wakes at most this late for a command that is due. */
    static final long SENDER_TIMER_SLACK_NS = 1_000;

    private final StandardWorkload workload;
    private final Engine engine;
    private final Path dataDirectory;
    private final AtomicLong delivered = new AtomicLong();
    private final ResultListener counting =
        (sequence, events, offset, length) -> delivered.lazySet(delivered.get() + 1);
    private long submitted;
    private long senderTimerSlackNs = -1;
    private String cpuPerCommand = "";
    private String journalBytesPerCommand = "";

    /**
     * @param config the engine's settings; the run sets its data directory (none with journaling off) and starts
     *               it.
     */
    PipelineRun(final StandardWorkload workload, final boolean journaling, final EngineConfig config)
        throws IOException
    {
        this.workload = workload;
        this.dataDirectory = journaling ? Files.createTempDirectory("ordo-harness-") : null;
        this.engine = Engine.start(config.dataDirectory(dataDirectory).createDataDirectory(true));
        submitAll(workload.setup());
        submitAll(workload.prefill());
        awaitDelivered();
    }

    private void submitAll(final CommandStream stream)
    {
        for (int i = 0, n = stream.count(); i < n; i++)
        {
            engine.submit(stream.commands(), stream.offset(i), stream.length(i), counting);
        }
        submitted += stream.count();
    }

    private void awaitDelivered()
    {
        while (delivered.get() < submitted)
        {
            if (engine.failure() != null)
            {
                throw new IllegalStateException("engine failed: " + engine.failure(), engine.failure());
            }
            LockSupport.parkNanos(10_000);
        }
    }

    /**
     * Submits the measured stream as fast as the engine takes it.
     *
     * @return nanoseconds from the first submit to the last result.
     */
    long throughput()
    {
        final ThreadCpu cpu = new ThreadCpu();
        final long inputBytes = engine.counters().inputJournalBytes.get();
        final long outputBytes = engine.counters().outputJournalBytes.get();
        final long startNs = System.nanoTime();
        submitAll(workload.measured());
        awaitDelivered();
        final long elapsedNs = System.nanoTime() - startNs;
        final int commands = workload.measured().count();
        cpuPerCommand = cpu.perCommand(commands);
        if (dataDirectory != null)
        {
            // Each record on disk also has its 16-byte header and Chronicle's 4-byte document header (and padding
            // to 4 bytes).
            journalBytesPerCommand = String.format(Locale.ROOT, "; journal payload per command: input %.1f B, " +
                "output %.1f B (+ 20 B of headers each)", (engine.counters().inputJournalBytes.get() - inputBytes) /
                (double)commands, (engine.counters().outputJournalBytes.get() - outputBytes) / (double)commands);
        }
        return elapsedNs;
    }

    /**
     * @return after {@link #throughput()}: each pipeline thread's and the submitter's CPU time per command, and with
     *         journaling on the journals' bytes per command.
     */
    String cpuPerCommand()
    {
        return cpuPerCommand + journalBytesPerCommand;
    }

    /**
     * Submits the first {@code commands} of the measured stream open loop at {@code ratePerSecond}, pacing by
     * parking (never spinning) with a timer slack of {@link #SENDER_TIMER_SLACK_NS} ({@link TimerSlack}), and
     * records for each the time from when it was due to be sent to its result:
     * corrected for coordinated omission, since a late send counts against the engine.
     *
     * @return the achieved rate: commands over the time from the first due time to the last result.
     */
    double latency(final long ratePerSecond, final int commands, final Histogram histogram)
    {
        final CommandStream stream = workload.measured();
        final int count = Math.min(commands, stream.count());
        final long intervalNs = 1_000_000_000L / ratePerSecond;
        final long firstSequence = submitted + 1;
        final long startNs = System.nanoTime() + 1_000_000;
        final long[] lastResultNs = new long[1];
        final long defaultSlackNs = TimerSlack.current();
        TimerSlack.set(SENDER_TIMER_SLACK_NS);
        senderTimerSlackNs = TimerSlack.current();
        final ResultListener recording = (sequence, events, offset, length) ->
        {
            final long nowNs = System.nanoTime();
            final long dueNs = startNs + (sequence - firstSequence) * intervalNs;
            histogram.recordValue(Math.max(0, nowNs - dueNs));
            lastResultNs[0] = nowNs;
            delivered.lazySet(delivered.get() + 1);
        };
        for (int i = 0; i < count; i++)
        {
            final long dueNs = startNs + i * intervalNs;
            long nowNs;
            while ((nowNs = System.nanoTime()) < dueNs)
            {
                LockSupport.parkNanos(dueNs - nowNs);
            }
            engine.submit(stream.commands(), stream.offset(i), stream.length(i), recording);
            submitted++;
        }
        awaitDelivered();
        if (defaultSlackNs > 0)
        {
            TimerSlack.set(defaultSlackNs);
        }
        return count * 1e9 / (lastResultNs[0] - startNs);
    }

    /** @return after {@link #latency}: the sender's timer slack during it, ns (-1 if unknown). */
    long senderTimerSlackNs()
    {
        return senderTimerSlackNs;
    }

    @Override
    public void close()
    {
        engine.close();
        if (dataDirectory != null)
        {
            try (Stream<Path> files = Files.walk(dataDirectory))
            {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
            catch (final IOException e)
            {
                throw new UncheckedIOException(e);
            }
        }
    }
}
