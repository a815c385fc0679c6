package io.ordo.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The client's copy of an instrument's L2 book, kept from the server's snapshot and updates: per price, the total
 * open quantity and the number of orders, and the input journal sequence of the last update applied.
 * <p>
 * Threading: written by the client's reader thread; readable from any thread (its methods are synchronized), each
 * call seeing the book between two updates.
 */
public final class OrderBook
{
    /** One price level. */
    public record Level(long price, long quantity, int orderCount)
    {
    }

    private final int instrumentId;
    private final TreeMap<Long, Level> bids = new TreeMap<>(Collections.reverseOrder());
    private final TreeMap<Long, Level> asks = new TreeMap<>();
    private long sequence;

    OrderBook(final int instrumentId)
    {
        this.instrumentId = instrumentId;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    /** @return the input journal sequence of the last command that changed the book as this copy holds it. */
    public synchronized long sequence()
    {
        return sequence;
    }

    /** @return bids, best (highest) first. */
    public synchronized List<Level> bids()
    {
        return new ArrayList<>(bids.values());
    }

    /** @return asks, best (lowest) first. */
    public synchronized List<Level> asks()
    {
        return new ArrayList<>(asks.values());
    }

    /** @return the best bid, or null when there is none. */
    public synchronized Level bestBid()
    {
        final Map.Entry<Long, Level> best = bids.firstEntry();
        return best == null ? null : best.getValue();
    }

    /** @return the best ask, or null when there is none. */
    public synchronized Level bestAsk()
    {
        final Map.Entry<Long, Level> best = asks.firstEntry();
        return best == null ? null : best.getValue();
    }

    /** Runs a snapshot's or an update's changes at once: readers see the book before or after them. */
    synchronized void change(final Runnable changes)
    {
        changes.run();
    }

    synchronized void clear(final long snapshotSequence)
    {
        bids.clear();
        asks.clear();
        sequence = snapshotSequence;
    }

    /** A level's new totals; quantity 0 removes it. */
    synchronized void put(final boolean bid, final long price, final long quantity, final int orderCount)
    {
        final TreeMap<Long, Level> side = bid ? bids : asks;
        if (quantity == 0)
        {
            side.remove(price);
        }
        else
        {
            side.put(price, new Level(price, quantity, orderCount));
        }
    }

    synchronized void sequence(final long updateSequence)
    {
        sequence = updateSequence;
    }

    @Override
    public synchronized String toString()
    {
        return "OrderBook{instrument=" + instrumentId + ", sequence=" + sequence + ", bids=" + bids.values() +
            ", asks=" + asks.values() + "}";
    }
}
