package io.ordo.gateway.server;

import java.lang.invoke.VarHandle;
import java.util.Arrays;

import io.ordo.protocol.Codes;

/**
 * One instrument's book by price level (L2): total open quantity and order count per price, bids best (highest)
 * first, asks best (lowest) first, and the input journal sequence of the last command that changed it. Kept by the
 * {@link BookProjection} from the events; read by the I/O threads for snapshots.
 * <p>
 * Threading: one writer, the engine's dispatcher thread, which opens the book ({@link #open}) before a command's
 * changes and closes it ({@link #close}) after them; readers on any thread copy it with {@link #copy} under a
 * sequence lock (odd while written), so that a copy holds all of a command's changes or none, without a lock and
 * without allocating. The writer allocates only when a side outgrows its arrays.
 */
final class L2Book
{
    final int instrumentId;
    private volatile long version;
    private volatile long sequence;
    private final Side bids = new Side(true);
    private final Side asks = new Side(false);

    /** One side's levels, best first. */
    static final class Side
    {
        private final boolean descending;
        private int count;
        private long[] prices = new long[16];
        private long[] quantities = new long[16];
        private int[] orderCounts = new int[16];

        Side(final boolean descending)
        {
            this.descending = descending;
        }

        /** @return the level's index, or -(insertion point) - 1. */
        private int find(final long price)
        {
            int low = 0;
            int high = count - 1;
            while (low <= high)
            {
                final int mid = (low + high) >>> 1;
                final long at = prices[mid];
                if (at == price)
                {
                    return mid;
                }
                if (descending ? at > price : at < price)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid - 1;
                }
            }
            return -(low + 1);
        }

        private void change(final long price, final long quantityDelta, final int orderCountDelta)
        {
            int index = find(price);
            if (index < 0)
            {
                index = -index - 1;
                if (count == prices.length)
                {
                    prices = Arrays.copyOf(prices, count * 2);
                    quantities = Arrays.copyOf(quantities, count * 2);
                    orderCounts = Arrays.copyOf(orderCounts, count * 2);
                }
                System.arraycopy(prices, index, prices, index + 1, count - index);
                System.arraycopy(quantities, index, quantities, index + 1, count - index);
                System.arraycopy(orderCounts, index, orderCounts, index + 1, count - index);
                prices[index] = price;
                quantities[index] = 0;
                orderCounts[index] = 0;
                count++;
            }
            quantities[index] += quantityDelta;
            orderCounts[index] += orderCountDelta;
            if (orderCounts[index] <= 0 || quantities[index] <= 0)
            {
                count--;
                System.arraycopy(prices, index + 1, prices, index, count - index);
                System.arraycopy(quantities, index + 1, quantities, index, count - index);
                System.arraycopy(orderCounts, index + 1, orderCounts, index, count - index);
            }
        }

        long quantityAt(final long price)
        {
            final int index = find(price);
            return index < 0 ? 0 : quantities[index];
        }

        int orderCountAt(final long price)
        {
            final int index = find(price);
            return index < 0 ? 0 : orderCounts[index];
        }

        long bestPrice()
        {
            return count == 0 ? 0 : prices[0];
        }

        long bestQuantity()
        {
            return count == 0 ? 0 : quantities[0];
        }

        int levelCount()
        {
            return count;
        }

        /** Reader: copies up to the copy's capacity; returns the side's level count (more than copied: too small). */
        private int copyTo(final long[] toPrices, final long[] toQuantities, final int[] toOrderCounts)
        {
            final int levels = count;
            final long[] fromPrices = prices;
            final long[] fromQuantities = quantities;
            final int[] fromOrderCounts = orderCounts;
            final int n = Math.min(Math.min(levels, toPrices.length), Math.min(fromPrices.length,
                Math.min(fromQuantities.length, fromOrderCounts.length)));
            System.arraycopy(fromPrices, 0, toPrices, 0, n);
            System.arraycopy(fromQuantities, 0, toQuantities, 0, n);
            System.arraycopy(fromOrderCounts, 0, toOrderCounts, 0, n);
            return levels;
        }
    }

    /** A reader's copy of a book; grows as needed. Not thread safe: one per reading thread. */
    static final class Copy
    {
        long sequence;
        int bidCount;
        int askCount;
        long[] bidPrices = new long[64];
        long[] bidQuantities = new long[64];
        int[] bidOrderCounts = new int[64];
        long[] askPrices = new long[64];
        long[] askQuantities = new long[64];
        int[] askOrderCounts = new int[64];

        private void grow(final int bids, final int asks)
        {
            if (bids > bidPrices.length)
            {
                bidPrices = new long[bids * 2];
                bidQuantities = new long[bids * 2];
                bidOrderCounts = new int[bids * 2];
            }
            if (asks > askPrices.length)
            {
                askPrices = new long[asks * 2];
                askQuantities = new long[asks * 2];
                askOrderCounts = new int[asks * 2];
            }
        }

        void clear()
        {
            sequence = 0;
            bidCount = 0;
            askCount = 0;
        }
    }

    L2Book(final int instrumentId)
    {
        this.instrumentId = instrumentId;
    }

    Side side(final short sideCode)
    {
        return sideCode == Codes.BUY ? bids : asks;
    }

    Side bids()
    {
        return bids;
    }

    Side asks()
    {
        return asks;
    }

    /** Writer: before a command's first change; readers wait until {@link #close}. */
    void open()
    {
        version++;
        VarHandle.storeStoreFence();
    }

    /** Writer: a change of one level within an open book; the level goes once it holds no order. */
    void change(final short sideCode, final long price, final long quantityDelta, final int orderCountDelta)
    {
        side(sideCode).change(price, quantityDelta, orderCountDelta);
    }

    /** Writer: after the command's changes; the book is at the command's sequence. */
    void close(final long commandSequence)
    {
        sequence = commandSequence;
        version++;
    }

    /** Writer (or the book's only thread): the sequence of the last command that changed the book. */
    long sequence()
    {
        return sequence;
    }

    /**
     * Reader: a consistent copy of both sides, in at most {@code attempts} tries (a deep book copied while the writer
     * keeps changing it may not get one).
     *
     * @return false when every try met a change: try again later.
     */
    boolean copy(final Copy into, final int attempts)
    {
        for (int attempt = 0; attempt < attempts; attempt++)
        {
            final long before = version;
            if ((before & 1) == 0)
            {
                final long at = sequence;
                final int bidLevels = bids.copyTo(into.bidPrices, into.bidQuantities, into.bidOrderCounts);
                final int askLevels = asks.copyTo(into.askPrices, into.askQuantities, into.askOrderCounts);
                VarHandle.loadLoadFence();
                if (version == before)
                {
                    if (bidLevels <= into.bidPrices.length && askLevels <= into.askPrices.length)
                    {
                        into.sequence = at;
                        into.bidCount = bidLevels;
                        into.askCount = askLevels;
                        return true;
                    }
                    into.grow(bidLevels, askLevels);
                    continue;
                }
            }
            Thread.onSpinWait();
        }
        return false;
    }
}
