package io.ordo.workload;

import java.util.Arrays;

import org.agrona.collections.Long2LongHashMap;

/**
 * A workload generator's view of the resting orders, learned from events: which order ids it may cancel or
 * replace, with the account, instrument, side, price and remaining quantity of each.
 * <p>
 * Orders are kept in dense parallel arrays so that one can be picked uniformly at random by index; removal moves
 * the last order into the hole. The order of the arrays depends only on the sequence of calls, so picks are
 * deterministic. Allocation-free once the arrays and the index have grown to the book's high-water mark.
 * <p>
 * Not thread safe; owned by the generating thread ({@link DemoWorkload}'s or {@link StandardWorkload}'s).
 */
public final class OpenOrders
{
    private static final long MISSING = -1;

    private final Long2LongHashMap indexByOrderId;
    private long[] orderIds;
    private long[] accountIds;
    private int[] instrumentIds;
    private byte[] sideCodes;
    private long[] prices;
    private long[] remainingQuantities;
    private int size;

    public OpenOrders(final int initialCapacity)
    {
        if (initialCapacity < 1)
        {
            throw new IllegalArgumentException("initialCapacity must be >= 1: " + initialCapacity);
        }
        indexByOrderId = new Long2LongHashMap(initialCapacity * 2, 0.65f, MISSING);
        orderIds = new long[initialCapacity];
        accountIds = new long[initialCapacity];
        instrumentIds = new int[initialCapacity];
        sideCodes = new byte[initialCapacity];
        prices = new long[initialCapacity];
        remainingQuantities = new long[initialCapacity];
    }

    public int size()
    {
        return size;
    }

    /** Adds an order; an id already present is left as it is. */
    public void add(
        final long orderId, final long accountId, final int instrumentId, final int sideCode, final long price,
        final long remainingQuantity)
    {
        if (indexByOrderId.get(orderId) != MISSING)
        {
            return;
        }
        if (size == orderIds.length)
        {
            grow();
        }
        final int index = size++;
        orderIds[index] = orderId;
        accountIds[index] = accountId;
        instrumentIds[index] = instrumentId;
        sideCodes[index] = (byte)sideCode;
        prices[index] = price;
        remainingQuantities[index] = remainingQuantity;
        indexByOrderId.put(orderId, index);
    }

    /** Removes an order if present (it may already be gone: the generator removes what it cancels). */
    public void remove(final long orderId)
    {
        final long index = indexByOrderId.remove(orderId);
        if (index != MISSING)
        {
            removeAt((int)index);
        }
    }

    /** Sets the remaining quantity of an order if present, removing it when nothing remains. */
    public void remainingQuantity(final long orderId, final long remainingQuantity)
    {
        final long index = indexByOrderId.get(orderId);
        if (index == MISSING)
        {
            return;
        }
        if (remainingQuantity <= 0)
        {
            indexByOrderId.remove(orderId);
            removeAt((int)index);
        }
        else
        {
            remainingQuantities[(int)index] = remainingQuantity;
        }
    }

    /** A replace changed the price and open quantity of an order, if present. */
    public void replaced(final long orderId, final long newPrice, final long newQuantity)
    {
        final long index = indexByOrderId.get(orderId);
        if (index != MISSING)
        {
            prices[(int)index] = newPrice;
            remainingQuantities[(int)index] = newQuantity;
        }
    }

    public long orderId(final int index)
    {
        return orderIds[index];
    }

    public long accountId(final int index)
    {
        return accountIds[index];
    }

    public int instrumentId(final int index)
    {
        return instrumentIds[index];
    }

    public int sideCode(final int index)
    {
        return sideCodes[index];
    }

    public long price(final int index)
    {
        return prices[index];
    }

    public long remainingQuantity(final int index)
    {
        return remainingQuantities[index];
    }

    private void removeAt(final int index)
    {
        final int last = --size;
        if (index != last)
        {
            final long movedOrderId = orderIds[last];
            orderIds[index] = movedOrderId;
            accountIds[index] = accountIds[last];
            instrumentIds[index] = instrumentIds[last];
            sideCodes[index] = sideCodes[last];
            prices[index] = prices[last];
            remainingQuantities[index] = remainingQuantities[last];
            indexByOrderId.put(movedOrderId, index);
        }
    }

    private void grow()
    {
        final int capacity = orderIds.length * 2;
        orderIds = Arrays.copyOf(orderIds, capacity);
        accountIds = Arrays.copyOf(accountIds, capacity);
        instrumentIds = Arrays.copyOf(instrumentIds, capacity);
        sideCodes = Arrays.copyOf(sideCodes, capacity);
        prices = Arrays.copyOf(prices, capacity);
        remainingQuantities = Arrays.copyOf(remainingQuantities, capacity);
    }
}
