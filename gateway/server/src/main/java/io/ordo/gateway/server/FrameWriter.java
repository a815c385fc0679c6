package io.ordo.gateway.server;

import java.nio.ByteOrder;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.ordo.protocol.codec.AccountBalancesEncoder;
import io.ordo.protocol.codec.BalanceCause;
import io.ordo.protocol.codec.ApiKeySecretEncoder;
import io.ordo.protocol.codec.BookSnapshotEncoder;
import io.ordo.protocol.codec.BookUpdateEncoder;
import io.ordo.protocol.codec.BooleanType;
import io.ordo.protocol.codec.DropCopyEventsEncoder;
import io.ordo.protocol.codec.HeartbeatEncoder;
import io.ordo.protocol.codec.HelloAcceptedEncoder;
import io.ordo.protocol.codec.KeyRole;
import io.ordo.protocol.codec.LoginAcceptedEncoder;
import io.ordo.protocol.codec.MessageHeaderEncoder;
import io.ordo.protocol.codec.SessionErrorCode;
import io.ordo.protocol.codec.SessionErrorEncoder;
import io.ordo.protocol.codec.SessionEventsEncoder;
import io.ordo.protocol.codec.StatementPageEncoder;
import io.ordo.protocol.codec.Side;
import io.ordo.protocol.codec.TopOfBookEncoder;
import io.ordo.read.StatementLine;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes the server's frames straight into pooled Netty buffers: a 4-byte little-endian length, then an SBE
 * message (see docs/protocol.md, "Framing"). Each frame is one buffer, ready to write.
 * <p>
 * Not thread safe: one writer per thread (each I/O thread, and the engine's dispatcher thread). Allocates nothing
 * but the pooled buffers.
 */
final class FrameWriter
{
    static final int LENGTH_PREFIX = Integer.BYTES;
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    /** Bytes of a SessionEvents frame before its events. */
    static final int EVENTS_OVERHEAD = LENGTH_PREFIX + HEADER + SessionEventsEncoder.BLOCK_LENGTH +
        SessionEventsEncoder.eventsHeaderLength();
    /** Bytes of a DropCopyEvents frame before its events. */
    static final int DROP_COPY_OVERHEAD = LENGTH_PREFIX + HEADER + DropCopyEventsEncoder.BLOCK_LENGTH +
        DropCopyEventsEncoder.eventsHeaderLength();

    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final HelloAcceptedEncoder helloAccepted = new HelloAcceptedEncoder();
    private final LoginAcceptedEncoder loginAccepted = new LoginAcceptedEncoder();
    private final SessionErrorEncoder sessionError = new SessionErrorEncoder();
    private final HeartbeatEncoder heartbeat = new HeartbeatEncoder();
    private final ApiKeySecretEncoder apiKeySecret = new ApiKeySecretEncoder();
    private final SessionEventsEncoder sessionEvents = new SessionEventsEncoder();
    private final AccountBalancesEncoder accountBalances = new AccountBalancesEncoder();
    private final BookSnapshotEncoder bookSnapshot = new BookSnapshotEncoder();
    private final BookUpdateEncoder bookUpdate = new BookUpdateEncoder();
    private final TopOfBookEncoder topOfBook = new TopOfBookEncoder();
    private final DropCopyEventsEncoder dropCopyEvents = new DropCopyEventsEncoder();
    private final StatementPageEncoder statementPage = new StatementPageEncoder();
    private boolean dropCopy;
    private ByteBuf target;
    private int eventsAt;
    private int eventCount;

    ByteBuf helloAccepted(final ByteBufAllocator allocator, final int maxFrameLength, final int heartbeatIntervalMs)
    {
        begin(allocator, HelloAcceptedEncoder.BLOCK_LENGTH);
        helloAccepted.wrapAndApplyHeader(view, LENGTH_PREFIX, header)
            .protocolVersion(HelloAcceptedEncoder.SCHEMA_VERSION)
            .maxFrameLength(maxFrameLength)
            .heartbeatIntervalMs(heartbeatIntervalMs);
        return end(HelloAcceptedEncoder.BLOCK_LENGTH);
    }

    ByteBuf loginAccepted(final ByteBufAllocator allocator, final long accountId, final long keyId,
        final boolean admin)
    {
        begin(allocator, LoginAcceptedEncoder.BLOCK_LENGTH);
        loginAccepted.wrapAndApplyHeader(view, LENGTH_PREFIX, header)
            .accountId(accountId).keyId(keyId).role(admin ? KeyRole.ADMIN : KeyRole.TRADER);
        return end(LoginAcceptedEncoder.BLOCK_LENGTH);
    }

    ByteBuf sessionError(final ByteBufAllocator allocator, final long clientRequestId, final SessionErrorCode code,
        final long detail)
    {
        begin(allocator, SessionErrorEncoder.BLOCK_LENGTH);
        sessionError.wrapAndApplyHeader(view, LENGTH_PREFIX, header)
            .clientRequestId(clientRequestId).code(code).detail(detail);
        return end(SessionErrorEncoder.BLOCK_LENGTH);
    }

    ByteBuf heartbeat(final ByteBufAllocator allocator, final long timestampNs)
    {
        begin(allocator, HeartbeatEncoder.BLOCK_LENGTH);
        heartbeat.wrapAndApplyHeader(view, LENGTH_PREFIX, header).timestampNs(timestampNs);
        return end(HeartbeatEncoder.BLOCK_LENGTH);
    }

    ByteBuf apiKeySecret(final ByteBufAllocator allocator, final long clientRequestId, final long accountId,
        final long keyId, final byte[] secret)
    {
        begin(allocator, ApiKeySecretEncoder.BLOCK_LENGTH);
        apiKeySecret.wrapAndApplyHeader(view, LENGTH_PREFIX, header)
            .clientRequestId(clientRequestId).accountId(accountId).keyId(keyId).putSecret(secret, 0, secret.length);
        return end(ApiKeySecretEncoder.BLOCK_LENGTH);
    }

    ByteBuf accountBalances(final ByteBufAllocator allocator, final long clientRequestId, final long accountId,
        final long asOfSequence, final int count, final int[] assetIds, final long[] available, final long[] held)
    {
        begin(allocator, AccountBalancesEncoder.BLOCK_LENGTH + AccountBalancesEncoder.BalancesEncoder.HEADER_SIZE +
            count * AccountBalancesEncoder.BalancesEncoder.sbeBlockLength());
        final AccountBalancesEncoder.BalancesEncoder group = accountBalances
            .wrapAndApplyHeader(view, LENGTH_PREFIX, header)
            .clientRequestId(clientRequestId).accountId(accountId).asOfSequence(asOfSequence)
            .balancesCount(count);
        for (int i = 0; i < count; i++)
        {
            group.next().assetId(assetIds[i]).available(available[i]).held(held[i]);
        }
        return end(accountBalances.encodedLength());
    }

    ByteBuf bookSnapshot(final ByteBufAllocator allocator, final long clientRequestId, final int instrumentId,
        final L2Book.Copy book)
    {
        final int levelLength = BookSnapshotEncoder.BidsEncoder.sbeBlockLength();
        begin(allocator, BookSnapshotEncoder.BLOCK_LENGTH + 2 * BookSnapshotEncoder.BidsEncoder.HEADER_SIZE +
            (book.bidCount + book.askCount) * levelLength);
        final BookSnapshotEncoder.BidsEncoder bids = bookSnapshot.wrapAndApplyHeader(view, LENGTH_PREFIX, header)
            .clientRequestId(clientRequestId).instrumentId(instrumentId).sequence(book.sequence)
            .bidsCount(book.bidCount);
        for (int i = 0; i < book.bidCount; i++)
        {
            bids.next().price(book.bidPrices[i]).quantity(book.bidQuantities[i]).orderCount(book.bidOrderCounts[i]);
        }
        final BookSnapshotEncoder.AsksEncoder asks = bookSnapshot.asksCount(book.askCount);
        for (int i = 0; i < book.askCount; i++)
        {
            asks.next().price(book.askPrices[i]).quantity(book.askQuantities[i]).orderCount(book.askOrderCounts[i]);
        }
        return end(bookSnapshot.encodedLength());
    }

    /** The update of the projection's changed book {@code bookIndex} by the command just projected. */
    ByteBuf bookUpdate(final ByteBufAllocator allocator, final BookProjection projection, final int bookIndex,
        final long sequence)
    {
        final L2Book book = projection.changedBook(bookIndex);
        int levels = 0;
        for (int i = 0, n = projection.levelCount(); i < n; i++)
        {
            levels += projection.levelBook(i) == book ? 1 : 0;
        }
        int trades = 0;
        for (int i = 0, n = projection.tradeCount(); i < n; i++)
        {
            trades += projection.tradeInstrument(i) == book.instrumentId ? 1 : 0;
        }
        begin(allocator, BookUpdateEncoder.BLOCK_LENGTH + 2 * BookUpdateEncoder.LevelsEncoder.HEADER_SIZE +
            levels * BookUpdateEncoder.LevelsEncoder.sbeBlockLength() +
            trades * BookUpdateEncoder.TradesEncoder.sbeBlockLength());
        final BookUpdateEncoder.LevelsEncoder levelGroup = bookUpdate.wrapAndApplyHeader(view, LENGTH_PREFIX, header)
            .instrumentId(book.instrumentId).sequence(sequence).previousSequence(projection.previousSequence(bookIndex))
            .timestampNs(projection.timestampNs()).levelsCount(levels);
        for (int i = 0, n = projection.levelCount(); i < n; i++)
        {
            if (projection.levelBook(i) == book)
            {
                final short sideCode = projection.levelSide(i);
                final long price = projection.levelPrice(i);
                final L2Book.Side side = book.side(sideCode);
                levelGroup.next().side(Side.get(sideCode)).price(price).quantity(side.quantityAt(price))
                    .orderCount(side.orderCountAt(price));
            }
        }
        final BookUpdateEncoder.TradesEncoder tradeGroup = bookUpdate.tradesCount(trades);
        for (int i = 0, n = projection.tradeCount(); i < n; i++)
        {
            if (projection.tradeInstrument(i) == book.instrumentId)
            {
                tradeGroup.next().tradeId(projection.tradeId(i)).price(projection.tradePrice(i))
                    .quantity(projection.tradeQuantity(i)).aggressorSide(Side.get(projection.tradeSide(i)));
            }
        }
        return end(bookUpdate.encodedLength());
    }

    ByteBuf topOfBook(final ByteBufAllocator allocator, final int instrumentId, final long sequence,
        final long timestampNs, final long bidPrice, final long bidQuantity, final long askPrice,
        final long askQuantity)
    {
        begin(allocator, TopOfBookEncoder.BLOCK_LENGTH);
        topOfBook.wrapAndApplyHeader(view, LENGTH_PREFIX, header)
            .instrumentId(instrumentId).sequence(sequence).timestampNs(timestampNs)
            .bidPrice(bidPrice).bidQuantity(bidQuantity).askPrice(askPrice).askQuantity(askQuantity);
        return end(TopOfBookEncoder.BLOCK_LENGTH);
    }

    /**
     * Starts a DropCopyEvents frame with room for {@code eventsLength} bytes of events: append them with
     * {@link #appendEvent}, then {@link #endEvents}.
     */
    void beginDropCopy(final ByteBufAllocator allocator, final long sequence, final long previousSequence,
        final int eventsLength)
    {
        begin(allocator, DropCopyEventsEncoder.BLOCK_LENGTH + DropCopyEventsEncoder.eventsHeaderLength() +
            eventsLength);
        dropCopyEvents.wrapAndApplyHeader(view, LENGTH_PREFIX, header)
            .sequence(sequence).previousSequence(previousSequence).eventCount(0);
        dropCopy = true;
        eventsAt = DROP_COPY_OVERHEAD;
        eventCount = 0;
    }

    /**
     * Starts a SessionEvents frame with room for {@code eventsLength} bytes of events: append them with
     * {@link #appendEvent}, then {@link #endEvents}.
     */
    void beginEvents(final ByteBufAllocator allocator, final long sequence, final long sessionSequence,
        final boolean ownCommand, final int eventsLength)
    {
        begin(allocator, SessionEventsEncoder.BLOCK_LENGTH + SessionEventsEncoder.eventsHeaderLength() + eventsLength);
        sessionEvents.wrapAndApplyHeader(view, LENGTH_PREFIX, header)
            .sequence(sequence).sessionSequence(sessionSequence).eventCount(0)
            .ownCommand(ownCommand ? BooleanType.TRUE : BooleanType.FALSE);
        dropCopy = false;
        eventsAt = EVENTS_OVERHEAD;
        eventCount = 0;
    }

    /** @return where the event was copied in the frame's buffer (to patch fields of it). */
    int appendEvent(final DirectBuffer events, final int offset, final int length)
    {
        final int at = eventsAt;
        view.putBytes(at, events, offset, length);
        eventsAt += length;
        eventCount++;
        return at;
    }

    void putLong(final int index, final long value)
    {
        view.putLong(index, value, ByteOrder.LITTLE_ENDIAN);
    }

    ByteBuf endEvents()
    {
        if (dropCopy)
        {
            final int eventsLength = eventsAt - DROP_COPY_OVERHEAD;
            dropCopyEvents.eventCount(eventCount);
            view.putInt(DROP_COPY_OVERHEAD - DropCopyEventsEncoder.eventsHeaderLength(), eventsLength,
                ByteOrder.LITTLE_ENDIAN);
            return end(DropCopyEventsEncoder.BLOCK_LENGTH + DropCopyEventsEncoder.eventsHeaderLength() +
                eventsLength);
        }
        final int eventsLength = eventsAt - EVENTS_OVERHEAD;
        sessionEvents.eventCount(eventCount);
        view.putInt(EVENTS_OVERHEAD - SessionEventsEncoder.eventsHeaderLength(), eventsLength,
            ByteOrder.LITTLE_ENDIAN);
        return end(SessionEventsEncoder.BLOCK_LENGTH + SessionEventsEncoder.eventsHeaderLength() + eventsLength);
    }

    /** A page of statement lines; {@code lines} holds them from index 0, {@code count} of them. */
    ByteBuf statementPage(final ByteBufAllocator allocator, final long clientRequestId, final long accountId,
        final long asOfSequence, final boolean complete, final long nextFromSequence, final int nextSkipLines,
        final java.util.List<StatementLine> lines, final int count)
    {
        begin(allocator, StatementPageEncoder.BLOCK_LENGTH + StatementPageEncoder.LinesEncoder.HEADER_SIZE +
            count * StatementPageEncoder.LinesEncoder.sbeBlockLength());
        final StatementPageEncoder.LinesEncoder group = statementPage
            .wrapAndApplyHeader(view, LENGTH_PREFIX, header)
            .clientRequestId(clientRequestId).accountId(accountId).asOfSequence(asOfSequence)
            .complete(complete ? BooleanType.TRUE : BooleanType.FALSE)
            .nextFromSequence(nextFromSequence).nextSkipLines(nextSkipLines)
            .linesCount(count);
        for (int i = 0; i < count; i++)
        {
            final StatementLine line = lines.get(i);
            group.next().sequence(line.sequence()).timestampNs(line.timestampNs()).valueTimeNs(line.valueTimeNs())
                .assetId(line.assetId()).cause(BalanceCause.get(line.causeCode()))
                .availableDelta(line.availableDeltaMinor()).heldDelta(line.heldDeltaMinor())
                .availableAfter(line.availableAfterMinor()).heldAfter(line.heldAfterMinor())
                .referenceId(line.referenceId());
        }
        return end(statementPage.encodedLength());
    }

    private void begin(final ByteBufAllocator allocator, final int bodyLength)
    {
        final int capacity = LENGTH_PREFIX + HEADER + bodyLength;
        final ByteBuf buffer = allocator.directBuffer(capacity, capacity);
        if (buffer.hasMemoryAddress())
        {
            view.wrap(buffer.memoryAddress(), capacity);
        }
        else
        {
            buffer.release();
            final ByteBuf heap = allocator.heapBuffer(capacity, capacity);
            view.wrap(heap.array(), heap.arrayOffset(), capacity);
            target = heap;
            return;
        }
        target = buffer;
    }

    private ByteBuf end(final int bodyLength)
    {
        view.putInt(0, HEADER + bodyLength, ByteOrder.LITTLE_ENDIAN);
        final ByteBuf buffer = target;
        target = null;
        buffer.writerIndex(LENGTH_PREFIX + HEADER + bodyLength);
        return buffer;
    }
}
