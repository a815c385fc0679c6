package io.ordo.gateway.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.ordo.client.ApiKeyFile;
import io.ordo.journal.Engine;
import io.ordo.journal.EngineConfig;
import io.ordo.journal.pipeline.PipelineConfig;
import io.ordo.journal.pipeline.ResultListener;
import io.ordo.protocol.ApiKeyText;
import io.ordo.protocol.Codes;
import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.codec.ApiKeyCreatedDecoder;
import io.ordo.protocol.codec.CommandAcceptedDecoder;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.protocol.codec.SessionErrorCode;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The TCP gateway in front of a journaled {@link Engine}: it starts the engine (recovering the data directory),
 * loads the API keys from the recovered state, writes an operator key on a directory that has none, and accepts
 * connections on Netty (epoll where available), each served by a {@link SessionHandler}.
 * <pre>
 *   try (Gateway gateway = Gateway.start(engineConfig, new GatewayConfig(), dir.resolve("operator.key")))
 *   {
 *       ... clients connect to gateway.port() ...
 *   }
 * </pre>
 * {@link #close()} stops accepting, refuses new commands ({@code SHUTTING_DOWN}), lets every command taken so far
 * reach the journals and its session, takes a snapshot, closes the connections and then the engine.
 * <p>
 * Thread safe: start and close from one thread; the rest runs on Netty's event loops and the engine's threads.
 */
public final class Gateway implements AutoCloseable
{
    private static final long OWN_COMMAND_TIMEOUT_S = 60;

    private final GatewayConfig config;
    private final Engine engine;
    private final Credentials credentials;
    private final BalanceView balances;
    private final StatementQueries statementQueries;
    private final BookProjection books;
    private final MarketDataSubscriptions subscriptions = new MarketDataSubscriptions();
    private final EventRouter router;
    private final GatewayCounters counters;
    private final LoginThrottle throttle;
    private final EventLoopGroup group;
    private final ChannelGroup channels = new DefaultChannelGroup("ordo-sessions", GlobalEventExecutor.INSTANCE);
    private final Channel serverChannel;
    private final CommandWriter ownWriter = new CommandWriter();
    private final UnsafeBuffer ownBuffer = new UnsafeBuffer(new byte[PipelineConfig.DEFAULT_MAX_COMMAND_LENGTH]);
    private final AtomicLong unexpectedErrors = new AtomicLong();
    private final long operatorKeyId;
    private long lastOwnRequestMicros;
    private volatile boolean draining;
    private boolean closed;

    private Gateway(final GatewayConfig config, final Engine engine, final Credentials credentials,
        final BalanceView balances, final BookProjection books, final Path operatorKeyFile)
    {
        this.config = config;
        this.engine = engine;
        this.credentials = credentials;
        this.balances = balances;
        this.statementQueries = new StatementQueries(engine);
        balances.onSequence(engine.recovery().lastSequence());
        this.books = books;
        books.seedDone(engine.recovery().lastSequence());
        this.counters = new GatewayCounters(engine.counters());
        this.router = new EventRouter(credentials, balances, books, subscriptions, config, counters);
        this.throttle = new LoginThrottle(config.loginBurst(), config.loginRefillNs());
        long createdKeyId = 0;
        EventLoopGroup createdGroup = null;
        try
        {
            if (operatorKeyFile != null && !credentials.hasOperatorKey())
            {
                createdKeyId = createOperatorKey(operatorKeyFile);
            }
            final boolean epoll = Epoll.isAvailable();
            createdGroup = new MultiThreadIoEventLoopGroup(config.ioThreads(),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
            final Class<? extends ServerChannel> channelClass =
                epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
            this.serverChannel = new ServerBootstrap()
                .group(createdGroup)
                .channel(channelClass)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                    new WriteBufferWaterMark(config.writeLowWaterMark(), config.writeHighWaterMark()))
                .childHandler(new ChannelInitializer<SocketChannel>()
                {
                    @Override
                    protected void initChannel(final SocketChannel channel)
                    {
                        initSession(channel);
                    }
                })
                .bind(config.listen()).syncUninterruptibly().channel();
        }
        catch (final RuntimeException | Error e)
        {
            if (createdGroup != null)
            {
                createdGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
            engine.close();
            throw e;
        }
        this.group = createdGroup;
        this.operatorKeyId = createdKeyId;
    }

    /**
     * Starts the engine and the server.
     *
     * @param operatorKeyFile where to write a new operator key when the state has no live admin key of the operator
     *                        account (a new data directory), or null to write none.
     * @throws IllegalArgumentException when asked for plaintext on an address other than loopback without
     *                                  {@link GatewayConfig#allowPlaintextRemote(boolean)}.
     */
    public static Gateway start(final EngineConfig engineConfig, final GatewayConfig config,
        final Path operatorKeyFile)
    {
        if (config.tls() == null && !config.listen().getAddress().isLoopbackAddress() &&
            !config.allowPlaintextRemote())
        {
            throw new IllegalArgumentException("refusing plaintext on " + config.listen() + ", which is not a " +
                "loopback address: configure TLS, or allow plaintext explicitly");
        }
        final Credentials credentials = new Credentials();
        final BalanceView balances = new BalanceView();
        final BookProjection books = new BookProjection();
        engineConfig.startupStateReader(blp ->
        {
            blp.forEachApiKey((keyId, accountId, roleCode, salt, keyHash, revoked) ->
                credentials.put(keyId, accountId, roleCode, salt, keyHash, revoked));
            blp.forEachBalance(balances::onBalance);
            blp.forEachOpenOrder((orderId, accountId, instrumentId, sideCode, kindCode, price, remainingQuantity,
                heldAmount) -> books.seedOrder(orderId, instrumentId, (short)sideCode, price, remainingQuantity));
        });
        final Engine engine = Engine.start(engineConfig);
        return new Gateway(config, engine, credentials, balances, books, operatorKeyFile);
    }

    private void initSession(final SocketChannel channel)
    {
        channels.add(channel);
        final ChannelPipeline pipeline = channel.pipeline();
        if (config.tls() != null)
        {
            pipeline.addLast("tls", config.tls().newHandler(channel.alloc()));
        }
        pipeline.addLast("idle", new IdleStateHandler(config.idleTimeoutMs(), 0, 0, TimeUnit.MILLISECONDS));
        pipeline.addLast("session", new SessionHandler(this));
    }

    /** @return the port listened on (the one picked when configured with port 0). */
    public int port()
    {
        return ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    /** @return the id of the operator key written at start, or 0 when the state had one already. */
    public long operatorKeyCreated()
    {
        return operatorKeyId;
    }

    /** @return the engine (its recovery report, its failure). */
    public Engine engine()
    {
        return engine;
    }

    /** @return defects met on the I/O threads (each also printed once to standard error). */
    public long unexpectedErrors()
    {
        return unexpectedErrors.get();
    }

    GatewayConfig config()
    {
        return config;
    }

    Credentials credentials()
    {
        return credentials;
    }

    EventRouter router()
    {
        return router;
    }

    GatewayCounters counters()
    {
        return counters;
    }

    BalanceView balances()
    {
        return balances;
    }

    StatementQueries statementQueries()
    {
        return statementQueries;
    }

    BookProjection books()
    {
        return books;
    }

    MarketDataSubscriptions subscriptions()
    {
        return subscriptions;
    }

    LoginThrottle throttle()
    {
        return throttle;
    }

    boolean draining()
    {
        return draining;
    }

    int maxCommandLength()
    {
        return PipelineConfig.DEFAULT_MAX_COMMAND_LENGTH;
    }

    void onUnexpected(final Throwable cause)
    {
        unexpectedErrors.incrementAndGet();
        System.err.println("ordo server: unexpected error on a connection (closed): " + cause);
    }

    private long createOperatorKey(final Path file)
    {
        final Credentials.NewKey key = Credentials.draw();
        final long keyId = credentials.nextKeyId();
        try
        {
            // Written first: a crash after the key is journaled must not leave a key nobody holds.
            new ApiKeyFile(0, ApiKeyText.format(keyId, key.secret())).write(file,
                "Ordo operator API key: log in as account 0 with it. Kept nowhere else; the server stores a hash.");
        }
        catch (final IOException e)
        {
            throw new IllegalStateException("cannot write the operator key to " + file + ": " + e.getMessage(), e);
        }
        final int length = ownWriter.createApiKey(ownBuffer, 0, 0, nextOwnRequestId(), 0, Codes.ROLE_ADMIN, 0,
            new UnsafeBuffer(key.salt()), 0, new UnsafeBuffer(key.keyHash()), 0);
        final long[] outcome = runOwnCommand(length);
        if (outcome[0] != ApiKeyCreatedDecoder.TEMPLATE_ID || outcome[1] != keyId)
        {
            try
            {
                Files.deleteIfExists(file);
            }
            catch (final IOException ignored)
            {
                // The key it names does not exist; the message below says so.
            }
            throw new IllegalStateException("the engine did not create the operator key (outcome template " +
                outcome[0] + ", key id " + outcome[1] + ")");
        }
        return keyId;
    }

    /** Request ids of the gateway's own commands (of the operator account): negative, from the clock, unique. */
    private synchronized long nextOwnRequestId()
    {
        lastOwnRequestMicros = Math.max(lastOwnRequestMicros + 1, System.currentTimeMillis() * 1_000L);
        return -lastOwnRequestMicros;
    }

    /**
     * Submits one of the gateway's own commands (in process: no session key) and waits for its outcome.
     *
     * @return the template id of the first event and, for ApiKeyCreated, the key id.
     */
    private long[] runOwnCommand(final int length)
    {
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicReference<long[]> outcome = new AtomicReference<>(new long[] {0, 0});
        final ResultListener listener = (sequence, events, offset, eventsLength) ->
        {
            router.onResult(null, sequence, events, offset, eventsLength);
            final int templateId = events.getShort(offset + MessageHeaderDecoder.templateIdEncodingOffset(),
                MessageHeaderDecoder.BYTE_ORDER) & 0xFFFF;
            final long keyId = templateId == ApiKeyCreatedDecoder.TEMPLATE_ID ? events.getLong(
                offset + MessageHeaderDecoder.ENCODED_LENGTH + ApiKeyCreatedDecoder.keyIdEncodingOffset(),
                ApiKeyCreatedDecoder.BYTE_ORDER) : 0;
            outcome.set(new long[] {templateId, keyId});
            done.countDown();
        };
        engine.submit(ownBuffer, 0, length, listener);
        try
        {
            if (!done.await(OWN_COMMAND_TIMEOUT_S, TimeUnit.SECONDS))
            {
                throw new IllegalStateException("no outcome within " + OWN_COMMAND_TIMEOUT_S + " s" +
                    (engine.failure() != null ? ": " + engine.failure() : ""));
            }
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the engine", e);
        }
        return outcome.get();
    }

    /**
     * Stops the server: no new connections, {@code SHUTTING_DOWN} for new commands; every command taken before is
     * journaled, applied and answered; then a snapshot, the connections closed, the engine closed. Idempotent.
     */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        draining = true;
        try
        {
            serverChannel.close().syncUninterruptibly();
            if (engine.failure() == null)
            {
                // Behind every command taken so far: when its outcome is back, theirs have been routed.
                final int length = ownWriter.takeSnapshot(ownBuffer, 0, 0, nextOwnRequestId(), 0);
                final long[] outcome = runOwnCommand(length);
                if (outcome[0] != CommandAcceptedDecoder.TEMPLATE_ID)
                {
                    System.err.println("ordo server: the closing snapshot was refused (template " + outcome[0] + ")");
                }
            }
            channels.writeAndFlush(new FrameWriter().sessionError(
                PooledByteBufAllocator.DEFAULT, 0, SessionErrorCode.SHUTTING_DOWN, 0))
                .awaitUninterruptibly(5, TimeUnit.SECONDS);
            channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        finally
        {
            try
            {
                // The I/O threads first: they write counters that the engine's close unmaps, and poll its tails;
                // then the queries, which read its journal.
                group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
                statementQueries.close();
            }
            finally
            {
                engine.close();
            }
        }
    }
}
