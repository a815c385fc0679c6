package io.ordo.core;

/**
 * Remembers the outcome of the last {@code capacity} commands by (accountId, clientRequestId), for idempotent
 * retries. A ring of parallel arrays holds the entries in arrival order (the oldest is overwritten when full); an
 * open-addressing index of ring slots (linear probing, load at most one half, backward-shift deletion) finds an
 * entry by exact key comparison. Agrona has no map keyed by two longs, hence this small structure.
 * <p>
 * Iteration order is the ring's arrival order, never the index's, so nothing hash-ordered reaches output.
 * Allocates only in its constructor. Not thread safe; owned by the BLP thread.
 */
final class RequestWindow
{
    /** Returned by {@link #find(long, long)} when the key is not in the window. */
    static final int NOT_FOUND = -1;

    private final int capacity;
    private final long[] accountIds;
    private final long[] clientRequestIds;
    private final byte[] reasonCodes;
    private final long[] orderIds;
    /** Per entry: hash in the high 32 bits, ring slot + 1 in the low 32 bits; 0 is empty. */
    private final long[] index;
    private final int indexMask;
    private long recordedCount;
    private int size;

    RequestWindow(final int capacity)
    {
        if (capacity < 2 || Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("capacity must be a power of two >= 2: " + capacity);
        }
        this.capacity = capacity;
        accountIds = new long[capacity];
        clientRequestIds = new long[capacity];
        reasonCodes = new byte[capacity];
        orderIds = new long[capacity];
        index = new long[capacity * 2];
        indexMask = index.length - 1;
    }

    int capacity()
    {
        return capacity;
    }

    int size()
    {
        return size;
    }

    /** @return the ring slot of the entry, or {@link #NOT_FOUND}. */
    int find(final long accountId, final long clientRequestId)
    {
        final int hash = hash(accountId, clientRequestId);
        int position = hash & indexMask;
        long entry;
        while ((entry = index[position]) != 0)
        {
            if ((int)(entry >>> 32) == hash)
            {
                final int slot = (int)entry - 1;
                if (accountIds[slot] == accountId && clientRequestIds[slot] == clientRequestId)
                {
                    return slot;
                }
            }
            position = (position + 1) & indexMask;
        }
        return NOT_FOUND;
    }

    byte reasonCode(final int slot)
    {
        return reasonCodes[slot];
    }

    long orderId(final int slot)
    {
        return orderIds[slot];
    }

    /**
     * Remembers an outcome, forgetting the oldest entry when full. The key must not be in the window already.
     */
    void record(final long accountId, final long clientRequestId, final byte reasonCode, final long orderId)
    {
        final int slot = (int)(recordedCount & (capacity - 1));
        if (size == capacity)
        {
            removeFromIndex(slot);
        }
        else
        {
            size++;
        }
        accountIds[slot] = accountId;
        clientRequestIds[slot] = clientRequestId;
        reasonCodes[slot] = reasonCode;
        orderIds[slot] = orderId;
        recordedCount++;

        final int hash = hash(accountId, clientRequestId);
        int position = hash & indexMask;
        while (index[position] != 0)
        {
            position = (position + 1) & indexMask;
        }
        index[position] = ((long)hash << 32) | (slot + 1L);
    }

    /** Visits the entries from oldest to newest. */
    void forEach(final EntryVisitor visitor)
    {
        final long first = recordedCount - size;
        for (long i = first; i < recordedCount; i++)
        {
            final int slot = (int)(i & (capacity - 1));
            visitor.onEntry(accountIds[slot], clientRequestIds[slot], reasonCodes[slot], orderIds[slot]);
        }
    }

    interface EntryVisitor
    {
        void onEntry(long accountId, long clientRequestId, byte reasonCode, long orderId);
    }

    private void removeFromIndex(final int slot)
    {
        int hole = hash(accountIds[slot], clientRequestIds[slot]) & indexMask;
        while ((int)index[hole] != slot + 1)
        {
            hole = (hole + 1) & indexMask;
        }
        index[hole] = 0;

        int position = hole;
        while (true)
        {
            position = (position + 1) & indexMask;
            final long entry = index[position];
            if (entry == 0)
            {
                return;
            }
            final int home = (int)(entry >>> 32) & indexMask;
            // The entry may fill the hole unless its home lies cyclically in (hole, position].
            final boolean homeBetween = hole <= position ?
                (home > hole && home <= position) :
                (home > hole || home <= position);
            if (!homeBetween)
            {
                index[hole] = entry;
                index[position] = 0;
                hole = position;
            }
        }
    }

    private static int hash(final long accountId, final long clientRequestId)
    {
        long h = accountId * 0x9E3779B97F4A7C15L + clientRequestId;
        h ^= h >>> 32;
        h *= 0xD6E8FEB86659FD93L;
        h ^= h >>> 32;
        return (int)h;
    }
}
