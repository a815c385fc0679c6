package io.ordo.core;

import io.ordo.protocol.Codes;

/**
 * A spot instrument: trading rules and its order book (bids and asks).
 * <p>
 * Not thread safe; owned by the BLP thread.
 */
final class Instrument
{
    final int instrumentId;
    final Asset base;
    final Asset quote;
    final int makerFeePpm;
    final int takerFeePpm;
    final long lotSize;
    final long tickSize;
    final long minQuantity;
    final long maxQuantity;
    final long minPrice;
    final long maxPrice;
    final BookSide bids = new BookSide(true);
    final BookSide asks = new BookSide(false);
    boolean halted;

    Instrument(
        final int instrumentId, final Asset base, final Asset quote, final int makerFeePpm, final int takerFeePpm,
        final long lotSize, final long tickSize, final long minQuantity, final long maxQuantity,
        final long minPrice, final long maxPrice)
    {
        this.instrumentId = instrumentId;
        this.base = base;
        this.quote = quote;
        this.makerFeePpm = makerFeePpm;
        this.takerFeePpm = takerFeePpm;
        this.lotSize = lotSize;
        this.tickSize = tickSize;
        this.minQuantity = minQuantity;
        this.maxQuantity = maxQuantity;
        this.minPrice = minPrice;
        this.maxPrice = maxPrice;
    }

    BookSide sideOf(final byte sideCode)
    {
        return sideCode == Codes.BUY ? bids : asks;
    }

    BookSide oppositeOf(final byte sideCode)
    {
        return sideCode == Codes.BUY ? asks : bids;
    }

    /** The worst fee rate a buy of this kind may pay: what its hold must cover. */
    long holdFeePpm(final byte kindCode)
    {
        if (kindCode == Codes.GTC)
        {
            return Math.max(makerFeePpm, takerFeePpm);
        }
        return kindCode == Codes.POST_ONLY ? makerFeePpm : takerFeePpm;
    }

    /** What an order of this instrument must hold for the given remaining quantity and price. */
    long required(final Order order, final long price, final long remainingQuantity)
    {
        if (order.sideCode == Codes.SELL)
        {
            return remainingQuantity;
        }
        return FixedPoint.buyHold(price, remainingQuantity, lotSize, order.holdFeePpm);
    }

    Asset holdAsset(final byte sideCode)
    {
        return sideCode == Codes.BUY ? quote : base;
    }
}
