package io.ordo.core;

/**
 * Computes the state hash: a 64-bit mix over the canonical walk of the whole BLP state defined in
 * docs/architecture.md ("State hash"). Every collection is walked in id or book order, never hash order.
 * <p>
 * Not thread safe; call on the BLP thread. Allocates (sorting ids); not for the hot path.
 */
final class StateHasher
{
    private static final long SEED = 0x4F52444FL;
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    private long hash = SEED;

    private StateHasher()
    {
    }

    static long hash(final BusinessLogicProcessor blp)
    {
        final StateHasher hasher = new StateHasher();
        hasher.walk(blp);
        return hasher.hash;
    }

    private void add(final long value)
    {
        long h = (hash ^ value) * MULTIPLIER;
        h ^= h >>> 32;
        hash = h;
    }

    private void walk(final BusinessLogicProcessor blp)
    {
        final MatchingEngine engine = blp.engine();
        final Ledger ledger = blp.ledger();
        add(engine.nextOrderId());
        add(engine.nextTradeId());

        final Asset[] assets = ledger.assetsById();
        add(assets.length);
        for (final Asset asset : assets)
        {
            add(asset.assetId);
            add(asset.scale);
            add(asset.supply);
        }

        final InstrumentRegistry instruments = blp.instruments();
        final int instrumentCount = instruments.count();
        add(instrumentCount);
        for (int i = 0; i < instrumentCount; i++)
        {
            final Instrument instrument = instruments.instrumentByRank(i);
            add(instrument.instrumentId);
            add(instrument.base.assetId);
            add(instrument.quote.assetId);
            add(instrument.makerFeePpm);
            add(instrument.takerFeePpm);
            add(instrument.lotSize);
            add(instrument.tickSize);
            add(instrument.minQuantity);
            add(instrument.maxQuantity);
            add(instrument.minPrice);
            add(instrument.maxPrice);
            add(instrument.halted ? 1 : 0);
        }

        final long[] accountIds = ledger.accountIdsSorted();
        add(accountIds.length);
        for (final long accountId : accountIds)
        {
            final Account account = ledger.account(accountId);
            add(accountId);
            int nonZero = 0;
            for (final Asset asset : assets)
            {
                if (account.available(asset) != 0 || account.held(asset) != 0)
                {
                    nonZero++;
                }
            }
            add(nonZero);
            for (final Asset asset : assets)
            {
                final long available = account.available(asset);
                final long held = account.held(asset);
                if (available != 0 || held != 0)
                {
                    add(asset.assetId);
                    add(available);
                    add(held);
                }
            }
        }

        for (int i = 0; i < instrumentCount; i++)
        {
            final Instrument instrument = instruments.instrumentByRank(i);
            add(instrument.instrumentId);
            addSide(instrument.bids);
            addSide(instrument.asks);
        }

        final RequestDeduplicator deduplicator = blp.deduplicator();
        add(deduplicator.size());
        deduplicator.forEach((accountId, clientRequestId, reasonCode, orderId) ->
        {
            add(accountId);
            add(clientRequestId);
            add(reasonCode);
            add(orderId);
        });

        // Keys are walked only when there are any, so that a state without keys hashes as it did before they
        // existed (the pinned hashes of the demo and the workloads stay comparable across the change).
        final ApiKeyRegistry apiKeys = blp.apiKeys();
        final int keyCount = apiKeys.count();
        if (keyCount > 0)
        {
            add(keyCount);
            for (int i = 0; i < keyCount; i++)
            {
                final ApiKey key = apiKeys.keyByIndex(i);
                add(key.keyId);
                add(key.accountId);
                add(key.roleCode);
                add(key.revoked ? 1 : 0);
                addBytes(key.salt);
                addBytes(key.keyHash);
            }
        }
    }

    private void addBytes(final byte[] bytes)
    {
        for (int i = 0; i < bytes.length; i += Long.BYTES)
        {
            long word = 0;
            for (int j = 0; j < Long.BYTES && i + j < bytes.length; j++)
            {
                word |= (bytes[i + j] & 0xFFL) << (8 * j);
            }
            add(word);
        }
    }

    private void addSide(final BookSide side)
    {
        int count = 0;
        for (int rank = 0, levels = side.levelCount(); rank < levels; rank++)
        {
            for (Order order = side.levelByRank(rank).head; order != null; order = order.levelNext)
            {
                count++;
            }
        }
        add(count);
        for (int rank = 0, levels = side.levelCount(); rank < levels; rank++)
        {
            for (Order order = side.levelByRank(rank).head; order != null; order = order.levelNext)
            {
                add(order.orderId);
                add(order.accountId);
                add(order.sideCode);
                add(order.kindCode);
                add(order.price);
                add(order.remainingQuantity);
                add(order.heldAmount);
            }
        }
    }
}
