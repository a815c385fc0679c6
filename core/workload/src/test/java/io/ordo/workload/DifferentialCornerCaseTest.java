package io.ordo.workload;

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
import static org.assertj.core.api.Assertions.fail;

/**
 * Hand-picked sequences that random streams reach rarely, run differentially (BLP against {@link ReferenceModel},
 * events after every command, state hash and invariants after every command): where two rules meet and the spec's
 * order of checks decides.
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

    private static void assertSame(final String what, final List<TestCommand> commands)
    {
        assertSame(what, commands, 1);
    }

    private static void assertSame(final String what, final List<TestCommand> commands, final int checkEvery)
    {
        // Seed 1 runs with the default window and order pool settings of the harness.
        final DifferentialHarness.Divergence divergence =
            new DifferentialHarness(null, 2_000).replay(1, commands, checkEvery);
        if (divergence != null)
        {
            fail(what + "\n" + divergence.describe());
        }
    }

    @Test
    void shouldPreferSelfTradePreventionWhenBudgetIsAlsoExhausted()
    {
        final List<TestCommand> commands = setup();
        commands.add(placeOrder(2, req(), 5, 1, SELL, GTC, 10_000, 10, 0));
        commands.add(placeOrder(1, req(), 5, 1, SELL, GTC, 10_005, 10, 0));
        // One lot costs 10,000 + 20 = 10,020: the budget is spent exactly, then the own ask is next.
        commands.add(placeOrder(1, req(), 6, 1, BUY, MARKET, 0, 100, 10_020));
        commands.add(placeOrder(1, req(), 7, 1, BUY, MARKET, 0, 100, 5));
        assertSame("budget buy meeting its own order with no budget left", commands);
    }

    @Test
    void shouldIgnoreOwnOrderBeyondLimitWhenCheckingFok()
    {
        final List<TestCommand> commands = setup();
        commands.add(placeOrder(2, req(), 5, 1, SELL, GTC, 10_000, 20, 0));
        commands.add(placeOrder(1, req(), 5, 1, SELL, GTC, 10_010, 10, 0));
        commands.add(placeOrder(1, req(), 6, 1, BUY, FOK, 10_005, 20, 0));
        commands.add(placeOrder(1, req(), 6, 1, BUY, GTC, 10_005, 10, 0));
        commands.add(placeOrder(1, req(), 6, 1, SELL, MARKET, 10_005, 10, 0));
        assertSame("own orders beyond the limit, and a price-limited market sell meeting its own bid", commands);
    }

    @Test
    void shouldRejectReplaceWhenPostOnlyWouldCrossOrInstrumentIsHalted()
    {
        final List<TestCommand> commands = setup();
        commands.add(placeOrder(2, req(), 5, 1, SELL, GTC, 10_010, 10, 0));
        commands.add(placeOrder(1, req(), 5, 1, BUY, POST_ONLY, 10_000, 10, 0));
        commands.add(replaceOrder(1, req(), 6, 2, 10_010, 10));
        commands.add(replaceOrder(1, req(), 6, 2, 10_005, 10));
        commands.add(cancelOrder(3, req(), 6, 2));
        commands.add(replaceOrder(3, req(), 6, 2, 10_005, 20));
        commands.add(haltInstrument(0, req(), 7, 1));
        commands.add(placeOrder(1, req(), 7, 1, 9, 9, -1, -1, -1));
        commands.add(replaceOrder(1, req(), 7, 2, 10_000, 20));
        commands.add(cancelAll(1, req(), 8, 1));
        commands.add(cancelOrder(2, req(), 8, 1));
        assertSame("post-only replace, cancels on a halted instrument", commands);
    }

    @Test
    void shouldMoveFeesAndSupplyWhenOperatorTradesAndTransfers()
    {
        final List<TestCommand> commands = setup();
        commands.add(deposit(0, req(), 5, 1, 500));
        commands.add(placeOrder(0, req(), 5, 1, SELL, GTC, 10_000, 100, 0));
        commands.add(placeOrder(1, req(), 5, 1, BUY, GTC, 10_000, 100, 0));
        commands.add(transfer(0, req(), 6, 2, 2, 100));
        commands.add(transfer(2, req(), 6, 0, 2, 50));
        commands.add(withdraw(0, req(), 6, 2, 250));
        commands.add(openAccount(0, req(), 6));
        commands.add(cancelAll(2, req(), 6, 0));
        assertSame("operator account trading, receiving fees, transferring", commands);
    }

    @Test
    void shouldSweepAndCancelWhenBookIsDeep()
    {
        final List<TestCommand> commands = setup();
        for (long account = 1; account <= 4; account++)
        {
            commands.add(deposit(account, req(), 2, 1, 10_000_000));
            commands.add(deposit(account, req(), 2, 2, 10_000_000_000L));
        }
        // 24,000 resting orders on 4,000 price levels a side, three accounts interleaved at each level.
        for (int level = 0; level < 4_000; level++)
        {
            for (long account = 1; account <= 3; account++)
            {
                commands.add(placeOrder(account, req(), 3, 1, SELL, GTC, 50_000 + level * 5L, 10 * account, 0));
                commands.add(placeOrder(account, req(), 3, 1, BUY, GTC, 49_995 - level * 5L, 10 * account, 0));
            }
        }
        commands.add(placeOrder(4, req(), 4, 1, BUY, MARKET, 0, 10_000, 300_000_000));
        commands.add(placeOrder(4, req(), 4, 1, SELL, IOC, 5, 10_000, 0));
        commands.add(placeOrder(4, req(), 4, 1, BUY, FOK, 100_000, 10_000, 0));
        commands.add(placeOrder(1, req(), 4, 1, BUY, GTC, 100_000, 10_000, 0));
        commands.add(cancelAll(2, req(), 5, 0));
        commands.add(cancelAll(1, req(), 5, 1));
        commands.add(placeOrder(4, req(), 6, 1, SELL, MARKET, 5, 10_000, 0));
        commands.add(cancelAll(3, req(), 7, 0));
        assertSame("a deep book: long sweeps, big cancel-alls", commands, 1_000);
    }

    @Test
    void shouldRefuseDepositWhenSupplyWouldOverflowAndAcceptHoldAtTheBrim()
    {
        final List<TestCommand> commands = setup();
        commands.add(createAsset(0, req(), 5, 5, 0));
        commands.add(createAsset(0, req(), 5, 6, 0));
        // notional(maxPrice, maxQuantity) = 4,611,686,018,427,387,903 and fee at 1,000,000 ppm doubles it: fits.
        commands.add(createInstrument(0, req(), 5, 2, 5, 6, 1_000_000, 1_000_000, 1, 1, 1, 1,
            1, Long.MAX_VALUE / 2));
        commands.add(createInstrument(0, req(), 5, 3, 5, 6, 1_000_000, 1_000_000, 1, 1, 1, 1,
            1, Long.MAX_VALUE / 2 + 1));
        commands.add(deposit(1, req(), 5, 6, Long.MAX_VALUE - 1));
        commands.add(deposit(2, req(), 5, 6, 2));
        commands.add(deposit(2, req(), 5, 6, 1));
        commands.add(deposit(2, req(), 5, 5, Long.MAX_VALUE));
        commands.add(placeOrder(1, req(), 6, 2, BUY, GTC, Long.MAX_VALUE / 2, 1, 0));
        commands.add(placeOrder(2, req(), 6, 2, SELL, GTC, Long.MAX_VALUE / 2, 1, 0));
        commands.add(placeOrder(2, req(), 6, 2, SELL, GTC, Long.MAX_VALUE / 2 - 1, 1, 0));
        commands.add(placeOrder(0, req(), 6, 2, BUY, MARKET, 0, 1, Long.MAX_VALUE - 1));
        assertSame("huge notionals and supply at the brim", commands);
    }
}
