package io.ordo.gateway;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.ordo.gateway.server.Gateway;
import io.ordo.gateway.server.GatewayConfig;
import io.ordo.journal.EngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of {@code ordo example} (the README's example) and {@code ordo watch} against a real server: the
 * example trades and prints the live best bid and offer and the trade; watch prints the book's state.
 */
class ExampleCommandTest
{
    @TempDir
    Path dir;

    @Test
    void shouldPrintTheBestBidAndOfferAndTheTradeAsTheExampleTrades() throws Exception
    {
        final Path data = dir.resolve("data");
        final String key = data.resolve("operator.key").toString();
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final PrintStream originalOut = System.out;
        final int example;
        final int watch;
        try (Gateway gateway = Gateway.start(new EngineConfig().dataDirectory(data).createDataDirectory(true),
            new GatewayConfig().listen(new InetSocketAddress("127.0.0.1", 0)), data.resolve("operator.key")))
        {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            final String connect = "127.0.0.1:" + gateway.port();
            example = OrdoLauncher.commandLine().execute("example", "--connect", connect, "--key-file", key);
            watch = OrdoLauncher.commandLine().execute("watch", "--connect", connect, "--key-file", key,
                "--instrument", "10", "--duration", "1");
        }
        finally
        {
            System.setOut(originalOut);
        }

        final String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(example).as(output).isZero();
        assertThat(watch).as(output).isZero();
        assertThat(output)
            .contains("[market data 10] BBO  bid -  ask -  (as of sequence 0)")
            .contains("[market data 10] BBO  bid -  ask 200000 @ 3000")
            .contains("[market data 10] trade 1: 200000 at 3000, aggressor BUY");
        // watch, after the example: the book is empty again, as of the example's trade.
        assertThat(output.substring(output.lastIndexOf("buys 0.002 BTC"))).containsPattern(
            "\\[market data 10\\] BBO  bid -  ask -  \\(as of sequence [1-9][0-9]*\\)");
    }
}
