package io.ordo.client;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import io.ordo.protocol.codec.BookSnapshotDecoder;
import io.ordo.protocol.codec.BookUpdateDecoder;
import io.ordo.protocol.codec.DropCopyEventsDecoder;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.protocol.codec.MessageHeaderEncoder;
import io.ordo.protocol.codec.SessionErrorCode;
import io.ordo.protocol.codec.Side;
import io.ordo.protocol.codec.Stream;
import io.ordo.protocol.codec.SubscribeEncoder;
import io.ordo.protocol.codec.TopOfBookDecoder;
import io.ordo.protocol.codec.UnsubscribeEncoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The client's side of market data and drop copy: the subscriptions, the books, and the gap rules of
 * docs/protocol.md ("Market data", "Drop copy").
 * <ul>
 *     <li>BOOK: updates that arrive before the snapshot are kept, then those newer than the snapshot applied; an
 *     update whose previousSequence is not the book's sequence is a gap: the book is stale, the client subscribes
 *     again (a fresh snapshot) and keeps the updates that follow until it arrives.</li>
 *     <li>DROP_COPY: a frame whose previousSequence is not the last sequence delivered is a gap: it is dropped and
 *     the client resumes after the last sequence delivered. After a reconnect every subscription is sent again, the
 *     drop copy resuming where it was.</li>
 * </ul>
 * Threading: frames are handled on the client's reader thread; subscribing may happen on any thread (the maps are
 * concurrent; each subscription's state is touched by the reader thread once its first frame arrives).
 */
final class MarketDataFeed
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    /** Updates kept while waiting for a snapshot; past this the snapshot is asked for again and they are dropped. */
    private static final int MAX_BUFFERED_UPDATES = 65_536;

    private final Consumer<byte[]> writer;
    private final LongSupplier requestIds;
    private final ConcurrentHashMap<Integer, BookSubscription> books = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, TopSubscription> tops = new ConcurrentHashMap<>();
    private volatile DropCopySubscription dropCopy;
    private final BookUpdateDecoder update = new BookUpdateDecoder();

    private static final class BookSubscription
    {
        final OrderBook book;
        final MarketDataListener listener;
        volatile long requestId;
        boolean synced;
        final ArrayList<byte[]> buffered = new ArrayList<>();

        BookSubscription(final int instrumentId, final MarketDataListener listener)
        {
            this.book = new OrderBook(instrumentId);
            this.listener = listener;
        }
    }

    private record TopSubscription(MarketDataListener listener, long[] lastSequence)
    {
    }

    private static final class DropCopySubscription
    {
        final long accountId;
        final DropCopyListener listener;
        volatile long lastSequence;
        volatile long requestId;

        DropCopySubscription(final long accountId, final long afterSequence, final DropCopyListener listener)
        {
            this.accountId = accountId;
            this.lastSequence = afterSequence;
            this.listener = listener;
        }
    }

    MarketDataFeed(final Consumer<byte[]> writer, final LongSupplier requestIds)
    {
        this.writer = writer;
        this.requestIds = requestIds;
    }

    OrderBook subscribeBook(final int instrumentId, final MarketDataListener listener)
    {
        final BookSubscription subscription = books.computeIfAbsent(instrumentId,
            id -> new BookSubscription(id, listener));
        subscription.requestId = requestIds.getAsLong();
        writer.accept(subscribe(subscription.requestId, Stream.BOOK, instrumentId, 0, 0));
        return subscription.book;
    }

    void subscribeTop(final int instrumentId, final MarketDataListener listener)
    {
        tops.put(instrumentId, new TopSubscription(listener, new long[] {-1}));
        writer.accept(subscribe(requestIds.getAsLong(), Stream.TOP, instrumentId, 0, 0));
    }

    void subscribeDropCopy(final long accountId, final long afterSequence, final DropCopyListener listener)
    {
        final DropCopySubscription subscription = new DropCopySubscription(accountId, afterSequence, listener);
        subscription.requestId = requestIds.getAsLong();
        dropCopy = subscription;
        writer.accept(subscribe(subscription.requestId, Stream.DROP_COPY, 0, accountId, afterSequence));
    }

    void unsubscribe(final Stream stream, final int instrumentId)
    {
        if (stream == Stream.BOOK)
        {
            books.remove(instrumentId);
        }
        else if (stream == Stream.TOP)
        {
            tops.remove(instrumentId);
        }
        else
        {
            dropCopy = null;
        }
        final byte[] frame = new byte[Integer.BYTES + HEADER + UnsubscribeEncoder.BLOCK_LENGTH];
        final UnsafeBuffer buffer = new UnsafeBuffer(frame);
        buffer.putInt(0, HEADER + UnsubscribeEncoder.BLOCK_LENGTH, ByteOrder.LITTLE_ENDIAN);
        new UnsubscribeEncoder().wrapAndApplyHeader(buffer, Integer.BYTES, new MessageHeaderEncoder())
            .stream(stream).instrumentId(instrumentId);
        writer.accept(frame);
    }

    /** After a reconnect: every subscription again; books wait for their snapshot, the drop copy resumes. */
    void resubscribe()
    {
        for (final BookSubscription subscription : books.values())
        {
            subscription.synced = false;
            subscription.buffered.clear();
            subscription.requestId = requestIds.getAsLong();
            writer.accept(subscribe(subscription.requestId, Stream.BOOK, subscription.book.instrumentId(), 0, 0));
        }
        tops.keySet().forEach(id -> writer.accept(subscribe(requestIds.getAsLong(), Stream.TOP, id, 0, 0)));
        final DropCopySubscription subscription = dropCopy;
        if (subscription != null)
        {
            subscription.requestId = requestIds.getAsLong();
            writer.accept(subscribe(subscription.requestId, Stream.DROP_COPY, 0, subscription.accountId,
                subscription.lastSequence));
        }
    }

    void onBookSnapshot(final BookSnapshotDecoder snapshot)
    {
        final BookSubscription subscription = books.get(snapshot.instrumentId());
        if (subscription == null)
        {
            return;
        }
        final OrderBook book = subscription.book;
        // Under the book's lock: a reader on another thread sees the book before or after the snapshot.
        book.change(() ->
        {
            book.clear(snapshot.sequence());
            for (final BookSnapshotDecoder.BidsDecoder bid : snapshot.bids())
            {
                book.put(true, bid.price(), bid.quantity(), bid.orderCount());
            }
            for (final BookSnapshotDecoder.AsksDecoder ask : snapshot.asks())
            {
                book.put(false, ask.price(), ask.quantity(), ask.orderCount());
            }
        });
        subscription.synced = true;
        subscription.listener.onBook(book.instrumentId(), book);
        final ArrayList<byte[]> kept = new ArrayList<>(subscription.buffered);
        subscription.buffered.clear();
        for (final byte[] frame : kept)
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(frame);
            update.wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
            apply(subscription, update);
        }
    }

    void onBookUpdate(final UnsafeBuffer buffer, final int length, final BookUpdateDecoder decoder)
    {
        final BookSubscription subscription = books.get(decoder.instrumentId());
        if (subscription == null)
        {
            return;
        }
        if (!subscription.synced)
        {
            keep(subscription, buffer, length);
            return;
        }
        apply(subscription, decoder);
    }

    private void keep(final BookSubscription subscription, final UnsafeBuffer buffer, final int length)
    {
        if (subscription.buffered.size() == MAX_BUFFERED_UPDATES)
        {
            subscription.buffered.clear();
            subscription.requestId = requestIds.getAsLong();
            writer.accept(subscribe(subscription.requestId, Stream.BOOK, subscription.book.instrumentId(), 0, 0));
        }
        final byte[] copy = new byte[length];
        buffer.getBytes(0, copy);
        subscription.buffered.add(copy);
    }

    private void apply(final BookSubscription subscription, final BookUpdateDecoder decoder)
    {
        final OrderBook book = subscription.book;
        final long sequence = decoder.sequence();
        if (sequence <= book.sequence())
        {
            return;
        }
        final int instrumentId = decoder.instrumentId();
        if (decoder.previousSequence() != book.sequence())
        {
            subscription.synced = false;
            subscription.listener.onGap(instrumentId, book.sequence(), decoder.previousSequence());
            subscription.requestId = requestIds.getAsLong();
            writer.accept(subscribe(subscription.requestId, Stream.BOOK, instrumentId, 0, 0));
            return;
        }
        final long timestampNs = decoder.timestampNs();
        book.change(() ->
        {
            for (final BookUpdateDecoder.LevelsDecoder level : decoder.levels())
            {
                book.put(level.side() == Side.BUY, level.price(), level.quantity(), level.orderCount());
            }
            book.sequence(sequence);
        });
        for (final BookUpdateDecoder.TradesDecoder trade : decoder.trades())
        {
            subscription.listener.onTrade(instrumentId, trade.tradeId(), trade.price(), trade.quantity(),
                trade.aggressorSide(), timestampNs);
        }
        subscription.listener.onBook(instrumentId, book);
    }

    void onTopOfBook(final TopOfBookDecoder top)
    {
        final TopSubscription subscription = tops.get(top.instrumentId());
        if (subscription == null || top.sequence() < subscription.lastSequence()[0])
        {
            return;
        }
        subscription.lastSequence()[0] = top.sequence();
        subscription.listener().onTopOfBook(top.instrumentId(), top.sequence(), top.bidPrice(), top.bidQuantity(),
            top.askPrice(), top.askQuantity());
    }

    void onDropCopy(final UnsafeBuffer buffer, final DropCopyEventsDecoder events)
    {
        final DropCopySubscription subscription = dropCopy;
        if (subscription == null)
        {
            return;
        }
        final long sequence = events.sequence();
        if (events.eventCount() == 0 && sequence == events.previousSequence())
        {
            // The server's acknowledgement of the Subscribe, before any history (docs/protocol.md, rule 5).
            if (sequence == subscription.lastSequence)
            {
                subscription.listener.onSubscribed(sequence);
            }
            return;
        }
        if (sequence <= subscription.lastSequence)
        {
            return;
        }
        if (events.previousSequence() != subscription.lastSequence)
        {
            subscription.requestId = requestIds.getAsLong();
            writer.accept(subscribe(subscription.requestId, Stream.DROP_COPY, 0, subscription.accountId,
                subscription.lastSequence));
            return;
        }
        final int length = events.eventsLength();
        final int offset = events.limit() + DropCopyEventsDecoder.eventsHeaderLength();
        subscription.listener.onEvents(sequence, buffer, offset, length);
        subscription.lastSequence = sequence;
    }

    /** @return true when the refused request was a subscription's (its listener is told). */
    boolean onSessionError(final long clientRequestId, final SessionErrorCode code, final long detail)
    {
        for (final BookSubscription subscription : books.values())
        {
            if (subscription.requestId == clientRequestId)
            {
                books.remove(subscription.book.instrumentId());
                subscription.listener.onRefused(subscription.book.instrumentId(), code, detail);
                return true;
            }
        }
        final DropCopySubscription subscription = dropCopy;
        if (subscription != null && subscription.requestId == clientRequestId)
        {
            dropCopy = null;
            subscription.listener.onRefused(code, detail);
            return true;
        }
        return false;
    }

    private static byte[] subscribe(final long requestId, final Stream stream, final int instrumentId,
        final long accountId, final long afterSequence)
    {
        final byte[] frame = new byte[Integer.BYTES + HEADER + SubscribeEncoder.BLOCK_LENGTH];
        final UnsafeBuffer buffer = new UnsafeBuffer(frame);
        buffer.putInt(0, HEADER + SubscribeEncoder.BLOCK_LENGTH, ByteOrder.LITTLE_ENDIAN);
        new SubscribeEncoder().wrapAndApplyHeader(buffer, Integer.BYTES, new MessageHeaderEncoder())
            .clientRequestId(requestId).stream(stream).instrumentId(instrumentId).accountId(accountId)
            .afterSequence(afterSequence);
        return frame;
    }
}
