package io.ordo.gateway.loadgen;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.ordo.client.ApiKeyFile;
import io.ordo.gateway.ConnectOptions;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ordo loadgen --connect HOST:PORT --key-file FILE --rate R --duration S [--connections N]}: see
 * {@link LoadGenerator}. Optionally writes the histogram ({@code --hgrm}) and a percentile plot ({@code --plot}).
 * <p>
 * Runs on the calling thread.
 */
@Command(
    name = "loadgen",
    mixinStandardHelpOptions = true,
    description = {
        "Drives a running server open loop at a fixed rate over several sessions and reports the latency of each "
            + "command from when it was due to when its outcome arrived, corrected for coordinated omission: a live "
            + "progress line, then a percentile table. Creates its own accounts and trader keys with the operator "
            + "key. Exit code 0, or 1 when a command failed (an error, not a rejection)." })
public final class LoadgenCommand implements Callable<Integer>
{
    @Mixin
    private ConnectOptions server;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "10000",
        description = "Commands per second offered, over all sessions (default: ${DEFAULT-VALUE}).")
    private long rate;

    @Option(names = "--duration", paramLabel = "S", defaultValue = "10",
        description = "Seconds measured, after the warm-up (default: ${DEFAULT-VALUE}).")
    private int duration;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "2",
        description = "Seconds at the same rate before measuring (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "4",
        description = "Sessions, one account each (default: ${DEFAULT-VALUE}).")
    private int connections;

    @Option(names = "--account-base", paramLabel = "ID", defaultValue = "1000000",
        description = "First account id (default: ${DEFAULT-VALUE}); accounts that exist are funded again.")
    private long accountBase;

    @Option(names = "--hgrm", paramLabel = "FILE", description = "Write the percentile distribution (.hgrm).")
    private Path hgrm;

    @Option(names = "--plot", paramLabel = "FILE", description = "Write a percentile plot (.png).")
    private Path plot;

    @Override
    public Integer call() throws Exception
    {
        final LoadGenerator generator = new LoadGenerator(server.host(), server.port(),
            ApiKeyFile.read(server.keyFile()), connections, rate, duration, warmup, accountBase, System.out,
            System.console() != null);
        final Histogram latency = generator.run();
        if (hgrm != null)
        {
            try (PrintStream file = new PrintStream(Files.newOutputStream(hgrm)))
            {
                latency.outputPercentileDistribution(file, 1_000.0);
            }
            System.out.println("wrote " + hgrm + " (microseconds)");
        }
        if (plot != null)
        {
            writePlot(latency, plot, "ordo loadgen: " + rate + " commands/s, " + connections + " sessions");
            System.out.println("wrote " + plot);
        }
        return generator.failed() ? 1 : 0;
    }

    /** Latency by percentile, the x axis in "nines" (1/(1-p), log), as HdrHistogram's plotter draws it. */
    static void writePlot(final Histogram histogram, final Path file, final String title) throws Exception
    {
        final List<Double> nines = new ArrayList<>();
        final List<Double> micros = new ArrayList<>();
        for (final double percentile : new double[] {0, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999})
        {
            nines.add(1 / (1 - percentile / 100));
            micros.add(Math.max(1, histogram.getValueAtPercentile(percentile)) / 1_000.0);
        }
        final XYChart chart = new XYChartBuilder().width(900).height(500).title(title)
            .xAxisTitle("percentile (1/(1-p): 10 = 90%, 100 = 99%, 1000 = 99.9%)").yAxisTitle("latency (us)")
            .build();
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true)
            .setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.addSeries("due -> outcome", nines, micros);
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
