package io.ordo.gateway.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.ordo.journal.EventTail;
import io.ordo.journal.ResumeRefusedException;
import io.ordo.journal.pipeline.ResultListener;
import io.ordo.protocol.CommandFrames;
import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.Codes;
import io.ordo.protocol.codec.CreateApiKeyDecoder;
import io.ordo.protocol.codec.HeartbeatDecoder;
import io.ordo.protocol.codec.HelloDecoder;
import io.ordo.protocol.codec.LoginDecoder;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.protocol.codec.QueryBalancesDecoder;
import io.ordo.protocol.codec.QueryStatementDecoder;
import io.ordo.protocol.codec.SessionErrorCode;
import io.ordo.protocol.codec.Stream;
import io.ordo.protocol.codec.SubscribeDecoder;
import io.ordo.protocol.codec.UnsubscribeDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One client connection: the handshake, the login, then commands. Each frame, a 4-byte little-endian length and one
 * SBE message, is taken where it lies in Netty's accumulated input ({@link #decode}). A command is checked with
 * {@link CommandFrames}, stamped with the session's API key id and handed to the engine without waiting
 * ({@code trySubmit}: a full input ring is answered {@code BUSY}); its events come back through
 * {@link #onResult} once they are in the output journal, and the {@link EventRouter} sends each session what
 * concerns it. States: waiting for Hello, waiting for Login, logged in; see docs/protocol.md ("Session").
 * <p>
 * Threading: the channel's event loop runs every handler method; {@link #onResult} runs on the engine's dispatcher
 * thread and only hands over to the router, which owns the routing fields ({@link #sessionSequence}). The login's
 * identity fields are written on the event loop before the session is registered with the router and read by the
 * router after it took the registration from its queue.
 */
final class SessionHandler extends ByteToMessageDecoder implements ResultListener
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final long CLOSE_TIMEOUT_MS = 1_000;
    /** Tries at a consistent copy of a book before the event loop leaves it for a millisecond. */
    private static final int COPY_ATTEMPTS = 16;

    private enum State
    {
        AWAIT_HELLO, AWAIT_LOGIN, LOGGING_IN, LOGGED_IN, CLOSING
    }

    private final Gateway gateway;
    private final GatewayConfig config;
    private final FrameWriter frames = new FrameWriter();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final HelloDecoder hello = new HelloDecoder();
    private final LoginDecoder login = new LoginDecoder();
    private final QueryBalancesDecoder query = new QueryBalancesDecoder();
    private final QueryStatementDecoder statementQuery = new QueryStatementDecoder();
    private int[] queryAssets = new int[8];
    private long[] queryAvailable = new long[8];
    private long[] queryHeld = new long[8];
    private final SubscribeDecoder subscribe = new SubscribeDecoder();
    private final UnsubscribeDecoder unsubscribe = new UnsubscribeDecoder();
    private final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
    private byte[] copy = new byte[256];
    private State state = State.AWAIT_HELLO;
    /** From a successful login until the channel closes: the router holds this session (a close may come first). */
    private boolean registered;
    private Channel channel;

    // Identity, set at login (see the class comment).
    long accountId;
    long keyId;
    boolean admin;

    /** SessionEvents frames sent to this session; the router's. */
    long sessionSequence;
    /** Whether the router has closed this session as a slow consumer already; the router's. */
    boolean slowConsumerReported;

    /**
     * Frames the router has for this session, written by the event loop in one go: the dispatcher thread offers,
     * the event loop drains, and one task per batch, not per frame, crosses between them.
     */
    private final OneToOneConcurrentArrayQueue<ByteBuf> outbound;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drain = this::drainOutbound;
    private ScheduledFuture<?> heartbeats;

    /** This session's market data subscriptions; the event loop's. */
    private final ArrayList<MarketDataSubscription> subscriptions = new ArrayList<>();
    private final L2Book.Copy bookCopy = new L2Book.Copy();
    private final AtomicBoolean recoveryScheduled = new AtomicBoolean();
    private final Runnable recover = this::recoverStale;
    /** This session's drop copy, or null; the event loop's. */
    private DropCopyFeed dropCopy;
    private final AtomicBoolean dropCopyScheduled = new AtomicBoolean();
    private final Runnable pump = this::pumpDropCopy;

    /** Secrets of this admin session's CreateApiKey commands in flight, by client request id. */
    final ConcurrentHashMap<Long, byte[]> pendingSecrets = new ConcurrentHashMap<>();

    SessionHandler(final Gateway gateway)
    {
        this.gateway = gateway;
        this.config = gateway.config();
        this.outbound = new OneToOneConcurrentArrayQueue<>(config.maxQueuedFrames());
    }

    Channel channel()
    {
        return channel;
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx) throws Exception
    {
        channel = ctx.channel();
        gateway.counters().connectionsAccepted.increment();
        gateway.counters().connectionsOpen.increment();
        // A heartbeat every interval, sent or not: Netty's writer-idle detection would put a listener on every write.
        heartbeats = ctx.executor().scheduleAtFixedRate(() -> channel.writeAndFlush(
            frames.heartbeat(channel.alloc(), System.currentTimeMillis() * 1_000_000L), channel.voidPromise()),
            config.heartbeatIntervalMs(), config.heartbeatIntervalMs(), TimeUnit.MILLISECONDS);
        if (gateway.draining())
        {
            closeWith(0, SessionErrorCode.SHUTTING_DOWN, 0);
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) throws Exception
    {
        gateway.counters().connectionsOpen.decrement();
        if (registered)
        {
            gateway.counters().sessionsLoggedIn.decrement();
            gateway.router().unregister(this);
        }
        state = State.CLOSING;
        for (int i = 0, n = subscriptions.size(); i < n; i++)
        {
            gateway.subscriptions().remove(subscriptions.get(i));
        }
        subscriptions.clear();
        stopDropCopy();
        heartbeats.cancel(false);
        ByteBuf unsent;
        while ((unsent = outbound.poll()) != null)
        {
            unsent.release();
        }
        super.channelInactive(ctx);
    }

    /**
     * Takes every whole frame in Netty's accumulated input: a 4-byte little-endian length, then the message, handled
     * where it lies (no slice, no copy where the buffer has an address or an array).
     */
    @Override
    protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out)
    {
        while (state != State.CLOSING && in.readableBytes() >= FrameWriter.LENGTH_PREFIX)
        {
            final long length = in.getUnsignedIntLE(in.readerIndex());
            if (length > config.maxFrameLength())
            {
                in.skipBytes(in.readableBytes());
                closeWith(0, SessionErrorCode.FRAME_TOO_LONG, config.maxFrameLength());
                return;
            }
            if (in.readableBytes() < FrameWriter.LENGTH_PREFIX + length)
            {
                return;
            }
            onFrame(view(in, in.readerIndex() + FrameWriter.LENGTH_PREFIX, (int)length), (int)length);
            in.skipBytes(FrameWriter.LENGTH_PREFIX + (int)length);
        }
        if (state == State.CLOSING)
        {
            in.skipBytes(in.readableBytes());
        }
    }

    /** @return the bytes as a {@link DirectBuffer} at offset 0, without copying where Netty allows. */
    private UnsafeBuffer view(final ByteBuf buffer, final int index, final int length)
    {
        if (buffer.hasMemoryAddress())
        {
            frame.wrap(buffer.memoryAddress() + index, length);
        }
        else if (buffer.hasArray())
        {
            frame.wrap(buffer.array(), buffer.arrayOffset() + index, length);
        }
        else
        {
            if (copy.length < length)
            {
                copy = new byte[length];
            }
            buffer.getBytes(index, copy, 0, length);
            frame.wrap(copy, 0, length);
        }
        return frame;
    }

    /**
     * Queues a frame from the router for this session (dispatcher thread) and has the event loop write the queue.
     *
     * @return false when the queue is full: the session is a slow consumer (the frame is released).
     */
    boolean offer(final ByteBuf frameToSend)
    {
        if (!outbound.offer(frameToSend))
        {
            frameToSend.release();
            return false;
        }
        if (drainScheduled.compareAndSet(false, true))
        {
            channel.eventLoop().execute(drain);
        }
        return true;
    }

    private void drainOutbound()
    {
        drainScheduled.set(false);
        ByteBuf next;
        int written = 0;
        while ((next = outbound.poll()) != null)
        {
            if (channel.isActive())
            {
                channel.write(next, channel.voidPromise());
                written++;
            }
            else
            {
                next.release();
            }
        }
        if (written > 0)
        {
            channel.flush();
        }
        recoverStale();
    }

    /** @return frames queued by the router and not yet taken by the event loop. Any thread. */
    int queuedFrames()
    {
        return outbound.size();
    }

    /** The router dropped market data for this session: the event loop sends fresh snapshots once it can. */
    void recoverLater()
    {
        if (recoveryScheduled.compareAndSet(false, true))
        {
            channel.eventLoop().execute(recover);
        }
    }

    /**
     * Sends the current book (or top) of every stale subscription, once the session has written what was queued and
     * its channel takes more: the client sees a snapshot newer than the updates it missed and starts again from it.
     */
    private void recoverStale()
    {
        recoveryScheduled.set(false);
        if (!channel.isActive() || !channel.isWritable() || !outbound.isEmpty())
        {
            return;
        }
        for (int i = 0, n = subscriptions.size(); i < n; i++)
        {
            final MarketDataSubscription subscription = subscriptions.get(i);
            if (subscription.stale)
            {
                // Cleared before the copy: an update the router sends from now on follows the snapshot.
                subscription.stale = false;
                sendCurrent(subscription, 0);
            }
        }
    }

    /** A new result is in the output journal: the drop copy reads on. Dispatcher thread. */
    void wakeDropCopy()
    {
        if (dropCopyScheduled.compareAndSet(false, true))
        {
            channel.eventLoop().execute(pump);
        }
    }

    private void pumpDropCopy()
    {
        dropCopyScheduled.set(false);
        if (dropCopy == null || !channel.isActive())
        {
            return;
        }
        try
        {
            if (dropCopy.pump())
            {
                wakeDropCopy();
            }
        }
        catch (final IllegalStateException closed)
        {
            closeWith(0, SessionErrorCode.SHUTTING_DOWN, 0);
        }
        catch (final RuntimeException damaged)
        {
            gateway.onUnexpected(damaged);
            channel.close();
        }
    }

    private void stopDropCopy()
    {
        if (dropCopy != null)
        {
            gateway.router().removeDropCopy(this);
            dropCopy.close();
            dropCopy = null;
        }
    }

    private void onFrame(final UnsafeBuffer buffer, final int length)
    {
        if (length < HEADER)
        {
            closeWith(0, SessionErrorCode.MALFORMED_FRAME, 0);
            return;
        }
        header.wrap(buffer, 0);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            closeWith(0, SessionErrorCode.MALFORMED_FRAME, 0);
            return;
        }
        final int templateId = header.templateId();
        if (state == State.LOGGING_IN)
        {
            // A failed login's answer is on its way, after the same delay for everybody: nothing else is read.
            return;
        }
        if (state == State.AWAIT_HELLO)
        {
            onHello(buffer, length, templateId);
            return;
        }
        if (templateId == HeartbeatDecoder.TEMPLATE_ID)
        {
            return;
        }
        if (templateId == LoginDecoder.TEMPLATE_ID)
        {
            onLogin(buffer, length);
            return;
        }
        if (templateId == QueryBalancesDecoder.TEMPLATE_ID)
        {
            onQueryBalances(buffer, length);
            return;
        }
        if (templateId == QueryStatementDecoder.TEMPLATE_ID)
        {
            onQueryStatement(buffer, length);
            return;
        }
        if (templateId == SubscribeDecoder.TEMPLATE_ID)
        {
            onSubscribe(buffer, length);
            return;
        }
        if (templateId == UnsubscribeDecoder.TEMPLATE_ID)
        {
            onUnsubscribe(buffer, length);
            return;
        }
        if (!CommandFrames.isCommand(templateId))
        {
            send(0, SessionErrorCode.UNKNOWN_MESSAGE, templateId);
            return;
        }
        if (state != State.LOGGED_IN)
        {
            closeWith(0, SessionErrorCode.LOGIN_REQUIRED, 0);
            return;
        }
        onCommand(buffer, length, templateId);
    }

    private void onHello(final DirectBuffer buffer, final int length, final int templateId)
    {
        // Hello's layout is the same in every version: its header's version is not checked, its field is.
        if (templateId != HelloDecoder.TEMPLATE_ID || length < HEADER + HelloDecoder.BLOCK_LENGTH ||
            header.blockLength() < HelloDecoder.BLOCK_LENGTH)
        {
            closeWith(0, SessionErrorCode.HELLO_REQUIRED, 0);
            return;
        }
        hello.wrap(buffer, HEADER, header.blockLength(), header.version());
        if (hello.protocolVersion() != HelloDecoder.SCHEMA_VERSION)
        {
            closeWith(0, SessionErrorCode.UNSUPPORTED_VERSION, HelloDecoder.SCHEMA_VERSION);
            return;
        }
        state = State.AWAIT_LOGIN;
        channel.writeAndFlush(frames.helloAccepted(channel.alloc(), config.maxFrameLength(),
            config.heartbeatIntervalMs()), channel.voidPromise());
    }

    private void onLogin(final DirectBuffer buffer, final int length)
    {
        if (state != State.AWAIT_LOGIN)
        {
            send(0, SessionErrorCode.ALREADY_LOGGED_IN, 0);
            return;
        }
        if (header.version() != LoginDecoder.SCHEMA_VERSION || header.blockLength() < LoginDecoder.BLOCK_LENGTH ||
            length < HEADER + header.blockLength())
        {
            closeWith(0, SessionErrorCode.MALFORMED_FRAME, 0);
            return;
        }
        login.wrap(buffer, HEADER, header.blockLength(), header.version());
        final long loginAccountId = login.accountId();
        final long loginKeyId = login.keyId();
        final byte[] secret = new byte[LoginDecoder.secretLength()];
        login.getSecret(secret, 0, secret.length);

        final long nowNs = System.nanoTime();
        final InetAddress address = ((InetSocketAddress)channel.remoteAddress()).getAddress();
        final boolean checked = gateway.throttle().mayTry(address, nowNs);
        final Credentials.Key key = checked ? gateway.credentials().check(loginAccountId, loginKeyId, secret) : null;
        if (key == null)
        {
            if (checked)
            {
                gateway.throttle().onFailure(address, nowNs);
            }
            state = State.LOGGING_IN;
            // The same answer after the same delay, whatever failed.
            channel.eventLoop().schedule(() -> closeWith(0, SessionErrorCode.LOGIN_FAILED, 0),
                config.failedLoginDelayMs(), TimeUnit.MILLISECONDS);
            return;
        }
        accountId = key.accountId;
        keyId = key.keyId;
        admin = key.isAdmin();
        state = State.LOGGED_IN;
        registered = true;
        gateway.counters().sessionsLoggedIn.increment();
        gateway.router().register(this);
        channel.writeAndFlush(frames.loginAccepted(channel.alloc(), accountId, keyId, admin), channel.voidPromise());
    }

    /**
     * Checks a session message (not a command) once logged in: before login it closes with LOGIN_REQUIRED; a frame
     * of another version, or with a block or frame shorter than the template's, is answered MALFORMED_FRAME.
     *
     * @return true if the message may be decoded.
     */
    private boolean isUsableSessionMessage(final int length, final int templateBlockLength)
    {
        if (state != State.LOGGED_IN)
        {
            closeWith(0, SessionErrorCode.LOGIN_REQUIRED, 0);
            return false;
        }
        if (header.version() != MessageHeaderDecoder.SCHEMA_VERSION || header.blockLength() < templateBlockLength ||
            length < HEADER + header.blockLength())
        {
            send(0, SessionErrorCode.MALFORMED_FRAME, 0);
            return false;
        }
        return true;
    }

    /** @return whether this session may read the account's data (a trader its own only); else NOT_ALLOWED sent. */
    private boolean mayRead(final long clientRequestId, final long queriedAccountId)
    {
        if (!admin && queriedAccountId != accountId)
        {
            send(clientRequestId, SessionErrorCode.NOT_ALLOWED, 0);
            return false;
        }
        return true;
    }

    /** A read of the {@link BalanceView}: a trader session may ask of its own account only. */
    private void onQueryBalances(final UnsafeBuffer buffer, final int length)
    {
        if (!isUsableSessionMessage(length, QueryBalancesDecoder.BLOCK_LENGTH))
        {
            return;
        }
        query.wrap(buffer, HEADER, header.blockLength(), header.version());
        final long clientRequestId = query.clientRequestId();
        final long queried = query.accountId();
        if (!mayRead(clientRequestId, queried))
        {
            return;
        }
        final BalanceView balances = gateway.balances();
        final long asOf = balances.asOfSequence();
        int count;
        while ((count = balances.copy(queried, queryAssets, queryAvailable, queryHeld)) < 0)
        {
            final int needed = balances.assetCount(queried) * 2;
            queryAssets = new int[needed];
            queryAvailable = new long[needed];
            queryHeld = new long[needed];
        }
        channel.writeAndFlush(frames.accountBalances(channel.alloc(), clientRequestId, queried, asOf, count,
            queryAssets, queryAvailable, queryHeld), channel.voidPromise());
    }

    /** A page of an account's statement, read off the I/O thread: a trader session may ask of its own account only. */
    private void onQueryStatement(final UnsafeBuffer buffer, final int length)
    {
        if (!isUsableSessionMessage(length, QueryStatementDecoder.BLOCK_LENGTH))
        {
            return;
        }
        statementQuery.wrap(buffer, HEADER, header.blockLength(), header.version());
        final long clientRequestId = statementQuery.clientRequestId();
        final long queried = statementQuery.accountId();
        if (!mayRead(clientRequestId, queried))
        {
            return;
        }
        if (statementQuery.skipLines() < 0)
        {
            send(clientRequestId, SessionErrorCode.MALFORMED_FRAME, 0);
            return;
        }
        final StatementQueries.Query asked = new StatementQueries.Query(clientRequestId, queried,
            statementQuery.assetId(), statementQuery.fromSequence(), statementQuery.toSequence(),
            statementQuery.skipLines());
        if (!gateway.statementQueries().submit(channel, asked))
        {
            send(clientRequestId, SessionErrorCode.BUSY, 0);
        }
    }

    private void onSubscribe(final UnsafeBuffer buffer, final int length)
    {
        if (!isUsableSessionMessage(length, SubscribeDecoder.BLOCK_LENGTH))
        {
            return;
        }
        subscribe.wrap(buffer, HEADER, header.blockLength(), header.version());
        final long clientRequestId = subscribe.clientRequestId();
        final Stream stream = stream(subscribe.streamRaw());
        if (stream == Stream.DROP_COPY)
        {
            startDropCopy(clientRequestId, subscribe.accountId(), subscribe.afterSequence());
            return;
        }
        if (stream != Stream.BOOK && stream != Stream.TOP)
        {
            send(clientRequestId, SessionErrorCode.MALFORMED_FRAME, 0);
            return;
        }
        final int instrumentId = subscribe.instrumentId();
        MarketDataSubscription subscription = subscription(stream, instrumentId);
        if (subscription == null)
        {
            if (subscriptions.size() >= config.maxSubscriptions())
            {
                send(clientRequestId, SessionErrorCode.TOO_MANY_SUBSCRIPTIONS, config.maxSubscriptions());
                return;
            }
            subscription = new MarketDataSubscription(this, stream, instrumentId);
            // Registered before the book is copied: the router sends every update after the copy (docs/protocol.md).
            gateway.subscriptions().add(subscription);
            subscriptions.add(subscription);
        }
        sendCurrent(subscription, clientRequestId);
    }

    private void startDropCopy(final long clientRequestId, final long dropAccountId, final long afterSequence)
    {
        if (!admin && dropAccountId != accountId)
        {
            send(clientRequestId, SessionErrorCode.NOT_ALLOWED, 0);
            return;
        }
        stopDropCopy();
        final EventTail tail;
        try
        {
            tail = gateway.engine().openEventTail(Math.max(0, afterSequence));
        }
        catch (final ResumeRefusedException refused)
        {
            send(clientRequestId, SessionErrorCode.RESUME_REFUSED, refused.firstSequence());
            return;
        }
        catch (final IllegalStateException stopped)
        {
            send(clientRequestId, SessionErrorCode.SHUTTING_DOWN, 0);
            return;
        }
        dropCopy = new DropCopyFeed(tail, dropAccountId, admin, channel, Math.max(0, afterSequence));
        dropCopy.acknowledge();
        gateway.router().addDropCopy(this);
        pumpDropCopy();
    }

    private void onUnsubscribe(final UnsafeBuffer buffer, final int length)
    {
        if (!isUsableSessionMessage(length, UnsubscribeDecoder.BLOCK_LENGTH))
        {
            return;
        }
        unsubscribe.wrap(buffer, HEADER, header.blockLength(), header.version());
        final Stream stream = stream(unsubscribe.streamRaw());
        if (stream == null)
        {
            send(0, SessionErrorCode.MALFORMED_FRAME, 0);
            return;
        }
        if (stream == Stream.DROP_COPY)
        {
            stopDropCopy();
            return;
        }
        final MarketDataSubscription subscription = subscription(stream, unsubscribe.instrumentId());
        if (subscription != null)
        {
            gateway.subscriptions().remove(subscription);
            subscriptions.remove(subscription);
        }
    }

    /**
     * @return the stream a Subscribe or Unsubscribe names, or null for a code no version defines (the generated
     * {@code Stream.get} throws for those: a client's byte would be a defect that drops the connection unanswered).
     */
    private static Stream stream(final short code)
    {
        return code == Stream.BOOK.value() ? Stream.BOOK : code == Stream.TOP.value() ? Stream.TOP :
            code == Stream.DROP_COPY.value() ? Stream.DROP_COPY : null;
    }

    private MarketDataSubscription subscription(final Stream stream, final int instrumentId)
    {
        for (int i = 0, n = subscriptions.size(); i < n; i++)
        {
            final MarketDataSubscription subscription = subscriptions.get(i);
            if (subscription.stream == stream && subscription.instrumentId == instrumentId)
            {
                return subscription;
            }
        }
        return null;
    }

    /** Sends the subscription's current state: the whole book (BOOK) or its best bid and offer (TOP). */
    private void sendCurrent(final MarketDataSubscription subscription, final long clientRequestId)
    {
        final L2Book book = gateway.books().book(subscription.instrumentId);
        if (book == null)
        {
            bookCopy.clear();
        }
        else if (!book.copy(bookCopy, COPY_ATTEMPTS))
        {
            // The book changed under every try: the event loop goes on and tries again shortly.
            channel.eventLoop().schedule(() ->
            {
                if (channel.isActive() && subscriptions.contains(subscription))
                {
                    sendCurrent(subscription, clientRequestId);
                }
            }, 1, TimeUnit.MILLISECONDS);
            return;
        }
        final L2Book.Copy copy = bookCopy;
        if (subscription.stream == Stream.BOOK)
        {
            channel.writeAndFlush(frames.bookSnapshot(channel.alloc(), clientRequestId, subscription.instrumentId,
                copy), channel.voidPromise());
        }
        else
        {
            channel.writeAndFlush(frames.topOfBook(channel.alloc(), subscription.instrumentId, copy.sequence, 0,
                copy.bidCount == 0 ? 0 : copy.bidPrices[0], copy.bidCount == 0 ? 0 : copy.bidQuantities[0],
                copy.askCount == 0 ? 0 : copy.askPrices[0], copy.askCount == 0 ? 0 : copy.askQuantities[0]),
                channel.voidPromise());
        }
    }

    private void onCommand(final UnsafeBuffer buffer, final int length, final int templateId)
    {
        final long clientRequestId = length >= CommandWriter.CLIENT_REQUEST_ID_OFFSET + Long.BYTES ?
            buffer.getLong(CommandWriter.CLIENT_REQUEST_ID_OFFSET, ByteOrder.LITTLE_ENDIAN) : 0;
        if (Codes.OK != CommandFrames.reason(CommandFrames.check(buffer, 0, length)) ||
            length > gateway.maxCommandLength())
        {
            send(clientRequestId, SessionErrorCode.MALFORMED_FRAME, 0);
            return;
        }
        if (gateway.draining())
        {
            send(clientRequestId, SessionErrorCode.SHUTTING_DOWN, 0);
            return;
        }
        CommandWriter.stampSessionKeyId(buffer, 0, keyId);
        byte[] secret = null;
        if (templateId == CreateApiKeyDecoder.TEMPLATE_ID && admin)
        {
            secret = fillNewKey(buffer);
            if (pendingSecrets.putIfAbsent(clientRequestId, secret) != null)
            {
                // The same request id in flight twice would get one secret for two answers.
                send(clientRequestId, SessionErrorCode.MALFORMED_FRAME, 0);
                return;
            }
        }
        final boolean taken;
        try
        {
            taken = gateway.engine().trySubmit(buffer, 0, length, this);
        }
        catch (final IllegalStateException stopped)
        {
            pendingSecrets.remove(clientRequestId);
            send(clientRequestId, SessionErrorCode.SHUTTING_DOWN, 0);
            return;
        }
        if (!taken)
        {
            if (secret != null)
            {
                pendingSecrets.remove(clientRequestId);
            }
            send(clientRequestId, SessionErrorCode.BUSY, 0);
        }
    }

    /** Draws the new key and writes its salt and hash into the command; returns its secret. */
    private static byte[] fillNewKey(final UnsafeBuffer buffer)
    {
        final Credentials.NewKey key = Credentials.draw();
        buffer.putBytes(HEADER + CreateApiKeyDecoder.saltEncodingOffset(), key.salt());
        buffer.putBytes(HEADER + CreateApiKeyDecoder.keyHashEncodingOffset(), key.keyHash());
        return key.secret();
    }

    @Override
    public void onResult(final long sequence, final DirectBuffer events, final int offset, final int length)
    {
        gateway.router().onResult(this, sequence, events, offset, length);
    }

    @Override
    public void channelWritabilityChanged(final ChannelHandlerContext ctx) throws Exception
    {
        // Back pressure: a client that does not read its answers gets no more of its commands read.
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        if (ctx.channel().isWritable())
        {
            recoverStale();
            pumpDropCopy();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event)
    {
        if (event instanceof IdleStateEvent)
        {
            // Reader idle. Not while the server itself stopped reading (back pressure): the slow-consumer bound
            // decides then.
            if (ctx.channel().config().isAutoRead())
            {
                closeWith(0, SessionErrorCode.IDLE_TIMEOUT, config.idleTimeoutMs());
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        if (cause instanceof IOException)
        {
            ctx.close();
        }
        else
        {
            gateway.onUnexpected(cause);
            ctx.close();
        }
    }

    /** Answers a refused frame; the connection stays open. Event loop only. */
    private void send(final long clientRequestId, final SessionErrorCode code, final long detail)
    {
        channel.writeAndFlush(frames.sessionError(channel.alloc(), clientRequestId, code, detail),
            channel.voidPromise());
    }

    /** Sends the error, then closes the connection once it is written. Event loop only. */
    void closeWith(final long clientRequestId, final SessionErrorCode code, final long detail)
    {
        if (state == State.CLOSING || !channel.isActive())
        {
            return;
        }
        state = State.CLOSING;
        channel.config().setAutoRead(false);
        channel.writeAndFlush(frames.sessionError(channel.alloc(), clientRequestId, code, detail))
            .addListener(ChannelFutureListener.CLOSE);
        // A peer that reads nothing never lets that write finish: closed anyway.
        channel.eventLoop().schedule(() -> channel.close(), CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    /** {@link #closeWith} from any thread. */
    void closeLater(final SessionErrorCode code)
    {
        channel.eventLoop().execute(() -> closeWith(0, code, 0));
    }
}
