package io.ordo.core;

import java.util.Arrays;
import java.util.function.Consumer;

import org.agrona.collections.Int2ObjectHashMap;

/**
 * The instruments by id, and their ids in ascending order so that snapshots, the state hash and every walk over
 * the books visit instruments by rank (ascending id), never in hash order. Beside the {@link Ledger}, which holds
 * the assets and accounts.
 * <p>
 * Not thread safe; owned by the BLP thread. Allocates when an instrument is added.
 */
final class InstrumentRegistry
{
    private static final int INITIAL_CAPACITY = 8;

    private final Int2ObjectHashMap<Instrument> instrumentsById = new Int2ObjectHashMap<>();
    private int[] idsSorted = new int[INITIAL_CAPACITY];
    private int count;

    /** @return the instrument, or null when no instrument has this id. */
    Instrument instrument(final int instrumentId)
    {
        return instrumentsById.get(instrumentId);
    }

    /** Adds an instrument whose id is not registered yet, keeping the ids sorted. */
    void add(final Instrument instrument)
    {
        final int instrumentId = instrument.instrumentId;
        instrumentsById.put(instrumentId, instrument);
        if (count == idsSorted.length)
        {
            idsSorted = Arrays.copyOf(idsSorted, count * 2);
        }
        int i = count++;
        while (i > 0 && idsSorted[i - 1] > instrumentId)
        {
            idsSorted[i] = idsSorted[i - 1];
            i--;
        }
        idsSorted[i] = instrumentId;
    }

    int count()
    {
        return count;
    }

    /** @param rank 0 is the instrument with the lowest id; must be below {@link #count()}. */
    Instrument instrumentByRank(final int rank)
    {
        return instrumentsById.get(idsSorted[rank]);
    }

    /**
     * Visits every open order in book order: instruments by rank, bids then asks, best level first, time priority
     * within a level. Not for the hot path.
     */
    void forEachOpenOrder(final Consumer<Order> consumer)
    {
        for (int i = 0; i < count; i++)
        {
            final Instrument instrument = instrumentByRank(i);
            forEachInSide(instrument.bids, consumer);
            forEachInSide(instrument.asks, consumer);
        }
    }

    private static void forEachInSide(final BookSide side, final Consumer<Order> consumer)
    {
        for (int rank = 0, levels = side.levelCount(); rank < levels; rank++)
        {
            for (Order order = side.levelByRank(rank).head; order != null; order = order.levelNext)
            {
                consumer.accept(order);
            }
        }
    }
}
