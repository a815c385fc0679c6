package io.ordo.gateway;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import io.ordo.journal.DataDirectory;
import io.ordo.journal.EventHistory;
import io.ordo.journal.EventTailListener;
import io.ordo.journal.counters.CountersFile;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.agrona.concurrent.status.CountersReader;

/**
 * The progress of a long read of a journal (replay, verify, statement, inspect, ...), on standard error so that
 * standard output stays the command's result: on a terminal a progress bar with rate and ETA
 * ({@code me.tongfei:progressbar}), otherwise a plain line every {@value #LINE_INTERVAL_S} seconds. The total is
 * the engine's last input journal sequence as its counters file says (an estimate: the bar only), or unknown.
 * <p>
 * Used on the reading thread.
 */
final class ProgressReporter implements LongConsumer, AutoCloseable
{
    static final int LINE_INTERVAL_S = 5;

    private final String task;
    private final long total;
    private final ProgressBar bar;
    private final PrintStream lines;
    private final long lineIntervalNs;
    private final long startNs = System.nanoTime();
    private long lastLineNs = startNs;
    private long done;

    private ProgressReporter(final String task, final long total, final ProgressBar bar, final PrintStream lines,
        final long lineIntervalNs)
    {
        this.task = task;
        this.total = total;
        this.bar = bar;
        this.lines = lines;
        this.lineIntervalNs = lineIntervalNs;
    }

    /** Plain lines to {@code out}, at most one per interval: what a reader that is not a terminal gets. */
    static ProgressReporter lines(final String task, final long total, final PrintStream out,
        final long lineIntervalNs)
    {
        return new ProgressReporter(task, total, null, out, lineIntervalNs);
    }

    /** @param unit of the count, e.g. "commands". */
    static ProgressReporter start(final String task, final Path dataDirectory, final String unit)
    {
        final long total = estimatedTotal(dataDirectory);
        if (System.console() == null)
        {
            return lines(task, total, System.err, TimeUnit.SECONDS.toNanos(LINE_INTERVAL_S));
        }
        final ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
            .setUnit(" " + unit, 1).showSpeed().setSpeedUnit(ChronoUnit.SECONDS).setUpdateIntervalMillis(250)
            .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        return new ProgressReporter(task, total, bar, null, 0);
    }

    /**
     * Reads the directory's output journal ({@link EventHistory}) with its progress shown: what every read-side
     * command does.
     *
     * @return the last sequence read.
     */
    static long readHistory(final String task, final Path dataDirectory, final long fromSequence,
        final long toSequence, final EventTailListener listener)
    {
        try (ProgressReporter progress = start(task, dataDirectory, "records"))
        {
            return EventHistory.read(new DataDirectory(dataDirectory), fromSequence, toSequence, listener, progress);
        }
    }

    @Override
    public void accept(final long count)
    {
        done = count;
        if (bar != null)
        {
            bar.stepTo(total > 0 ? Math.min(count, total) : count);
            return;
        }
        final long nowNs = System.nanoTime();
        if (nowNs - lastLineNs >= lineIntervalNs)
        {
            lastLineNs = nowNs;
            final double rate = count / ((nowNs - startNs) / 1e9);
            final String of = total > 0 ?
                String.format(Locale.ROOT, " of about %,d (%d%%)", total, Math.min(100, count * 100 / total)) : "";
            final String eta = total > count && rate > 0 ?
                String.format(Locale.ROOT, ", about %.0f s to go", (total - count) / rate) : "";
            lines.printf(Locale.ROOT, "ordo %s: %,d%s, %,.0f/s%s%n", task, count, of, rate, eta);
        }
    }

    @Override
    public void close()
    {
        if (bar != null)
        {
            if (total > 0 && done >= total)
            {
                bar.stepTo(total);
            }
            bar.close();
        }
    }

    /** @return the last input journal sequence the engine's counters file holds, or -1 (unknown). */
    static long estimatedTotal(final Path dataDirectory)
    {
        try (CountersFile file = CountersFile.openForReading(dataDirectory))
        {
            final CountersReader reader = file.reader();
            final long[] total = {-1};
            reader.forEach((counterId, label) ->
            {
                if ("input journal last sequence".equals(label))
                {
                    total[0] = reader.getCounterValue(counterId);
                }
            });
            return total[0] > 0 ? total[0] : -1;
        }
        catch (final IllegalArgumentException noCounters)
        {
            return -1;
        }
    }
}
