package io.ordo.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ordo.client.ApiKeyFile;
import io.ordo.client.ClientConfig;
import io.ordo.client.CommandResult;
import io.ordo.client.OrdoClient;
import io.ordo.protocol.codec.KeyRole;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of {@code ordo server} as an operator runs it, in a child JVM: it creates the data directory and
 * the operator key, serves clients, stops on SIGTERM with exit code 0 after a snapshot, restarts with nothing lost,
 * and a second server on the same directory is refused naming the first.
 */
class ServerCommandTest
{
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path tmp;

    @Test
    void shouldServeStopOnSigtermWithExitCodeZeroAndRestartWithNothingLost() throws Exception
    {
        final Path data = tmp.resolve("data");
        final Server first = Server.start(data);
        assertThat(first.output).anyMatch(l -> l.contains("created the operator API key (key id 1) in " +
            data.resolve("operator.key")));

        final long orderId;
        final ApiKeyFile trader;
        try (OrdoClient operator = client(first.port, ApiKeyFile.read(data.resolve("operator.key"))))
        {
            assertThat(operator.createAsset(1, 8).join().accepted()).isTrue();
            assertThat(operator.createAsset(2, 2).join().accepted()).isTrue();
            assertThat(operator.createInstrument(10, 1, 2, 0, 0, 1, 1, 1, 1_000_000, 1, 1_000_000).join().accepted())
                .isTrue();
            assertThat(operator.openAccount(5).join().accepted()).isTrue();
            assertThat(operator.deposit(5, 2, 1_000_000).join().accepted()).isTrue();
            final CommandResult key = operator.createApiKey(5, KeyRole.TRADER).join();
            trader = new ApiKeyFile(5, key.apiKey());
        }
        try (OrdoClient client = client(first.port, trader))
        {
            orderId = client.placeOrder(10, Side.BUY, OrderKind.GTC, 100, 10).join().orderId();
        }

        assertThat(first.stop()).as("exit code after SIGTERM; output %s", first.output).isZero();
        assertThat(first.output).contains("ordo server: stopped");
        assertThat(Files.list(data.resolve("snapshots")).count()).as("the closing snapshot").isEqualTo(1);

        final Server second = Server.start(data);
        try
        {
            assertThat(second.output).noneMatch(l -> l.contains("created the operator API key"));
            final Server third = Server.start(data);
            assertThat(third.stop()).as("a second server on the directory").isEqualTo(1);
            assertThat(third.output).anyMatch(l -> l.contains("in use by process"));

            try (OrdoClient client = client(second.port, trader))
            {
                assertThat(client.cancelOrder(orderId).join().accepted()).as("the order survived the restart")
                    .isTrue();
            }
        }
        finally
        {
            assertThat(second.stop()).isZero();
        }
    }

    private static OrdoClient client(final int port, final ApiKeyFile key) throws IOException
    {
        return OrdoClient.connect(new ClientConfig().server("127.0.0.1", port).login(key).reconnect(false));
    }

    /** A server in a child JVM, its output collected line by line. */
    private static final class Server
    {
        final Process process;
        final List<String> output = new CopyOnWriteArrayList<>();
        volatile int port;
        private Thread reader;

        private Server(final Process process)
        {
            this.process = process;
        }

        static Server start(final Path data) throws Exception
        {
            final List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(Arrays.asList(Files.readString(Path.of("target", "jvm.flags")).trim().split("\\s+")));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), OrdoLauncher.class.getName(),
                "server", "--data", data.toString(), "--listen", "127.0.0.1:0"));
            final Server server = new Server(new ProcessBuilder(command).redirectErrorStream(true).start());
            server.reader = new Thread(server::read, "server-output");
            server.reader.setDaemon(true);
            server.reader.start();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (server.port == 0 && server.process.isAlive() && System.nanoTime() < deadline)
            {
                Thread.sleep(20);
            }
            return server;
        }

        private void read()
        {
            try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = in.readLine()) != null)
                {
                    output.add(line);
                    final Matcher listening = LISTENING.matcher(line);
                    if (listening.find())
                    {
                        port = Integer.parseInt(listening.group(1));
                    }
                }
            }
            catch (final IOException ignored)
            {
                // The process ended.
            }
        }

        /** Sends SIGTERM (or waits for an exit already under way) and returns the exit code. */
        int stop() throws InterruptedException
        {
            if (process.isAlive())
            {
                // SIGTERM through the handle: Process.destroy() would also close our end of its output.
                process.toHandle().destroy();
            }
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
            reader.join(10_000);
            return process.exitValue();
        }
    }
}
