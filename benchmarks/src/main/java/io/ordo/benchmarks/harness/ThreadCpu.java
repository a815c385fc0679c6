package io.ordo.benchmarks.harness;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of the engine's threads (named {@code ordo-*}) and of the calling (submitting) thread over a measured
 * stretch, per command: where a command's CPU goes, thread by thread. Taken when constructed, read by
 * {@link #perCommand}.
 * <p>
 * Used from the submitting thread.
 */
final class ThreadCpu
{
    private static final String SUBMITTER = "submitter";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<String, Long> startNs = sample();

    /** @return e.g. {@code "journaller 0.41 us, blp 0.52 us, ..., total 1.90 us"}, in microseconds per command. */
    String perCommand(final long commands)
    {
        final Map<String, Long> endNs = sample();
        final StringBuilder line = new StringBuilder();
        long totalNs = 0;
        for (final Map.Entry<String, Long> entry : endNs.entrySet())
        {
            final long usedNs = entry.getValue() - startNs.getOrDefault(entry.getKey(), 0L);
            totalNs += usedNs;
            line.append(String.format(Locale.ROOT, "%s %.2f us, ", entry.getKey(), usedNs / 1e3 / commands));
        }
        return line.append(String.format(Locale.ROOT, "total %.2f us", totalNs / 1e3 / commands)).toString();
    }

    private Map<String, Long> sample()
    {
        final Map<String, Long> cpuNs = new TreeMap<>();
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            final String name = thread.getName();
            final boolean submitter = thread == Thread.currentThread();
            if (submitter || name.startsWith("ordo-"))
            {
                final long ns = threads.getThreadCpuTime(thread.getId());
                if (ns >= 0)
                {
                    cpuNs.merge(submitter ? SUBMITTER : name.substring("ordo-".length()), ns, Long::sum);
                }
            }
        }
        return cpuNs;
    }
}
