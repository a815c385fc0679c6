package io.ordo.core;

import org.agrona.collections.Long2LongHashMap;

/**
 * Remembers the outcome of the last {@code capacity} commands by (accountId, clientRequestId), for idempotent
 * retries. A ring of parallel arrays holds the entries in arrival order (the oldest is overwritten when full).
 * Each entry also links to the previous entry of the same account, and a small map keeps each account's newest
 * entry, so that recording costs a few sequential writes and a lookup in a map of the accounts seen lately: no
 * random access into a large index. {@link #find} walks the account's entries from the newest back to the oldest
 * still in the window; {@link RequestDeduplicator} calls it only for ids at or below the account's high-water mark
 * (retries, or ids sent out of order), so the walk is rare, and as long as that account has entries in the window.
 * <p>
 * Iteration order is the ring's arrival order, never a map's, so nothing hash-ordered reaches output. Allocates
 * in its constructor, and in the account map only when more accounts are active than ever before. Not thread safe;
 * owned by the BLP thread.
 */
final class RequestWindow
{
    /** Returned by {@link #find(long, long)} when the key is not in the window. */
    static final int NOT_FOUND = -1;
    private static final long NONE = -1;

    private final int capacity;
    private final int mask;
    private final long[] accountIds;
    private final long[] clientRequestIds;
    private final byte[] reasonCodes;
    private final long[] orderIds;
    /** Per entry: the sequence of the same account's previous entry, or {@link #NONE}. */
    private final long[] previousSequences;
    /** Account id to the sequence of its newest entry in the window. */
    private final Long2LongHashMap newestByAccount = new Long2LongHashMap(NONE);
    private long recordedCount;
    private int size;

    RequestWindow(final int capacity)
    {
        if (capacity < 2 || Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("capacity must be a power of two >= 2: " + capacity);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        accountIds = new long[capacity];
        clientRequestIds = new long[capacity];
        reasonCodes = new byte[capacity];
        orderIds = new long[capacity];
        previousSequences = new long[capacity];
    }

    int size()
    {
        return size;
    }

    /** @return the ring slot of the entry, or {@link #NOT_FOUND}. */
    int find(final long accountId, final long clientRequestId)
    {
        final long oldest = recordedCount - size;
        long sequence = newestByAccount.get(accountId);
        while (sequence >= oldest)
        {
            final int slot = (int)(sequence & mask);
            if (clientRequestIds[slot] == clientRequestId)
            {
                return slot;
            }
            sequence = previousSequences[slot];
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
        final long sequence = recordedCount;
        final int slot = (int)(sequence & mask);
        if (size == capacity)
        {
            final long evictedAccountId = accountIds[slot];
            if (newestByAccount.get(evictedAccountId) == sequence - capacity)
            {
                // The forgotten entry was its account's last one in the window.
                newestByAccount.remove(evictedAccountId);
            }
        }
        else
        {
            size++;
        }
        accountIds[slot] = accountId;
        clientRequestIds[slot] = clientRequestId;
        reasonCodes[slot] = reasonCode;
        orderIds[slot] = orderId;
        previousSequences[slot] = newestByAccount.put(accountId, sequence);
        recordedCount++;
    }

    /** Visits the entries from oldest to newest. */
    void forEach(final EntryVisitor visitor)
    {
        final long first = recordedCount - size;
        for (long i = first; i < recordedCount; i++)
        {
            final int slot = (int)(i & mask);
            visitor.onEntry(accountIds[slot], clientRequestIds[slot], reasonCodes[slot], orderIds[slot]);
        }
    }

    interface EntryVisitor
    {
        void onEntry(long accountId, long clientRequestId, byte reasonCode, long orderId);
    }
}
