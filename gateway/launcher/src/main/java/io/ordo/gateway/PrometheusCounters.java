package io.ordo.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.ordo.journal.counters.CountersFile;
import io.ordo.journal.counters.EngineCounters;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.agrona.concurrent.status.CountersReader;

/**
 * The counters of a data directory's {@code counters.dat} in Prometheus' text format, read on every scrape from the
 * mapped file (the exporter's HTTP server: {@code io.prometheus:prometheus-metrics-exporter-httpserver}). Totals are
 * counters ({@code ordo_commands_journaled_total}), the rest gauges ({@code ordo_input_ring_backlog_commands}); the
 * rejections by reason are one counter with a {@code reason} label ({@code ordo_rejected_total{reason="..."}}).
 * <p>
 * The scrape runs on the HTTP server's threads; the file stays mapped until {@link #close}.
 */
final class PrometheusCounters implements MultiCollector, AutoCloseable
{
    private static final String REJECTED = "rejected ";

    private final CountersFile file;
    private final CountersReader reader;
    private final HTTPServer server;

    private PrometheusCounters(final CountersFile file, final InetSocketAddress address) throws IOException
    {
        this.file = file;
        this.reader = file.reader();
        final PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(this);
        this.server = HTTPServer.builder().inetAddress(address.getAddress()).port(address.getPort())
            .registry(registry).buildAndStart();
    }

    /** Serves the counters of the directory's file at {@code http://address/metrics}. */
    static PrometheusCounters start(final Path dataDirectory, final InetSocketAddress address)
        throws IOException
    {
        final CountersFile file = CountersFile.openForReading(dataDirectory);
        try
        {
            return new PrometheusCounters(file, address);
        }
        catch (final IOException | RuntimeException e)
        {
            file.close();
            throw e;
        }
    }

    int port()
    {
        return server.getPort();
    }

    @Override
    public MetricSnapshots collect()
    {
        final List<MetricSnapshot> metrics = new ArrayList<>();
        final CounterSnapshot.Builder rejected = CounterSnapshot.builder().name("ordo_rejected")
            .help("Commands rejected, by reason");
        final boolean[] anyRejected = {false};
        reader.forEach((counterId, typeId, keyBuffer, label) ->
        {
            final long value = reader.getCounterValue(counterId);
            if (label.startsWith(REJECTED))
            {
                rejected.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(value)
                    .labels(Labels.of("reason", label.substring(REJECTED.length()))).build());
                anyRejected[0] = true;
            }
            else if (typeId == EngineCounters.TYPE_TOTAL)
            {
                metrics.add(CounterSnapshot.builder().name(name(label)).help(label).dataPoint(
                    CounterSnapshot.CounterDataPointSnapshot.builder().value(value).build()).build());
            }
            else if (typeId == EngineCounters.TYPE_GAUGE)
            {
                metrics.add(GaugeSnapshot.builder().name(name(label)).help(label).dataPoint(
                    GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build()).build());
            }
        });
        if (anyRejected[0])
        {
            metrics.add(rejected.build());
        }
        return new MetricSnapshots(metrics);
    }

    /** {@code "input ring backlog (commands)"} -> {@code ordo_input_ring_backlog_commands}. */
    static String name(final String label)
    {
        return "ordo_" + label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    @Override
    public void close()
    {
        server.close();
        file.close();
    }
}
