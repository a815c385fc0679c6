package io.ordo.gateway.server;

import java.util.Arrays;

import org.agrona.collections.Int2ObjectHashMap;

/**
 * Every session's market data subscriptions, by instrument.
 * <p>
 * Threading: the dispatcher thread reads ({@link #of}) without a lock and without allocating: it reads a volatile
 * map that is never changed once published. The I/O threads add and remove under this object's monitor by copying
 * the map (subscriptions change rarely; each session has a bounded number), and publish the copy.
 */
final class MarketDataSubscriptions
{
    private static final MarketDataSubscription[] NONE = new MarketDataSubscription[0];

    private volatile Int2ObjectHashMap<MarketDataSubscription[]> byInstrument = new Int2ObjectHashMap<>();

    /** @return the instrument's subscriptions, possibly empty; never changed. Any thread. */
    MarketDataSubscription[] of(final int instrumentId)
    {
        final MarketDataSubscription[] subscriptions = byInstrument.get(instrumentId);
        return subscriptions == null ? NONE : subscriptions;
    }

    synchronized void add(final MarketDataSubscription subscription)
    {
        final Int2ObjectHashMap<MarketDataSubscription[]> copy = new Int2ObjectHashMap<>(byInstrument);
        final MarketDataSubscription[] before = copy.get(subscription.instrumentId);
        final MarketDataSubscription[] after = before == null ? new MarketDataSubscription[1] :
            Arrays.copyOf(before, before.length + 1);
        after[after.length - 1] = subscription;
        copy.put(subscription.instrumentId, after);
        byInstrument = copy;
    }

    synchronized void remove(final MarketDataSubscription subscription)
    {
        final MarketDataSubscription[] before = byInstrument.get(subscription.instrumentId);
        if (before == null)
        {
            return;
        }
        final MarketDataSubscription[] after = new MarketDataSubscription[before.length - 1];
        int kept = 0;
        for (final MarketDataSubscription each : before)
        {
            if (each != subscription)
            {
                if (kept == after.length)
                {
                    return;
                }
                after[kept++] = each;
            }
        }
        final Int2ObjectHashMap<MarketDataSubscription[]> copy = new Int2ObjectHashMap<>(byInstrument);
        if (after.length == 0)
        {
            copy.remove(subscription.instrumentId);
        }
        else
        {
            copy.put(subscription.instrumentId, after);
        }
        byInstrument = copy;
    }
}
