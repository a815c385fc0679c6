package io.ordo.workload;

import io.ordo.core.BusinessLogicProcessor;
import io.ordo.protocol.CommandWriter;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.ordo.workload.TestCommand.cancelAll;
import static io.ordo.workload.TestCommand.cancelOrder;
import static io.ordo.workload.TestCommand.createAsset;
import static io.ordo.workload.TestCommand.createInstrument;
import static io.ordo.workload.TestCommand.deposit;
import static io.ordo.workload.TestCommand.haltInstrument;
import static io.ordo.workload.TestCommand.openAccount;
import static io.ordo.workload.TestCommand.placeOrder;
import static io.ordo.workload.TestCommand.replaceOrder;
import static io.ordo.workload.TestCommand.transfer;
import static io.ordo.workload.TestCommand.withdraw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Hand-picked sequences that random streams reach rarely: where two rules meet and the spec's order of checks
 * decides. Each runs twice: differentially (BLP against {@link ReferenceModel}, events after every command, state
 * hash and invariants), and on the BLP alone against the outcome worked out by hand from docs/architecture.md
 * (events, balances, open orders), so that an error both implementations share still fails.
 * <p>
 * Setup: asset 1 (base) and 2 (quote); instrument 1: maker 1,000 ppm, taker 2,000 ppm, lot 10, tick 5, quantity
 * 10..10,000, price 5..100,000, so notional(p, q) = p x q / 10 and fee(n, ppm) = floor(n x ppm / 10^6). Accounts 1 to
 * 3 hold 1,000 of asset 1 and 1,000,000 of asset 2 each. Order and trade ids start at 1 in every test.
 */
class DifferentialCornerCaseTest
{
    private static final int BUY = 1;
    private static final int SELL = 2;
    private static final int GTC = 1;
    private static final int IOC = 2;
    private static final int FOK = 3;
    private static final int POST_ONLY = 4;
    private static final int MARKET = 5;
    private static final long MAX = Long.MAX_VALUE;

    private long requestId = 100;

    private List<TestCommand> setup()
    {
        final List<TestCommand> commands = new ArrayList<>();
        commands.add(createAsset(0, 1, 1, 1, 8));
        commands.add(createAsset(0, 2, 1, 2, 2));
        commands.add(createInstrument(0, 3, 1, 1, 1, 2, 1_000, 2_000, 10, 5, 10, 10_000, 5, 100_000));
        for (long account = 1; account <= 3; account++)
        {
            commands.add(openAccount(account, 1, 1));
            commands.add(deposit(account, 2, 1, 1, 1_000));
            commands.add(deposit(account, 3, 1, 2, 1_000_000));
        }
        return commands;
    }

    private long req()
    {
        return requestId++;
    }

    /** The BLP's events for every command, and its balances and open orders at the end. */
    private static final class Outcome
    {
        final List<TestCommand> commands;
        final List<List<String>> events = new ArrayList<>();
        final List<String> balances = new ArrayList<>();
        final List<String> openOrders = new ArrayList<>();
        BusinessLogicProcessor blp;

        Outcome(final List<TestCommand> commands)
        {
            this.commands = commands;
        }

        List<String> eventsOf(final TestCommand command)
        {
            for (int i = 0; i < commands.size(); i++)
            {
                if (commands.get(i) == command)
                {
                    return events.get(i);
                }
            }
            throw new IllegalArgumentException("not in the scenario: " + command);
        }

        long trades(final TestCommand command)
        {
            return eventsOf(command).stream().filter(e -> e.startsWith("Trade ")).count();
        }
    }

    /**
     * Runs the commands differentially (fails on any difference between the BLP and the reference model), then on
     * a BLP alone, with the settings of the harness's seed 1, and returns what the BLP did.
     */
    private static Outcome run(final String what, final List<TestCommand> commands, final int checkEvery)
    {
        final DifferentialHarness.Divergence divergence =
            new DifferentialHarness(null, 2_000).replay(1, commands, checkEvery);
        if (divergence != null)
        {
            fail(what + "\n" + divergence.describe());
        }
        final Outcome outcome = new Outcome(commands);
        final EventText text = new EventText();
        final List<String> current = new ArrayList<>();
        outcome.blp = new BusinessLogicProcessor(DifferentialHarness.configFor(1),
            (buffer, offset, length) -> current.add(text.decode(buffer, offset, length)));
        final CommandWriter writer = new CommandWriter();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
        for (final TestCommand command : commands)
        {
            current.clear();
            outcome.blp.onCommand(buffer, 0, command.encode(writer, buffer));
            outcome.events.add(new ArrayList<>(current));
        }
        outcome.blp.forEachBalance((accountId, assetId, available, held) ->
            outcome.balances.add(balance(accountId, assetId, available, held)));
        outcome.blp.forEachOpenOrder((orderId, accountId, instrumentId, side, kind, price, remaining, held) ->
            outcome.openOrders.add(order(orderId, accountId, instrumentId, side, kind, price, remaining, held)));
        return outcome;
    }

    private static Outcome run(final String what, final List<TestCommand> commands)
    {
        return run(what, commands, 1);
    }

    private static String balance(final long accountId, final int assetId, final long available, final long held)
    {
        return "acct=" + accountId + " asset=" + assetId + " avail=" + available + " held=" + held;
    }

    private static String order(
        final long orderId, final long accountId, final int instrumentId, final int side, final int kind,
        final long price, final long remaining, final long held)
    {
        return "order=" + orderId + " acct=" + accountId + " instr=" + instrumentId + " side=" + side +
            " kind=" + kind + " price=" + price + " remaining=" + remaining + " held=" + held;
    }

    /** The balances every setup leaves to accounts 1 to 3 that a test does not touch. */
    private static String untouched(final long accountId, final int assetId)
    {
        return balance(accountId, assetId, assetId == 1 ? 1_000 : 1_000_000, 0);
    }

    @Test
    void shouldPreferSelfTradePreventionWhenBudgetIsAlsoExhausted()
    {
        // given
        final List<TestCommand> commands = setup();
        commands.add(placeOrder(2, req(), 5, 1, SELL, GTC, 10_000, 10, 0));
        commands.add(placeOrder(1, req(), 5, 1, SELL, GTC, 10_005, 10, 0));
        // One lot at 10,000 costs notional 10,000 + taker fee 20 = 10,020: the budget is spent exactly, then the
        // own ask is next. Self-trade prevention is checked before the budget, so the remainder expires as
        // SELF_TRADE_PREVENTED (not BUDGET_EXHAUSTED), with no release: nothing is left held.
        final TestCommand spentBuy = placeOrder(1, req(), 6, 1, BUY, MARKET, 0, 100, 10_020);
        commands.add(spentBuy);
        // A budget of 5 buys no lot, but the own ask comes first again: SELF_TRADE_PREVENTED, and 5 returns.
        final TestCommand poorBuy = placeOrder(1, req(), 7, 1, BUY, MARKET, 0, 100, 5);
        commands.add(poorBuy);

        // when
        final Outcome outcome = run("budget buy meeting its own order with no budget left", commands);

        // then
        assertThat(outcome.eventsOf(spentBuy)).as("budget spent on one lot, then the own ask").containsExactly(
            "OrderAccepted acct=1 req=102 ts=6 order=3 instr=1 side=BUY kind=MARKET price=0 qty=100 budget=10020 " +
                "held=10020",
            "BalanceChanged acct=1 asset=2 cause=ORDER_HOLD avail=-10020 held=+10020 availAfter=989980 " +
                "heldAfter=10020 ref=3",
            "Trade id=1 ts=6 instr=1 aggr=BUY maker=1 taker=3 makerAcct=2 takerAcct=1 price=10000 qty=10 " +
                "makerFee=10 takerFee=20 makerRem=0 takerRem=90",
            "BalanceChanged acct=1 asset=2 cause=TRADE avail=0 held=-10020 availAfter=989980 heldAfter=0 ref=1",
            "BalanceChanged acct=1 asset=1 cause=TRADE avail=+10 held=0 availAfter=1000 heldAfter=10 ref=1",
            "BalanceChanged acct=2 asset=1 cause=TRADE avail=0 held=-10 availAfter=990 heldAfter=0 ref=1",
            "BalanceChanged acct=2 asset=2 cause=TRADE avail=+9990 held=0 availAfter=1009990 heldAfter=0 ref=1",
            "BalanceChanged acct=0 asset=2 cause=FEE avail=+30 held=0 availAfter=30 heldAfter=0 ref=1",
            "OrderExpired acct=1 req=102 ts=6 order=3 instr=1 reason=SELF_TRADE_PREVENTED remaining=90");
        assertThat(outcome.eventsOf(poorBuy)).as("own ask before an unaffordable lot").containsExactly(
            "OrderAccepted acct=1 req=103 ts=7 order=4 instr=1 side=BUY kind=MARKET price=0 qty=100 budget=5 held=5",
            "BalanceChanged acct=1 asset=2 cause=ORDER_HOLD avail=-5 held=+5 availAfter=989975 heldAfter=5 ref=4",
            "OrderExpired acct=1 req=103 ts=7 order=4 instr=1 reason=SELF_TRADE_PREVENTED remaining=100",
            "BalanceChanged acct=1 asset=2 cause=ORDER_RELEASE avail=+5 held=-5 availAfter=989980 heldAfter=0 " +
                "ref=4");
        assertThat(outcome.openOrders).as("the resting own ask stays").containsExactly(
            order(2, 1, 1, SELL, GTC, 10_005, 10, 10));
        assertThat(outcome.balances).as("balances at the end").containsExactly(
            balance(0, 2, 30, 0),
            balance(1, 1, 1_000, 10), balance(1, 2, 989_980, 0),
            balance(2, 1, 990, 0), balance(2, 2, 1_009_990, 0),
            untouched(3, 1), untouched(3, 2));
    }

    @Test
    void shouldIgnoreOwnOrderBeyondLimitWhenCheckingFok()
    {
        // given
        final List<TestCommand> commands = setup();
        commands.add(placeOrder(2, req(), 5, 1, SELL, GTC, 10_000, 20, 0));
        commands.add(placeOrder(1, req(), 5, 1, SELL, GTC, 10_010, 10, 0));
        // The FOK sum stops at the first level beyond 10,005, before the own ask there: 20 are fillable, enough.
        // Hold at the taker rate: notional(10,005, 20) = 20,010 + fee 40 = 20,050. The fill at 10,000 costs
        // 20,000 + 40, so 20,050 leaves held and 10 returns.
        final TestCommand fok = placeOrder(1, req(), 6, 1, BUY, FOK, 10_005, 20, 0);
        commands.add(fok);
        // Rests below the own ask: holds 10,005 + fee(10,005, max(1,000, 2,000)) = 10,005 + 20.
        final TestCommand bid = placeOrder(1, req(), 6, 1, BUY, GTC, 10_005, 10, 0);
        commands.add(bid);
        // A price-limited market sell whose first acceptable maker is its own bid: expires, nothing trades.
        final TestCommand sell = placeOrder(1, req(), 6, 1, SELL, MARKET, 10_005, 10, 0);
        commands.add(sell);

        // when
        final Outcome outcome = run("own orders beyond the limit, and a price-limited market sell meeting its own bid",
            commands);

        // then
        assertThat(outcome.eventsOf(fok)).as("FOK filled in full by the order within its limit").containsExactly(
            "OrderAccepted acct=1 req=102 ts=6 order=3 instr=1 side=BUY kind=FOK price=10005 qty=20 budget=0 " +
                "held=20050",
            "BalanceChanged acct=1 asset=2 cause=ORDER_HOLD avail=-20050 held=+20050 availAfter=979950 " +
                "heldAfter=20050 ref=3",
            "Trade id=1 ts=6 instr=1 aggr=BUY maker=1 taker=3 makerAcct=2 takerAcct=1 price=10000 qty=20 " +
                "makerFee=20 takerFee=40 makerRem=0 takerRem=0",
            "BalanceChanged acct=1 asset=2 cause=TRADE avail=+10 held=-20050 availAfter=979960 heldAfter=0 ref=1",
            "BalanceChanged acct=1 asset=1 cause=TRADE avail=+20 held=0 availAfter=1010 heldAfter=10 ref=1",
            "BalanceChanged acct=2 asset=1 cause=TRADE avail=0 held=-20 availAfter=980 heldAfter=0 ref=1",
            "BalanceChanged acct=2 asset=2 cause=TRADE avail=+19980 held=0 availAfter=1019980 heldAfter=0 ref=1",
            "BalanceChanged acct=0 asset=2 cause=FEE avail=+60 held=0 availAfter=60 heldAfter=0 ref=1");
        assertThat(outcome.eventsOf(bid)).as("GTC bid below the own ask rests").containsExactly(
            "OrderAccepted acct=1 req=103 ts=6 order=4 instr=1 side=BUY kind=GTC price=10005 qty=10 budget=0 " +
                "held=10025",
            "BalanceChanged acct=1 asset=2 cause=ORDER_HOLD avail=-10025 held=+10025 availAfter=969935 " +
                "heldAfter=10025 ref=4");
        assertThat(outcome.eventsOf(sell)).as("market sell stopped by its own bid").containsExactly(
            "OrderAccepted acct=1 req=104 ts=6 order=5 instr=1 side=SELL kind=MARKET price=10005 qty=10 budget=0 " +
                "held=10",
            "BalanceChanged acct=1 asset=1 cause=ORDER_HOLD avail=-10 held=+10 availAfter=1000 heldAfter=20 ref=5",
            "OrderExpired acct=1 req=104 ts=6 order=5 instr=1 reason=SELF_TRADE_PREVENTED remaining=10",
            "BalanceChanged acct=1 asset=1 cause=ORDER_RELEASE avail=+10 held=-10 availAfter=1010 heldAfter=10 " +
                "ref=5");
        assertThat(outcome.openOrders).as("open orders in book order: bids, then asks").containsExactly(
            order(4, 1, 1, BUY, GTC, 10_005, 10, 10_025),
            order(2, 1, 1, SELL, GTC, 10_010, 10, 10));
        assertThat(outcome.balances).as("balances at the end").containsExactly(
            balance(0, 2, 60, 0),
            balance(1, 1, 1_010, 10), balance(1, 2, 969_935, 10_025),
            balance(2, 1, 980, 0), balance(2, 2, 1_019_980, 0),
            untouched(3, 1), untouched(3, 2));
    }

    @Test
    void shouldRejectReplaceWhenPostOnlyWouldCrossOrInstrumentIsHalted()
    {
        // given
        final List<TestCommand> commands = setup();
        commands.add(placeOrder(2, req(), 5, 1, SELL, GTC, 10_010, 10, 0));
        // Post-only holds at the maker rate: 10,000 + fee(10,000, 1,000) = 10,010.
        commands.add(placeOrder(1, req(), 5, 1, BUY, POST_ONLY, 10_000, 10, 0));
        final TestCommand crossing = replaceOrder(1, req(), 6, 2, 10_010, 10);
        commands.add(crossing);
        // At 10,005 it no longer crosses: required 10,005 + 10 = 10,015, so 5 more is held; priority is lost.
        final TestCommand moved = replaceOrder(1, req(), 6, 2, 10_005, 10);
        commands.add(moved);
        final TestCommand othersCancel = cancelOrder(3, req(), 6, 2);
        commands.add(othersCancel);
        final TestCommand othersReplace = replaceOrder(3, req(), 6, 2, 10_005, 20);
        commands.add(othersReplace);
        final TestCommand halt = haltInstrument(0, req(), 7, 1);
        commands.add(halt);
        final TestCommand haltedPlace = placeOrder(1, req(), 7, 1, 9, 9, -1, -1, -1);
        commands.add(haltedPlace);
        final TestCommand haltedReplace = replaceOrder(1, req(), 7, 2, 10_000, 20);
        commands.add(haltedReplace);
        final TestCommand haltedCancelAll = cancelAll(1, req(), 8, 1);
        commands.add(haltedCancelAll);
        final TestCommand haltedCancel = cancelOrder(2, req(), 8, 1);
        commands.add(haltedCancel);

        // when
        final Outcome outcome = run("post-only replace, cancels on a halted instrument", commands);

        // then
        assertThat(outcome.eventsOf(crossing)).as("post-only replaced onto the best ask").containsExactly(
            "CommandRejected acct=1 req=102 ts=6 order=2 type=REPLACE_ORDER reason=WOULD_CROSS orig=NONE");
        assertThat(outcome.eventsOf(moved)).as("post-only replaced below the best ask").containsExactly(
            "OrderReplaced acct=1 req=103 ts=6 order=2 instr=1 kept=false oldPrice=10000 oldQty=10 newPrice=10005 " +
                "newQty=10",
            "BalanceChanged acct=1 asset=2 cause=ORDER_HOLD avail=-5 held=+5 availAfter=989985 heldAfter=10015 " +
                "ref=2");
        assertThat(outcome.eventsOf(othersCancel)).as("cancel of another account's order").containsExactly(
            "CommandRejected acct=3 req=104 ts=6 order=2 type=CANCEL_ORDER reason=UNKNOWN_ORDER orig=NONE");
        assertThat(outcome.eventsOf(othersReplace)).as("replace of another account's order").containsExactly(
            "CommandRejected acct=3 req=105 ts=6 order=2 type=REPLACE_ORDER reason=UNKNOWN_ORDER orig=NONE");
        assertThat(outcome.eventsOf(halt)).containsExactly("CommandAccepted acct=0 req=106 ts=7 type=HALT_INSTRUMENT");
        assertThat(outcome.eventsOf(haltedPlace)).as("halted comes before a bad side, kind, price or quantity")
            .containsExactly(
                "CommandRejected acct=1 req=107 ts=7 order=0 type=PLACE_ORDER reason=INSTRUMENT_HALTED orig=NONE");
        assertThat(outcome.eventsOf(haltedReplace)).as("replace on a halted instrument").containsExactly(
            "CommandRejected acct=1 req=108 ts=7 order=2 type=REPLACE_ORDER reason=INSTRUMENT_HALTED orig=NONE");
        assertThat(outcome.eventsOf(haltedCancelAll)).as("cancel-all still works when halted").containsExactly(
            "CommandAccepted acct=1 req=109 ts=8 type=CANCEL_ALL",
            "OrderCancelled acct=1 req=109 ts=8 order=2 instr=1 reason=CANCEL_ALL remaining=10",
            "BalanceChanged acct=1 asset=2 cause=ORDER_RELEASE avail=+10015 held=-10015 availAfter=1000000 " +
                "heldAfter=0 ref=2");
        assertThat(outcome.eventsOf(haltedCancel)).as("cancel still works when halted").containsExactly(
            "OrderCancelled acct=2 req=110 ts=8 order=1 instr=1 reason=USER remaining=10",
            "BalanceChanged acct=2 asset=1 cause=ORDER_RELEASE avail=+10 held=-10 availAfter=1000 heldAfter=0 ref=1");
        assertThat(outcome.openOrders).as("open orders at the end").isEmpty();
        assertThat(outcome.balances).as("every hold released: the balances of the setup").containsExactly(
            untouched(1, 1), untouched(1, 2), untouched(2, 1), untouched(2, 2), untouched(3, 1), untouched(3, 2));
    }

    @Test
    void shouldMoveFeesAndSupplyWhenOperatorTradesAndTransfers()
    {
        // given
        final List<TestCommand> commands = setup();
        final TestCommand operatorDeposit = deposit(0, req(), 5, 1, 500);
        commands.add(operatorDeposit);
        commands.add(placeOrder(0, req(), 5, 1, SELL, GTC, 10_000, 100, 0));
        // notional(10,000, 100) = 100,000; maker fee 100 (paid by the operator to itself), taker fee 200.
        final TestCommand buy = placeOrder(1, req(), 5, 1, BUY, GTC, 10_000, 100, 0);
        commands.add(buy);
        final TestCommand toClient = transfer(0, req(), 6, 2, 2, 100);
        commands.add(toClient);
        final TestCommand toOperator = transfer(2, req(), 6, 0, 2, 50);
        commands.add(toOperator);
        final TestCommand operatorWithdrawal = withdraw(0, req(), 6, 2, 250);
        commands.add(operatorWithdrawal);
        final TestCommand reopen = openAccount(0, req(), 6);
        commands.add(reopen);
        final TestCommand emptyCancelAll = cancelAll(2, req(), 6, 0);
        commands.add(emptyCancelAll);

        // when
        final Outcome outcome = run("operator account trading, receiving fees, transferring", commands);

        // then
        assertThat(outcome.eventsOf(operatorDeposit)).containsExactly(
            "CommandAccepted acct=0 req=100 ts=5 type=DEPOSIT",
            "BalanceChanged acct=0 asset=1 cause=DEPOSIT avail=+500 held=0 availAfter=500 heldAfter=0 ref=0");
        assertThat(outcome.eventsOf(buy)).as("the operator as maker and fee account").containsExactly(
            "OrderAccepted acct=1 req=102 ts=5 order=2 instr=1 side=BUY kind=GTC price=10000 qty=100 budget=0 " +
                "held=100200",
            "BalanceChanged acct=1 asset=2 cause=ORDER_HOLD avail=-100200 held=+100200 availAfter=899800 " +
                "heldAfter=100200 ref=2",
            "Trade id=1 ts=5 instr=1 aggr=BUY maker=1 taker=2 makerAcct=0 takerAcct=1 price=10000 qty=100 " +
                "makerFee=100 takerFee=200 makerRem=0 takerRem=0",
            "BalanceChanged acct=1 asset=2 cause=TRADE avail=0 held=-100200 availAfter=899800 heldAfter=0 ref=1",
            "BalanceChanged acct=1 asset=1 cause=TRADE avail=+100 held=0 availAfter=1100 heldAfter=0 ref=1",
            "BalanceChanged acct=0 asset=1 cause=TRADE avail=0 held=-100 availAfter=400 heldAfter=0 ref=1",
            "BalanceChanged acct=0 asset=2 cause=TRADE avail=+99900 held=0 availAfter=99900 heldAfter=0 ref=1",
            "BalanceChanged acct=0 asset=2 cause=FEE avail=+300 held=0 availAfter=100200 heldAfter=0 ref=1");
        assertThat(outcome.eventsOf(toClient)).containsExactly(
            "CommandAccepted acct=0 req=103 ts=6 type=TRANSFER",
            "BalanceChanged acct=0 asset=2 cause=TRANSFER avail=-100 held=0 availAfter=100100 heldAfter=0 ref=2",
            "BalanceChanged acct=2 asset=2 cause=TRANSFER avail=+100 held=0 availAfter=1000100 heldAfter=0 ref=0");
        assertThat(outcome.eventsOf(toOperator)).containsExactly(
            "CommandAccepted acct=2 req=104 ts=6 type=TRANSFER",
            "BalanceChanged acct=2 asset=2 cause=TRANSFER avail=-50 held=0 availAfter=1000050 heldAfter=0 ref=0",
            "BalanceChanged acct=0 asset=2 cause=TRANSFER avail=+50 held=0 availAfter=100150 heldAfter=0 ref=2");
        assertThat(outcome.eventsOf(operatorWithdrawal)).containsExactly(
            "CommandAccepted acct=0 req=105 ts=6 type=WITHDRAW",
            "BalanceChanged acct=0 asset=2 cause=WITHDRAWAL avail=-250 held=0 availAfter=99900 heldAfter=0 ref=0");
        assertThat(outcome.eventsOf(reopen)).as("the operator account exists from the start").containsExactly(
            "CommandRejected acct=0 req=106 ts=6 order=0 type=OPEN_ACCOUNT reason=ACCOUNT_EXISTS orig=NONE");
        assertThat(outcome.eventsOf(emptyCancelAll)).as("cancel-all without open orders").containsExactly(
            "CommandAccepted acct=2 req=107 ts=6 type=CANCEL_ALL");
        assertThat(outcome.openOrders).isEmpty();
        assertThat(outcome.balances).as("balances at the end").containsExactly(
            balance(0, 1, 400, 0), balance(0, 2, 99_900, 0),
            balance(1, 1, 1_100, 0), balance(1, 2, 899_800, 0),
            untouched(2, 1), balance(2, 2, 1_000_050, 0),
            untouched(3, 1), untouched(3, 2));
        assertThat(outcome.blp.assetSupply(1)).as("supply of asset 1: 3 x 1,000 + 500").isEqualTo(3_500);
        assertThat(outcome.blp.assetSupply(2)).as("supply of asset 2: 3 x 1,000,000 - 250").isEqualTo(2_999_750);
    }

    private static long askPrice(final int level)
    {
        return 50_000 + level * 5L;
    }

    private static long bidPrice(final int level)
    {
        return 49_995 - level * 5L;
    }

    /** notional(p, q) + fee(notional, taker 2,000 ppm): what a taking buyer pays for a fill. */
    private static long takerBuyCost(final long price, final long quantity)
    {
        final long notional = price * quantity / 10;
        return notional + notional * 2_000 / 1_000_000;
    }

    /** notional(p, q) - fee(notional, taker 2,000 ppm): what a taking seller receives for a fill. */
    private static long takerSellProceeds(final long price, final long quantity)
    {
        final long notional = price * quantity / 10;
        return notional - notional * 2_000 / 1_000_000;
    }

    @Test
    void shouldSweepAndCancelWhenBookIsDeep()
    {
        // given: account 4 opens and everyone gets more funds
        final List<TestCommand> commands = setup();
        commands.add(openAccount(4, req(), 2));
        for (long account = 1; account <= 4; account++)
        {
            commands.add(deposit(account, req(), 2, 1, 10_000_000));
            commands.add(deposit(account, req(), 2, 2, 10_000_000_000L));
        }
        // 24,000 resting orders on 4,000 price levels a side, three accounts interleaved at each level: at level L
        // account a (1..3) sells 10a at 50,000 + 5L (order id 6L + 2a - 1) and buys 10a at 49,995 - 5L (6L + 2a).
        // 60 a level a side.
        for (int level = 0; level < 4_000; level++)
        {
            for (long account = 1; account <= 3; account++)
            {
                commands.add(placeOrder(account, req(), 3, 1, SELL, GTC, askPrice(level), 10 * account, 0));
                commands.add(placeOrder(account, req(), 3, 1, BUY, GTC, bidPrice(level), 10 * account, 0));
            }
        }
        // 10,000 = 166 levels x 60 + 40: asks of levels 0..165, then at level 166 account 1's 10, account 2's 20
        // and 10 of account 3's 30. The budget is far from binding; its unspent part returns at the end.
        final TestCommand budgetBuy = placeOrder(4, req(), 4, 1, BUY, MARKET, 0, 10_000, 300_000_000);
        commands.add(budgetBuy);
        // The same shape on the bid side.
        final TestCommand iocSell = placeOrder(4, req(), 4, 1, SELL, IOC, 5, 10_000, 0);
        commands.add(iocSell);
        // 20 left at level 166 + levels 167..332 (9,960) + at level 333 account 1's 10 and 10 of account 2's 20.
        final TestCommand fokBuy = placeOrder(4, req(), 4, 1, BUY, FOK, 100_000, 10_000, 0);
        commands.add(fokBuy);
        // Account 1 takes account 2's last 10 and account 3's 30 at level 333, then meets its own ask at level 334.
        final TestCommand ownSweep = placeOrder(1, req(), 4, 1, BUY, GTC, 100_000, 10_000, 0);
        commands.add(ownSweep);
        // Account 2 still rests asks at levels 334..3,999 and bids at 167..3,999: 3,666 + 3,833.
        final TestCommand cancelAll2 = cancelAll(2, req(), 5, 0);
        commands.add(cancelAll2);
        // Account 1 likewise: asks at 334..3,999 and bids at 167..3,999.
        final TestCommand cancelAll1 = cancelAll(1, req(), 5, 1);
        commands.add(cancelAll1);
        // Only account 3's bids are left: 20 at level 166, 30 at each of 167..498 (9,960), then 20 of level 499's.
        final TestCommand marketSell = placeOrder(4, req(), 6, 1, SELL, MARKET, 5, 10_000, 0);
        commands.add(marketSell);
        // Account 3: asks at 334..3,999 and bids at 499..3,999: 3,666 + 3,501.
        final TestCommand cancelAll3 = cancelAll(3, req(), 7, 0);
        commands.add(cancelAll3);

        // when
        final Outcome outcome = run("a deep book: long sweeps, big cancel-alls", commands, 1_000);

        // then
        assertThat(outcome.trades(budgetBuy)).as("trades of the budget buy: 166 x 3 + 3").isEqualTo(501);
        assertThat(outcome.eventsOf(budgetBuy)).filteredOn(e -> e.startsWith("Trade ")).as("first and last fills")
            .startsWith("Trade id=1 ts=4 instr=1 aggr=BUY maker=1 taker=24001 makerAcct=1 takerAcct=4 price=50000 " +
                "qty=10 makerFee=50 takerFee=100 makerRem=0 takerRem=9990")
            .endsWith("Trade id=501 ts=4 instr=1 aggr=BUY maker=1001 taker=24001 makerAcct=3 takerAcct=4 price=50830 " +
                "qty=10 makerFee=50 takerFee=101 makerRem=20 takerRem=0");
        long budgetSpent = 0;
        for (int level = 0; level < 166; level++)
        {
            budgetSpent += takerBuyCost(askPrice(level), 10) + takerBuyCost(askPrice(level), 20) +
                takerBuyCost(askPrice(level), 30);
        }
        budgetSpent += 2 * takerBuyCost(askPrice(166), 10) + takerBuyCost(askPrice(166), 20);
        assertThat(outcome.eventsOf(budgetBuy)).as("filled in full: the unspent budget returns, nothing expires")
            .noneMatch(e -> e.startsWith("OrderExpired"))
            .last().asString().startsWith("BalanceChanged acct=4 asset=2 cause=ORDER_RELEASE avail=+" +
                (300_000_000 - budgetSpent) + " held=-" + (300_000_000 - budgetSpent) + " ");

        assertThat(outcome.trades(iocSell)).as("trades of the IOC sell").isEqualTo(501);
        assertThat(outcome.eventsOf(iocSell)).as("filled in full").noneMatch(e -> e.startsWith("OrderExpired"))
            .filteredOn(e -> e.startsWith("Trade ")).last().asString()
            .isEqualTo("Trade id=1002 ts=4 instr=1 aggr=SELL maker=1002 taker=24002 makerAcct=3 takerAcct=4 " +
                "price=49165 qty=10 makerFee=49 takerFee=98 makerRem=20 takerRem=0");

        assertThat(outcome.trades(fokBuy)).as("trades of the FOK buy: 1 + 166 x 3 + 2").isEqualTo(501);
        assertThat(outcome.eventsOf(fokBuy)).as("filled in full").noneMatch(e -> e.startsWith("OrderExpired"))
            .filteredOn(e -> e.startsWith("Trade ")).last().asString()
            .isEqualTo("Trade id=1503 ts=4 instr=1 aggr=BUY maker=2001 taker=24003 makerAcct=2 takerAcct=4 " +
                "price=51665 qty=10 makerFee=51 takerFee=103 makerRem=10 takerRem=0");

        assertThat(outcome.eventsOf(ownSweep)).filteredOn(e -> e.startsWith("Trade ") || e.startsWith("OrderExpired"))
            .as("two fills, then the own ask stops the GTC buy").containsExactly(
                "Trade id=1504 ts=4 instr=1 aggr=BUY maker=2001 taker=24004 makerAcct=2 takerAcct=1 price=51665 " +
                    "qty=10 makerFee=51 takerFee=103 makerRem=0 takerRem=9990",
                "Trade id=1505 ts=4 instr=1 aggr=BUY maker=2003 taker=24004 makerAcct=3 takerAcct=1 price=51665 " +
                    "qty=30 makerFee=154 takerFee=309 makerRem=0 takerRem=9960",
                "OrderExpired acct=1 req=" + ownSweep.clientRequestId + " ts=4 order=24004 instr=1 " +
                    "reason=SELF_TRADE_PREVENTED remaining=9960");

        assertThat(outcome.eventsOf(cancelAll2)).filteredOn(e -> e.startsWith("OrderCancelled"))
            .as("cancelled by account 2's cancel-all").hasSize(3_666 + 3_833)
            .allMatch(e -> e.contains(" acct=2 ") && e.contains(" reason=CANCEL_ALL "));
        assertThat(outcome.eventsOf(cancelAll1)).filteredOn(e -> e.startsWith("OrderCancelled"))
            .as("cancelled by account 1's cancel-all").hasSize(3_666 + 3_833)
            .allMatch(e -> e.contains(" acct=1 ") && e.contains(" reason=CANCEL_ALL "));

        assertThat(outcome.trades(marketSell)).as("trades of the market sell: 1 + 332 + 1").isEqualTo(334);
        assertThat(outcome.eventsOf(marketSell)).as("filled in full").noneMatch(e -> e.startsWith("OrderExpired"))
            .filteredOn(e -> e.startsWith("Trade ")).last().asString()
            .isEqualTo("Trade id=1839 ts=6 instr=1 aggr=SELL maker=3000 taker=24005 makerAcct=3 takerAcct=4 " +
                "price=47500 qty=20 makerFee=95 takerFee=190 makerRem=10 takerRem=0");

        assertThat(outcome.eventsOf(cancelAll3)).filteredOn(e -> e.startsWith("OrderCancelled"))
            .as("cancelled by account 3's cancel-all").hasSize(3_666 + 3_501);
        assertThat(outcome.openOrders).as("the book is empty at the end").isEmpty();

        long proceeds = 0;
        for (int level = 0; level < 166; level++)
        {
            proceeds += takerSellProceeds(bidPrice(level), 10) + takerSellProceeds(bidPrice(level), 20) +
                takerSellProceeds(bidPrice(level), 30);
        }
        proceeds += 2 * takerSellProceeds(bidPrice(166), 10) + takerSellProceeds(bidPrice(166), 20);
        long fokCost = takerBuyCost(askPrice(166), 20) + takerBuyCost(askPrice(333), 10) * 2;
        for (int level = 167; level <= 332; level++)
        {
            fokCost += takerBuyCost(askPrice(level), 10) + takerBuyCost(askPrice(level), 20) +
                takerBuyCost(askPrice(level), 30);
        }
        proceeds += takerSellProceeds(bidPrice(166), 20) + takerSellProceeds(bidPrice(499), 20);
        for (int level = 167; level <= 498; level++)
        {
            proceeds += takerSellProceeds(bidPrice(level), 30);
        }
        assertThat(outcome.balances).as("account 4 bought and sold 10,000 twice; nothing is held")
            .contains(balance(4, 1, 10_000_000, 0),
                balance(4, 2, 10_000_000_000L - budgetSpent - fokCost + proceeds, 0));
    }

    @Test
    void shouldRefuseDepositWhenSupplyWouldOverflowAndAcceptHoldAtTheBrim()
    {
        // given: assets 5 and 6, and an instrument whose notional(maxPrice, maxQuantity) = MAX / 2 =
        // 4,611,686,018,427,387,903 with a fee at 1,000,000 ppm of as much again: MAX - 1 fits in a long.
        final List<TestCommand> commands = setup();
        commands.add(createAsset(0, req(), 5, 5, 0));
        commands.add(createAsset(0, req(), 5, 6, 0));
        final TestCommand fits = createInstrument(0, req(), 5, 2, 5, 6, 1_000_000, 1_000_000, 1, 1, 1, 1,
            1, MAX / 2);
        commands.add(fits);
        // One tick more: 2 x (MAX / 2 + 1) = 2^63 does not fit.
        final TestCommand overflows = createInstrument(0, req(), 5, 3, 5, 6, 1_000_000, 1_000_000, 1, 1, 1, 1,
            1, MAX / 2 + 1);
        commands.add(overflows);
        commands.add(deposit(1, req(), 5, 6, MAX - 1));
        final TestCommand beyondSupply = deposit(2, req(), 5, 6, 2);
        commands.add(beyondSupply);
        final TestCommand atSupply = deposit(2, req(), 5, 6, 1);
        commands.add(atSupply);
        commands.add(deposit(2, req(), 5, 5, MAX));
        // A buy of one lot at MAX / 2 holds notional + fee = MAX - 1: all of account 1's asset 6.
        final TestCommand brimBuy = placeOrder(1, req(), 6, 2, BUY, GTC, MAX / 2, 1, 0);
        commands.add(brimBuy);
        // Each side pays a fee equal to the notional: the seller receives 0 (no event) and the operator MAX - 1.
        final TestCommand brimSell = placeOrder(2, req(), 6, 2, SELL, GTC, MAX / 2, 1, 0);
        commands.add(brimSell);
        commands.add(placeOrder(2, req(), 6, 2, SELL, GTC, MAX / 2 - 1, 1, 0));
        // The operator spends its fees: one lot at MAX / 2 - 1 costs 2 x (MAX / 2 - 1) = MAX - 3 of MAX - 1.
        final TestCommand operatorBuy = placeOrder(0, req(), 6, 2, BUY, MARKET, 0, 1, MAX - 1);
        commands.add(operatorBuy);

        // when
        final Outcome outcome = run("huge notionals and supply at the brim", commands);

        // then
        assertThat(outcome.eventsOf(fits)).as("instrument at the limit").containsExactly(
            "CommandAccepted acct=0 req=" + fits.clientRequestId + " ts=5 type=CREATE_INSTRUMENT");
        assertThat(outcome.eventsOf(overflows)).as("instrument one tick beyond").containsExactly(
            "CommandRejected acct=0 req=" + overflows.clientRequestId + " ts=5 order=0 type=CREATE_INSTRUMENT " +
                "reason=OVERFLOW orig=NONE");
        assertThat(outcome.eventsOf(beyondSupply)).as("supply MAX - 1 + 2").containsExactly(
            "CommandRejected acct=2 req=" + beyondSupply.clientRequestId + " ts=5 order=0 type=DEPOSIT " +
                "reason=OVERFLOW orig=NONE");
        assertThat(outcome.eventsOf(atSupply)).as("supply MAX - 1 + 1").containsExactly(
            "CommandAccepted acct=2 req=" + atSupply.clientRequestId + " ts=5 type=DEPOSIT",
            "BalanceChanged acct=2 asset=6 cause=DEPOSIT avail=+1 held=0 availAfter=1 heldAfter=0 ref=0");
        assertThat(outcome.eventsOf(brimBuy)).as("a hold of MAX - 1").containsExactly(
            "OrderAccepted acct=1 req=" + brimBuy.clientRequestId + " ts=6 order=1 instr=2 side=BUY kind=GTC " +
                "price=" + MAX / 2 + " qty=1 budget=0 held=" + (MAX - 1),
            "BalanceChanged acct=1 asset=6 cause=ORDER_HOLD avail=-" + (MAX - 1) + " held=+" + (MAX - 1) +
                " availAfter=0 heldAfter=" + (MAX - 1) + " ref=1");
        assertThat(outcome.eventsOf(brimSell)).as("a trade of notional MAX / 2 with fees of MAX / 2 each")
            .containsExactly(
                "OrderAccepted acct=2 req=" + brimSell.clientRequestId + " ts=6 order=2 instr=2 side=SELL kind=GTC " +
                    "price=" + MAX / 2 + " qty=1 budget=0 held=1",
                "BalanceChanged acct=2 asset=5 cause=ORDER_HOLD avail=-1 held=+1 availAfter=" + (MAX - 1) +
                    " heldAfter=1 ref=2",
                "Trade id=1 ts=6 instr=2 aggr=SELL maker=1 taker=2 makerAcct=1 takerAcct=2 price=" + MAX / 2 +
                    " qty=1 makerFee=" + MAX / 2 + " takerFee=" + MAX / 2 + " makerRem=0 takerRem=0",
                "BalanceChanged acct=1 asset=6 cause=TRADE avail=0 held=-" + (MAX - 1) + " availAfter=0 heldAfter=0 " +
                    "ref=1",
                "BalanceChanged acct=1 asset=5 cause=TRADE avail=+1 held=0 availAfter=1 heldAfter=0 ref=1",
                "BalanceChanged acct=2 asset=5 cause=TRADE avail=0 held=-1 availAfter=" + (MAX - 1) +
                    " heldAfter=0 ref=1",
                "BalanceChanged acct=0 asset=6 cause=FEE avail=+" + (MAX - 1) + " held=0 availAfter=" + (MAX - 1) +
                    " heldAfter=0 ref=1");
        assertThat(outcome.eventsOf(operatorBuy)).as("the operator's budget buy filled in full").containsExactly(
            "OrderAccepted acct=0 req=" + operatorBuy.clientRequestId + " ts=6 order=4 instr=2 side=BUY kind=MARKET " +
                "price=0 qty=1 budget=" + (MAX - 1) + " held=" + (MAX - 1),
            "BalanceChanged acct=0 asset=6 cause=ORDER_HOLD avail=-" + (MAX - 1) + " held=+" + (MAX - 1) +
                " availAfter=0 heldAfter=" + (MAX - 1) + " ref=4",
            "Trade id=2 ts=6 instr=2 aggr=BUY maker=3 taker=4 makerAcct=2 takerAcct=0 price=" + (MAX / 2 - 1) +
                " qty=1 makerFee=" + (MAX / 2 - 1) + " takerFee=" + (MAX / 2 - 1) + " makerRem=0 takerRem=0",
            "BalanceChanged acct=0 asset=6 cause=TRADE avail=0 held=-" + (MAX - 3) + " availAfter=0 heldAfter=2 ref=2",
            "BalanceChanged acct=0 asset=5 cause=TRADE avail=+1 held=0 availAfter=1 heldAfter=0 ref=2",
            "BalanceChanged acct=2 asset=5 cause=TRADE avail=0 held=-1 availAfter=" + (MAX - 2) + " heldAfter=0 ref=2",
            "BalanceChanged acct=0 asset=6 cause=FEE avail=+" + (MAX - 3) + " held=0 availAfter=" + (MAX - 3) +
                " heldAfter=2 ref=2",
            "BalanceChanged acct=0 asset=6 cause=ORDER_RELEASE avail=+2 held=-2 availAfter=" + (MAX - 1) +
                " heldAfter=0 ref=4");
        assertThat(outcome.openOrders).isEmpty();
        assertThat(outcome.balances).as("balances at the end").containsExactly(
            balance(0, 5, 1, 0), balance(0, 6, MAX - 1, 0),
            untouched(1, 1), untouched(1, 2), balance(1, 5, 1, 0),
            untouched(2, 1), untouched(2, 2), balance(2, 5, MAX - 2, 0), balance(2, 6, 1, 0),
            untouched(3, 1), untouched(3, 2));
        assertThat(outcome.blp.assetSupply(6)).as("supply of asset 6 at the brim").isEqualTo(MAX);
        assertThat(outcome.blp.assetSupply(5)).as("supply of asset 5").isEqualTo(MAX);
    }
}
