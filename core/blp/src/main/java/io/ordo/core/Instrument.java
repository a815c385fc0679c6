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

    /** @return {@link Codes#OK}, or why an order quantity breaks this instrument's rules (checked in this order). */
    byte checkQuantity(final long quantity)
    {
        if (quantity <= 0)
        {
            return Codes.INVALID_QUANTITY;
        }
        if (quantity % lotSize != 0)
        {
            return Codes.QUANTITY_OFF_LOT;
        }
        if (quantity < minQuantity || quantity > maxQuantity)
        {
            return Codes.QUANTITY_OUT_OF_RANGE;
        }
        return Codes.OK;
    }

    /** @return {@link Codes#OK}, or why an order price breaks this instrument's rules (checked in this order). */
    byte checkPrice(final long price)
    {
        if (price <= 0)
        {
            return Codes.INVALID_PRICE;
        }
        if (price % tickSize != 0)
        {
            return Codes.PRICE_OFF_TICK;
        }
        if (price < minPrice || price > maxPrice)
        {
            return Codes.PRICE_OUT_OF_RANGE;
        }
        return Codes.OK;
    }
}
