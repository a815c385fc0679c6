package io.ordo.gateway;

import java.util.Locale;
import java.util.concurrent.Callable;

import io.ordo.client.ApiKeyFile;
import io.ordo.client.ClientConfig;
import io.ordo.client.CommandResult;
import io.ordo.client.OrdoClient;
import io.ordo.protocol.EventListener;
import io.ordo.protocol.codec.KeyRole;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.RejectReason;
import io.ordo.protocol.codec.Side;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ordo example --key-file FILE}: the README's example client. With the operator key it sets up a market
 * (if the server has none) and two accounts with their own keys, then logs in as each trader, places a resting
 * sell and a crossing buy, and prints what each session is told and the market data (best bid and offer, trades).
 * <p>
 * Runs on the calling thread; events are printed from the clients' reader threads.
 */
@Command(
    name = "example",
    mixinStandardHelpOptions = true,
    description = {
        "The example client: logs in with the operator key, creates BTC (asset 1), USD (asset 2) and BTC/USD "
            + "(instrument 10) unless they exist, opens and funds two accounts with trader keys (printed once), "
            + "then trades between them over two sessions and prints each session's events." })
public final class ExampleCommand implements Callable<Integer>
{
    @Mixin
    private ConnectOptions server;

    @Option(names = "--accounts", paramLabel = "A,B", split = ",", defaultValue = "101,102",
        description = "The two accounts to open and trade between (default: ${DEFAULT-VALUE}).")
    private long[] accounts;

    @Override
    public Integer call() throws Exception
    {
        final String host = server.host();
        final int port = server.port();
        try (OrdoClient operator = OrdoClient.connect(new ClientConfig().server(host, port)
            .login(ApiKeyFile.read(server.keyFile()))))
        {
            expect(operator.createAsset(1, 8).join(), "create asset 1 (BTC, 8 decimals)");
            expect(operator.createAsset(2, 2).join(), "create asset 2 (USD, 2 decimals)");
            expect(operator.createInstrument(10, 1, 2, 1_000, 2_000, 100_000, 1, 100_000, 100_000_000_000L, 1,
                100_000_000L).join(), "create instrument 10 (BTC/USD: prices in USD cents per lot of 0.001 BTC)");
            final ApiKeyFile[] keys = new ApiKeyFile[2];
            for (int i = 0; i < 2; i++)
            {
                final long account = accounts[i];
                expect(operator.openAccount(account).join(), "open account " + account);
                expect(operator.deposit(account, 1, 1_000_000_000L).join(), "deposit 10 BTC to " + account);
                expect(operator.deposit(account, 2, 10_000_000L).join(), "deposit 100,000.00 USD to " + account);
                final CommandResult key = operator.createApiKey(account, KeyRole.TRADER).join();
                expect(key, "trader key for " + account);
                System.out.printf(Locale.ROOT, "  account %d key (shown once): %s%n", account, key.apiKey());
                keys[i] = new ApiKeyFile(account, key.apiKey());
            }
            // Market data, as any session may watch it: the best bid and offer, and the trades.
            final MarketDataPrinter marketData = new MarketDataPrinter(System.out);
            operator.subscribeTop(10, marketData);
            operator.subscribeBook(10, marketData);
            try (OrdoClient seller = trader(host, port, keys[0]); OrdoClient buyer = trader(host, port, keys[1]))
            {
                final CommandResult ask = seller.placeOrder(10, Side.SELL, OrderKind.GTC, 3_000, 200_000).join();
                expect(ask, "account " + accounts[0] + " sells 0.002 BTC at 30.00 USD per 0.001 BTC (order " +
                    ask.orderId() + ")");
                final CommandResult bid = buyer.placeOrder(10, Side.BUY, OrderKind.IOC, 3_000, 200_000).join();
                expect(bid, "account " + accounts[1] + " buys 0.002 BTC at 30.00, immediate or cancel (order " +
                    bid.orderId() + ")");
                Thread.sleep(200);
            }
        }
        return 0;
    }

    private static OrdoClient trader(final String host, final int port, final ApiKeyFile key) throws Exception
    {
        final long account = key.accountId();
        return OrdoClient.connect(new ClientConfig().server(host, port).login(key).eventListener(new EventListener()
        {
            @Override
            public void onTrade(final long tradeId, final long timestampNs, final int instrumentId,
                final short aggressorSideCode, final long makerOrderId, final long takerOrderId,
                final long makerAccountId, final long takerAccountId, final long price, final long quantity,
                final long makerFee, final long takerFee, final long makerRemaining, final long takerRemaining)
            {
                System.out.printf(Locale.ROOT, "  [session of %d] trade %d: %d at %d, maker order %d, taker order %d," +
                    " fees maker %d taker %d%n", account, tradeId, quantity, price, makerOrderId, takerOrderId,
                    makerFee, takerFee);
            }

            @Override
            public void onBalanceChanged(final long accountId, final int assetId, final short causeCode,
                final long availableDelta, final long heldDelta, final long availableAfter, final long heldAfter,
                final long referenceId)
            {
                System.out.printf(Locale.ROOT, "  [session of %d] balance of asset %d: available %+d -> %d, " +
                    "held %+d -> %d (cause %d)%n", account, assetId, availableDelta, availableAfter, heldDelta,
                    heldAfter, causeCode);
            }
        }));
    }

    private static void expect(final CommandResult result, final String what)
    {
        // Run again on the same server, the example finds its assets, instrument and accounts there already.
        final boolean exists = !result.accepted() && (result.reason() == RejectReason.ASSET_EXISTS ||
            result.reason() == RejectReason.INSTRUMENT_EXISTS || result.reason() == RejectReason.ACCOUNT_EXISTS);
        System.out.printf(Locale.ROOT, "%s: %s%n", what, result.accepted() ? "accepted" : exists ?
            "exists already" : "REJECTED " + result.reason());
        if (!result.accepted() && !exists)
        {
            throw new IllegalStateException(what + " was rejected: " + result.reason());
        }
    }
}
