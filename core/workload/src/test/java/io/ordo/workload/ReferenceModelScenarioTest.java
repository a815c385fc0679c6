package io.ordo.workload;

import io.ordo.core.BlpConfig;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.codec.RejectReason;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import static io.ordo.workload.TestCommand.cancelAll;
import static io.ordo.workload.TestCommand.cancelOrder;
import static io.ordo.workload.TestCommand.createApiKey;
import static io.ordo.workload.TestCommand.createAsset;
import static io.ordo.workload.TestCommand.createInstrument;
import static io.ordo.workload.TestCommand.deposit;
import static io.ordo.workload.TestCommand.haltInstrument;
import static io.ordo.workload.TestCommand.openAccount;
import static io.ordo.workload.TestCommand.placeOrder;
import static io.ordo.workload.TestCommand.raw;
import static io.ordo.workload.TestCommand.replaceOrder;
import static io.ordo.workload.TestCommand.revokeApiKey;
import static io.ordo.workload.TestCommand.takeSnapshot;
import static io.ordo.workload.TestCommand.transfer;
import static io.ordo.workload.TestCommand.withdraw;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hand-computed scenarios: the specification by worked example. Every scenario runs on the {@link ReferenceModel}
 * and on the real {@link BusinessLogicProcessor}, and both must produce the expected events, so that the reference
 * is right by construction and not merely consistent with the BLP, and the BLP meets the same written-out
 * expectations. Every expected number is worked out in the comments from the spec.
 * <p>
 * Instrument 1: base asset 1, quote asset 2, maker 1,000 ppm, taker 2,000 ppm, lot 10, tick 5, quantity 10..10,000,
 * price 5..100,000. Instrument 2: base 1, quote 2, maker 0, taker 1,000,000 ppm, lot 1, tick 1.
 * <p>
 * API keys get ids 1, 2, 3, ... in creation order; a command with {@code withSessionKey(k)} is one a gateway session
 * logged in with key k sent, one without it was sent in process (trusted). The keys' salt counts 01, 02, ... 10 and
 * their hash 21, 22, ... 40 (hex).
 */
class ReferenceModelScenarioTest
{
    private static final int BUY = 1;
    private static final int SELL = 2;
    private static final int GTC = 1;
    private static final int IOC = 2;
    private static final int FOK = 3;
    private static final int POST_ONLY = 4;
    private static final int MARKET = 5;
    private static final long TS = 100;
    private static final int TRADER = 1;
    private static final int ADMIN = 2;
    private static final String SALT_HEX = "0102030405060708090a0b0c0d0e0f10";
    private static final String HASH_HEX = "2122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40";

    /** The reference model and a BLP with the same request window, fed the same commands. */
    private static final class Implementations
    {
        final ReferenceModel model;
        final BusinessLogicProcessor blp;
        private final List<String> blpEvents = new ArrayList<>();
        private final EventText text = new EventText();
        private final CommandWriter writer = new CommandWriter();
        private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);

        Implementations(final int requestWindowCapacity)
        {
            model = new ReferenceModel(requestWindowCapacity);
            blp = new BusinessLogicProcessor(new BlpConfig().requestWindowCapacity(requestWindowCapacity),
                (b, o, l) -> blpEvents.add(text.decode(b, o, l)));
        }

        Outcome apply(final TestCommand command)
        {
            blpEvents.clear();
            blp.onCommand(buffer, 0, command.encode(writer, buffer));
            final List<String> modelEvents = model.apply(command);
            assertThat(model.selfCheck()).as("model invariants after %s", command).isNull();
            return new Outcome(command, modelEvents, new ArrayList<>(blpEvents));
        }

        /** Open orders in book order, from both; each as "order=id acct=a side=s kind=k price=p rem=r held=h". */
        void assertOpenOrders(final String... expected)
        {
            final List<String> fromModel = new ArrayList<>();
            for (final ReferenceModel.Order o : model.openOrdersInBookOrder())
            {
                fromModel.add(order(o.id, o.accountId, o.side, o.kind, o.price, o.remaining, o.held));
            }
            final List<String> fromBlp = new ArrayList<>();
            blp.forEachOpenOrder((orderId, accountId, instrumentId, side, kind, price, remaining, held) ->
                fromBlp.add(order(orderId, accountId, side, kind, price, remaining, held)));
            assertThat(fromModel).as("open orders of the reference model").containsExactly(expected);
            assertThat(fromBlp).as("open orders of the BLP").containsExactly(expected);
        }

        private static String order(
            final long orderId, final long accountId, final int side, final int kind, final long price,
            final long remaining, final long held)
        {
            return "order=" + orderId + " acct=" + accountId + " side=" + side + " kind=" + kind + " price=" + price +
                " rem=" + remaining + " held=" + held;
        }
    }

    /** The events one command produced on each implementation. */
    private record Outcome(TestCommand command, List<String> model, List<String> blp)
    {
        /** Both implementations must produce exactly these events. */
        void is(final String... expected)
        {
            assertThat(model).as("reference model's events for %s", command).containsExactly(expected);
            assertThat(blp).as("BLP's events for %s", command).containsExactly(expected);
        }

        /** Both implementations' first event (the terminal outcome) must be this one. */
        void startsWith(final String expected)
        {
            assertThat(model).as("reference model's events for %s", command).first().isEqualTo(expected);
            assertThat(blp).as("BLP's events for %s", command).first().isEqualTo(expected);
        }

        /** Both implementations' events must satisfy the requirement; it gets a description and the events. */
        void each(final BiConsumer<String, List<String>> requirement)
        {
            requirement.accept("reference model's events for " + command, model);
            requirement.accept("BLP's events for " + command, blp);
        }
    }

    private Implementations both;
    private long requestId = 1_000;

    @BeforeEach
    void setUp()
    {
        both = new Implementations(1024);
        given(createAsset(0, 1, 1, 1, 8));
        given(createAsset(0, 2, 1, 2, 2));
        given(createInstrument(0, 3, 1, 1, 1, 2, 1_000, 2_000, 10, 5, 10, 10_000, 5, 100_000));
        given(createInstrument(0, 4, 1, 2, 1, 2, 0, 1_000_000, 1, 1, 1, 1_000, 1, 100_000));
        for (long account = 1; account <= 3; account++)
        {
            given(openAccount(account, 1, 1));
            given(deposit(account, 2, 1, 1, 1_000));
            given(deposit(account, 3, 1, 2, 1_000_000));
        }
    }

    private void given(final TestCommand command)
    {
        final Outcome outcome = both.apply(command);
        assertThat(outcome.model().get(0)).as("setup %s", command).doesNotStartWith("CommandRejected");
        assertThat(outcome.blp()).as("BLP's events for setup %s", command).isEqualTo(outcome.model());
    }

    private Outcome when(final TestCommand command)
    {
        final Outcome outcome = both.apply(command);
        assertThat(both.blp.stateHash()).as("BLP's state hash = reference model's after %s", command)
            .isEqualTo(both.model.stateHash());
        return outcome;
    }

    private long req()
    {
        return requestId++;
    }

    @Test
    void shouldReleasePriceImprovementToAvailableWhenBuyFillsBelowLimit()
    {
        given(placeOrder(2, req(), TS, 1, SELL, GTC, 10_000, 100, 0));

        // Hold at the limit: N = 10,500 x 10 lots = 105,000; GTC fee at max(1,000, 2,000) ppm = 210 -> 105,210.
        // Fill at 10,000: notional 100,000, maker fee 100, taker fee 200; the buyer's required drops to 0, so
        // 105,210 leaves held and 105,210 - 100,000 - 200 = 5,010 returns to available.
        when(placeOrder(1, 50, TS, 1, BUY, GTC, 10_500, 100, 0)).is(
            "OrderAccepted acct=1 req=50 ts=100 order=2 instr=1 side=BUY kind=GTC price=10500 qty=100 budget=0 " +
                "held=105210",
            "BalanceChanged acct=1 asset=2 cause=ORDER_HOLD avail=-105210 held=+105210 availAfter=894790 " +
                "heldAfter=105210 ref=2",
            "Trade id=1 ts=100 instr=1 aggr=BUY maker=1 taker=2 makerAcct=2 takerAcct=1 price=10000 qty=100 " +
                "makerFee=100 takerFee=200 makerRem=0 takerRem=0",
            "BalanceChanged acct=1 asset=2 cause=TRADE avail=+5010 held=-105210 availAfter=899800 heldAfter=0 ref=1",
            "BalanceChanged acct=1 asset=1 cause=TRADE avail=+100 held=0 availAfter=1100 heldAfter=0 ref=1",
            "BalanceChanged acct=2 asset=1 cause=TRADE avail=0 held=-100 availAfter=900 heldAfter=0 ref=1",
            "BalanceChanged acct=2 asset=2 cause=TRADE avail=+99900 held=0 availAfter=1099900 heldAfter=0 ref=1",
            "BalanceChanged acct=0 asset=2 cause=FEE avail=+300 held=0 availAfter=300 heldAfter=0 ref=1");
        both.assertOpenOrders();
    }

    @Test
    void shouldExpireAggressorRemainderWhenSelfTradeWouldOccur()
    {
        given(placeOrder(2, req(), TS, 1, SELL, GTC, 10_000, 50, 0));
        given(placeOrder(1, req(), TS, 1, SELL, GTC, 10_005, 50, 0));

        // Hold: N = 10,010 x 10 = 100,100, fee(100,100, 2,000) = 200 -> 100,300.
        // Fill 50 at 10,000: notional 50,000, fees 50 / 100. Required after: N = 50,050, fee 100 -> 50,150, so
        // release 50,150 of which 50,000 + 100 is paid and 50 returns. Then the own ask at 10,005 stops matching:
        // the GTC remainder expires and its 50,150 returns.
        when(placeOrder(1, 60, TS, 1, BUY, GTC, 10_010, 100, 0)).is(
            "OrderAccepted acct=1 req=60 ts=100 order=3 instr=1 side=BUY kind=GTC price=10010 qty=100 budget=0 " +
                "held=100300",
            "BalanceChanged acct=1 asset=2 cause=ORDER_HOLD avail=-100300 held=+100300 availAfter=899700 " +
                "heldAfter=100300 ref=3",
            "Trade id=1 ts=100 instr=1 aggr=BUY maker=1 taker=3 makerAcct=2 takerAcct=1 price=10000 qty=50 " +
                "makerFee=50 takerFee=100 makerRem=0 takerRem=50",
            "BalanceChanged acct=1 asset=2 cause=TRADE avail=+50 held=-50150 availAfter=899750 heldAfter=50150 ref=1",
            "BalanceChanged acct=1 asset=1 cause=TRADE avail=+50 held=0 availAfter=1000 heldAfter=50 ref=1",
            "BalanceChanged acct=2 asset=1 cause=TRADE avail=0 held=-50 availAfter=950 heldAfter=0 ref=1",
            "BalanceChanged acct=2 asset=2 cause=TRADE avail=+49950 held=0 availAfter=1049950 heldAfter=0 ref=1",
            "BalanceChanged acct=0 asset=2 cause=FEE avail=+150 held=0 availAfter=150 heldAfter=0 ref=1",
            "OrderExpired acct=1 req=60 ts=100 order=3 instr=1 reason=SELF_TRADE_PREVENTED remaining=50",
            "BalanceChanged acct=1 asset=2 cause=ORDER_RELEASE avail=+50150 held=-50150 availAfter=949900 " +
                "heldAfter=0 ref=3");
        // The resting own order stays, untouched.
        both.assertOpenOrders("order=2 acct=1 side=2 kind=1 price=10005 rem=50 held=50");
    }

    @Test
    void shouldExpireBudgetBuyWhenNextLotIsUnaffordableMidSweep()
    {
        given(placeOrder(2, req(), TS, 1, SELL, GTC, 10_000, 10, 0));
        given(placeOrder(2, req(), TS, 1, SELL, GTC, 10_005, 10, 0));

        // Budget 20,000. First lot at 10,000 costs 10,000 + fee(10,000, 2,000) = 10,020: filled. Unspent 9,980 <
        // 10,005 + 20 for the next lot: BUDGET_EXHAUSTED. A budget buy's fill moves release = notional + fee out of
        // held and leaves available unchanged.
        when(placeOrder(1, 70, TS, 1, BUY, MARKET, 0, 100, 20_000)).is(
            "OrderAccepted acct=1 req=70 ts=100 order=3 instr=1 side=BUY kind=MARKET price=0 qty=100 budget=20000 " +
                "held=20000",
            "BalanceChanged acct=1 asset=2 cause=ORDER_HOLD avail=-20000 held=+20000 availAfter=980000 " +
                "heldAfter=20000 ref=3",
            "Trade id=1 ts=100 instr=1 aggr=BUY maker=1 taker=3 makerAcct=2 takerAcct=1 price=10000 qty=10 " +
                "makerFee=10 takerFee=20 makerRem=0 takerRem=90",
            "BalanceChanged acct=1 asset=2 cause=TRADE avail=0 held=-10020 availAfter=980000 heldAfter=9980 ref=1",
            "BalanceChanged acct=1 asset=1 cause=TRADE avail=+10 held=0 availAfter=1010 heldAfter=0 ref=1",
            "BalanceChanged acct=2 asset=1 cause=TRADE avail=0 held=-10 availAfter=980 heldAfter=10 ref=1",
            "BalanceChanged acct=2 asset=2 cause=TRADE avail=+9990 held=0 availAfter=1009990 heldAfter=0 ref=1",
            "BalanceChanged acct=0 asset=2 cause=FEE avail=+30 held=0 availAfter=30 heldAfter=0 ref=1",
            "OrderExpired acct=1 req=70 ts=100 order=3 instr=1 reason=BUDGET_EXHAUSTED remaining=90",
            "BalanceChanged acct=1 asset=2 cause=ORDER_RELEASE avail=+9980 held=-9980 availAfter=989980 heldAfter=0 " +
                "ref=3");
    }

    @Test
    void shouldReleaseUnspentBudgetAloneWhenBudgetBuyFillsInFull()
    {
        given(placeOrder(2, req(), TS, 1, SELL, GTC, 10_000, 10, 0));

        when(placeOrder(1, 71, TS, 1, BUY, MARKET, 0, 10, 50_000)).is(
            "OrderAccepted acct=1 req=71 ts=100 order=2 instr=1 side=BUY kind=MARKET price=0 qty=10 budget=50000 " +
                "held=50000",
            "BalanceChanged acct=1 asset=2 cause=ORDER_HOLD avail=-50000 held=+50000 availAfter=950000 " +
                "heldAfter=50000 ref=2",
            "Trade id=1 ts=100 instr=1 aggr=BUY maker=1 taker=2 makerAcct=2 takerAcct=1 price=10000 qty=10 " +
                "makerFee=10 takerFee=20 makerRem=0 takerRem=0",
            "BalanceChanged acct=1 asset=2 cause=TRADE avail=0 held=-10020 availAfter=950000 heldAfter=39980 ref=1",
            "BalanceChanged acct=1 asset=1 cause=TRADE avail=+10 held=0 availAfter=1010 heldAfter=0 ref=1",
            "BalanceChanged acct=2 asset=1 cause=TRADE avail=0 held=-10 availAfter=990 heldAfter=0 ref=1",
            "BalanceChanged acct=2 asset=2 cause=TRADE avail=+9990 held=0 availAfter=1009990 heldAfter=0 ref=1",
            "BalanceChanged acct=0 asset=2 cause=FEE avail=+30 held=0 availAfter=30 heldAfter=0 ref=1",
            "BalanceChanged acct=1 asset=2 cause=ORDER_RELEASE avail=+39980 held=-39980 availAfter=989980 " +
                "heldAfter=0 ref=2");
    }

    @Test
    void shouldExpireFokWithoutTradeWhenOwnOrderLimitsFillableQuantity()
    {
        given(placeOrder(2, req(), TS, 1, SELL, GTC, 10_000, 10, 0));
        given(placeOrder(1, req(), TS, 1, SELL, GTC, 10_000, 10, 0));
        given(placeOrder(2, req(), TS, 1, SELL, GTC, 10_005, 10, 0));

        // 30 are acceptable at 10,005 but the sum stops at the own order: 10 < 20.
        // Hold: N = 10,005 x 2 = 20,010, fee(20,010, taker 2,000) = 40 -> 20,050.
        when(placeOrder(1, 80, TS, 1, BUY, FOK, 10_005, 20, 0)).is(
            "OrderAccepted acct=1 req=80 ts=100 order=4 instr=1 side=BUY kind=FOK price=10005 qty=20 budget=0 " +
                "held=20050",
            "BalanceChanged acct=1 asset=2 cause=ORDER_HOLD avail=-20050 held=+20050 availAfter=979950 " +
                "heldAfter=20050 ref=4",
            "OrderExpired acct=1 req=80 ts=100 order=4 instr=1 reason=FOK_UNFILLED remaining=20",
            "BalanceChanged acct=1 asset=2 cause=ORDER_RELEASE avail=+20050 held=-20050 availAfter=1000000 " +
                "heldAfter=0 ref=4");
    }

    @Test
    void shouldFillFokAcrossLevelsWhenEnoughIsAcceptable()
    {
        given(placeOrder(2, req(), TS, 1, SELL, GTC, 10_000, 10, 0));
        given(placeOrder(3, req(), TS, 1, SELL, GTC, 10_005, 10, 0));

        final Outcome outcome = when(placeOrder(1, 81, TS, 1, BUY, FOK, 10_005, 20, 0));

        outcome.each((who, events) ->
        {
            assertThat(events).as(who).filteredOn(e -> e.startsWith("Trade")).containsExactly(
                "Trade id=1 ts=100 instr=1 aggr=BUY maker=1 taker=3 makerAcct=2 takerAcct=1 price=10000 qty=10 " +
                    "makerFee=10 takerFee=20 makerRem=0 takerRem=10",
                "Trade id=2 ts=100 instr=1 aggr=BUY maker=2 taker=3 makerAcct=3 takerAcct=1 price=10005 qty=10 " +
                    "makerFee=10 takerFee=20 makerRem=0 takerRem=0");
            assertThat(events).as(who).noneMatch(e -> e.startsWith("OrderExpired"));
        });
        both.assertOpenOrders();
    }

    @Test
    void shouldRejectPostOnlyWhenItWouldCrossOwnOrder()
    {
        given(placeOrder(1, req(), TS, 1, SELL, GTC, 10_000, 10, 0));

        when(placeOrder(1, 90, TS, 1, BUY, POST_ONLY, 10_000, 10, 0)).is(
            "CommandRejected acct=1 req=90 ts=100 order=0 type=PLACE_ORDER reason=WOULD_CROSS orig=NONE");
        // Post-only holds at the maker rate: 9,995 + fee(9,995, 1,000) = 9,995 + 9.
        when(placeOrder(1, 91, TS, 1, BUY, POST_ONLY, 9_995, 10, 0)).is(
            "OrderAccepted acct=1 req=91 ts=100 order=2 instr=1 side=BUY kind=POST_ONLY price=9995 qty=10 budget=0 " +
                "held=10004",
            "BalanceChanged acct=1 asset=2 cause=ORDER_HOLD avail=-10004 held=+10004 availAfter=989996 " +
                "heldAfter=10004 ref=2");
    }

    @Test
    void shouldKeepPriorityWhenReplaceLowersQuantityAtSamePrice()
    {
        given(placeOrder(1, req(), TS, 1, SELL, GTC, 10_000, 30, 0));
        given(placeOrder(2, req(), TS, 1, SELL, GTC, 10_000, 30, 0));

        when(replaceOrder(1, 95, TS, 1, 10_000, 20)).is(
            "OrderReplaced acct=1 req=95 ts=100 order=1 instr=1 kept=true oldPrice=10000 oldQty=30 newPrice=10000 " +
                "newQty=20",
            "BalanceChanged acct=1 asset=1 cause=ORDER_RELEASE avail=+10 held=-10 availAfter=980 heldAfter=20 ref=1");
        when(placeOrder(3, req(), TS, 1, BUY, IOC, 10_000, 10, 0)).each((who, events) ->
            assertThat(events).as(who).anyMatch(e -> e.startsWith("Trade id=1 ") && e.contains(" maker=1 ")));
    }

    @Test
    void shouldLosePriorityAndRestAtBackWhenReplaceRaisesQuantity()
    {
        given(placeOrder(1, req(), TS, 1, SELL, GTC, 10_000, 30, 0));
        given(placeOrder(2, req(), TS, 1, SELL, GTC, 10_000, 30, 0));

        when(replaceOrder(1, 96, TS, 1, 10_000, 40)).is(
            "OrderReplaced acct=1 req=96 ts=100 order=1 instr=1 kept=false oldPrice=10000 oldQty=30 newPrice=10000 " +
                "newQty=40",
            "BalanceChanged acct=1 asset=1 cause=ORDER_HOLD avail=-10 held=+10 availAfter=960 heldAfter=40 ref=1");
        when(placeOrder(3, req(), TS, 1, BUY, IOC, 10_000, 10, 0)).each((who, events) ->
            assertThat(events).as(who).anyMatch(e -> e.startsWith("Trade id=1 ") && e.contains(" maker=2 ")));
    }

    @Test
    void shouldMatchAsAggressorWhenReplaceMovesPriceAcrossTheSpread()
    {
        given(placeOrder(2, req(), TS, 1, SELL, GTC, 10_010, 10, 0));
        given(placeOrder(1, req(), TS, 1, BUY, GTC, 10_000, 20, 0));

        // The bid's hold: 10,000 x 2 + fee(20,000, 2,000) = 20,040; at 10,010: 20,020 + 40 = 20,060, d = +20.
        // It trades 10 at 10,010 as the taker, then its remainder (10) rests at 10,010 holding 10,010 + 20.
        when(replaceOrder(1, 97, TS, 2, 10_010, 20)).is(
            "OrderReplaced acct=1 req=97 ts=100 order=2 instr=1 kept=false oldPrice=10000 oldQty=20 newPrice=10010 " +
                "newQty=20",
            "BalanceChanged acct=1 asset=2 cause=ORDER_HOLD avail=-20 held=+20 availAfter=979940 heldAfter=20060 ref=2",
            "Trade id=1 ts=100 instr=1 aggr=BUY maker=1 taker=2 makerAcct=2 takerAcct=1 price=10010 qty=10 " +
                "makerFee=10 takerFee=20 makerRem=0 takerRem=10",
            "BalanceChanged acct=1 asset=2 cause=TRADE avail=0 held=-10030 availAfter=979940 heldAfter=10030 ref=1",
            "BalanceChanged acct=1 asset=1 cause=TRADE avail=+10 held=0 availAfter=1010 heldAfter=0 ref=1",
            "BalanceChanged acct=2 asset=1 cause=TRADE avail=0 held=-10 availAfter=990 heldAfter=0 ref=1",
            "BalanceChanged acct=2 asset=2 cause=TRADE avail=+10000 held=0 availAfter=1010000 heldAfter=0 ref=1",
            "BalanceChanged acct=0 asset=2 cause=FEE avail=+30 held=0 availAfter=30 heldAfter=0 ref=1");
        // The best bid is now the replaced order at 10,010, holding 10,010 + fee(10,010, 2,000) for its last lot.
        both.assertOpenOrders("order=2 acct=1 side=1 kind=1 price=10010 rem=10 held=10030");
    }

    @Test
    void shouldOmitZeroSellerProceedsWhenTakerFeeIsTheWholeNotional()
    {
        given(placeOrder(1, req(), TS, 2, BUY, GTC, 500, 3, 0));

        // Instrument 2: lot 1, maker 0 ppm, taker 1,000,000 ppm. The selling taker receives 1,500 - 1,500 = 0:
        // that BalanceChanged is not emitted; the operator gets the whole notional.
        when(placeOrder(2, 99, TS, 2, SELL, IOC, 500, 3, 0)).is(
            "OrderAccepted acct=2 req=99 ts=100 order=2 instr=2 side=SELL kind=IOC price=500 qty=3 budget=0 held=3",
            "BalanceChanged acct=2 asset=1 cause=ORDER_HOLD avail=-3 held=+3 availAfter=997 heldAfter=3 ref=2",
            "Trade id=1 ts=100 instr=2 aggr=SELL maker=1 taker=2 makerAcct=1 takerAcct=2 price=500 qty=3 " +
                "makerFee=0 takerFee=1500 makerRem=0 takerRem=0",
            "BalanceChanged acct=1 asset=2 cause=TRADE avail=+1500 held=-3000 availAfter=998500 heldAfter=0 ref=1",
            "BalanceChanged acct=1 asset=1 cause=TRADE avail=+3 held=0 availAfter=1003 heldAfter=0 ref=1",
            "BalanceChanged acct=2 asset=1 cause=TRADE avail=0 held=-3 availAfter=997 heldAfter=0 ref=1",
            "BalanceChanged acct=0 asset=2 cause=FEE avail=+1500 held=0 availAfter=1500 heldAfter=0 ref=1");
    }

    @Test
    void shouldCancelInAscendingOrderIdWhenCancelAllOnEveryInstrument()
    {
        given(placeOrder(1, req(), TS, 2, SELL, GTC, 900, 1, 0));
        given(placeOrder(1, req(), TS, 1, SELL, GTC, 10_000, 10, 0));
        given(placeOrder(2, req(), TS, 1, SELL, GTC, 10_000, 10, 0));
        given(placeOrder(1, req(), TS, 2, SELL, GTC, 800, 2, 0));

        when(cancelAll(1, 100, TS, 0)).is(
            "CommandAccepted acct=1 req=100 ts=100 type=CANCEL_ALL",
            "OrderCancelled acct=1 req=100 ts=100 order=1 instr=2 reason=CANCEL_ALL remaining=1",
            "BalanceChanged acct=1 asset=1 cause=ORDER_RELEASE avail=+1 held=-1 availAfter=988 heldAfter=12 ref=1",
            "OrderCancelled acct=1 req=100 ts=100 order=2 instr=1 reason=CANCEL_ALL remaining=10",
            "BalanceChanged acct=1 asset=1 cause=ORDER_RELEASE avail=+10 held=-10 availAfter=998 heldAfter=2 ref=2",
            "OrderCancelled acct=1 req=100 ts=100 order=4 instr=2 reason=CANCEL_ALL remaining=2",
            "BalanceChanged acct=1 asset=1 cause=ORDER_RELEASE avail=+2 held=-2 availAfter=1000 heldAfter=0 ref=4");
    }

    @Test
    void shouldAnswerDuplicateWithOriginalOutcomeAndForgetItWhenEvicted()
    {
        final Implementations small = new Implementations(2);
        small.apply(createAsset(0, 1, 1, 1, 2)).is("CommandAccepted acct=0 req=1 ts=1 type=CREATE_ASSET");
        small.apply(openAccount(1, 1, 1)).is("CommandAccepted acct=1 req=1 ts=1 type=OPEN_ACCOUNT");

        small.apply(cancelOrder(1, 7, 5, 42)).is(
            "CommandRejected acct=1 req=7 ts=5 order=42 type=CANCEL_ORDER reason=UNKNOWN_ORDER orig=NONE");
        // Duplicate key, other body: the original outcome, with its order id.
        small.apply(deposit(1, 7, 6, 1, 10)).is(
            "CommandRejected acct=1 req=7 ts=6 order=42 type=DEPOSIT reason=DUPLICATE_REQUEST orig=UNKNOWN_ORDER");
        // Frame rejects are not remembered and do not evict.
        small.apply(raw(new byte[]{1, 2, 3})).is(
            "CommandRejected acct=0 req=0 ts=0 order=0 type=UNKNOWN reason=MALFORMED orig=NONE");
        small.apply(deposit(1, 8, 7, 1, 10)).is(
            "CommandAccepted acct=1 req=8 ts=7 type=DEPOSIT",
            "BalanceChanged acct=1 asset=1 cause=DEPOSIT avail=+10 held=0 availAfter=10 heldAfter=0 ref=0");
        small.apply(deposit(1, 8, 8, 1, 10)).is(
            "CommandRejected acct=1 req=8 ts=8 order=0 type=DEPOSIT reason=DUPLICATE_REQUEST orig=NONE");
        // Window of 2 now holds (1,7) and (1,8); one more evicts (1,7).
        small.apply(deposit(1, 9, 9, 1, 10)).is(
            "CommandAccepted acct=1 req=9 ts=9 type=DEPOSIT",
            "BalanceChanged acct=1 asset=1 cause=DEPOSIT avail=+10 held=0 availAfter=20 heldAfter=0 ref=0");
        // The evicted key applies again.
        small.apply(deposit(1, 7, 10, 1, 10)).is(
            "CommandAccepted acct=1 req=7 ts=10 type=DEPOSIT",
            "BalanceChanged acct=1 asset=1 cause=DEPOSIT avail=+10 held=0 availAfter=30 heldAfter=0 ref=0");
        assertThat(small.blp.stateHash()).as("BLP's state hash = reference model's, window included")
            .isEqualTo(small.model.stateHash());
    }

    @Test
    void shouldRejectMalformedFramesWithZeroKeyAndTemplateType()
    {
        // A Deposit header (block 52, template 4, schema 7, version 3) with a truncated block.
        when(raw(new byte[]{52, 0, 4, 0, 7, 0, 3, 0, 1, 0, 0, 0})).is(
            "CommandRejected acct=0 req=0 ts=0 order=0 type=DEPOSIT reason=MALFORMED orig=NONE");
        // The same frame in version 2, before money movements carried a value time: refused whole.
        when(raw(new byte[]{44, 0, 4, 0, 7, 0, 2, 0, 1, 0, 0, 0})).is(
            "CommandRejected acct=0 req=0 ts=0 order=0 type=UNKNOWN reason=MALFORMED orig=NONE");
        // The same frame in version 1, before commands carried the session's key: refused whole.
        when(raw(new byte[]{36, 0, 4, 0, 7, 0, 1, 0, 1, 0, 0, 0})).is(
            "CommandRejected acct=0 req=0 ts=0 order=0 type=UNKNOWN reason=MALFORMED orig=NONE");
        when(raw(new byte[]{52, 0, 16, 0, 7, 0, 3, 0, 1, 0, 0, 0})).is(
            "CommandRejected acct=0 req=0 ts=0 order=0 type=UNKNOWN reason=UNKNOWN_COMMAND orig=NONE");
        when(raw(new byte[]{})).is(
            "CommandRejected acct=0 req=0 ts=0 order=0 type=UNKNOWN reason=MALFORMED orig=NONE");
        // The 13 setup commands only. The BLP has no window accessor: its state hash, which walks the window, was
        // checked against the model's after each command.
        assertThat(both.model.windowSize()).as("frame rejects are not remembered").isEqualTo(13);
    }

    @Test
    void shouldFollowRejectPrecedenceWhenSeveralChecksFail()
    {
        // Unknown instrument beats everything after it; a bad quantity beats a bad price; halted beats a bad side;
        // an unknown account beats everything.
        when(placeOrder(1, 200, TS, 9, 0, 0, -1, -1, -1)).is(
            "CommandRejected acct=1 req=200 ts=100 order=0 type=PLACE_ORDER reason=UNKNOWN_INSTRUMENT orig=NONE");
        when(placeOrder(1, 201, TS, 1, BUY, GTC, 7, 15, 0)).is(
            "CommandRejected acct=1 req=201 ts=100 order=0 type=PLACE_ORDER reason=QUANTITY_OFF_LOT orig=NONE");
        when(placeOrder(1, 202, TS, 1, SELL, MARKET, 0, 10, 100)).is(
            "CommandRejected acct=1 req=202 ts=100 order=0 type=PLACE_ORDER reason=INVALID_MARKET_BOUND orig=NONE");
        when(placeOrder(1, 203, TS, 1, BUY, MARKET, 7, 10, 0)).is(
            "CommandRejected acct=1 req=203 ts=100 order=0 type=PLACE_ORDER reason=PRICE_OFF_TICK orig=NONE");
        when(placeOrder(1, 204, TS, 1, BUY, GTC, 100_000, 10_000, 0)).is(
            "CommandRejected acct=1 req=204 ts=100 order=0 type=PLACE_ORDER reason=INSUFFICIENT_FUNDS orig=NONE");
        given(haltInstrument(0, 205, TS, 2));
        when(placeOrder(1, 206, TS, 2, 0, 0, -1, -1, -1)).is(
            "CommandRejected acct=1 req=206 ts=100 order=0 type=PLACE_ORDER reason=INSTRUMENT_HALTED orig=NONE");
        when(placeOrder(9, 207, TS, 9, 0, 0, -1, -1, -1)).is(
            "CommandRejected acct=9 req=207 ts=100 order=0 type=PLACE_ORDER reason=UNKNOWN_ACCOUNT orig=NONE");
    }

    @Test
    void shouldHashEqualStatesEquallyWhenFedSameCommands()
    {
        // given
        final List<TestCommand> stream = RandomizedWorkload.generate(5, 3_000, 1024);
        final Implementations fed = new Implementations(1024);
        final Implementations fresh = new Implementations(1024);

        // when
        for (final TestCommand command : stream)
        {
            fed.apply(command).each((who, events) -> assertThat(events).as(who).isNotEmpty());
        }

        // then
        assertThat(fed.blp.stateHash()).as("BLP's state hash after the stream = reference model's")
            .isEqualTo(fed.model.stateHash())
            .as("a state hash that depends on the state").isNotEqualTo(fresh.model.stateHash());
        // Fresh state walk: nextOrderId 1, nextTradeId 1, 0 assets, 0 instruments, 1 account (0) with 0 balances,
        // no books, 0 window entries.
        final ReferenceModel.Hash h = new ReferenceModel.Hash();
        h.add(1).add(1).add(0).add(0).add(1).add(0).add(0).add(0);
        assertThat(fresh.model.stateHash()).as("reference model's state hash of the empty state").isEqualTo(h.value);
        assertThat(fresh.blp.stateHash()).as("BLP's state hash of the empty state").isEqualTo(h.value);
    }
    // ------------------------------------------------------------------------------------------------ API keys

    /** Bytes first, first + 1, ... */
    private static byte[] counting(final int length, final int first)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(first + i);
        }
        return bytes;
    }

    /** A key with the counting salt and hash. */
    private static TestCommand newKey(
        final long accountId, final long requestId, final int role, final long replacesKeyId)
    {
        return createApiKey(accountId, requestId, TS, role, replacesKeyId, counting(16, 0x01), counting(32, 0x21));
    }

    private static String keyCreated(
        final long accountId, final long requestId, final long keyId, final String role, final long replacedKeyId)
    {
        return "ApiKeyCreated acct=" + accountId + " req=" + requestId + " ts=100 key=" + keyId + " role=" + role +
            " replaced=" + replacedKeyId + " salt=" + SALT_HEX + " hash=" + HASH_HEX;
    }

    private static String rejected(
        final long accountId, final long requestId, final long orderId, final String type, final String reason)
    {
        return "CommandRejected acct=" + accountId + " req=" + requestId + " ts=100 order=" + orderId + " type=" +
            type + " reason=" + reason + " orig=NONE";
    }

    @Test
    void shouldCreateKeysWithConsecutiveIdsAndAnswerARetriedCreationWithTheKeyId()
    {
        when(newKey(1, 500, TRADER, 0)).is(keyCreated(1, 500, 1, "TRADER", 0));
        when(newKey(0, 501, ADMIN, 0)).is(keyCreated(0, 501, 2, "ADMIN", 0));

        // A retry creates no second key; the window keeps the key id where other commands keep an order id.
        when(newKey(1, 500, TRADER, 0)).is(
            "CommandRejected acct=1 req=500 ts=100 order=1 type=CREATE_API_KEY reason=DUPLICATE_REQUEST orig=NONE");
        assertThat(both.model.apiKeyCount()).as("keys created").isEqualTo(2);
    }

    @Test
    void shouldRejectKeysThatCannotWorkInTheOrderOfTheChecks()
    {
        // An unknown account beats a bad role and an all-zero salt and hash.
        when(createApiKey(9, 510, TS, 7, 0, new byte[16], new byte[32])).is(
            rejected(9, 510, 0, "CREATE_API_KEY", "UNKNOWN_ACCOUNT"));
        // No such role; KeyRole's null value is none either.
        when(createApiKey(1, 511, TS, 3, 0, counting(16, 0x01), counting(32, 0x21))).is(
            rejected(1, 511, 0, "CREATE_API_KEY", "INVALID_API_KEY"));
        when(createApiKey(1, 512, TS, 255, 0, counting(16, 0x01), counting(32, 0x21))).is(
            rejected(1, 512, 0, "CREATE_API_KEY", "INVALID_API_KEY"));
        when(createApiKey(1, 513, TS, TRADER, 0, new byte[16], counting(32, 0x21))).is(
            rejected(1, 513, 0, "CREATE_API_KEY", "INVALID_API_KEY"));
        when(createApiKey(1, 514, TS, TRADER, 0, counting(16, 0x01), new byte[32])).is(
            rejected(1, 514, 0, "CREATE_API_KEY", "INVALID_API_KEY"));
        // A bad role beats a rotation of a key that does not exist.
        when(createApiKey(1, 515, TS, 0, 42, counting(16, 0x01), counting(32, 0x21))).is(
            rejected(1, 515, 0, "CREATE_API_KEY", "INVALID_API_KEY"));
        when(newKey(1, 516, TRADER, 42)).is(rejected(1, 516, 0, "CREATE_API_KEY", "UNKNOWN_API_KEY"));

        // One byte that is not zero is enough; the rejections used no key id.
        final byte[] lastByteOnly = new byte[16];
        lastByteOnly[15] = 1;
        when(createApiKey(1, 517, TS, TRADER, 0, lastByteOnly, counting(32, 0x21))).is(
            "ApiKeyCreated acct=1 req=517 ts=100 key=1 role=TRADER replaced=0 salt=00000000000000000000000000000001 " +
                "hash=" + HASH_HEX);
    }

    @Test
    void shouldRotateOnlyALiveKeyOfTheSameAccount()
    {
        given(newKey(1, 520, TRADER, 0));
        given(newKey(2, 521, TRADER, 0));

        when(newKey(1, 522, TRADER, 2)).is(rejected(1, 522, 0, "CREATE_API_KEY", "UNKNOWN_API_KEY"));
        // The new key may have another role; the old one is revoked by the same command, after the outcome.
        when(newKey(1, 523, ADMIN, 1)).is(
            keyCreated(1, 523, 3, "ADMIN", 1),
            "ApiKeyRevoked acct=1 req=523 ts=100 key=1");
        when(newKey(1, 524, TRADER, 1)).is(rejected(1, 524, 0, "CREATE_API_KEY", "UNKNOWN_API_KEY"));
    }

    @Test
    void shouldRevokeOnlyALiveKeyOfTheNamedAccount()
    {
        given(newKey(1, 530, TRADER, 0));

        when(revokeApiKey(2, 531, TS, 1)).is(rejected(2, 531, 0, "REVOKE_API_KEY", "UNKNOWN_API_KEY"));
        when(revokeApiKey(1, 532, TS, 2)).is(rejected(1, 532, 0, "REVOKE_API_KEY", "UNKNOWN_API_KEY"));
        when(revokeApiKey(1, 533, TS, 1)).is(
            "CommandAccepted acct=1 req=533 ts=100 type=REVOKE_API_KEY",
            "ApiKeyRevoked acct=1 req=533 ts=100 key=1");
        when(revokeApiKey(1, 534, TS, 1)).is(rejected(1, 534, 0, "REVOKE_API_KEY", "UNKNOWN_API_KEY"));
    }

    @Test
    void shouldLetTraderKeySendOnlyTradingCommandsOfItsOwnAccount()
    {
        given(newKey(1, 540, TRADER, 0));
        final long traderOne = 1;

        // Orders, replaces, cancels, cancel-alls and transfers of account 1 go through, under their own rules.
        when(placeOrder(1, 541, TS, 1, BUY, GTC, 10_000, 10, 0).withSessionKey(traderOne)).startsWith(
            "OrderAccepted acct=1 req=541 ts=100 order=1 instr=1 side=BUY kind=GTC price=10000 qty=10 budget=0 " +
                "held=10020");
        when(replaceOrder(1, 542, TS, 1, 9_995, 10).withSessionKey(traderOne)).startsWith(
            "OrderReplaced acct=1 req=542 ts=100 order=1 instr=1 kept=false oldPrice=10000 oldQty=10 newPrice=9995 " +
                "newQty=10");
        when(cancelOrder(1, 543, TS, 1).withSessionKey(traderOne)).startsWith(
            "OrderCancelled acct=1 req=543 ts=100 order=1 instr=1 reason=USER remaining=10");
        when(cancelAll(1, 544, TS, 0).withSessionKey(traderOne)).is(
            "CommandAccepted acct=1 req=544 ts=100 type=CANCEL_ALL");
        when(transfer(1, 545, TS, 2, 1, 5).withSessionKey(traderOne)).startsWith(
            "CommandAccepted acct=1 req=545 ts=100 type=TRANSFER");
        when(replaceOrder(1, 546, TS, 1, 9_990, 10).withSessionKey(traderOne)).is(
            rejected(1, 546, 1, "REPLACE_ORDER", "UNKNOWN_ORDER"));

        // Everything else is refused before its own rules are asked, even what would be accepted in process.
        when(deposit(1, 547, TS, 1, 10).withSessionKey(traderOne)).is(
            rejected(1, 547, 0, "DEPOSIT", "NOT_AUTHORIZED"));
        when(withdraw(1, 548, TS, 1, 10).withSessionKey(traderOne)).is(
            rejected(1, 548, 0, "WITHDRAW", "NOT_AUTHORIZED"));
        when(openAccount(7, 549, TS).withSessionKey(traderOne)).is(
            rejected(7, 549, 0, "OPEN_ACCOUNT", "NOT_AUTHORIZED"));
        when(newKey(1, 550, TRADER, 0).withSessionKey(traderOne)).is(
            rejected(1, 550, 0, "CREATE_API_KEY", "NOT_AUTHORIZED"));
        when(revokeApiKey(1, 551, TS, traderOne).withSessionKey(traderOne)).is(
            rejected(1, 551, 0, "REVOKE_API_KEY", "NOT_AUTHORIZED"));
        when(haltInstrument(0, 552, TS, 1).withSessionKey(traderOne)).is(
            rejected(0, 552, 0, "HALT_INSTRUMENT", "NOT_AUTHORIZED"));
        when(takeSnapshot(0, 553, TS).withSessionKey(traderOne)).is(
            rejected(0, 553, 0, "TAKE_SNAPSHOT", "NOT_AUTHORIZED"));
    }

    @Test
    void shouldRejectForeignTraderKeyWithoutRememberingTheRequest()
    {
        given(newKey(1, 560, TRADER, 0));
        given(newKey(2, 561, TRADER, 0));
        final int remembered = both.model.windowSize();

        // Account 1's key acts for account 2: refused, even a cancel learns no order id, and nothing is remembered.
        when(placeOrder(2, 562, TS, 1, BUY, GTC, 10_000, 10, 0).withSessionKey(1)).is(
            rejected(2, 562, 0, "PLACE_ORDER", "NOT_AUTHORIZED"));
        when(cancelOrder(2, 563, TS, 7).withSessionKey(1)).is(rejected(2, 563, 0, "CANCEL_ORDER", "NOT_AUTHORIZED"));
        when(transfer(2, 564, TS, 1, 1, 5).withSessionKey(1)).is(rejected(2, 564, 0, "TRANSFER", "NOT_AUTHORIZED"));
        assertThat(both.model.windowSize()).as("refused commands are not remembered").isEqualTo(remembered);

        // So account 2's own key may still use request id 562: a new order, not a duplicate.
        when(placeOrder(2, 562, TS, 1, BUY, GTC, 10_000, 10, 0).withSessionKey(2)).startsWith(
            "OrderAccepted acct=2 req=562 ts=100 order=1 instr=1 side=BUY kind=GTC price=10000 qty=10 budget=0 " +
                "held=10020");
    }

    @Test
    void shouldNotRevealTheOriginalOutcomeToAKeyThatMayNotSendTheRetry()
    {
        given(newKey(1, 570, TRADER, 0));
        given(newKey(2, 571, TRADER, 0));
        given(newKey(0, 572, ADMIN, 0));
        final TestCommand order = placeOrder(2, 573, TS, 1, BUY, GTC, 10_000, 10, 0);
        when(order.withSessionKey(2)).startsWith(
            "OrderAccepted acct=2 req=573 ts=100 order=1 instr=1 side=BUY kind=GTC price=10000 qty=10 budget=0 " +
                "held=10020");

        // A duplicate would name order 1; another account's key, and an unknown one, learn nothing.
        when(order.withSessionKey(1)).is(rejected(2, 573, 0, "PLACE_ORDER", "NOT_AUTHORIZED"));
        when(order.withSessionKey(4)).is(rejected(2, 573, 0, "PLACE_ORDER", "NOT_AUTHORIZED"));
        // The account's own key, an admin key and the process get the original outcome.
        final String duplicate =
            "CommandRejected acct=2 req=573 ts=100 order=1 type=PLACE_ORDER reason=DUPLICATE_REQUEST orig=NONE";
        when(order.withSessionKey(2)).is(duplicate);
        when(order.withSessionKey(3)).is(duplicate);
        when(order).is(duplicate);
    }

    @Test
    void shouldRefuseUnknownAndRevokedKeysWhateverTheyAskFor()
    {
        given(newKey(0, 580, ADMIN, 0));
        given(newKey(1, 581, TRADER, 0));

        when(revokeApiKey(1, 582, TS, 2).withSessionKey(1)).is(
            "CommandAccepted acct=1 req=582 ts=100 type=REVOKE_API_KEY",
            "ApiKeyRevoked acct=1 req=582 ts=100 key=2");
        when(placeOrder(1, 583, TS, 1, BUY, GTC, 10_000, 10, 0).withSessionKey(2)).is(
            rejected(1, 583, 0, "PLACE_ORDER", "NOT_AUTHORIZED"));
        // The next key id, which no key has yet, and ids no key ever has.
        when(deposit(1, 584, TS, 1, 10).withSessionKey(3)).is(rejected(1, 584, 0, "DEPOSIT", "NOT_AUTHORIZED"));
        when(deposit(1, 585, TS, 1, 10).withSessionKey(-1)).is(rejected(1, 585, 0, "DEPOSIT", "NOT_AUTHORIZED"));
        when(deposit(1, 586, TS, 1, 10).withSessionKey(Long.MIN_VALUE)).is(
            rejected(1, 586, 0, "DEPOSIT", "NOT_AUTHORIZED"));

        // An admin key that revokes itself: that command passes, the next does not.
        when(revokeApiKey(0, 587, TS, 1).withSessionKey(1)).is(
            "CommandAccepted acct=0 req=587 ts=100 type=REVOKE_API_KEY",
            "ApiKeyRevoked acct=0 req=587 ts=100 key=1");
        when(deposit(1, 588, TS, 1, 10).withSessionKey(1)).is(rejected(1, 588, 0, "DEPOSIT", "NOT_AUTHORIZED"));
    }

    @Test
    void shouldLetAdminKeySendAnythingUnderTheCommandsOwnRules()
    {
        given(newKey(0, 590, ADMIN, 0));

        when(deposit(2, 591, TS, 1, 7).withSessionKey(1)).is(
            "CommandAccepted acct=2 req=591 ts=100 type=DEPOSIT",
            "BalanceChanged acct=2 asset=1 cause=DEPOSIT avail=+7 held=0 availAfter=1007 heldAfter=0 ref=0");
        when(newKey(3, 592, TRADER, 0).withSessionKey(1)).is(keyCreated(3, 592, 2, "TRADER", 0));

        // Reference data stays the operator account's: that rule's NOT_AUTHORIZED is an outcome, and remembered.
        when(createAsset(2, 593, TS, 9, 2).withSessionKey(1)).is(
            rejected(2, 593, 0, "CREATE_ASSET", "NOT_AUTHORIZED"));
        when(createAsset(2, 593, TS, 9, 2)).is(
            "CommandRejected acct=2 req=593 ts=100 order=0 type=CREATE_ASSET reason=DUPLICATE_REQUEST " +
                "orig=NOT_AUTHORIZED");
    }

    @Test
    void shouldHashKeysAfterTheWindowAsLittleEndianWordsOnlyWhenThereAreAny()
    {
        final Implementations refused = new Implementations(1024);
        final Implementations created = new Implementations(1024);

        refused.apply(newKey(0, 8, 9, 0)).is(rejected(0, 8, 0, "CREATE_API_KEY", "INVALID_API_KEY"));
        created.apply(newKey(0, 7, ADMIN, 0)).is(keyCreated(0, 7, 1, "ADMIN", 0));

        // The empty state's walk (next order and trade ids 1, no assets or instruments, account 0 without
        // balances), then the window's one entry: (account 0, request 8, INVALID_API_KEY, 0). No key, no key walk.
        final ReferenceModel.Hash withoutKeys = new ReferenceModel.Hash();
        withoutKeys.add(1).add(1).add(0).add(0).add(1).add(0).add(0)
            .add(1).add(0).add(8).add(RejectReason.INVALID_API_KEY.value()).add(0);
        assertThat(refused.model.stateHash()).as("reference model's hash without keys").isEqualTo(withoutKeys.value);
        assertThat(refused.blp.stateHash()).as("BLP's hash without keys").isEqualTo(withoutKeys.value);

        // Window entry (0, 7, NONE, key id 1); then 1 key: id 1, account 0, ADMIN, not revoked, the salt as two
        // little-endian words and the hash as four.
        final ReferenceModel.Hash withKey = new ReferenceModel.Hash();
        withKey.add(1).add(1).add(0).add(0).add(1).add(0).add(0)
            .add(1).add(0).add(7).add(0).add(1)
            .add(1).add(1).add(0).add(ADMIN).add(0)
            .add(0x0807060504030201L).add(0x100F0E0D0C0B0A09L)
            .add(0x2827262524232221L).add(0x302F2E2D2C2B2A29L).add(0x3837363534333231L).add(0x403F3E3D3C3B3A39L);
        assertThat(created.model.stateHash()).as("reference model's hash with a key").isEqualTo(withKey.value);
        assertThat(created.blp.stateHash()).as("BLP's hash with a key").isEqualTo(withKey.value);
    }
}
