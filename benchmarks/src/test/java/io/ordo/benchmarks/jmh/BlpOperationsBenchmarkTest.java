package io.ordo.benchmarks.jmh;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each operation benchmark measures what its name says: its commands are accepted and have the intended effect
 * on the book, and the book is back where it was for the next invocation.
 */
class BlpOperationsBenchmarkTest
{
    private final BlpOperationsBenchmark benchmark = new BlpOperationsBenchmark();

    @BeforeEach
    void createMarket()
    {
        benchmark.createMarket();
    }

    @Test
    void shouldRestEveryOrderOfAPlaceBatchAndClearThemAfterwards()
    {
        final BlpOperationsBenchmark.PlaceState state = new BlpOperationsBenchmark.PlaceState();
        for (int invocation = 0; invocation < 3; invocation++)
        {
            state.setUp(benchmark);
            benchmark.placeRestingOrder(state);
            assertThat(benchmark.openOrders()).isEqualTo(BlpOperationsBenchmark.BATCH);
            state.tearDown(benchmark);
            assertThat(benchmark.openOrders()).isZero();
        }
        assertThat(benchmark.rejected()).isZero();
    }

    @Test
    void shouldTakeOneLevelAndFiveLevelsPerIocOrder()
    {
        final BlpOperationsBenchmark.MatchOneLevelState one = new BlpOperationsBenchmark.MatchOneLevelState();
        one.setUp(benchmark);
        assertThat(benchmark.openOrders()).isEqualTo(BlpOperationsBenchmark.BATCH);
        benchmark.matchAcrossOneLevel(one);
        assertThat(benchmark.openOrders()).as("every resting order filled").isZero();

        final BlpOperationsBenchmark.MatchFiveLevelsState five = new BlpOperationsBenchmark.MatchFiveLevelsState();
        five.setUp(benchmark);
        assertThat(benchmark.openOrders()).isEqualTo(5 * BlpOperationsBenchmark.BATCH);
        benchmark.matchAcrossFiveLevels(five);
        assertThat(benchmark.openOrders()).isZero();
        assertThat(benchmark.rejected()).isZero();
    }

    @Test
    void shouldCancelAndReplaceOrdersThatRest()
    {
        final BlpOperationsBenchmark.CancelState cancel = new BlpOperationsBenchmark.CancelState();
        cancel.setUp(benchmark);
        benchmark.cancelOrder(cancel);
        assertThat(benchmark.openOrders()).isZero();

        final BlpOperationsBenchmark.ReplaceState replace = new BlpOperationsBenchmark.ReplaceState();
        replace.setUp(benchmark);
        benchmark.replaceOrder(replace);
        assertThat(benchmark.openOrders()).isEqualTo(BlpOperationsBenchmark.BATCH);
        replace.tearDown(benchmark);

        final BlpOperationsBenchmark.TransferState transfer = new BlpOperationsBenchmark.TransferState();
        transfer.setUp(benchmark);
        benchmark.transfer(transfer);
        assertThat(benchmark.rejected()).isZero();
    }
}
