package io.ordo.gateway;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.ordo.client.ApiKeyFile;
import io.ordo.client.ClientConfig;
import io.ordo.client.OrdoClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ordo watch --instrument I}: a live view of an instrument's market data over TCP, its best bid and offer and
 * its trades, until interrupted or for {@code --duration} seconds.
 * <p>
 * Runs on the calling thread, which waits; the lines are printed from the client's reader thread.
 */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = {"Prints an instrument's best bid and offer and its trades as they happen (Ctrl-C to stop)."})
public final class WatchCommand implements Callable<Integer>
{
    @Mixin
    private ConnectOptions server;

    @Option(names = "--instrument", paramLabel = "I", defaultValue = "10",
        description = "The instrument (default: ${DEFAULT-VALUE}).")
    private int instrument;

    @Option(names = "--duration", paramLabel = "S", defaultValue = "0",
        description = "Stop after this many seconds (default: 0, never).")
    private int duration;

    @Override
    public Integer call() throws Exception
    {
        try (OrdoClient client = OrdoClient.connect(new ClientConfig().server(server.host(), server.port())
            .login(ApiKeyFile.read(server.keyFile()))))
        {
            final MarketDataPrinter printer = new MarketDataPrinter(System.out);
            client.subscribeTop(instrument, printer);
            client.subscribeBook(instrument, printer);
            final CountDownLatch never = new CountDownLatch(1);
            if (duration > 0)
            {
                never.await(duration, TimeUnit.SECONDS);
            }
            else
            {
                never.await();
            }
        }
        return 0;
    }
}
