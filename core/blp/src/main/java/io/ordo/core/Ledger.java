package io.ordo.core;

import java.util.Arrays;

import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Assets, accounts and every balance change. {@link #change} is the only way a balance moves, and it always
 * publishes the passbook line ({@code BalanceChanged}) for a non-zero change.
 * <p>
 * Not thread safe; owned by the BLP thread.
 */
final class Ledger
{
    /** The operator account: exists from the start, administers, and receives all fees. */
    static final long OPERATOR_ACCOUNT_ID = 0;

    private final EventPublisher publisher;
    private final Long2ObjectHashMap<Account> accounts = new Long2ObjectHashMap<>();
    private final Int2ObjectHashMap<Asset> assets = new Int2ObjectHashMap<>();
    /** Assets in creation order, i.e. by {@link Asset#index}. */
    private Asset[] assetsByIndex = new Asset[8];
    private int assetCount;
    private final Account operator;

    Ledger(final EventPublisher publisher)
    {
        this.publisher = publisher;
        operator = openAccount(OPERATOR_ACCOUNT_ID);
    }

    Account operator()
    {
        return operator;
    }

    Account account(final long accountId)
    {
        return accounts.get(accountId);
    }

    Account openAccount(final long accountId)
    {
        final Account account = new Account(accountId);
        accounts.put(accountId, account);
        return account;
    }

    Asset asset(final int assetId)
    {
        return assets.get(assetId);
    }

    Asset createAsset(final int assetId, final int scale)
    {
        final Asset asset = new Asset(assetId, scale, assetCount);
        if (assetCount == assetsByIndex.length)
        {
            assetsByIndex = Arrays.copyOf(assetsByIndex, assetCount * 2);
        }
        assetsByIndex[assetCount++] = asset;
        assets.put(assetId, asset);
        return asset;
    }

    int assetCount()
    {
        return assetCount;
    }

    Asset assetByIndex(final int index)
    {
        return assetsByIndex[index];
    }

    /** Assets sorted by ascending id; allocates, for snapshots and hashing only. */
    Asset[] assetsById()
    {
        final Asset[] sorted = Arrays.copyOf(assetsByIndex, assetCount);
        Arrays.sort(sorted, (a, b) -> Integer.compare(a.assetId, b.assetId));
        return sorted;
    }

    /** Account ids sorted ascending; allocates, for snapshots and hashing only. */
    long[] accountIdsSorted()
    {
        final long[] ids = new long[accounts.size()];
        int i = 0;
        final Long2ObjectHashMap<Account>.KeyIterator keys = accounts.keySet().iterator();
        while (keys.hasNext())
        {
            ids[i++] = keys.nextLong();
        }
        Arrays.sort(ids);
        return ids;
    }

    /**
     * Moves one balance and publishes the change; does nothing when both deltas are zero. Callers have checked
     * that neither balance goes negative.
     */
    void change(
        final Account account, final Asset asset, final long availableDelta, final long heldDelta,
        final byte cause, final long referenceId)
    {
        if (availableDelta == 0 && heldDelta == 0)
        {
            return;
        }
        account.ensureAsset(asset);
        final int index = asset.index;
        final long availableAfter = account.available[index] + availableDelta;
        final long heldAfter = account.held[index] + heldDelta;
        account.available[index] = availableAfter;
        account.held[index] = heldAfter;
        publisher.balanceChanged(
            account.accountId, asset.assetId, cause, availableDelta, heldDelta, availableAfter, heldAfter, referenceId);
    }

    /** Sets balances directly, without an event: only for loading a snapshot. */
    void restoreBalance(final Account account, final Asset asset, final long available, final long held)
    {
        account.ensureAsset(asset);
        account.available[asset.index] = available;
        account.held[asset.index] = held;
    }
}
