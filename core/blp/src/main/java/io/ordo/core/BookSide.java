package io.ordo.core;

import java.util.Arrays;

/**
 * One side of an order book: price levels sorted from worst to best in a plain array, so that the best level is the
 * last element. Most activity is near the best price, so inserting and removing there moves few elements; lookups
 * are binary searches over a parallel {@code long[]} of sort keys (price for bids, −price for asks: ascending key
 * means improving price). Levels are pooled.
 * <p>
 * Not thread safe; owned by the BLP thread.
 */
final class BookSide
{
    private static final int INITIAL_CAPACITY = 64;

    private final boolean bids;
    private PriceLevel[] levels = new PriceLevel[INITIAL_CAPACITY];
    private long[] keys = new long[INITIAL_CAPACITY];
    private int size;
    private PriceLevel freeLevels;

    BookSide(final boolean bids)
    {
        this.bids = bids;
    }

    int levelCount()
    {
        return size;
    }

    /** @return the best level, or null when the side is empty. */
    PriceLevel best()
    {
        return size == 0 ? null : levels[size - 1];
    }

    /** @param rank 0 is the best level; must be below {@link #levelCount()}. */
    PriceLevel levelByRank(final int rank)
    {
        return levels[size - 1 - rank];
    }

    /** @return true when an aggressor limited to {@code limitPrice} may trade at this side's price. */
    boolean isAcceptable(final long levelPrice, final long limitPrice)
    {
        // This side holds the makers: asks accept a buy limit at or above them, bids a sell limit at or below.
        return bids ? levelPrice >= limitPrice : levelPrice <= limitPrice;
    }

    /** Appends the order to the back of the level at its price, creating the level if needed. */
    void add(final Order order)
    {
        final long key = key(order.price);
        final int index = lowerBound(keys, size, key);
        final PriceLevel level;
        if (index < size && keys[index] == key)
        {
            level = levels[index];
        }
        else
        {
            level = acquireLevel(order.price);
            insertAt(index, key, level);
        }
        level.append(order);
    }

    /** Unlinks the order from its level, dropping the level if it is left empty. */
    void remove(final Order order)
    {
        final PriceLevel level = order.level;
        level.remove(order);
        if (level.isEmpty())
        {
            final int index = indexOf(level);
            final int moved = size - index - 1;
            if (moved > 0)
            {
                System.arraycopy(levels, index + 1, levels, index, moved);
                System.arraycopy(keys, index + 1, keys, index, moved);
            }
            size--;
            levels[size] = null;
            releaseLevel(level);
        }
    }

    /**
     * @return where the level is in the arrays: its {@link PriceLevel#index} hint when that still holds it, else a
     * search by its price (which renews the hint). A level keeps its place while nothing worse than it comes or
     * goes: on the standard workload 31% of the hints hold. One load checks it, where a search takes about nine
     * dependent loads, each a cache miss when the book's keys have left the cache.
     */
    private int indexOf(final PriceLevel level)
    {
        final int hint = level.index;
        if (hint < size && levels[hint] == level)
        {
            return hint;
        }
        final int index = lowerBound(keys, size, key(level.price));
        level.index = index;
        return index;
    }

    /**
     * @return the index of the first of the {@code size} ascending keys that is not below {@code key} ({@code size}
     * if none): where it is, or where it goes. Branch-free halving (Khuong and Morin, "Array layouts for
     * comparison-based searching", 2017): the JIT turns the select into a conditional move, so the search never
     * mispredicts; {@link Arrays#binarySearch} branches on each comparison, half of them mispredicted on a book's
     * random prices (17% of the BLP's samples in the standard workload went there).
     */
    static int lowerBound(final long[] keys, final int size, final long key)
    {
        if (size == 0)
        {
            return 0;
        }
        int base = 0;
        int length = size;
        while (length > 1)
        {
            final int half = length >>> 1;
            base = keys[base + half] < key ? base + half : base;
            length -= half;
        }
        return keys[base] < key ? base + 1 : base;
    }

    /**
     * Moves a resting order to the back of the level at {@code newPrice} (and sets its price): the same book as
     * {@link #remove} then {@link #add}. When the order is alone at its price and no level is at the new one, its
     * level goes with it and takes the new price: only the levels between the old place and the new shift by one
     * slot. With no level between the two prices (a small move on a sparse book: the standard workload's usual
     * command) nothing shifts, after one search. A removal then a placement would shift every level on the better
     * side of each place, twice, and search three times.
     */
    void move(final Order order, final long newPrice)
    {
        final PriceLevel level = order.level;
        if (level.head == order && level.tail == order)
        {
            final int index = indexOf(level);
            final long newKey = key(newPrice);
            if ((index == 0 || keys[index - 1] < newKey) && (index == size - 1 || keys[index + 1] > newKey))
            {
                keys[index] = newKey;
                level.price = newPrice;
                order.price = newPrice;
                return;
            }
            final int target = lowerBound(keys, size, newKey);
            if (target == size || keys[target] != newKey)
            {
                relocate(index, target, newKey, level);
                level.price = newPrice;
                order.price = newPrice;
                return;
            }
        }
        remove(order);
        order.price = newPrice;
        add(order);
    }

    /**
     * Moves the level at {@code from} to where {@code newKey} sorts, {@code target} in the arrays as they are (the
     * key is in none of the levels), shifting the levels between by one slot.
     */
    private void relocate(final int from, final int target, final long newKey, final PriceLevel level)
    {
        final int to;
        if (target > from)
        {
            to = target - 1;
            System.arraycopy(levels, from + 1, levels, from, to - from);
            System.arraycopy(keys, from + 1, keys, from, to - from);
        }
        else
        {
            to = target;
            System.arraycopy(levels, to, levels, to + 1, from - to);
            System.arraycopy(keys, to, keys, to + 1, from - to);
        }
        levels[to] = level;
        keys[to] = newKey;
        level.index = to;
    }

    private long key(final long price)
    {
        return bids ? price : -price;
    }

    private void insertAt(final int index, final long key, final PriceLevel level)
    {
        if (size == levels.length)
        {
            levels = Arrays.copyOf(levels, size * 2);
            keys = Arrays.copyOf(keys, size * 2);
        }
        final int moved = size - index;
        if (moved > 0)
        {
            System.arraycopy(levels, index, levels, index + 1, moved);
            System.arraycopy(keys, index, keys, index + 1, moved);
        }
        levels[index] = level;
        keys[index] = key;
        level.index = index;
        size++;
    }

    private PriceLevel acquireLevel(final long price)
    {
        PriceLevel level = freeLevels;
        if (level == null)
        {
            level = new PriceLevel();
        }
        else
        {
            freeLevels = level.nextFree;
            level.nextFree = null;
        }
        level.price = price;
        return level;
    }

    private void releaseLevel(final PriceLevel level)
    {
        level.head = null;
        level.tail = null;
        level.price = 0;
        level.nextFree = freeLevels;
        freeLevels = level;
    }
}
