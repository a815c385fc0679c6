package io.ordo.benchmarks.harness;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.ordo.journal.pipeline.PipelineConfig;
import io.ordo.journal.pipeline.WaitStrategyKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the end-to-end harness from rotting: a tiny run of every part (throughput with journaling off and on, one
 * latency rate) must finish and write its histograms and plot. Measures nothing.
 */
class PipelineHarnessSmokeTest
{
    @TempDir
    Path out;

    @Test
    void shouldRunThroughputAndLatencyAndWriteHistogramsAndPlot()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream original = System.out;
        final int exitCode;
        try
        {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            exitCode = new CommandLine(new PipelineHarness()).execute("--commands", "5000", "--iterations", "1",
                "--warmup", "0", "--rates", "20000", "--latency-seconds", "1", "--out", out.toString());
        }
        finally
        {
            System.setOut(original);
        }
        final String output = bytes.toString(StandardCharsets.UTF_8);

        assertThat(exitCode).as(output).isZero();
        assertThat(output).contains("THROUGHPUT journal off: median", "THROUGHPUT journal on (mapped): median",
            "LATENCY journal off at 20,000/s", "LATENCY journal on (mapped) at 20,000/s", "git commit:");
        assertThat(out.resolve("pipeline-journal-off-20000.hgrm")).isNotEmptyFile();
        assertThat(out.resolve("pipeline-journal-on-20000.hgrm")).isNotEmptyFile();
        assertThat(out.resolve("pipeline-latency.png")).isNotEmptyFile();
    }

    @Test
    void shouldMeasureTheEnginesDefaultsUnlessToldOtherwise()
    {
        final PipelineHarness harness = new PipelineHarness();

        new CommandLine(harness).parseArgs();

        assertThat(harness.waitStrategy).isEqualTo(WaitStrategyKind.DEFAULT);
        assertThat(harness.ringSize).isEqualTo(PipelineConfig.DEFAULT_INPUT_RING_SIZE)
            .isEqualTo(PipelineConfig.DEFAULT_OUTPUT_RING_SIZE);
    }
}
