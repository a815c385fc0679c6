package io.ordo.gateway.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.ordo.client.AccountBalances;
import io.ordo.client.ApiKeyFile;
import io.ordo.client.OrdoClient;
import io.ordo.client.SessionErrorException;
import io.ordo.client.StatementPage;
import io.ordo.protocol.codec.BalanceCause;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.SessionErrorCode;
import io.ordo.protocol.codec.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An account's statement over the wire ({@code QueryStatement}, {@code StatementPage}), read by the server from its
 * output journal, with and without the account index: every line in order across pages, each explained by the one
 * before, ending at the balances the server's view holds; a trader may read its own account only, an admin any.
 */
class StatementQueryTest
{
    private static final int ORDERS = 30;

    @TempDir
    Path dir;

    private Venue venue;

    @AfterEach
    void stop()
    {
        if (venue != null)
        {
            venue.close();
        }
    }

    @ParameterizedTest(name = "account index {0}")
    @ValueSource(booleans = {false, true})
    void shouldPageThroughATradersOwnStatementWithEveryLineExplainedAndClosingAtItsBalances(final boolean index)
        throws Exception
    {
        // given: account 1 places and cancels 30 orders (a hold and a release each) after its two deposits; with
        // the index, a restart checkpoints it so that the first lines come through it and the rest from the tail
        venue = new Venue(dir, engine -> engine.accountIndex(index), gateway -> { });
        final ApiKeyFile key = venue.traderKey(1);
        OrdoClient trader = venue.connect(key, null);
        placeAndCancel(trader, ORDERS / 2);
        if (index)
        {
            venue.closeClients();
            venue.gateway.close();
            venue.start();
            trader = venue.connect(key, null);
        }
        placeAndCancel(trader, ORDERS - ORDERS / 2);

        // when
        final StatementPage first = trader.queryStatement(1, 0, 1, 0, 0).get(10, TimeUnit.SECONDS);
        final List<StatementPage.Line> lines = trader.statement(1, 0, 1, 0).get(10, TimeUnit.SECONDS);
        final AccountBalances balances = trader.queryBalances(1).get(10, TimeUnit.SECONDS);

        // then
        final StatementQueries queries = venue.gateway.statementQueries();
        if (index)
        {
            assertThat(queries.recordsThroughIndex()).as("records read through the index").isPositive();
        }
        else
        {
            assertThat(queries.recordsThroughIndex()).isZero();
        }
        assertThat(queries.recordsFromTail()).as("records read from the tail").isPositive();
        assertThat(first.complete()).as("more than a page").isFalse();
        assertThat(first.lines()).hasSize(StatementQueries.PAGE_LINES);
        assertThat(lines).as("two deposits, then a hold and a release per order").hasSize(2 + 2 * ORDERS);
        assertThat(lines.subList(0, 2)).extracting(StatementPage.Line::cause)
            .containsOnly(BalanceCause.DEPOSIT);
        assertThat(lines.stream().filter(l -> l.cause() == BalanceCause.ORDER_HOLD)).hasSize(ORDERS);
        assertThat(lines.stream().filter(l -> l.cause() == BalanceCause.ORDER_RELEASE)).hasSize(ORDERS);
        final Map<Integer, long[]> running = new HashMap<>();
        long lastSequence = 0;
        for (final StatementPage.Line line : lines)
        {
            final long[] before = running.getOrDefault(line.assetId(), new long[2]);
            assertThat(line.availableAfter() - line.availableDelta()).as("explained by the line before: %s", line)
                .isEqualTo(before[0]);
            assertThat(line.heldAfter() - line.heldDelta()).as("held explained: %s", line).isEqualTo(before[1]);
            assertThat(line.sequence()).as("journal order").isGreaterThanOrEqualTo(lastSequence);
            assertThat(line.valueTimeNs()).as("no value time given").isEqualTo(line.timestampNs());
            lastSequence = line.sequence();
            running.put(line.assetId(), new long[] {line.availableAfter(), line.heldAfter()});
        }
        final List<String> closing = new ArrayList<>();
        running.forEach((asset, after) -> closing.add(asset + " " + after[0] + " " + after[1]));
        final List<String> held = new ArrayList<>();
        balances.balances().forEach(b -> held.add(b.assetId() + " " + b.available() + " " + b.held()));
        assertThat(closing).as("closing balances").containsExactlyInAnyOrderElementsOf(held);
    }

    @ParameterizedTest(name = "account index {0}")
    @ValueSource(booleans = {false, true})
    void shouldSplitOneCommandsLinesAcrossPagesWithoutLosingOrRepeatingOne(final boolean index) throws Exception
    {
        // given: 120 resting orders, then one CancelAll whose record holds 120 releases of account 1: more than two
        // pages inside a single command
        venue = new Venue(dir, engine -> engine.accountIndex(index), gateway -> { });
        final OrdoClient trader = venue.connect(venue.traderKey(1), null);
        final int orders = 120;
        for (int i = 0; i < orders; i++)
        {
            assertThat(trader.placeOrder(Venue.BTC_USD, Side.BUY, OrderKind.GTC, 1_000, 1_000).join().accepted())
                .isTrue();
        }
        final long cancelAll = trader.cancelAll(0).join().sequence();

        // when
        final StatementPage first = trader.queryStatement(1, 0, cancelAll, 0, 0).get(10, TimeUnit.SECONDS);
        final StatementPage second = trader.queryStatement(1, 0, first.nextFromSequence(), 0, first.nextSkipLines())
            .get(10, TimeUnit.SECONDS);
        final List<StatementPage.Line> all = trader.statement(1, 0, 1, 0).get(10, TimeUnit.SECONDS);

        // then
        assertThat(first.lines()).hasSize(StatementQueries.PAGE_LINES).allMatch(l -> l.sequence() == cancelAll);
        assertThat(first.nextFromSequence()).isEqualTo(cancelAll);
        assertThat(first.nextSkipLines()).isEqualTo(StatementQueries.PAGE_LINES);
        assertThat(second.lines()).hasSize(StatementQueries.PAGE_LINES).allMatch(l -> l.sequence() == cancelAll);
        assertThat(second.nextSkipLines()).isEqualTo(2 * StatementQueries.PAGE_LINES);
        assertThat(second.lines().get(0).availableAfter() - second.lines().get(0).availableDelta())
            .as("the second page starts where the first ended")
            .isEqualTo(first.lines().get(StatementQueries.PAGE_LINES - 1).availableAfter());
        final List<StatementPage.Line> releases = all.stream().filter(l -> l.sequence() == cancelAll).toList();
        assertThat(releases).hasSize(orders).allMatch(l -> l.cause() == BalanceCause.ORDER_RELEASE);
        assertThat(all).as("two deposits, a hold per order, a release per order").hasSize(2 + 2 * orders);
        assertThat(all.get(all.size() - 1).heldAfter()).as("nothing held after the cancel-all").isZero();
    }

    @ParameterizedTest(name = "account index {0}")
    @ValueSource(booleans = {false, true})
    void shouldAnswerAnAdminForAnyAccountAndRefuseATraderAnotherAccountsStatement(final boolean index)
        throws Exception
    {
        venue = new Venue(dir, engine -> engine.accountIndex(index), gateway -> { });
        final OrdoClient trader = venue.connect(venue.traderKey(1), null);

        final List<StatementPage.Line> ofAccount2 = venue.operator.statement(2, 0, 1, 0).get(10, TimeUnit.SECONDS);
        final List<StatementPage.Line> usdOnly = venue.operator.statement(2, Venue.USD, 1, 0)
            .get(10, TimeUnit.SECONDS);

        assertThat(ofAccount2).extracting(StatementPage.Line::cause).containsExactly(BalanceCause.DEPOSIT,
            BalanceCause.DEPOSIT);
        assertThat(usdOnly).singleElement().satisfies(line ->
        {
            assertThat(line.assetId()).isEqualTo(Venue.USD);
            assertThat(line.availableAfter()).isEqualTo(100_000_000_000L);
        });
        assertThatThrownBy(() -> trader.statement(2, 0, 1, 0).get(10, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .cause().isInstanceOf(SessionErrorException.class)
            .satisfies(e -> assertThat(((SessionErrorException)e).code()).isEqualTo(SessionErrorCode.NOT_ALLOWED));
    }

    private static void placeAndCancel(final OrdoClient trader, final int orders)
    {
        for (int i = 0; i < orders; i++)
        {
            final long orderId = trader.placeOrder(Venue.BTC_USD, Side.BUY, OrderKind.GTC, 1_000, 1_000).join()
                .orderId();
            assertThat(trader.cancelOrder(orderId).join().accepted()).isTrue();
        }
    }
}
