package io.ordo.gateway.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.ordo.journal.pipeline.EventCursor;
import io.ordo.protocol.codec.ApiKeyCreatedDecoder;
import io.ordo.protocol.codec.ApiKeyRevokedDecoder;
import io.ordo.protocol.codec.BalanceChangedDecoder;
import io.ordo.protocol.codec.CommandAcceptedDecoder;
import io.ordo.protocol.codec.CommandRejectedDecoder;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.protocol.codec.OrderAcceptedDecoder;
import io.ordo.protocol.codec.OrderReplacedDecoder;
import io.ordo.protocol.codec.SessionErrorCode;
import io.ordo.protocol.codec.Stream;
import io.ordo.protocol.codec.TradeDecoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Sends each session the events that concern it, once they are in the output journal: the engine's dispatcher
 * thread calls {@link #onResult} for every command, in sequence order.
 * <ul>
 *     <li>The session that sent the command gets its outcome ({@code CommandAccepted}, {@code CommandRejected},
 *     {@code OrderAccepted}, {@code OrderReplaced}, {@code ApiKeyCreated}) and every event of its account; an
 *     admin sender gets every event of its command.</li>
 *     <li>Every other session logged in to an account gets that account's other events: its order cancelled,
 *     expired or filled as a maker, its balance changed by a deposit, a transfer or a trade. Outcomes go to the
 *     sender alone, and key events too; {@code OrderCancelled}, CancelOrder's outcome but CancelAll's effect, goes
 *     to every session of the order's account.</li>
 *     <li>A trader session sees a {@code Trade} with the other side's account and order id set to 0.</li>
 * </ul>
 * Each session gets one {@code SessionEvents} frame per command that concerns it, numbered 1, 2, 3, ... per
 * connection. The router also follows the keys' events: a new key can log in, and a revoked key's sessions are
 * closed ({@code KEY_REVOKED}); and it keeps the {@link BalanceView} the sessions' balance queries read.
 * <p>
 * Threading: {@link #onResult} and the routing state belong to the dispatcher thread. Sessions register and
 * unregister from the I/O threads through a queue the dispatcher drains before each result, so that no lock is
 * taken on the way. Frames go to a session's bounded queue, which its event loop writes in batches (one flush per
 * batch); a session whose queue is full, or whose unsent output passes
 * {@link GatewayConfig#maxPendingOutboundBytes()}, is closed as a slow consumer: output never grows without bound.
 */
final class EventRouter
{
    private final GatewayCounters counters;
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int MAKER_ACCOUNT = HEADER + TradeDecoder.makerAccountIdEncodingOffset();
    private static final int TAKER_ACCOUNT = HEADER + TradeDecoder.takerAccountIdEncodingOffset();
    private static final int MAKER_ORDER = HEADER + TradeDecoder.makerOrderIdEncodingOffset();
    private static final int TAKER_ORDER = HEADER + TradeDecoder.takerOrderIdEncodingOffset();
    private static final int ACCOUNT = HEADER;
    private static final int BALANCE_ASSET = HEADER + BalanceChangedDecoder.assetIdEncodingOffset();
    private static final int BALANCE_AVAILABLE_AFTER = HEADER + BalanceChangedDecoder.availableAfterEncodingOffset();
    private static final int BALANCE_HELD_AFTER = HEADER + BalanceChangedDecoder.heldAfterEncodingOffset();
    /** Offset of clientRequestId in the block of every outcome event. */
    private static final int CLIENT_REQUEST_ID = Long.BYTES;

    private final Credentials credentials;
    private final BalanceView balances;
    private final BookProjection books;
    private final MarketDataSubscriptions subscriptions;
    private final int maxQueuedFrames;
    private volatile SessionHandler[] dropCopies = new SessionHandler[0];
    private final long maxPendingOutboundBytes;
    private final FrameWriter frames = new FrameWriter();
    private final ConcurrentLinkedQueue<Runnable> changes = new ConcurrentLinkedQueue<>();
    private final Long2ObjectHashMap<ArrayList<SessionHandler>> sessionsByAccount = new Long2ObjectHashMap<>();
    private final ArrayList<SessionHandler> sessions = new ArrayList<>();
    private final ArrayList<SessionHandler> destinations = new ArrayList<>();
    private final EventCursor cursor = new EventCursor();
    private int[] eventOffsets = new int[64];
    private int[] eventLengths = new int[64];
    private final ApiKeyCreatedDecoder keyCreated = new ApiKeyCreatedDecoder();
    private final ApiKeyRevokedDecoder keyRevoked = new ApiKeyRevokedDecoder();
    /** Keys revoked by the command being routed: their sessions are closed once its answers are written. */
    private long[] revokedKeyIds = new long[4];
    private int revokedCount;

    EventRouter(final Credentials credentials, final BalanceView balances, final BookProjection books,
        final MarketDataSubscriptions subscriptions, final GatewayConfig config, final GatewayCounters counters)
    {
        this.counters = counters;
        this.credentials = credentials;
        this.balances = balances;
        this.books = books;
        this.subscriptions = subscriptions;
        this.maxPendingOutboundBytes = config.maxPendingOutboundBytes();
        this.maxQueuedFrames = config.maxQueuedFrames();
    }

    /** A session started a drop copy: it is woken after each result. I/O threads. */
    synchronized void addDropCopy(final SessionHandler session)
    {
        final SessionHandler[] before = dropCopies;
        final SessionHandler[] after = Arrays.copyOf(before, before.length + 1);
        after[before.length] = session;
        dropCopies = after;
    }

    /** I/O threads. */
    synchronized void removeDropCopy(final SessionHandler session)
    {
        final SessionHandler[] before = dropCopies;
        int kept = 0;
        final SessionHandler[] after = new SessionHandler[before.length];
        for (final SessionHandler each : before)
        {
            if (each != session)
            {
                after[kept++] = each;
            }
        }
        dropCopies = Arrays.copyOf(after, kept);
    }

    /** A session logged in. Any thread. */
    void register(final SessionHandler session)
    {
        changes.add(() ->
        {
            sessions.add(session);
            sessionsByAccount.computeIfAbsent(session.accountId, a -> new ArrayList<>()).add(session);
        });
    }

    /** A logged-in session closed. Any thread. */
    void unregister(final SessionHandler session)
    {
        changes.add(() ->
        {
            sessions.remove(session);
            final ArrayList<SessionHandler> ofAccount = sessionsByAccount.get(session.accountId);
            if (ofAccount != null)
            {
                ofAccount.remove(session);
                if (ofAccount.isEmpty())
                {
                    sessionsByAccount.remove(session.accountId);
                }
            }
        });
    }

    /**
     * Routes one command's events. Dispatcher thread.
     *
     * @param sender the session that sent the command, or null for the gateway's own commands.
     */
    void onResult(final SessionHandler sender, final long sequence, final DirectBuffer events, final int offset,
        final int length)
    {
        Runnable change;
        while ((change = changes.poll()) != null)
        {
            change.run();
        }

        final int count = frameEvents(events, offset, length);
        destinations.clear();
        revokedCount = 0;
        if (sender != null && sender.channel().isActive())
        {
            destinations.add(sender);
        }
        for (int i = 0; i < count; i++)
        {
            final int at = eventOffsets[i];
            final int templateId = templateId(events, at);
            if (templateId == ApiKeyCreatedDecoder.TEMPLATE_ID)
            {
                onKeyCreated(events, at);
            }
            else if (templateId == ApiKeyRevokedDecoder.TEMPLATE_ID)
            {
                onKeyRevoked(events, at);
            }
            else if (templateId == TradeDecoder.TEMPLATE_ID)
            {
                addSessionsOf(events.getLong(at + MAKER_ACCOUNT, TradeDecoder.BYTE_ORDER));
                addSessionsOf(events.getLong(at + TAKER_ACCOUNT, TradeDecoder.BYTE_ORDER));
            }
            else if (templateId == BalanceChangedDecoder.TEMPLATE_ID)
            {
                final long accountId = events.getLong(at + ACCOUNT, TradeDecoder.BYTE_ORDER);
                balances.onBalance(accountId, events.getInt(at + BALANCE_ASSET, TradeDecoder.BYTE_ORDER),
                    events.getLong(at + BALANCE_AVAILABLE_AFTER, TradeDecoder.BYTE_ORDER),
                    events.getLong(at + BALANCE_HELD_AFTER, TradeDecoder.BYTE_ORDER));
                addSessionsOf(accountId);
            }
            else if (!isOutcome(templateId))
            {
                addSessionsOf(events.getLong(at + ACCOUNT, TradeDecoder.BYTE_ORDER));
            }
        }
        balances.onSequence(sequence);
        for (int d = 0, n = destinations.size(); d < n; d++)
        {
            send(destinations.get(d), sender, sequence, events, count);
        }
        publishMarketData(sequence, events, offset, length);
        final SessionHandler[] wake = dropCopies;
        for (final SessionHandler session : wake)
        {
            session.wakeDropCopy();
        }
        // After the answers: a session that revoked (or rotated) its own key is told the outcome, and the new
        // key's secret, before it is closed; the close is queued on its event loop behind those writes.
        for (int r = 0; r < revokedCount; r++)
        {
            closeSessionsOf(revokedKeyIds[r]);
        }
    }

    private void send(final SessionHandler session, final SessionHandler sender, final long sequence,
        final DirectBuffer events, final int count)
    {
        final Channel channel = session.channel();
        if (!channel.isActive())
        {
            return;
        }
        if (!channel.isWritable() && pendingBytes(channel) > maxPendingOutboundBytes)
        {
            slowConsumer(session);
            return;
        }
        final boolean own = session == sender;
        int eventsLength = 0;
        for (int i = 0; i < count; i++)
        {
            if (concerns(session, own, events, eventOffsets[i]))
            {
                eventsLength += eventLengths[i];
            }
        }
        if (own && !session.pendingSecrets.isEmpty())
        {
            sendSecrets(session, events, count);
        }
        if (eventsLength == 0)
        {
            return;
        }
        frames.beginEvents(channel.alloc(), sequence, ++session.sessionSequence, own, eventsLength);
        for (int i = 0; i < count; i++)
        {
            final int at = eventOffsets[i];
            if (concerns(session, own, events, at))
            {
                final int copied = frames.appendEvent(events, at, eventLengths[i]);
                if (!session.admin && templateId(events, at) == TradeDecoder.TEMPLATE_ID)
                {
                    hideCounterparty(events, at, session.accountId, frames, copied);
                }
            }
        }
        final ByteBuf frame = frames.endEvents();
        if (!session.offer(frame))
        {
            slowConsumer(session);
        }
    }

    /**
     * Projects the command into the books and sends each changed book's update and, when its best bid or offer
     * changed, its top of book, to the instrument's subscribers. One frame per book, shared by the subscribers.
     */
    private void publishMarketData(final long sequence, final DirectBuffer events, final int offset,
        final int length)
    {
        books.onCommand(sequence, events, offset, length);
        for (int b = 0, n = books.changedBookCount(); b < n; b++)
        {
            final L2Book book = books.changedBook(b);
            final MarketDataSubscription[] subscribers = subscriptions.of(book.instrumentId);
            if (subscribers.length == 0)
            {
                continue;
            }
            ByteBuf update = null;
            ByteBuf top = null;
            for (final MarketDataSubscription subscription : subscribers)
            {
                if (subscription.stale)
                {
                    continue;
                }
                if (subscription.stream == Stream.BOOK)
                {
                    if (update == null)
                    {
                        update = frames.bookUpdate(PooledByteBufAllocator.DEFAULT, books, b, sequence);
                    }
                    offerMarketData(subscription, update);
                }
                else if (books.topChanged(b))
                {
                    if (top == null)
                    {
                        top = frames.topOfBook(PooledByteBufAllocator.DEFAULT, book.instrumentId, sequence,
                            books.timestampNs(), book.bids().bestPrice(), book.bids().bestQuantity(),
                            book.asks().bestPrice(), book.asks().bestQuantity());
                    }
                    offerMarketData(subscription, top);
                }
            }
            if (update != null)
            {
                update.release();
            }
            if (top != null)
            {
                top.release();
            }
        }
    }

    /**
     * Market data may not crowd out a session's outcomes: past half its queue or half its byte bound, the update is
     * dropped and the subscription marked stale; the session's event loop sends a fresh snapshot once it has caught
     * up.
     */
    private void offerMarketData(final MarketDataSubscription subscription, final ByteBuf frame)
    {
        final SessionHandler session = subscription.session;
        final Channel channel = session.channel();
        if (!channel.isActive())
        {
            return;
        }
        if (session.queuedFrames() > maxQueuedFrames / 2 || pendingBytes(channel) > maxPendingOutboundBytes / 2 ||
            !session.offer(frame.retainedDuplicate()))
        {
            subscription.stale = true;
            counters.marketDataRecoveries.increment();
            session.recoverLater();
        }
    }

    /**
     * Whether a drop copy of {@code accountId} (-1: every account) carries the event: every event naming the account
     * (a trade: as maker or taker); key events to admin sessions only.
     */
    static boolean concernsAccount(final DirectBuffer events, final int at, final long accountId, final boolean admin)
    {
        final int templateId = templateId(events, at);
        if (templateId == ApiKeyCreatedDecoder.TEMPLATE_ID || templateId == ApiKeyRevokedDecoder.TEMPLATE_ID)
        {
            if (!admin)
            {
                return false;
            }
        }
        if (accountId == -1)
        {
            return true;
        }
        if (templateId == TradeDecoder.TEMPLATE_ID)
        {
            return events.getLong(at + MAKER_ACCOUNT, TradeDecoder.BYTE_ORDER) == accountId ||
                events.getLong(at + TAKER_ACCOUNT, TradeDecoder.BYTE_ORDER) == accountId;
        }
        return events.getLong(at + ACCOUNT, TradeDecoder.BYTE_ORDER) == accountId;
    }

    /** Zeroes the other side's account and order in a copied trade for a trader of {@code accountId}. */
    static void hideCounterparty(final DirectBuffer events, final int at, final long accountId,
        final FrameWriter frames, final int copied)
    {
        // One side only: self-trade prevention keeps an account from trading with itself.
        final boolean maker = events.getLong(at + MAKER_ACCOUNT, TradeDecoder.BYTE_ORDER) == accountId;
        frames.putLong(copied + (maker ? TAKER_ACCOUNT : MAKER_ACCOUNT), 0);
        frames.putLong(copied + (maker ? TAKER_ORDER : MAKER_ORDER), 0);
    }

    static boolean isTrade(final DirectBuffer events, final int at)
    {
        return templateId(events, at) == TradeDecoder.TEMPLATE_ID;
    }

    private void slowConsumer(final SessionHandler session)
    {
        if (!session.slowConsumerReported)
        {
            session.slowConsumerReported = true;
            counters.slowConsumerDisconnects.increment();
            session.closeLater(SessionErrorCode.SLOW_CONSUMER);
        }
    }

    /**
     * The secret drawn for the sender's CreateApiKey leaves the session with the command's outcome: sent (before
     * the events) when the key was created, dropped when the command was refused or answered as a duplicate.
     */
    private void sendSecrets(final SessionHandler session, final DirectBuffer events, final int count)
    {
        if (count == 0)
        {
            return;
        }
        final int at = eventOffsets[0];
        final long clientRequestId = events.getLong(at + HEADER + CLIENT_REQUEST_ID, TradeDecoder.BYTE_ORDER);
        final byte[] secret = session.pendingSecrets.remove(clientRequestId);
        if (secret != null && templateId(events, at) == ApiKeyCreatedDecoder.TEMPLATE_ID)
        {
            keyCreated.wrap(events, at + HEADER, blockLength(events, at), ApiKeyCreatedDecoder.SCHEMA_VERSION);
            if (!session.offer(frames.apiKeySecret(session.channel().alloc(), clientRequestId,
                keyCreated.accountId(), keyCreated.keyId(), secret)))
            {
                slowConsumer(session);
            }
        }
    }

    private boolean concerns(final SessionHandler session, final boolean own, final DirectBuffer events,
        final int at)
    {
        final int templateId = templateId(events, at);
        if (own && (session.admin || isOutcome(templateId)))
        {
            return true;
        }
        if (templateId == ApiKeyCreatedDecoder.TEMPLATE_ID || templateId == ApiKeyRevokedDecoder.TEMPLATE_ID ||
            isOutcome(templateId))
        {
            return false;
        }
        if (templateId == TradeDecoder.TEMPLATE_ID)
        {
            return events.getLong(at + MAKER_ACCOUNT, TradeDecoder.BYTE_ORDER) == session.accountId ||
                events.getLong(at + TAKER_ACCOUNT, TradeDecoder.BYTE_ORDER) == session.accountId;
        }
        return events.getLong(at + ACCOUNT, TradeDecoder.BYTE_ORDER) == session.accountId;
    }

    private static boolean isOutcome(final int templateId)
    {
        return templateId == CommandAcceptedDecoder.TEMPLATE_ID || templateId == CommandRejectedDecoder.TEMPLATE_ID ||
            templateId == OrderAcceptedDecoder.TEMPLATE_ID || templateId == OrderReplacedDecoder.TEMPLATE_ID ||
            templateId == ApiKeyCreatedDecoder.TEMPLATE_ID;
    }

    private void addSessionsOf(final long accountId)
    {
        final ArrayList<SessionHandler> ofAccount = sessionsByAccount.get(accountId);
        if (ofAccount != null)
        {
            for (int i = 0, n = ofAccount.size(); i < n; i++)
            {
                final SessionHandler session = ofAccount.get(i);
                if (!destinations.contains(session))
                {
                    destinations.add(session);
                }
            }
        }
    }

    private void onKeyCreated(final DirectBuffer events, final int at)
    {
        keyCreated.wrap(events, at + HEADER, blockLength(events, at), ApiKeyCreatedDecoder.SCHEMA_VERSION);
        final byte[] salt = new byte[ApiKeyCreatedDecoder.saltLength()];
        final byte[] hash = new byte[ApiKeyCreatedDecoder.keyHashLength()];
        keyCreated.getSalt(salt, 0, salt.length);
        keyCreated.getKeyHash(hash, 0, hash.length);
        credentials.put(keyCreated.keyId(), keyCreated.accountId(), (byte)keyCreated.roleRaw(), salt, hash, false);
    }

    private void onKeyRevoked(final DirectBuffer events, final int at)
    {
        keyRevoked.wrap(events, at + HEADER, blockLength(events, at), ApiKeyRevokedDecoder.SCHEMA_VERSION);
        final long revokedKeyId = keyRevoked.keyId();
        credentials.revoke(revokedKeyId);
        if (revokedCount == revokedKeyIds.length)
        {
            revokedKeyIds = Arrays.copyOf(revokedKeyIds, revokedCount * 2);
        }
        revokedKeyIds[revokedCount++] = revokedKeyId;
    }

    private void closeSessionsOf(final long revokedKeyId)
    {
        for (int i = 0, n = sessions.size(); i < n; i++)
        {
            final SessionHandler session = sessions.get(i);
            if (session.keyId == revokedKeyId)
            {
                session.closeLater(SessionErrorCode.KEY_REVOKED);
            }
        }
    }

    /** Splits the command's events into {@link #eventOffsets} and {@link #eventLengths}. */
    private int frameEvents(final DirectBuffer events, final int offset, final int length)
    {
        int count = 0;
        cursor.wrap(events, offset, length);
        while (cursor.next())
        {
            if (count == eventOffsets.length)
            {
                // A cancel-all of many orders: grown once, kept.
                eventOffsets = Arrays.copyOf(eventOffsets, count * 2);
                eventLengths = Arrays.copyOf(eventLengths, count * 2);
            }
            eventOffsets[count] = cursor.offset();
            eventLengths[count] = cursor.length();
            count++;
        }
        return count;
    }

    static int templateId(final DirectBuffer events, final int at)
    {
        return events.getShort(at + MessageHeaderDecoder.templateIdEncodingOffset(), MessageHeaderDecoder.BYTE_ORDER)
            & 0xFFFF;
    }

    static int blockLength(final DirectBuffer events, final int at)
    {
        return events.getShort(at + MessageHeaderDecoder.blockLengthEncodingOffset(), MessageHeaderDecoder.BYTE_ORDER)
            & 0xFFFF;
    }

    private static long pendingBytes(final Channel channel)
    {
        final ChannelOutboundBuffer outbound = channel.unsafe().outboundBuffer();
        return outbound == null ? 0 : outbound.totalPendingWriteBytes();
    }
}
