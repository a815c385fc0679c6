package io.ordo.gateway.server;

import io.ordo.protocol.codec.Stream;

/**
 * A session's subscription to one instrument's {@code BOOK} or {@code TOP} stream.
 * <p>
 * Threading: created and ended on the session's event loop; read by the dispatcher thread through
 * {@link MarketDataSubscriptions}. {@link #stale} is set by the dispatcher when it drops an update for a session that
 * fell behind, and cleared by the event loop just before it sends the fresh snapshot (a volatile pair: the
 * dispatcher checks it after changing a book, the event loop clears it before copying one).
 */
final class MarketDataSubscription
{
    final SessionHandler session;
    final Stream stream;
    final int instrumentId;
    volatile boolean stale;

    MarketDataSubscription(final SessionHandler session, final Stream stream, final int instrumentId)
    {
        this.session = session;
        this.stream = stream;
        this.instrumentId = instrumentId;
    }
}
