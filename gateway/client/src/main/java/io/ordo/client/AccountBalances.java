package io.ordo.client;

import java.util.List;

/**
 * An account's non-zero balances as the server's read model held them, at least as recent as the outcome of the
 * command with input journal sequence {@code asOfSequence}.
 *
 * @param accountId    the account.
 * @param asOfSequence the view held every command up to at least this sequence.
 * @param balances     by asset, in the order the account first had them.
 */
public record AccountBalances(long accountId, long asOfSequence, List<Balance> balances)
{
    /** One asset's balance, in its minor units. */
    public record Balance(int assetId, long available, long held)
    {
    }

    /** @return the balance of the asset, or null when it is zero. */
    public Balance of(final int assetId)
    {
        return balances.stream().filter(b -> b.assetId() == assetId).findFirst().orElse(null);
    }
}
