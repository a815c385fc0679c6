package io.ordo.gateway;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.ordo.journal.counters.CountersFile;
import io.ordo.journal.counters.EngineCounters;
import org.agrona.concurrent.status.CountersReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ordo stat --data DIR}: the engine's and the gateway's live counters, read from the data directory's
 * {@code counters.dat} by mapping it, from another process, without touching the engine (no lock, no socket). Prints
 * every counter, then, every interval, those that changed with their rate.
 * <p>
 * Runs on the calling thread.
 */
@Command(
    name = "stat",
    mixinStandardHelpOptions = true,
    description = {
        "Shows the live counters of the engine running on DIR (or the last values of the last one): commands "
            + "journaled, output records, events out, rejections in total and by reason, the input ring's backlog, "
            + "journal bytes and last sequence, the last snapshot, and the gateway's connections, sessions, slow "
            + "consumers and market data recoveries. Reads the memory-mapped counters file only: safe beside a "
            + "running server.",
        "Exit codes: 0 shown; 1 no counters file in DIR (the engine never ran there) or not a counters file; "
            + "2 bad arguments." })
public final class StatCommand implements Callable<Integer>
{
    @Option(names = "--data", paramLabel = "DIR", required = true, description = "The data directory.")
    private Path dataDirectory;

    @Option(names = "--interval", paramLabel = "S", defaultValue = "1",
        description = "Seconds between readings (default: ${DEFAULT-VALUE}).")
    private double intervalSeconds;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1",
        description = "Readings to show (default: ${DEFAULT-VALUE}; 0 until Ctrl-C). After the first, each "
            + "shows the counters that changed and their rate per second.")
    private long count;

    @Option(names = "--prometheus", paramLabel = "HOST:PORT",
        description = "Also serve the counters in Prometheus' text format at http://HOST:PORT/metrics while it runs "
            + "(with --count 0: until Ctrl-C).")
    private String prometheus;

    @Override
    public Integer call() throws IOException
    {
        if (prometheus == null)
        {
            return show();
        }
        try (PrometheusCounters exporter = PrometheusCounters.start(dataDirectory, ServerCommand.address(prometheus)))
        {
            System.out.printf(Locale.ROOT, "ordo stat: serving the counters at http://%s:%d/metrics%n",
                ServerCommand.address(prometheus).getHostString(), exporter.port());
            return show();
        }
    }

    private int show()
    {
        final PrintStream out = System.out;
        try (CountersFile file = CountersFile.openForReading(dataDirectory))
        {
            final CountersReader reader = file.reader();
            final boolean alive = ProcessHandle.of(file.pid()).map(ProcessHandle::isAlive).orElse(false);
            out.printf(Locale.ROOT, "counters of %s: written by process %d, engine started %s (%s)%n", dataDirectory,
                file.pid(), Instant.ofEpochMilli(file.startTimeMs()),
                alive ? "the process is alive" : "the process has exited: these are its last values");
            Map<String, Long> previous = read(reader);
            long previousNs = System.nanoTime();
            previous.forEach((label, value) ->
            {
                // One counter per reject reason: those that never counted would bury the others.
                if (value != 0 || !label.startsWith("rejected "))
                {
                    out.printf(Locale.ROOT, "  %-60s %,20d%n", label, value);
                }
            });
            final long intervalNs = (long)(intervalSeconds * TimeUnit.SECONDS.toNanos(1));
            for (long reading = 1; count == 0 || reading < count; reading++)
            {
                LockSupport.parkNanos(intervalNs);
                final Map<String, Long> now = read(reader);
                final long nowNs = System.nanoTime();
                final double seconds = (nowNs - previousNs) / 1e9;
                out.printf(Locale.ROOT, "%s (changes over %.1f s)%n", Instant.now(), seconds);
                for (final Map.Entry<String, Long> counter : now.entrySet())
                {
                    final long before = previous.getOrDefault(counter.getKey(), 0L);
                    if (counter.getValue() != before)
                    {
                        out.printf(Locale.ROOT, "  %-60s %,20d  %+,14.0f/s%n", counter.getKey(), counter.getValue(),
                            (counter.getValue() - before) / seconds);
                    }
                }
                previous = now;
                previousNs = nowNs;
            }
        }
        return 0;
    }

    /** @return label -> value, in the order the counters were allocated (engine, then gateway). */
    private static Map<String, Long> read(final CountersReader reader)
    {
        final Map<String, Long> values = new LinkedHashMap<>();
        reader.forEach((counterId, typeId, keyBuffer, label) ->
        {
            if (typeId == EngineCounters.TYPE_TOTAL || typeId == EngineCounters.TYPE_GAUGE)
            {
                values.put(label, reader.getCounterValue(counterId));
            }
        });
        return values;
    }
}
