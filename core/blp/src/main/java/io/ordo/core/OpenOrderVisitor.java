package io.ordo.core;

/**
 * Read-only walk over every open order: instruments by ascending id, bids best to worst then asks best to
 * worst, time priority within a price. For tests, read models and tools; not for the hot path.
 */
@FunctionalInterface
public interface OpenOrderVisitor
{
    /**
     * @param sideCode   1 buy, 2 sell ({@link io.ordo.protocol.codec.Side#value()}).
     * @param kindCode   {@link io.ordo.protocol.codec.OrderKind#value()}.
     * @param heldAmount what the order holds now (quote for buys, base for sells).
     */
    void onOrder(long orderId, long accountId, int instrumentId, int sideCode, int kindCode, long price,
        long remainingQuantity, long heldAmount);
}
