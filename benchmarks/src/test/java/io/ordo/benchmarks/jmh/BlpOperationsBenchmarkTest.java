package io.ordo.benchmarks.jmh;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each operation benchmark measures what its name says: its commands are accepted and have the intended effect
 * on the book, and the book is back where it was for the next invocation.
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

    @Test
    void shouldRestEveryOrderOfAPlaceBatchAndClearThemAfterwards()
    {
        final BlpOperationsBenchmark.PlaceState place = market(new BlpOperationsBenchmark.PlaceState());
        for (int invocation = 0; invocation < 3; invocation++)
        {
            place.setUp();
            benchmark.placeRestingOrder(place);
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
            benchmark.matchAcrossOneLevel(one);
            assertThat(one.openOrders()).as("every resting order filled").isZero();

            five.setUp();
            assertThat(five.openOrders()).isEqualTo(5 * BATCH);
            benchmark.matchAcrossFiveLevels(five);
            assertThat(five.openOrders()).isZero();
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
            benchmark.cancelOrder(cancel);
            assertThat(cancel.openOrders()).isZero();

            replace.setUp();
            benchmark.replaceOrder(replace);
            assertThat(replace.openOrders()).isEqualTo(BATCH);
            replace.tearDown();

            transfer.setUp();
            benchmark.transfer(transfer);
        }
        assertThat(cancel.rejected() + replace.rejected() + transfer.rejected()).isZero();
    }
}
