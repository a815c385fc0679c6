package io.ordo.client;

import io.ordo.protocol.codec.SessionErrorCode;
import io.ordo.protocol.codec.Side;

/**
 * Receives an instrument's market data. Called on the client's reader thread, in the order the server sent; must
 * not block for long. The {@link OrderBook} passed is the client's live copy: read it within the call.
 */
public interface MarketDataListener
{
    /** The book changed: after its snapshot, and after each update applied in sequence. */
    default void onBook(final int instrumentId, final OrderBook book)
    {
    }

    /** A trade of an applied update, in order. Trades of updates missed in a gap are not replayed. */
    default void onTrade(final int instrumentId, final long tradeId, final long price, final long quantity,
        final Side aggressorSide, final long timestampNs)
    {
    }

    /** The best bid and offer (TOP stream); a price and quantity of 0: that side is empty. */
    default void onTopOfBook(final int instrumentId, final long sequence, final long bidPrice,
        final long bidQuantity, final long askPrice, final long askQuantity)
    {
    }

    /**
     * An update did not follow the book's sequence: the book is stale until a fresh snapshot, which the client has
     * asked for (and the server sends on its own to a session that fell behind).
     */
    default void onGap(final int instrumentId, final long bookSequence, final long updatePreviousSequence)
    {
    }

    /** The server refused the subscription. */
    default void onRefused(final int instrumentId, final SessionErrorCode code, final long detail)
    {
    }
}
