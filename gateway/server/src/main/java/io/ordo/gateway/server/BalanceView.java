package io.ordo.gateway.server;

import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

import org.agrona.collections.Long2ObjectHashMap;

/**
 * A read model of every account's balances for the sessions' {@code QueryBalances}: loaded from the recovered state
 * at start, then kept from the {@code BalanceChanged} events (their {@code availableAfter} and {@code heldAfter})
 * as the router routes them; never read from the BLP. A reader sees each account as it was between two commands, at
 * least as recent as {@link #asOfSequence()} read before it.
 * <p>
 * Threading: one writer, the engine's dispatcher thread (and the starting thread before it), which finds an account
 * in its own map without boxing; readers on the I/O threads find it in a concurrent map filled when an account is
 * first seen. Each account's values are guarded by a sequence lock (odd while written), so a reader copies a
 * consistent set (all of a command's changes or none) without a lock and without allocating; the writer allocates
 * only for a new account or asset.
 */
final class BalanceView
{
    /** One account's balances, by asset in the order first seen. */
    static final class Account
    {
        private volatile long version;
        private int count;
        private int[] assetIds = new int[4];
        private long[] available = new long[4];
        private long[] held = new long[4];
    }

    private final Long2ObjectHashMap<Account> writerAccounts = new Long2ObjectHashMap<>();
    private final ConcurrentHashMap<Long, Account> readerAccounts = new ConcurrentHashMap<>();
    private volatile long asOfSequence;
    /** Accounts changed by the command being applied, odd until {@link #onSequence}. */
    private final ArrayList<Account> open = new ArrayList<>();

    /** Writer: a balance's new values. */
    void onBalance(final long accountId, final int assetId, final long availableAfter, final long heldAfter)
    {
        Account account = writerAccounts.get(accountId);
        if (account == null)
        {
            account = new Account();
            writerAccounts.put(accountId, account);
            readerAccounts.put(accountId, account);
        }
        int index = 0;
        while (index < account.count && account.assetIds[index] != assetId)
        {
            index++;
        }
        if ((account.version & 1) == 0)
        {
            // Open (odd) until the command's last event: a reader sees the account between commands only.
            account.version++;
            open.add(account);
            VarHandle.storeStoreFence();
        }
        if (index == account.count)
        {
            if (index == account.assetIds.length)
            {
                account.assetIds = Arrays.copyOf(account.assetIds, index * 2);
                account.available = Arrays.copyOf(account.available, index * 2);
                account.held = Arrays.copyOf(account.held, index * 2);
            }
            account.assetIds[index] = assetId;
            account.count++;
        }
        account.available[index] = availableAfter;
        account.held[index] = heldAfter;
    }

    /** Writer: the command of this sequence is complete in the view; its accounts may be read again. */
    void onSequence(final long sequence)
    {
        asOfSequence = sequence;
        for (int i = 0, n = open.size(); i < n; i++)
        {
            open.get(i).version++;
        }
        open.clear();
    }

    long asOfSequence()
    {
        return asOfSequence;
    }

    /**
     * Reader: copies the account's non-zero balances into the arrays, which must be at least as long as the account's
     * asset count ({@link #assetCount}).
     *
     * @return the number copied, 0 for an account never seen; or -1 if the arrays are too short.
     */
    int copy(final long accountId, final int[] assetIds, final long[] available, final long[] held)
    {
        final Account account = readerAccounts.get(accountId);
        if (account == null)
        {
            return 0;
        }
        while (true)
        {
            final long before = account.version;
            if ((before & 1) == 0)
            {
                final int count = account.count;
                if (count > assetIds.length)
                {
                    return -1;
                }
                final int[] ids = account.assetIds;
                final long[] availableNow = account.available;
                final long[] heldNow = account.held;
                int copied = 0;
                for (int i = 0; i < count && i < ids.length; i++)
                {
                    if (availableNow[i] != 0 || heldNow[i] != 0)
                    {
                        assetIds[copied] = ids[i];
                        available[copied] = availableNow[i];
                        held[copied] = heldNow[i];
                        copied++;
                    }
                }
                VarHandle.loadLoadFence();
                if (account.version == before)
                {
                    return copied;
                }
            }
            Thread.onSpinWait();
        }
    }

    /** Reader: how many assets the account has had (an upper bound of what {@link #copy} returns). */
    int assetCount(final long accountId)
    {
        final Account account = readerAccounts.get(accountId);
        return account == null ? 0 : account.count;
    }
}
