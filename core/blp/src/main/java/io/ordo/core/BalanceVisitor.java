package io.ordo.core;

/**
 * Read-only walk over every non-zero balance, accounts by ascending id, assets by ascending id.
 * For tests, read models and tools; not for the hot path.
 */
@FunctionalInterface
public interface BalanceVisitor
{
    void onBalance(long accountId, int assetId, long available, long held);
}
