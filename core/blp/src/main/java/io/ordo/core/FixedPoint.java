package io.ordo.core;

/**
 * Fixed-point money arithmetic on {@code long} minor units: notional of a quantity at a price per lot, and fees in
 * parts per million rounded down. Stateless; safe from any thread.
 */
public final class FixedPoint
{
    /** Parts per million in one whole: a fee rate of {@code PPM} is 100%. */
    public static final long PPM = 1_000_000L;
    /** Returned by {@link #notional(long, long, long)} when the result does not fit in a long. */
    public static final long OVERFLOW = -1L;

    private FixedPoint()
    {
    }

    /**
     * {@code price × quantity / lotSize}, exact because quantity is a multiple of the lot size.
     *
     * @param price    quote minor units per lot, non-negative.
     * @param quantity base minor units, a non-negative multiple of lotSize.
     * @param lotSize  base minor units per lot, positive.
     * @return the notional in quote minor units, or {@link #OVERFLOW}.
     */
    public static long notional(final long price, final long quantity, final long lotSize)
    {
        final long lots = quantity / lotSize;
        final long high = Math.multiplyHigh(price, lots);
        final long low = price * lots;
        return (high != 0 || low < 0) ? OVERFLOW : low;
    }

    /**
     * {@code floor(notional × ppm / 1,000,000)} without overflow, for 0 ≤ ppm ≤ {@link #PPM}.
     * Rounding down means the fees of an order's fills never add up to more than the fee on its whole notional.
     */
    public static long fee(final long notional, final long ppm)
    {
        return (notional / PPM) * ppm + ((notional % PPM) * ppm) / PPM;
    }

    /**
     * What a buy of {@code quantity} at {@code price} must hold in the quote asset: notional plus the fee at the
     * worst rate it may pay.
     *
     * @return the amount, or {@link #OVERFLOW}.
     */
    public static long buyHold(final long price, final long quantity, final long lotSize, final long feePpm)
    {
        final long notional = notional(price, quantity, lotSize);
        if (notional == OVERFLOW)
        {
            return OVERFLOW;
        }
        final long total = notional + fee(notional, feePpm);
        return total < 0 ? OVERFLOW : total;
    }
}
