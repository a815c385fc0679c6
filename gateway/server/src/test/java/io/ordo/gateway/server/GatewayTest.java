package io.ordo.gateway.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.ordo.client.AccountBalances;
import io.ordo.client.ApiKeyFile;
import io.ordo.client.CommandResult;
import io.ordo.client.OrdoClient;
import io.ordo.client.SessionErrorException;
import io.ordo.protocol.EventListener;
import io.ordo.protocol.codec.CommandType;
import io.ordo.protocol.codec.KeyRole;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.RejectReason;
import io.ordo.protocol.codec.SessionErrorCode;
import io.ordo.protocol.codec.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Specification of the gateway seen from a client over real loopback sockets: the operator key of a new data
 * directory, administration, trading between two accounts, what each session may do and see, and a restart that
 * loses nothing.
 */
class GatewayTest
{
    private static final int BTC_USD = Venue.BTC_USD;
    private static final int USD = Venue.USD;

    @TempDir
    Path dir;

    private Venue venue;
    private Gateway gateway;
    private OrdoClient operator;

    @BeforeEach
    void startServerAndMarket() throws Exception
    {
        venue = new Venue(dir);
        gateway = venue.gateway;
        operator = venue.operator;
    }

    @AfterEach
    void stop()
    {
        venue.close();
    }

    private OrdoClient connect(final ApiKeyFile key, final EventListener listener) throws Exception
    {
        return venue.connect(key, listener);
    }

    private ApiKeyFile traderKey(final long account)
    {
        return venue.traderKey(account);
    }

    @Test
    void shouldWriteTheOperatorKeyReadableByItsOwnerOnly() throws Exception
    {
        final Path file = dir.resolve("operator.key");

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(gateway.operatorKeyCreated()).isEqualTo(1);
        assertThat(ApiKeyFile.read(file).accountId()).isZero();
        assertThat(operator.role()).isEqualTo(KeyRole.ADMIN);
    }

    @Test
    void shouldTradeBetweenTwoSessionsAndTellEachItsOwnSide() throws Exception
    {
        final Events sellerEvents = new Events();
        final Events buyerEvents = new Events();
        final OrdoClient seller = connect(traderKey(1), sellerEvents);
        final OrdoClient buyer = connect(traderKey(2), buyerEvents);

        final CommandResult ask = seller.placeOrder(BTC_USD, Side.SELL, OrderKind.GTC, 5_000, 2_000).join();
        final CommandResult bid = buyer.placeOrder(BTC_USD, Side.BUY, OrderKind.IOC, 5_000, 2_000).join();

        assertThat(ask.accepted()).isTrue();
        assertThat(bid.accepted()).isTrue();
        assertThat(bid.commandType()).isEqualTo(CommandType.PLACE_ORDER);
        sellerEvents.await("Trade");
        assertThat(buyerEvents.lines()).anyMatch(l -> l.startsWith("Trade maker=0/0 taker=2/" + bid.orderId()));
        assertThat(sellerEvents.lines()).as("the maker's own fill, the taker hidden")
            .anyMatch(l -> l.startsWith("Trade maker=1/" + ask.orderId() + " taker=0/0"));
        assertThat(sellerEvents.lines()).as("only account 1's balances")
            .allMatch(l -> !l.startsWith("BalanceChanged") || l.startsWith("BalanceChanged account=1 "));
        assertThat(buyerEvents.lines()).allMatch(l -> !l.startsWith("BalanceChanged") ||
            l.startsWith("BalanceChanged account=2 "));
    }

    @Test
    void shouldRefuseWhatATraderSessionMayNotDoAndApplyNothing() throws Exception
    {
        final OrdoClient victim = connect(traderKey(2), null);
        final long victimOrder = victim.placeOrder(BTC_USD, Side.BUY, OrderKind.GTC, 1_000, 1_000).join().orderId();
        final OrdoClient trader = connect(traderKey(1), null);

        assertRefused(trader.send((w, b, id) -> w.cancelOrder(b, 0, 2, id, 0, victimOrder)));
        assertRefused(trader.send((w, b, id) -> w.replaceOrder(b, 0, 2, id, 0, victimOrder, 990, 1_000)));
        assertRefused(trader.send((w, b, id) -> w.placeOrder(b, 0, 2, id, 0, BTC_USD, Side.SELL, OrderKind.GTC,
            9_000, 1_000, 0)));
        assertRefused(trader.send((w, b, id) -> w.cancelAll(b, 0, 2, id, 0, 0)));
        assertRefused(trader.send((w, b, id) -> w.transfer(b, 0, 2, id, 0, 1, USD, 1)));
        assertRefused(trader.deposit(1, USD, 1));
        assertRefused(trader.withdraw(1, USD, 1));
        assertRefused(trader.openAccount(9));
        assertRefused(trader.createAsset(9, 2));
        assertRefused(trader.createApiKey(1, KeyRole.ADMIN));
        assertRefused(trader.takeSnapshot());

        assertThat(victim.cancelOrder(victimOrder).join().accepted()).as("the victim's order is still there").isTrue();
    }

    @Test
    void shouldAnswerBalanceQueriesOfTheSessionsOwnAccountOnlyAndAnyAccountForAnAdmin() throws Exception
    {
        final OrdoClient seller = connect(traderKey(1), null);
        final OrdoClient buyer = connect(traderKey(2), null);
        seller.placeOrder(BTC_USD, Side.SELL, OrderKind.GTC, 5_000, 2_000).join();
        final CommandResult bought = buyer.placeOrder(BTC_USD, Side.BUY, OrderKind.IOC, 5_000, 2_000).join();

        final AccountBalances own = buyer.queryBalances(2).get(10, TimeUnit.SECONDS);
        assertThat(own.asOfSequence()).as("at least as recent as the buy").isGreaterThanOrEqualTo(bought.sequence());
        assertThat(own.of(Venue.BTC).available()).as("deposit plus the 2,000 bought")
            .isEqualTo(1_000_000_000 + 2_000);
        assertThat(own.of(USD).held()).isZero();

        assertThatThrownBy(() -> buyer.queryBalances(1).get(10, TimeUnit.SECONDS))
            .hasCauseInstanceOf(SessionErrorException.class)
            .satisfies(e -> assertThat(((SessionErrorException)e.getCause()).code())
                .isEqualTo(SessionErrorCode.NOT_ALLOWED));

        final AccountBalances seen = operator.queryBalances(1).get(10, TimeUnit.SECONDS);
        assertThat(seen.of(Venue.BTC).available()).as("the seller's, read by the admin")
            .isEqualTo(1_000_000_000 - 2_000);
        assertThat(operator.queryBalances(424242).get(10, TimeUnit.SECONDS).balances()).as("no such account")
            .isEmpty();
    }

    @Test
    void shouldKeepBalanceQueriesTrueAcrossARestartFromTheRecoveredState() throws Exception
    {
        final AccountBalances before = operator.queryBalances(1).get(10, TimeUnit.SECONDS);
        venue.closeClients();
        gateway.close();

        venue.start();
        gateway = venue.gateway;
        final OrdoClient admin = connect(ApiKeyFile.read(dir.resolve("operator.key")), null);

        assertThat(admin.queryBalances(1).get(10, TimeUnit.SECONDS).balances()).isEqualTo(before.balances());
    }

    private static void assertRefused(final java.util.concurrent.CompletableFuture<CommandResult> future)
    {
        final CommandResult result = future.join();
        assertThat(result.accepted()).as(String.valueOf(result)).isFalse();
        assertThat(result.reason()).isEqualTo(RejectReason.NOT_AUTHORIZED);
    }

    @Test
    void shouldTakeValueTimesOverTheWireAndRefuseANegativeOne() throws Exception
    {
        final long yesterdayNs = (System.currentTimeMillis() - 86_400_000L) * 1_000_000L;
        final OrdoClient trader = connect(traderKey(1), null);
        final long before = operator.queryBalances(2).get(10, TimeUnit.SECONDS).of(USD).available();

        final CommandResult backValued = operator.deposit(1, USD, 500, yesterdayNs).join();
        final CommandResult forwardValued = trader.transfer(2, USD, 200, yesterdayNs + 2 * 86_400_000_000_000L).join();
        final CommandResult negative = operator.withdraw(1, USD, 1, -1).join();

        assertThat(backValued.accepted()).as(String.valueOf(backValued)).isTrue();
        assertThat(forwardValued.accepted()).as(String.valueOf(forwardValued)).isTrue();
        assertThat(negative.accepted()).isFalse();
        assertThat(negative.reason()).isEqualTo(RejectReason.INVALID_VALUE_TIME);
        assertThat(operator.queryBalances(2).get(10, TimeUnit.SECONDS).of(USD).available())
            .as("booked when recorded, whatever the value time").isEqualTo(before + 200);
    }

    @Test
    void shouldAnswerAResentRequestWithItsOriginalOutcomeAndApplyItOnce() throws Exception
    {
        final OrdoClient trader = connect(traderKey(1), null);
        final long requestId = System.currentTimeMillis() * 1_000L + 777;
        final CommandResult first = trader.send(requestId, (w, b, id) -> w.placeOrder(b, 0, 1, id, 0, BTC_USD,
            Side.BUY, OrderKind.GTC, 1_000, 1_000, 0)).join();

        final CommandResult again = trader.send(requestId, (w, b, id) -> w.placeOrder(b, 0, 1, id, 0, BTC_USD,
            Side.BUY, OrderKind.GTC, 1_000, 1_000, 0)).join();

        assertThat(first.duplicate()).isFalse();
        assertThat(again.duplicate()).isTrue();
        assertThat(again.accepted()).as("the original was").isTrue();
        assertThat(again.orderId()).isEqualTo(first.orderId());
        assertThat(trader.cancelAll(0).join().accepted()).isTrue();
    }

    @Test
    void shouldRefuseAWrongKeyTheSameWayWhateverIsWrong() throws Exception
    {
        final ApiKeyFile good = traderKey(1);
        final String wrongSecret = good.key().substring(0, good.key().length() - 1) +
            (good.key().endsWith("0") ? "1" : "0");

        final List<SessionErrorCode> codes = List.of(
            loginFailure(new ApiKeyFile(1, wrongSecret)),
            loginFailure(new ApiKeyFile(2, good.key())),
            loginFailure(new ApiKeyFile(99, "ordo_99_" + "ab".repeat(32))));

        assertThat(codes).containsOnly(SessionErrorCode.LOGIN_FAILED);
    }

    private SessionErrorCode loginFailure(final ApiKeyFile key)
    {
        try
        {
            connect(key, null);
            return null;
        }
        catch (final SessionErrorException refused)
        {
            return refused.code();
        }
        catch (final Exception other)
        {
            throw new AssertionError(other);
        }
    }

    @Test
    void shouldCloseTheSessionsOfARevokedKey() throws Exception
    {
        final ApiKeyFile key = traderKey(1);
        final OrdoClient trader = connect(key, null);
        assertThat(trader.placeOrder(BTC_USD, Side.BUY, OrderKind.GTC, 1_000, 1_000).join().accepted()).isTrue();

        assertThat(operator.revokeApiKey(1, trader.keyId()).join().accepted()).isTrue();

        final CommandResult late = trader.placeOrder(BTC_USD, Side.BUY, OrderKind.GTC, 1_000, 1_000)
            .handle((r, e) -> r).get(10, TimeUnit.SECONDS);
        if (late != null)
        {
            assertThat(late.reason()).as("if it got through before the close").isEqualTo(RejectReason.NOT_AUTHORIZED);
        }
        assertThatThrownBy(() -> connect(key, null)).isInstanceOf(SessionErrorException.class);
    }

    @Test
    void shouldAnswerASessionThatRotatesItsOwnKeyBeforeClosingIt() throws Exception
    {
        final CommandResult adminKey = operator.createApiKey(0, KeyRole.ADMIN).join();
        final OrdoClient admin = connect(new ApiKeyFile(0, adminKey.apiKey()), null);

        final CommandResult rotated = admin.rotateApiKey(0, admin.keyId(), KeyRole.ADMIN).get(10, TimeUnit.SECONDS);

        assertThat(rotated.accepted()).isTrue();
        assertThat(rotated.apiKey()).as("the new secret reached the session whose key it replaced").isNotNull();
        final OrdoClient again = connect(new ApiKeyFile(0, rotated.apiKey()), null);
        assertThat(again.openAccount(77).join().accepted()).isTrue();
        assertThatThrownBy(() -> connect(new ApiKeyFile(0, adminKey.apiKey()), null))
            .isInstanceOf(SessionErrorException.class);
    }

    @Test
    void shouldKeepEverythingAcrossARestart() throws Exception
    {
        final ApiKeyFile key = traderKey(1);
        final OrdoClient trader = connect(key, null);
        final long orderId = trader.placeOrder(BTC_USD, Side.BUY, OrderKind.GTC, 1_000, 1_000).join().orderId();
        venue.closeClients();
        gateway.close();

        venue.start();
        gateway = venue.gateway;

        assertThat(gateway.operatorKeyCreated()).as("the directory has its operator key").isZero();
        final OrdoClient again = connect(key, null);
        final CommandResult cancelled = again.cancelOrder(orderId).join();
        assertThat(cancelled.accepted()).as("the order survived: " + cancelled).isTrue();
        assertThat(gateway.engine().recovery().snapshotSequence()).as("the closing snapshot").isPositive();
    }

    /** Collects the events a session receives as text lines. */
    private static final class Events implements EventListener
    {
        private final List<String> lines = new CopyOnWriteArrayList<>();

        List<String> lines()
        {
            return lines;
        }

        void await(final String prefix) throws InterruptedException
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (lines.stream().noneMatch(l -> l.startsWith(prefix)) && System.nanoTime() < deadline)
            {
                Thread.sleep(5);
            }
        }

        @Override
        public void onTrade(final long tradeId, final long timestampNs, final int instrumentId,
            final short aggressorSideCode, final long makerOrderId, final long takerOrderId,
            final long makerAccountId, final long takerAccountId, final long priceMinor, final long quantityMinor,
            final long makerFeeMinor, final long takerFeeMinor, final long makerRemainingQuantityMinor,
            final long takerRemainingQuantityMinor)
        {
            lines.add("Trade maker=" + makerAccountId + "/" + makerOrderId + " taker=" + takerAccountId + "/" +
                takerOrderId + " quantity=" + quantityMinor);
        }

        @Override
        public void onBalanceChanged(final long accountId, final int assetId, final short causeCode,
            final long availableDeltaMinor, final long heldDeltaMinor, final long availableAfterMinor,
            final long heldAfterMinor, final long referenceId)
        {
            lines.add("BalanceChanged account=" + accountId + " asset=" + assetId);
        }
    }
}
