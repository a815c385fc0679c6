package io.ordo.gateway.loadgen;

import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;

import io.ordo.client.CommandResult;
import io.ordo.client.OrdoClient;
import io.ordo.protocol.codec.CommandType;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.Side;

/**
 * One session's order flow for the load generator and the demo, around a fixed middle price on one instrument:
 * 45% resting limit orders 1..20 ticks from the middle, 30% cancels of its own resting orders, 20% immediate or
 * cancel orders that cross by 5 ticks, 5% replaces of a resting order to 30 ticks away. Some cancels and replaces
 * meet an order filled meanwhile ({@code UNKNOWN_ORDER}), as they would for a real client.
 * <p>
 * Thread safe: {@link #next} on the sending thread, {@link #onResult} on the client's reader thread.
 */
public final class OrderFlow
{
    /** Middle price, in ticks of 1. */
    public static final long MID = 10_000;

    private final OrdoClient client;
    private final int instrumentId;
    private final ConcurrentLinkedDeque<Long> resting = new ConcurrentLinkedDeque<>();

    public OrderFlow(final OrdoClient client, final int instrumentId)
    {
        this.client = client;
        this.instrumentId = instrumentId;
    }

    public OrdoClient client()
    {
        return client;
    }

    /** Sends the next command; call {@link #onResult} with its result. */
    public CompletableFuture<CommandResult> next(final SplittableRandom random)
    {
        final double roll = random.nextDouble();
        final Long order = roll >= 0.45 && roll < 0.75 ? resting.pollFirst() :
            roll >= 0.95 ? resting.peekFirst() : null;
        final long quantity = 1 + random.nextInt(10);
        if (order != null && roll < 0.75)
        {
            return client.cancelOrder(order);
        }
        if (order != null)
        {
            return client.replaceOrder(order, MID + (random.nextBoolean() ? 30 : -30), quantity);
        }
        final boolean buy = random.nextBoolean();
        if (roll >= 0.75 && roll < 0.95)
        {
            return client.placeOrder(instrumentId, buy ? Side.BUY : Side.SELL, OrderKind.IOC,
                buy ? MID + 5 : MID - 5, quantity);
        }
        final long away = 1 + random.nextInt(20);
        return client.placeOrder(instrumentId, buy ? Side.BUY : Side.SELL, OrderKind.GTC,
            buy ? MID - away : MID + away, quantity);
    }

    /** Remembers an accepted limit order as one that may rest. */
    public void onResult(final CommandResult result)
    {
        if (result != null && result.accepted() && result.commandType() == CommandType.PLACE_ORDER &&
            result.orderId() != 0)
        {
            resting.addLast(result.orderId());
        }
    }
}
