package io.ordo.gateway.server;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.ordo.client.ApiKeyFile;
import io.ordo.client.ClientConfig;
import io.ordo.client.CommandResult;
import io.ordo.client.OrdoClient;
import io.ordo.journal.EngineConfig;
import io.ordo.protocol.EventListener;
import io.ordo.protocol.codec.KeyRole;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running server on a data directory with a market (BTC/USD) and funded accounts 1 and 2, an operator session,
 * and the clients a test opens (closed with the venue). Test helper.
 */
final class Venue implements AutoCloseable
{
    static final int BTC = 1;
    static final int USD = 2;
    static final int BTC_USD = 10;

    final Path dir;
    private final Consumer<EngineConfig> engineSettings;
    private final Consumer<GatewayConfig> gatewaySettings;
    private final Consumer<ClientConfig> clientSettings;
    private final List<OrdoClient> clients = new CopyOnWriteArrayList<>();
    Gateway gateway;
    OrdoClient operator;
    private int port;

    Venue(final Path dir, final Consumer<EngineConfig> engineSettings, final Consumer<GatewayConfig> gatewaySettings)
        throws Exception
    {
        this(dir, engineSettings, gatewaySettings, client -> { });
    }

    Venue(final Path dir, final Consumer<EngineConfig> engineSettings, final Consumer<GatewayConfig> gatewaySettings,
        final Consumer<ClientConfig> clientSettings) throws Exception
    {
        this.dir = dir;
        this.engineSettings = engineSettings;
        this.gatewaySettings = gatewaySettings;
        this.clientSettings = clientSettings;
        start();
        operator = connect(ApiKeyFile.read(dir.resolve("operator.key")), null);
        assertThat(operator.createAsset(BTC, 8).join().accepted()).isTrue();
        assertThat(operator.createAsset(USD, 2).join().accepted()).isTrue();
        assertThat(operator.createInstrument(BTC_USD, BTC, USD, 1_000, 2_000, 1_000, 10, 1_000, 1_000_000_000L, 10,
            1_000_000_000L).join().accepted()).isTrue();
        for (final long account : new long[] {1, 2})
        {
            assertThat(operator.openAccount(account).join().accepted()).isTrue();
            assertThat(operator.deposit(account, BTC, 1_000_000_000).join().accepted()).isTrue();
            assertThat(operator.deposit(account, USD, 100_000_000_000L).join().accepted()).isTrue();
        }
    }

    Venue(final Path dir) throws Exception
    {
        this(dir, engine -> { }, gateway -> { });
    }

    /** Starts the server, on the port it had before when restarted. */
    void start()
    {
        final boolean fresh = !Files.exists(dir.resolve("ordo-data.properties"));
        final EngineConfig engineConfig = new EngineConfig().dataDirectory(dir).createDataDirectory(fresh);
        engineSettings.accept(engineConfig);
        final GatewayConfig config = new GatewayConfig().listen(new InetSocketAddress("127.0.0.1", port))
            .failedLoginDelayMs(10);
        gatewaySettings.accept(config);
        gateway = Gateway.start(engineConfig, config, dir.resolve("operator.key"));
        port = gateway.port();
    }

    int port()
    {
        return port;
    }

    OrdoClient connect(final ApiKeyFile key, final EventListener listener) throws Exception
    {
        final ClientConfig config = new ClientConfig().server("127.0.0.1", port).login(key);
        clientSettings.accept(config);
        if (listener != null)
        {
            config.eventListener(listener);
        }
        final OrdoClient client = OrdoClient.connect(config);
        clients.add(client);
        return client;
    }

    ApiKeyFile traderKey(final long account)
    {
        final CommandResult created = operator.createApiKey(account, KeyRole.TRADER).join();
        assertThat(created.accepted()).as(String.valueOf(created)).isTrue();
        assertThat(created.apiKey()).as("the secret, shown once").startsWith("ordo_" + created.orderId() + "_");
        return new ApiKeyFile(account, created.apiKey());
    }

    void closeClients()
    {
        clients.forEach(OrdoClient::close);
        clients.clear();
    }

    @Override
    public void close()
    {
        closeClients();
        if (gateway != null)
        {
            gateway.close();
        }
    }
}
