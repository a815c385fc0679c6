package io.ordo.core;

import io.ordo.protocol.Codes;

/**
 * Order lifecycle and matching: price-time priority, self-trade prevention (cancel the aggressor's remainder), FOK
 * pre-check, settlement of every fill with fees, and resting or expiring what remains. Owns the order index, the
 * order pool and the order and trade id counters. Validation happens before it is called.
 * <p>
 * Not thread safe; owned by the BLP thread. Allocates nothing in steady state: orders and levels are pooled.
 */
final class MatchingEngine
{
    private final Ledger ledger;
    private final EventPublisher publisher;
    private final OrderIndex openOrders;
    private Order freeOrders;
    private long nextOrderId = 1;
    private long nextTradeId = 1;

    MatchingEngine(final Ledger ledger, final EventPublisher publisher, final int orderPoolCapacity)
    {
        this.ledger = ledger;
        this.publisher = publisher;
        this.openOrders = new OrderIndex((int)Math.min(1L << 30, 2L * orderPoolCapacity));
        for (int i = 0; i < orderPoolCapacity; i++)
        {
            releaseOrder(new Order());
        }
    }

    long nextOrderId()
    {
        return nextOrderId;
    }

    long nextTradeId()
    {
        return nextTradeId;
    }

    void restoreCounters(final long nextOrderId, final long nextTradeId)
    {
        this.nextOrderId = nextOrderId;
        this.nextTradeId = nextTradeId;
    }

    int openOrderCount()
    {
        return openOrders.size();
    }

    /** @return the open order, or null. */
    Order openOrder(final long orderId)
    {
        return openOrders.get(orderId);
    }

    /** A fresh order with the next order id, not yet open. */
    Order newOrder()
    {
        final Order order = acquireOrder();
        order.orderId = nextOrderId++;
        return order;
    }

    /** A blank pooled order with no id (for loading a snapshot). */
    Order acquireOrder()
    {
        Order order = freeOrders;
        if (order == null)
        {
            order = new Order();
        }
        else
        {
            freeOrders = order.levelNext;
            order.levelNext = null;
        }
        return order;
    }

    /** @return true when a post-only order at this price would trade against the opposite side. */
    static boolean wouldCross(final Instrument instrument, final byte sideCode, final long price)
    {
        final BookSide opposite = instrument.oppositeOf(sideCode);
        final PriceLevel best = opposite.best();
        return best != null && opposite.isAcceptable(best.price, price);
    }

    /**
     * Trades an accepted (and already holding) order, then rests or expires what remains, publishing everything.
     * The order may be new or a replaced one that left its level.
     */
    void execute(final Order taker, final long clientRequestId, final long timestampNs)
    {
        byte stopReason;
        if (taker.kindCode == Codes.FOK && !canFillInFull(taker))
        {
            stopReason = Codes.FOK_UNFILLED;
        }
        else
        {
            stopReason = match(taker, timestampNs);
        }

        if (taker.remainingQuantity > 0)
        {
            final boolean mayRest = taker.kindCode == Codes.GTC || taker.kindCode == Codes.POST_ONLY;
            if (mayRest && stopReason == Codes.NO_EXPIRY)
            {
                rest(taker);
                return;
            }
            publisher.orderExpired(taker, clientRequestId, timestampNs,
                stopReason == Codes.NO_EXPIRY ? Codes.IOC_REMAINDER : stopReason);
        }
        releaseHold(taker);
        retire(taker);
    }

    /** Cancels an open order: publishes the cancel and the release of its hold. */
    void cancel(final Order order, final long clientRequestId, final long timestampNs, final byte cancelReason)
    {
        publisher.orderCancelled(order, clientRequestId, timestampNs, cancelReason);
        releaseHold(order);
        order.instrument.sideOf(order.sideCode).remove(order);
        retire(order);
    }

    /** Takes an open order out of its price level for a replace; it stays open (indexed, in its account list). */
    void leaveLevel(final Order order)
    {
        order.instrument.sideOf(order.sideCode).remove(order);
    }

    /**
     * Reprices an open order that does not cross the opposite side at its new price: it goes to the back of the
     * level at that price, as {@link #leaveLevel} then {@link #execute} would put it, without a match to try.
     */
    void moveResting(final Order order, final long newPrice)
    {
        order.instrument.sideOf(order.sideCode).move(order, newPrice);
    }

    /** Puts a loaded order back in its book; the snapshot loader links the accounts' order lists afterwards. */
    void restoreOpenOrder(final Order order)
    {
        order.instrument.sideOf(order.sideCode).add(order);
        openOrders.add(order);
        order.open = true;
    }

    private void rest(final Order order)
    {
        order.instrument.sideOf(order.sideCode).add(order);
        if (!order.open)
        {
            order.open = true;
            openOrders.add(order);
            order.account.appendOrder(order);
        }
    }

    private void releaseHold(final Order order)
    {
        final long held = order.heldAmount;
        if (held != 0)
        {
            order.heldAmount = 0;
            ledger.change(order.account, order.instrument.holdAsset(order.sideCode), held, -held,
                Codes.ORDER_RELEASE, order.orderId);
        }
    }

    /** Forgets an order that is done (out of any level already). */
    private void retire(final Order order)
    {
        if (order.open)
        {
            openOrders.remove(order);
            order.account.removeOrder(order);
        }
        releaseOrder(order);
    }

    private void releaseOrder(final Order order)
    {
        order.reset();
        order.levelNext = freeOrders;
        freeOrders = order;
    }

    /** @return why matching stopped with quantity left ({@link Codes#NO_EXPIRY} if it simply ran out of liquidity). */
    private byte match(final Order taker, final long timestampNs)
    {
        final Instrument instrument = taker.instrument;
        final BookSide makers = instrument.oppositeOf(taker.sideCode);
        while (taker.remainingQuantity > 0)
        {
            final PriceLevel level = makers.best();
            if (level == null)
            {
                return Codes.NO_EXPIRY;
            }
            final long price = level.price;
            if (!taker.budget && !makers.isAcceptable(price, taker.price))
            {
                return Codes.NO_EXPIRY;
            }
            final Order maker = level.head;
            if (maker.accountId == taker.accountId)
            {
                return Codes.SELF_TRADE_PREVENTED;
            }
            long quantity = Math.min(taker.remainingQuantity, maker.remainingQuantity);
            if (taker.budget)
            {
                quantity = affordableQuantity(quantity, price, taker.heldAmount, instrument);
                if (quantity == 0)
                {
                    return Codes.BUDGET_EXHAUSTED;
                }
            }
            fill(maker, taker, price, quantity, timestampNs);
            if (maker.remainingQuantity == 0)
            {
                makers.remove(maker);
                retire(maker);
            }
        }
        return Codes.NO_EXPIRY;
    }

    /** The most whole lots, up to {@code quantity}, whose notional plus taker fee fit in the budget. */
    private static long affordableQuantity(
        final long quantity, final long price, final long budget, final Instrument instrument)
    {
        final long lotSize = instrument.lotSize;
        final long takerFeePpm = instrument.takerFeePpm;
        long high = Math.min(quantity / lotSize, budget / price);
        if (cost(price, high, takerFeePpm) <= budget)
        {
            return high * lotSize;
        }
        long low = 0;
        while (low < high)
        {
            final long mid = low + (high - low + 1) / 2;
            if (cost(price, mid, takerFeePpm) <= budget)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }
        return low * lotSize;
    }

    private static long cost(final long price, final long lots, final long feePpm)
    {
        final long notional = price * lots;
        return notional + FixedPoint.fee(notional, feePpm);
    }

    private boolean canFillInFull(final Order taker)
    {
        final BookSide makers = taker.instrument.oppositeOf(taker.sideCode);
        long available = 0;
        for (int rank = 0, levels = makers.levelCount(); rank < levels; rank++)
        {
            final PriceLevel level = makers.levelByRank(rank);
            if (!makers.isAcceptable(level.price, taker.price))
            {
                return false;
            }
            for (Order maker = level.head; maker != null; maker = maker.levelNext)
            {
                if (maker.accountId == taker.accountId)
                {
                    return false;
                }
                available += maker.remainingQuantity;
                if (available >= taker.remainingQuantity)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private void fill(
        final Order maker, final Order taker, final long price, final long quantity, final long timestampNs)
    {
        final Instrument instrument = taker.instrument;
        final long notional = price * (quantity / instrument.lotSize);
        final long makerFee = FixedPoint.fee(notional, instrument.makerFeePpm);
        final long takerFee = FixedPoint.fee(notional, instrument.takerFeePpm);
        maker.remainingQuantity -= quantity;
        taker.remainingQuantity -= quantity;

        final long tradeId = nextTradeId++;
        publisher.trade(tradeId, timestampNs, maker, taker, price, quantity, makerFee, takerFee);

        final boolean takerBuys = taker.sideCode == Codes.BUY;
        final Order buyer = takerBuys ? taker : maker;
        final Order seller = takerBuys ? maker : taker;
        final long buyerFee = takerBuys ? takerFee : makerFee;
        final long sellerFee = takerBuys ? makerFee : takerFee;
        final Asset base = instrument.base;
        final Asset quote = instrument.quote;

        final long buyerCost = notional + buyerFee;
        final long buyerRelease;
        if (buyer.budget)
        {
            buyerRelease = buyerCost;
            buyer.heldAmount -= buyerCost;
        }
        else
        {
            final long stillRequired = instrument.required(buyer, buyer.price, buyer.remainingQuantity);
            buyerRelease = buyer.heldAmount - stillRequired;
            buyer.heldAmount = stillRequired;
        }
        ledger.change(buyer.account, quote, buyerRelease - buyerCost, -buyerRelease, Codes.TRADE, tradeId);
        ledger.change(buyer.account, base, quantity, 0, Codes.TRADE, tradeId);

        seller.heldAmount -= quantity;
        ledger.change(seller.account, base, 0, -quantity, Codes.TRADE, tradeId);
        ledger.change(seller.account, quote, notional - sellerFee, 0, Codes.TRADE, tradeId);

        ledger.change(ledger.operator(), quote, makerFee + takerFee, 0, Codes.FEE, tradeId);
    }
}
