package io.ordo.workload;

import io.ordo.core.BusinessLogicProcessor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks the ledger and book invariants of docs/architecture.md on a BLP through its read-only walks
 * ({@link BusinessLogicProcessor#forEachBalance}, {@link BusinessLogicProcessor#forEachOpenOrder},
 * {@link BusinessLogicProcessor#assetSupply}), independently of the reference model's state: the model is used
 * only for the instrument parameters (lot, fees) and the list of assets, which the state hash pins down anyway.
 * <ul>
 *     <li>per asset, the sum of available + held over all accounts (operator account 0 included) equals the
 *     supply;</li>
 *     <li>no balance is negative;</li>
 *     <li>no book is crossed (best bid &lt; best ask), and the walk is in price order;</li>
 *     <li>every open order holds exactly its {@code required} amount (spec table), and only kinds that may rest
 *     rest;</li>
 *     <li>each account's held balance of an asset equals the sum of what its open orders hold.</li>
 * </ul>
 * Not thread safe; one instance per run.
 */
public final class InvariantChecker
{
    private record Key(long accountId, int assetId)
    {
    }

    private final Map<Key, Long> heldByBalance = new HashMap<>();
    private final Map<Key, Long> heldByOrders = new HashMap<>();
    private final TreeMap<Integer, Long> totalByAsset = new TreeMap<>();
    private final StringBuilder violations = new StringBuilder();
    private int lastInstrument;
    private int lastSide;
    private long lastPrice;
    private long bestBid;

    /** @return null if every invariant holds, else a description of each violation. */
    public String check(final BusinessLogicProcessor blp, final ReferenceModel model)
    {
        heldByBalance.clear();
        heldByOrders.clear();
        totalByAsset.clear();
        violations.setLength(0);
        lastInstrument = Integer.MIN_VALUE;
        lastSide = 0;
        lastPrice = 0;
        bestBid = 0;

        blp.forEachBalance((accountId, assetId, available, held) ->
        {
            if (available < 0 || held < 0)
            {
                violation("negative balance: account " + accountId + " asset " + assetId + " available " +
                    available + " held " + held);
            }
            if (held != 0)
            {
                heldByBalance.put(new Key(accountId, assetId), held);
            }
            final long total = totalByAsset.getOrDefault(assetId, 0L);
            try
            {
                totalByAsset.put(assetId, Math.addExact(total, Math.addExact(available, held)));
            }
            catch (final ArithmeticException ex)
            {
                violation("balances of asset " + assetId + " overflow a long");
            }
        });

        blp.forEachOpenOrder((orderId, accountId, instrumentId, sideCode, kindCode, price, remaining, heldAmount) ->
            onOrder(model, orderId, accountId, instrumentId, sideCode, kindCode, price, remaining, heldAmount));

        for (final Map.Entry<Key, Long> entry : heldByBalance.entrySet())
        {
            final long byOrders = heldByOrders.getOrDefault(entry.getKey(), 0L);
            if (byOrders != entry.getValue())
            {
                violation("held " + entry.getValue() + " of account " + entry.getKey().accountId + " asset " +
                    entry.getKey().assetId + " but its open orders hold " + byOrders);
            }
        }
        for (final Map.Entry<Key, Long> entry : heldByOrders.entrySet())
        {
            if (!heldByBalance.containsKey(entry.getKey()))
            {
                violation("open orders of account " + entry.getKey().accountId + " hold " + entry.getValue() +
                    " of asset " + entry.getKey().assetId + " but its held balance is 0");
            }
        }

        final List<Integer> assetIds = model.assetIds();
        for (final int assetId : assetIds)
        {
            final long supply = blp.assetSupply(assetId);
            final long total = totalByAsset.getOrDefault(assetId, 0L);
            if (supply != total)
            {
                violation("asset " + assetId + ": balances sum to " + total + " but the supply is " + supply);
            }
        }
        for (final int assetId : totalByAsset.keySet())
        {
            if (!assetIds.contains(assetId))
            {
                violation("balance in asset " + assetId + " which does not exist");
            }
        }
        return violations.length() == 0 ? null : violations.toString();
    }

    private void onOrder(
        final ReferenceModel model, final long orderId, final long accountId, final int instrumentId,
        final int sideCode, final int kindCode, final long price, final long remaining, final long heldAmount)
    {
        final ReferenceModel.Instrument instrument = model.instrument(instrumentId);
        final String order = "order " + orderId + " (account " + accountId + " instrument " + instrumentId +
            " side " + sideCode + " kind " + kindCode + " price " + price + " remaining " + remaining + ")";
        if (instrument == null)
        {
            violation(order + " on an unknown instrument");
            return;
        }
        if (kindCode != 1 && kindCode != 4)
        {
            violation(order + " rests but its kind may not rest");
            return;
        }
        if (sideCode != 1 && sideCode != 2)
        {
            violation(order + " has a bad side");
            return;
        }
        if (remaining <= 0 || remaining % instrument.lotSize != 0)
        {
            violation(order + " has a bad remaining quantity");
            return;
        }
        final long required = ReferenceModel.required(instrument, sideCode, kindCode, price, remaining);
        if (heldAmount != required)
        {
            violation(order + " holds " + heldAmount + " but requires " + required);
        }
        final Key key = new Key(accountId, sideCode == 1 ? instrument.quoteAssetId : instrument.baseAssetId);
        heldByOrders.merge(key, heldAmount, Long::sum);

        // Walk order: instruments ascending; bids best (highest) first, then asks best (lowest) first.
        if (instrumentId != lastInstrument)
        {
            if (instrumentId < lastInstrument)
            {
                violation(order + " walked after instrument " + lastInstrument);
            }
            lastInstrument = instrumentId;
            lastSide = 0;
            bestBid = 0;
        }
        if (sideCode != lastSide)
        {
            if (sideCode < lastSide)
            {
                violation(order + ": bid walked after asks");
            }
            if (sideCode == 1)
            {
                bestBid = price;
            }
            else if (bestBid != 0 && bestBid >= price)
            {
                violation("crossed book on instrument " + instrumentId + ": best bid " + bestBid + " >= best ask " +
                    price);
            }
            lastSide = sideCode;
        }
        else if (sideCode == 1 ? price > lastPrice : price < lastPrice)
        {
            violation(order + " walked after a worse price " + lastPrice);
        }
        lastPrice = price;
    }

    private void violation(final String message)
    {
        if (violations.length() < 4_000)
        {
            violations.append(message).append('\n');
        }
    }
}
