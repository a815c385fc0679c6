package io.ordo.gateway;

import java.io.PrintStream;
import java.util.Locale;

import io.ordo.client.MarketDataListener;
import io.ordo.protocol.codec.SessionErrorCode;
import io.ordo.protocol.codec.Side;

/**
 * Prints an instrument's best bid and offer and its trades, a line each, as a client receives them: the output of
 * {@code ordo watch} and of the example's market data. Called on the client's reader thread.
 */
final class MarketDataPrinter implements MarketDataListener
{
    private final PrintStream out;

    MarketDataPrinter(final PrintStream out)
    {
        this.out = out;
    }

    @Override
    public void onTopOfBook(final int instrumentId, final long sequence, final long bidPrice,
        final long bidQuantity, final long askPrice, final long askQuantity)
    {
        out.printf(Locale.ROOT, "  [market data %d] BBO  bid %s  ask %s  (as of sequence %d)%n", instrumentId,
            side(bidPrice, bidQuantity), side(askPrice, askQuantity), sequence);
    }

    @Override
    public void onTrade(final int instrumentId, final long tradeId, final long price, final long quantity,
        final Side aggressorSide, final long timestampNs)
    {
        out.printf(Locale.ROOT, "  [market data %d] trade %d: %d at %d, aggressor %s%n", instrumentId, tradeId,
            quantity, price, aggressorSide);
    }

    @Override
    public void onGap(final int instrumentId, final long bookSequence, final long updatePreviousSequence)
    {
        out.printf(Locale.ROOT, "  [market data %d] gap after sequence %d: waiting for a fresh snapshot%n",
            instrumentId, bookSequence);
    }

    @Override
    public void onRefused(final int instrumentId, final SessionErrorCode code, final long detail)
    {
        out.printf(Locale.ROOT, "  [market data %d] refused: %s%n", instrumentId, code);
    }

    private static String side(final long price, final long quantity)
    {
        return quantity == 0 ? "-" : quantity + " @ " + price;
    }
}
