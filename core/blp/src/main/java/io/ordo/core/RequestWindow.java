package io.ordo.core;

import org.agrona.collections.Long2LongHashMap;

/**
 * Remembers the outcome of the last {@code capacity} commands by (accountId, clientRequestId), for idempotent
 * retries. A ring of parallel arrays holds the entries in arrival order (the oldest is overwritten when full).
 * Each entry also links to the previous entry of the same account id, and the account keeps its newest entry
 * ({@link Account#newestRequestSequence}), so that recording costs a few sequential writes: no lookup in any map.
 * Entries of ids that have no account (rejected as unknown accounts) keep their newest entry in a small map of
 * such ids instead; an account opened later takes its chain over ({@link #onAccountOpened}). {@link #find} walks
 * the account's entries from the newest back to the oldest still in the window; {@link RequestDeduplicator} calls
 * it only for ids at or below the account's high-water mark (retries, or ids sent out of order), so the walk is
 * rare, and as long as that account has entries in the window.
 * <p>
 * Iteration order is the ring's arrival order, never a map's, so nothing hash-ordered reaches output. Allocates
 * in its constructor, and in the map of ids without an account only when more of them are remembered than ever
 * before. Not thread safe; owned by the BLP thread.
 */
final class RequestWindow
{
    /** Returned by {@link #find(Account, long, long)} when the key is not in the window. */
    static final int NOT_FOUND = -1;
    /** No entry: the head of an id without entries. */
    static final long NONE = -1;

    private final int capacity;
    private final int mask;
    private final long[] accountIds;
    private final long[] clientRequestIds;
    private final byte[] reasonCodes;
    private final long[] orderIds;
    /** Per entry: the sequence of the same account id's previous entry, or {@link #NONE}. */
    private final long[] previousSequences;
    /** Per entry: 1 if recorded for an id without an account, whose newest entry is in {@link #newestOfOrphans}. */
    private final byte[] orphans;
    /** An account id without an account to the sequence of its newest entry in the window. */
    private final Long2LongHashMap newestOfOrphans = new Long2LongHashMap(NONE);
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
        orphans = new byte[capacity];
    }

    int size()
    {
        return size;
    }

    /**
     * @param account the account of {@code accountId}, or null when it has none.
     * @return the ring slot of the entry, or {@link #NOT_FOUND}.
     */
    int find(final Account account, final long accountId, final long clientRequestId)
    {
        final long oldest = recordedCount - size;
        // A head older than the window's oldest entry (the account's entries were all overwritten) ends the walk.
        long sequence = account != null ? account.newestRequestSequence : newestOfOrphans.get(accountId);
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
     *
     * @param account the account of {@code accountId}, or null when it has none: always the ledger's account of
     *                that id, so that {@link #find} looks where the entries are.
     */
    void record(
        final Account account, final long accountId, final long clientRequestId, final byte reasonCode,
        final long orderId)
    {
        final long sequence = recordedCount;
        final int slot = (int)(sequence & mask);
        if (size == capacity)
        {
            if (orphans[slot] != 0)
            {
                final long evictedAccountId = accountIds[slot];
                if (newestOfOrphans.get(evictedAccountId) == sequence - capacity)
                {
                    // The forgotten entry was that id's last one in the window.
                    newestOfOrphans.remove(evictedAccountId);
                }
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
        if (account != null)
        {
            previousSequences[slot] = account.newestRequestSequence;
            account.newestRequestSequence = sequence;
            orphans[slot] = 0;
        }
        else
        {
            previousSequences[slot] = newestOfOrphans.put(accountId, sequence);
            orphans[slot] = 1;
        }
        recordedCount++;
    }

    /** A new account takes over the chain of its id's entries recorded while it had no account, if any. */
    void onAccountOpened(final Account account)
    {
        account.newestRequestSequence = newestOfOrphans.remove(account.accountId);
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
