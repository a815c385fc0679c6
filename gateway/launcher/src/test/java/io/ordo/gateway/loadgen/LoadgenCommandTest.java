package io.ordo.gateway.loadgen;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.ordo.gateway.OrdoLauncher;
import io.ordo.gateway.server.Gateway;
import io.ordo.gateway.server.GatewayConfig;
import io.ordo.journal.EngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of {@code ordo loadgen} against a real server on loopback: it sets up its own accounts and keys,
 * every command it sends is answered, and it writes the histogram and the plot it was asked for.
 */
class LoadgenCommandTest
{
    @TempDir
    Path dir;

    @Test
    void shouldAnswerEveryCommandAndWriteTheHistogramAndThePlot() throws Exception
    {
        final Path data = dir.resolve("data");
        final Path hgrm = dir.resolve("latency.hgrm");
        final Path plot = dir.resolve("latency.png");
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final PrintStream originalOut = System.out;
        final int exitCode;
        try (Gateway gateway = Gateway.start(new EngineConfig().dataDirectory(data).createDataDirectory(true),
            new GatewayConfig().listen(new InetSocketAddress("127.0.0.1", 0)), data.resolve("operator.key")))
        {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            exitCode = OrdoLauncher.commandLine().execute("loadgen", "--connect", "127.0.0.1:" + gateway.port(),
                "--key-file", data.resolve("operator.key").toString(), "--rate", "500", "--duration", "2",
                "--warmup", "0", "--connections", "2", "--hgrm", hgrm.toString(), "--plot", plot.toString());
        }
        finally
        {
            System.setOut(originalOut);
        }

        final String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as(output).isZero();
        assertThat(output).contains("sent 1,000, answered 1,000 (accepted ").contains("errors 0")
            .contains("p99.9")
            .containsPattern("market data latency, due -> BookUpdate received by a subscriber, [1-9][0-9,]* updates");
        assertThat(Files.readString(hgrm)).contains("Value     Percentile TotalCount");
        assertThat(Files.size(plot)).isPositive();
        assertThat(Files.readAllBytes(plot)).startsWith(new byte[] {(byte)0x89, 'P', 'N', 'G'});
    }
}
