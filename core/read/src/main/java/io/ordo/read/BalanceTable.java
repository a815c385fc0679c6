package io.ordo.read;

import java.util.Map;
import java.util.TreeMap;

/**
 * Balances (available, held) by account and asset, kept sorted so that a visit never depends on hash order: the
 * storage the balance projections share.
 * <p>
 * Not thread safe; one reader thread.
 */
final class BalanceTable
{
    private final TreeMap<Long, TreeMap<Integer, long[]>> balances = new TreeMap<>();

    /** @return the {available, held} pair of the balance, created at zero on first use. */
    long[] balance(final long accountId, final int assetId)
    {
        return balances.computeIfAbsent(accountId, id -> new TreeMap<>()).computeIfAbsent(assetId, id -> new long[2]);
    }

    long availableMinor(final long accountId, final int assetId)
    {
        final long[] balance = find(accountId, assetId);
        return balance == null ? 0 : balance[0];
    }

    long heldMinor(final long accountId, final int assetId)
    {
        final long[] balance = find(accountId, assetId);
        return balance == null ? 0 : balance[1];
    }

    /** Visits every balance that is not zero on both sides, by ascending account, then asset. */
    void forEachBalance(final BalanceProjection.BalanceRowVisitor visitor)
    {
        for (final Map.Entry<Long, TreeMap<Integer, long[]>> account : balances.entrySet())
        {
            for (final Map.Entry<Integer, long[]> asset : account.getValue().entrySet())
            {
                final long[] balance = asset.getValue();
                if (balance[0] != 0 || balance[1] != 0)
                {
                    visitor.onBalance(account.getKey(), asset.getKey(), balance[0], balance[1]);
                }
            }
        }
    }

    private long[] find(final long accountId, final int assetId)
    {
        final TreeMap<Integer, long[]> assets = balances.get(accountId);
        return assets == null ? null : assets.get(assetId);
    }
}
