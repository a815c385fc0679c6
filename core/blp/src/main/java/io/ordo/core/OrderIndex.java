package io.ordo.core;

import org.agrona.BitUtil;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * The open orders by order id. Order ids are the BLP's own counter (1, 2, 3, ...), so an id indexes an array of
 * slots directly: slot {@code orderId & mask}. The orders open at one time have ids within a span of a few
 * slot-array lengths at most in the usual case, and then each has a slot to itself: a lookup is one array read
 * and a compare of the order's id, where a hash map reads a key array, a value array and probes. An order whose
 * slot is taken by an older order that is still open (one that rested longer than the array is long) goes into an
 * overflow map instead, which is searched only when it is not empty and the slot did not hold the id.
 * <p>
 * Nothing iterates it, so its layout cannot reach any output. Not thread safe; owned by the BLP thread. Allocates
 * nothing unless the overflow map grows.
 */
final class OrderIndex
{
    private final Order[] slots;
    private final int mask;
    private final Long2ObjectHashMap<Order> overflow = new Long2ObjectHashMap<>();
    private int size;

    /** @param slotCount at least this many slots (rounded up to a power of two, at least 8). */
    OrderIndex(final int slotCount)
    {
        if (slotCount < 1 || slotCount > 1 << 30)
        {
            throw new IllegalArgumentException("slotCount must be in 1..2^30: " + slotCount);
        }
        final int length = BitUtil.findNextPositivePowerOfTwo(Math.max(8, slotCount));
        slots = new Order[length];
        mask = length - 1;
    }

    /** @return the open order with this id, or null (for any id a client may send, also 0 or negative). */
    Order get(final long orderId)
    {
        final Order order = slots[slotOf(orderId)];
        if (order != null && order.orderId == orderId)
        {
            return order;
        }
        return overflow.isEmpty() ? null : overflow.get(orderId);
    }

    /** Adds an order that is not in the index yet. */
    void add(final Order order)
    {
        final int slot = slotOf(order.orderId);
        if (slots[slot] == null)
        {
            slots[slot] = order;
        }
        else
        {
            overflow.put(order.orderId, order);
        }
        size++;
    }

    /** Removes an order that is in the index. */
    void remove(final Order order)
    {
        final int slot = slotOf(order.orderId);
        if (slots[slot] == order)
        {
            slots[slot] = null;
        }
        else
        {
            overflow.remove(order.orderId);
        }
        size--;
    }

    /** The slot of an id: its low bits, also for an id that is 0, negative or was never issued. */
    private int slotOf(final long orderId)
    {
        return (int)orderId & mask;
    }

    int size()
    {
        return size;
    }

    /** @return how many orders are in the overflow map (for tests). */
    int overflowSize()
    {
        return overflow.size();
    }
}
