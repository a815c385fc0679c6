package io.ordo.benchmarks.jmh;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each operation benchmark measures what its name says: its commands are accepted and have the intended effect
 * on the book and the balances, with the events the spec gives them, and the book is back where it was for the next
 * invocation.
 */
class BlpOperationsBenchmarkTest
{
    private static final int BATCH = BlpOperationsBenchmark.BATCH;
    private final BlpOperationsBenchmark benchmark = new BlpOperationsBenchmark();

    private static <T extends BlpOperationsBenchmark.Market> T market(final T market)
    {
        market.createMarket();
        return market;
    }

    private static List<String> balances(final BlpOperationsBenchmark.Market market)
    {
        final List<String> balances = new ArrayList<>();
        market.blp.forEachBalance((accountId, assetId, available, held) ->
            balances.add("acct=" + accountId + " asset=" + assetId + " avail=" + available + " held=" + held));
        return balances;
    }

    @Test
    void shouldRestEveryOrderOfAPlaceBatchAndClearThemAfterwards()
    {
        final BlpOperationsBenchmark.PlaceState place = market(new BlpOperationsBenchmark.PlaceState());
        for (int invocation = 0; invocation < 3; invocation++)
        {
            place.setUp();
            final long eventsBefore = place.events;
            benchmark.placeRestingOrder(place);
            assertThat(place.events - eventsBefore).as("OrderAccepted and the hold's BalanceChanged per order")
                .isEqualTo(2L * BATCH);
            assertThat(place.openOrders()).isEqualTo(BATCH);
            place.tearDown();
            assertThat(place.openOrders()).isZero();
        }
        assertThat(place.rejected()).isZero();
    }

    @Test
    void shouldTakeOneLevelAndFiveLevelsPerIocOrder()
    {
        final BlpOperationsBenchmark.MatchOneLevelState one = market(new BlpOperationsBenchmark.MatchOneLevelState());
        final BlpOperationsBenchmark.MatchFiveLevelsState five =
            market(new BlpOperationsBenchmark.MatchFiveLevelsState());
        for (int invocation = 0; invocation < 3; invocation++)
        {
            one.setUp();
            assertThat(one.openOrders()).isEqualTo(BATCH);
            final long oneBefore = one.events;
            benchmark.matchAcrossOneLevel(one);
            assertThat(one.openOrders()).as("every resting order filled").isZero();
            // OrderAccepted, hold; one fill: Trade and five BalanceChanged (buyer quote and base, seller base and
            // quote, fees); filled in full at its limit, so nothing to expire or release.
            assertThat(one.events - oneBefore).as("events of the one-level IOC batch").isEqualTo(8L * BATCH);

            five.setUp();
            assertThat(five.openOrders()).isEqualTo(5 * BATCH);
            final long fiveBefore = five.events;
            benchmark.matchAcrossFiveLevels(five);
            assertThat(five.openOrders()).isZero();
            assertThat(five.events - fiveBefore).as("events of the five-level IOC batch: 2 + 5 fills x 6")
                .isEqualTo(32L * BATCH);
        }
        assertThat(one.rejected() + five.rejected()).isZero();
    }

    @Test
    void shouldCancelAndReplaceOrdersThatRestAndTransferBackAndForth()
    {
        final BlpOperationsBenchmark.CancelState cancel = market(new BlpOperationsBenchmark.CancelState());
        final BlpOperationsBenchmark.ReplaceState replace = market(new BlpOperationsBenchmark.ReplaceState());
        final BlpOperationsBenchmark.TransferState transfer = market(new BlpOperationsBenchmark.TransferState());
        for (int invocation = 0; invocation < 3; invocation++)
        {
            cancel.setUp();
            final long cancelBefore = cancel.events;
            benchmark.cancelOrder(cancel);
            assertThat(cancel.openOrders()).isZero();
            assertThat(cancel.events - cancelBefore).as("OrderCancelled and the release per cancel")
                .isEqualTo(2L * BATCH);

            replace.setUp();
            final long replaceBefore = replace.events;
            benchmark.replaceOrder(replace);
            assertThat(replace.openOrders()).isEqualTo(BATCH);
            assertThat(replace.events - replaceBefore)
                .as("OrderReplaced alone per replace: a sell's hold is its quantity, unchanged, and nothing crosses")
                .isEqualTo(BATCH);
            replace.tearDown();

            transfer.setUp();
            final List<String> balancesBefore = balances(transfer);
            final long transferBefore = transfer.events;
            benchmark.transfer(transfer);
            assertThat(transfer.events - transferBefore).as("CommandAccepted and two BalanceChanged per transfer")
                .isEqualTo(3L * BATCH);
            assertThat(balances(transfer)).as("an even batch of transfers back and forth leaves the balances")
                .isEqualTo(balancesBefore);
        }
        assertThat(cancel.rejected() + replace.rejected() + transfer.rejected()).isZero();
    }
}
