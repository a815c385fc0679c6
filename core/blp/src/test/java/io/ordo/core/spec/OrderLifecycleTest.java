package io.ordo.core.spec;

import io.ordo.protocol.codec.BalanceCause;
import io.ordo.protocol.codec.BooleanType;
import io.ordo.protocol.codec.ExpireReason;
import io.ordo.protocol.codec.RejectReason;
import io.ordo.protocol.codec.Side;
import org.junit.jupiter.api.Test;

import static io.ordo.protocol.codec.OrderKind.FOK;
import static io.ordo.protocol.codec.OrderKind.GTC;
import static io.ordo.protocol.codec.OrderKind.IOC;
import static io.ordo.protocol.codec.OrderKind.POST_ONLY;
import static io.ordo.core.spec.BlpDriver.BTC;
import static io.ordo.core.spec.BlpDriver.USD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of order placement, matching, settlement and fees, by worked examples.
 * Market: lot 1,000 sat, tick 10 cents per lot, maker fee 1,000 ppm, taker fee 2,000 ppm.
 */
class OrderLifecycleTest
{
    private static final long SELLER = 1;
    private static final long BUYER = 2;

    private final BlpDriver driver = new BlpDriver()
        .withMarket(1_000, 2_000)
        .withFundedAccount(SELLER, 10_000, 0)
        .withFundedAccount(BUYER, 0, 1_000_000);

    @Test
    void shouldHoldNotionalPlusWorstCaseFeeWhenGtcBuyIsPlaced()
    {
        driver.place(BUYER, Side.BUY, GTC, 50_010, 3_000);

        // 3 lots x 50,010 = 150,030 plus floor(150,030 x 2,000 / 1e6) = 300 at the worse (taker) rate.
        assertThat(driver.eventNames()).containsExactly("OrderAccepted", "BalanceChanged");
        assertThat(driver.orderAccepted(0).heldAmount()).isEqualTo(150_330);
        assertThat(driver.held(BUYER, USD)).isEqualTo(150_330);
        assertThat(driver.available(BUYER, USD)).isEqualTo(1_000_000 - 150_330);
        assertThat(driver.balance(1).cause()).isEqualTo(BalanceCause.ORDER_HOLD);
    }

    @Test
    void shouldSettleBothSidesAndChargeFeesWhenOrdersCross()
    {
        driver.place(SELLER, Side.SELL, GTC, 50_000, 2_000);
        driver.place(BUYER, Side.BUY, GTC, 50_010, 3_000);

        assertThat(driver.eventNames()).as(driver.describe()).containsExactly(
            "OrderAccepted", "BalanceChanged",
            "Trade", "BalanceChanged", "BalanceChanged", "BalanceChanged", "BalanceChanged", "BalanceChanged");
        assertThat(driver.trade(2).price()).as("trades at the maker's price").isEqualTo(50_000);
        assertThat(driver.trade(2).quantity()).isEqualTo(2_000);
        assertThat(driver.trade(2).makerFee()).isEqualTo(100);
        assertThat(driver.trade(2).takerFee()).isEqualTo(200);
        assertThat(driver.trade(2).takerRemainingQuantity()).isEqualTo(1_000);
        assertThat(driver.trade(2).makerRemainingQuantity()).isEqualTo(0);

        // Buyer releases required(3 lots) - required(1 lot) = 150,330 - 50,110 = 100,220; pays 100,000 + 200.
        assertThat(driver.balance(3).heldDelta()).isEqualTo(-100_220);
        assertThat(driver.balance(3).availableDelta()).as("price improvement and fee difference").isEqualTo(20);
        assertThat(driver.available(BUYER, USD)).isEqualTo(1_000_000 - 150_330 + 20);
        assertThat(driver.held(BUYER, USD)).as("still holds for the resting lot").isEqualTo(50_110);
        assertThat(driver.available(BUYER, BTC)).isEqualTo(2_000);
        assertThat(driver.available(SELLER, BTC)).isEqualTo(8_000);
        assertThat(driver.held(SELLER, BTC)).isEqualTo(0);
        assertThat(driver.available(SELLER, USD)).isEqualTo(100_000 - 100);
        assertThat(driver.available(0, USD)).as("operator collects both fees").isEqualTo(300);
        assertThat(driver.balance(7).cause()).isEqualTo(BalanceCause.FEE);
    }

    @Test
    void shouldRejectOrderWhenFundsAreHeld()
    {
        driver.place(SELLER, Side.SELL, GTC, 60_000, 10_000);
        driver.place(SELLER, Side.SELL, GTC, 60_000, 1_000);

        assertThat(driver.rejectReason()).isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
        assertThat(driver.held(SELLER, BTC)).isEqualTo(10_000);
    }

    @Test
    void shouldSweepLevelsInPriceThenTimeOrder()
    {
        driver.withFundedAccount(3, 10_000, 0);
        driver.place(SELLER, Side.SELL, GTC, 50_020, 1_000);
        final long third = driver.lastOrderId();
        driver.place(SELLER, Side.SELL, GTC, 50_000, 1_000);
        final long first = driver.lastOrderId();
        driver.place(3, Side.SELL, GTC, 50_000, 1_000);
        final long second = driver.lastOrderId();

        driver.place(BUYER, Side.BUY, IOC, 50_020, 3_000);

        assertThat(driver.trade(2).makerOrderId()).isEqualTo(first);
        assertThat(driver.trade(8).makerOrderId()).isEqualTo(second);
        assertThat(driver.trade(14).makerOrderId()).isEqualTo(third);
        assertThat(driver.trade(14).price()).isEqualTo(50_020);
        assertThat(driver.held(BUYER, USD)).isZero();
    }

    @Test
    void shouldExpireAggressorRemainderWhenSelfTradeWouldOccur()
    {
        driver.withFundedAccount(3, 10_000, 0);
        driver.place(3, Side.SELL, GTC, 50_000, 1_000);
        driver.place(SELLER, Side.SELL, GTC, 50_000, 1_000);
        final long ownOrder = driver.lastOrderId();
        driver.deposit(SELLER, driver.requestId(), USD, 1_000_000);

        driver.place(SELLER, Side.BUY, GTC, 50_000, 3_000);

        assertThat(driver.eventNames()).as(driver.describe()).containsExactly(
            "OrderAccepted", "BalanceChanged",
            "Trade", "BalanceChanged", "BalanceChanged", "BalanceChanged", "BalanceChanged", "BalanceChanged",
            "OrderExpired", "BalanceChanged");
        assertThat(driver.expired(8).reason()).isEqualTo(ExpireReason.SELF_TRADE_PREVENTED);
        assertThat(driver.expired(8).remainingQuantity()).isEqualTo(2_000);
        assertThat(driver.held(SELLER, USD)).isZero();
        driver.cancel(SELLER, ownOrder);
        assertThat(driver.eventNames()).as("the resting order stays").startsWith("OrderCancelled");
    }

    @Test
    void shouldRejectPostOnlyWhenItWouldCross()
    {
        driver.place(SELLER, Side.SELL, GTC, 50_000, 1_000);

        driver.place(BUYER, Side.BUY, POST_ONLY, 50_000, 1_000);

        assertThat(driver.rejectReason()).isEqualTo(RejectReason.WOULD_CROSS);
        assertThat(driver.held(BUYER, USD)).isZero();
    }

    @Test
    void shouldExpireFokWithoutTradingWhenLiquidityIsShort()
    {
        driver.place(SELLER, Side.SELL, GTC, 50_000, 1_000);

        driver.place(BUYER, Side.BUY, FOK, 50_000, 2_000);

        assertThat(driver.eventNames()).containsExactly(
            "OrderAccepted", "BalanceChanged", "OrderExpired", "BalanceChanged");
        assertThat(driver.expired(2).reason()).isEqualTo(ExpireReason.FOK_UNFILLED);
        assertThat(driver.available(BUYER, USD)).isEqualTo(1_000_000);
    }

    @Test
    void shouldStopMarketBuyWhenBudgetIsExhausted()
    {
        driver.place(SELLER, Side.SELL, GTC, 50_000, 5_000);

        // 2 lots cost 100,000 + 200 fee = 100,200; a third would need 150,300.
        driver.marketBuyWithBudget(BUYER, 5_000, 150_000);

        assertThat(driver.trade(2).quantity()).isEqualTo(2_000);
        assertThat(driver.expired(8).reason()).isEqualTo(ExpireReason.BUDGET_EXHAUSTED);
        assertThat(driver.available(BUYER, USD)).isEqualTo(1_000_000 - 100_200);
        assertThat(driver.held(BUYER, USD)).isZero();
    }

    @Test
    void shouldKeepTimePriorityOnlyWhenQuantityGoesDownAtSamePrice()
    {
        driver.withFundedAccount(3, 10_000, 0);
        driver.place(SELLER, Side.SELL, GTC, 50_000, 2_000);
        final long early = driver.lastOrderId();
        driver.place(3, Side.SELL, GTC, 50_000, 2_000);

        driver.replace(SELLER, early, 50_000, 1_000);
        assertThat(driver.replaced(0).priorityKept()).isEqualTo(BooleanType.TRUE);
        driver.place(BUYER, Side.BUY, IOC, 50_000, 1_000);
        assertThat(driver.trade(2).makerOrderId()).as("reduced order kept its place").isEqualTo(early);

        driver.place(SELLER, Side.SELL, GTC, 50_000, 1_000);
        final long again = driver.lastOrderId();
        driver.replace(SELLER, again, 50_000, 2_000);
        assertThat(driver.replaced(0).priorityKept()).as("an increase loses priority").isEqualTo(BooleanType.FALSE);
    }

    @Test
    void shouldTradeWhenReplacedPriceCrosses()
    {
        driver.place(SELLER, Side.SELL, GTC, 50_000, 1_000);
        driver.place(BUYER, Side.BUY, GTC, 49_000, 1_000);
        final long bid = driver.lastOrderId();

        driver.replace(BUYER, bid, 50_000, 1_000);

        assertThat(driver.eventNames()).as(driver.describe()).startsWith("OrderReplaced", "BalanceChanged", "Trade");
        assertThat(driver.trade(2).takerOrderId()).isEqualTo(bid);
        assertThat(driver.held(BUYER, USD)).isZero();
    }

    @Test
    void shouldRejectNewOrdersButAllowCancelWhenHalted()
    {
        driver.place(SELLER, Side.SELL, GTC, 50_000, 1_000);
        final long resting = driver.lastOrderId();
        driver.halt(0);

        driver.place(BUYER, Side.BUY, GTC, 50_000, 1_000);
        assertThat(driver.rejectReason()).isEqualTo(RejectReason.INSTRUMENT_HALTED);

        driver.cancel(SELLER, resting);
        assertThat(driver.eventNames()).containsExactly("OrderCancelled", "BalanceChanged");
        assertThat(driver.held(SELLER, BTC)).isZero();
    }

    @Test
    void shouldCancelAllOrdersOfAccountInAscendingOrderId()
    {
        driver.place(SELLER, Side.SELL, GTC, 50_020, 1_000);
        driver.place(SELLER, Side.SELL, GTC, 50_000, 1_000);
        driver.place(SELLER, Side.SELL, GTC, 50_010, 1_000);

        driver.cancelAll(SELLER, 0);

        assertThat(driver.eventNames()).containsExactly("CommandAccepted",
            "OrderCancelled", "BalanceChanged", "OrderCancelled", "BalanceChanged", "OrderCancelled", "BalanceChanged");
        assertThat(driver.describe()).containsSubsequence("orderId=1", "orderId=2", "orderId=3");
        assertThat(driver.held(SELLER, BTC)).isZero();
        assertThat(driver.blp.openOrderCount()).isZero();
    }

    @Test
    void shouldRejectPlaceOrderOfUnknownAccount()
    {
        driver.place(99, Side.BUY, GTC, 50_000, 1_000);

        assertThat(driver.rejectReason()).isEqualTo(RejectReason.UNKNOWN_ACCOUNT);
        assertThat(driver.eventNames()).as("a reject alone: nothing applied").containsExactly("CommandRejected");
        assertThat(driver.rejected(0).orderId()).as("no order id assigned").isZero();
        assertThat(driver.blp.openOrderCount()).isZero();
    }
}
