package io.ordo.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.net.Socket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import io.ordo.protocol.ApiKeyText;
import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.EventAdapter;
import io.ordo.protocol.codec.AccountBalancesDecoder;
import io.ordo.protocol.codec.QueryStatementEncoder;
import io.ordo.protocol.codec.StatementPageDecoder;
import io.ordo.protocol.codec.ApiKeyCreatedDecoder;
import io.ordo.protocol.codec.ApiKeySecretDecoder;
import io.ordo.protocol.codec.BooleanType;
import io.ordo.protocol.codec.CommandAcceptedDecoder;
import io.ordo.protocol.codec.CommandRejectedDecoder;
import io.ordo.protocol.codec.CommandType;
import io.ordo.protocol.codec.HeartbeatEncoder;
import io.ordo.protocol.codec.HelloAcceptedDecoder;
import io.ordo.protocol.codec.HelloEncoder;
import io.ordo.protocol.codec.KeyRole;
import io.ordo.protocol.codec.LoginAcceptedDecoder;
import io.ordo.protocol.codec.LoginEncoder;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.protocol.codec.MessageHeaderEncoder;
import io.ordo.protocol.codec.OrderAcceptedDecoder;
import io.ordo.protocol.codec.OrderCancelledDecoder;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.OrderReplacedDecoder;
import io.ordo.protocol.codec.QueryBalancesEncoder;
import io.ordo.protocol.codec.RejectReason;
import io.ordo.protocol.codec.SessionErrorCode;
import io.ordo.protocol.codec.Stream;
import io.ordo.protocol.codec.BookSnapshotDecoder;
import io.ordo.protocol.codec.BookUpdateDecoder;
import io.ordo.protocol.codec.DropCopyEventsDecoder;
import io.ordo.protocol.codec.TopOfBookDecoder;
import io.ordo.protocol.codec.SessionErrorDecoder;
import io.ordo.protocol.codec.SessionEventsDecoder;
import io.ordo.protocol.codec.Side;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A Java client of the Ordo server: connects (TLS or not), says Hello, logs in, and sends commands, each answered
 * by a {@link CompletableFuture} of its {@link CommandResult} once the command's events are in the server's output
 * journal. Events of the session's commands and account go to {@link ClientConfig#eventListener}.
 * <pre>
 *   try (OrdoClient client = OrdoClient.connect(new ClientConfig().login(7, "ordo_12_...")))
 *   {
 *       CommandResult placed = client.placeOrder(1, Side.BUY, OrderKind.GTC, 101_000, 5_000).join();
 *   }
 * </pre>
 * Request ids are drawn for you: each is above the last and at least the wall clock in microseconds, so that they
 * stay unique per account across restarts (one client per account at a time; give others their own accounts, or
 * send explicit ids with {@link #send(long, CommandEncoder)}). When the connection drops the client reconnects,
 * logs in again and sends every unanswered command again with its request id: the server answers a command it
 * has seen with the original outcome ({@link CommandResult#duplicate()}), and never applies it twice. A command
 * the server answers {@code BUSY} (not taken) is sent again after {@link ClientConfig#busyRetryMs()}, doubling
 * with each BUSY answer up to 250 ms, under a new request id when the client drew it
 * ({@link CommandResult#clientRequestId()} tells which).
 * <p>
 * Thread safe: any thread may send. Futures complete, and listeners are called, on the client's reader thread.
 * Depends on the protocol only.
 */
public final class OrdoClient implements AutoCloseable
{
    /** Encodes one command with the client's writer into its buffer; returns the encoded length. */
    @FunctionalInterface
    public interface CommandEncoder
    {
        int encode(CommandWriter writer, UnsafeBuffer buffer, long clientRequestId);
    }

    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int MAX_FRAME = 64 * 1024 * 1024;

    private final ClientConfig config;
    private final Object writeLock = new Object();
    private final ConcurrentHashMap<Long, Pending> pending = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, String> secrets = new ConcurrentHashMap<>();
    /** Balance queries awaiting their answer, by their (negative) ids; sent again after a reconnect. */
    private final ConcurrentHashMap<Long, PendingQuery> queries = new ConcurrentHashMap<>();
    private final AtomicLong lastQueryId = new AtomicLong();
    private final MarketDataFeed marketData = new MarketDataFeed(this::write, () -> -lastQueryId.incrementAndGet());
    private final ScheduledExecutorService timer;
    private final CommandWriter writer = new CommandWriter();
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[1024]);
    private final EventAdapter eventAdapter;
    private volatile Connection connection;
    private volatile boolean closed;
    private volatile Throwable fatal;
    /** The last request id drawn; lock-free, so that the reader thread never waits for a writer. */
    private final AtomicLong lastRequestId = new AtomicLong();
    private long keyId;
    private KeyRole role;

    /** A query awaiting its answer: balances or a statement page (the other future null). */
    private record PendingQuery(byte[] frame, CompletableFuture<AccountBalances> result,
        CompletableFuture<StatementPage> page)
    {
        void fail(final Throwable cause)
        {
            if (result != null)
            {
                result.completeExceptionally(cause);
            }
            else
            {
                page.completeExceptionally(cause);
            }
        }
    }

    /** A command awaiting its answer; {@code autoId} when the client drew its request id. */
    private record Pending(long clientRequestId, byte commandType, byte[] frame,
        CompletableFuture<CommandResult> result, boolean autoId, int busyAnswers)
    {
    }

    private OrdoClient(final ClientConfig config)
    {
        if (config.apiKey() == null)
        {
            throw new IllegalArgumentException("ClientConfig needs login(accountId, apiKey)");
        }
        ApiKeyText.keyId(config.apiKey());
        this.config = config;
        this.eventAdapter = new EventAdapter(config.eventListener());
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable ->
        {
            final Thread thread = new Thread(runnable, "ordo-client-timer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Connects, says Hello and logs in; returns once logged in.
     *
     * @throws IOException            if the server cannot be reached.
     * @throws SessionErrorException  if the server refuses the version ({@code UNSUPPORTED_VERSION}) or the login
     *                                ({@code LOGIN_FAILED}).
     */
    public static OrdoClient connect(final ClientConfig config) throws IOException
    {
        final OrdoClient client = new OrdoClient(config);
        try
        {
            client.connection = client.open();
            client.connection.startReading();
            client.timer.scheduleAtFixedRate(client::heartbeat, 1, 1, TimeUnit.SECONDS);
            return client;
        }
        catch (final IOException | RuntimeException e)
        {
            client.timer.shutdownNow();
            throw e;
        }
    }

    /** @return the id of the API key this session logged in with. */
    public long keyId()
    {
        return keyId;
    }

    /** @return the role of the session's key. */
    public KeyRole role()
    {
        return role;
    }

    /** @return commands sent and not yet answered. */
    public int pendingCount()
    {
        return pending.size();
    }

    // ----------------------------------------------------------------------------------------------- trading

    public CompletableFuture<CommandResult> placeOrder(
        final int instrumentId, final Side side, final OrderKind kind, final long price, final long quantity)
    {
        return placeOrder(instrumentId, side, kind, price, quantity, 0);
    }

    /** @param quoteBudget MARKET buys only: most quote to spend (fees included), with price 0; else 0. */
    public CompletableFuture<CommandResult> placeOrder(final int instrumentId, final Side side, final OrderKind kind,
        final long price, final long quantity, final long quoteBudget)
    {
        final long accountId = config.accountId();
        return send((w, b, id) -> w.placeOrder(b, 0, accountId, id, 0, instrumentId, side, kind, price, quantity,
            quoteBudget));
    }

    public CompletableFuture<CommandResult> cancelOrder(final long orderId)
    {
        final long accountId = config.accountId();
        return send((w, b, id) -> w.cancelOrder(b, 0, accountId, id, 0, orderId));
    }

    public CompletableFuture<CommandResult> replaceOrder(
        final long orderId, final long newPrice, final long newQuantity)
    {
        final long accountId = config.accountId();
        return send((w, b, id) -> w.replaceOrder(b, 0, accountId, id, 0, orderId, newPrice, newQuantity));
    }

    /** @param instrumentId 0 for every instrument. */
    public CompletableFuture<CommandResult> cancelAll(final int instrumentId)
    {
        final long accountId = config.accountId();
        return send((w, b, id) -> w.cancelAll(b, 0, accountId, id, 0, instrumentId));
    }

    public CompletableFuture<CommandResult> transfer(final long toAccountId, final int assetId, final long amount)
    {
        final long accountId = config.accountId();
        return send((w, b, id) -> w.transfer(b, 0, accountId, id, 0, toAccountId, assetId, amount));
    }

    /**
     * A transfer that counts for the business from {@code valueTimeNs} (its value date, ns since the epoch; 0: when
     * it is recorded), which may be in the past or the future. Balances move when the engine records it; the read
     * side answers "as of a value time" (see {@code ordo balance --as-of-value-time}).
     */
    public CompletableFuture<CommandResult> transfer(
        final long toAccountId, final int assetId, final long amount, final long valueTimeNs)
    {
        final long accountId = config.accountId();
        return send((w, b, id) -> w.transfer(b, 0, accountId, id, 0, toAccountId, assetId, amount, valueTimeNs));
    }

    // ------------------------------------------------------------------------------------- administration

    public CompletableFuture<CommandResult> createAsset(final int assetId, final int scale)
    {
        return send((w, b, id) -> w.createAsset(b, 0, 0, id, 0, assetId, scale));
    }

    public CompletableFuture<CommandResult> createInstrument(final int instrumentId, final int baseAssetId,
        final int quoteAssetId, final int makerFeePpm, final int takerFeePpm, final long lotSize, final long tickSize,
        final long minQuantity, final long maxQuantity, final long minPrice, final long maxPrice)
    {
        return send((w, b, id) -> w.createInstrument(b, 0, 0, id, 0, instrumentId, baseAssetId, quoteAssetId,
            makerFeePpm, takerFeePpm, lotSize, tickSize, minQuantity, maxQuantity, minPrice, maxPrice));
    }

    public CompletableFuture<CommandResult> openAccount(final long accountId)
    {
        return send((w, b, id) -> w.openAccount(b, 0, accountId, id, 0));
    }

    public CompletableFuture<CommandResult> deposit(final long accountId, final int assetId, final long amount)
    {
        return send((w, b, id) -> w.deposit(b, 0, accountId, id, 0, assetId, amount));
    }

    public CompletableFuture<CommandResult> withdraw(final long accountId, final int assetId, final long amount)
    {
        return send((w, b, id) -> w.withdraw(b, 0, accountId, id, 0, assetId, amount));
    }

    /** A deposit with a value time of its own, as for {@link #transfer(long, int, long, long)}. */
    public CompletableFuture<CommandResult> deposit(
        final long accountId, final int assetId, final long amount, final long valueTimeNs)
    {
        return send((w, b, id) -> w.deposit(b, 0, accountId, id, 0, assetId, amount, valueTimeNs));
    }

    /** A withdrawal with a value time of its own, as for {@link #transfer(long, int, long, long)}. */
    public CompletableFuture<CommandResult> withdraw(
        final long accountId, final int assetId, final long amount, final long valueTimeNs)
    {
        return send((w, b, id) -> w.withdraw(b, 0, accountId, id, 0, assetId, amount, valueTimeNs));
    }

    /**
     * A new API key for an account; the server draws it, journals only its salted hash, and sends its text once:
     * {@link CommandResult#apiKey()}.
     */
    public CompletableFuture<CommandResult> createApiKey(final long accountId, final KeyRole role)
    {
        return rotateApiKey(accountId, 0, role);
    }

    /** A new key that replaces (revokes, in the same command) a live key of the same account. */
    public CompletableFuture<CommandResult> rotateApiKey(final long accountId, final long oldKeyId,
        final KeyRole role)
    {
        return send((w, b, id) -> w.createApiKey(b, 0, accountId, id, 0, role.value(), oldKeyId, null, 0, null, 0));
    }

    public CompletableFuture<CommandResult> revokeApiKey(final long accountId, final long keyId)
    {
        return send((w, b, id) -> w.revokeApiKey(b, 0, accountId, id, 0, keyId));
    }

    public CompletableFuture<CommandResult> haltInstrument(final int instrumentId)
    {
        return send((w, b, id) -> w.haltInstrument(b, 0, 0, id, 0, instrumentId));
    }

    public CompletableFuture<CommandResult> resumeInstrument(final int instrumentId)
    {
        return send((w, b, id) -> w.resumeInstrument(b, 0, 0, id, 0, instrumentId));
    }

    public CompletableFuture<CommandResult> takeSnapshot()
    {
        return send((w, b, id) -> w.takeSnapshot(b, 0, 0, id, 0));
    }

    // ---------------------------------------------------------------------------------------------- queries

    /**
     * The balances of an account, from the server's read model (a trader session may ask of its own account only:
     * another is refused with {@code NOT_ALLOWED}). Not journaled.
     */
    public CompletableFuture<AccountBalances> queryBalances(final long accountId)
    {
        final CompletableFuture<AccountBalances> result = new CompletableFuture<>();
        final long queryId = -lastQueryId.incrementAndGet();
        final byte[] frame = new byte[Integer.BYTES + HEADER + QueryBalancesEncoder.BLOCK_LENGTH];
        putIntLe(frame, HEADER + QueryBalancesEncoder.BLOCK_LENGTH);
        new QueryBalancesEncoder().wrapAndApplyHeader(new UnsafeBuffer(frame), Integer.BYTES,
            new MessageHeaderEncoder()).clientRequestId(queryId).accountId(accountId);
        sendQuery(queryId, new PendingQuery(frame, result, null));
        return result;
    }

    /**
     * One page of an account's statement from the server's event store (a trader session may ask of its own
     * account only: another is refused with {@code NOT_ALLOWED}). Not journaled.
     *
     * @param assetId      0 for every asset.
     * @param fromSequence first sequence (1: from the start).
     * @param toSequence   last sequence (0: as far as journaled).
     * @param skipLines    lines of {@code fromSequence} already received (0 for a first page).
     */
    public CompletableFuture<StatementPage> queryStatement(final long accountId, final int assetId,
        final long fromSequence, final long toSequence, final int skipLines)
    {
        final CompletableFuture<StatementPage> page = new CompletableFuture<>();
        final long queryId = -lastQueryId.incrementAndGet();
        final byte[] frame = new byte[Integer.BYTES + HEADER + QueryStatementEncoder.BLOCK_LENGTH];
        putIntLe(frame, HEADER + QueryStatementEncoder.BLOCK_LENGTH);
        new QueryStatementEncoder().wrapAndApplyHeader(new UnsafeBuffer(frame), Integer.BYTES,
            new MessageHeaderEncoder()).clientRequestId(queryId).accountId(accountId).assetId(assetId)
            .fromSequence(fromSequence).toSequence(toSequence).skipLines(skipLines);
        sendQuery(queryId, new PendingQuery(frame, null, page));
        return page;
    }

    /** Registers a query for its answer (and for resending after a reconnect), then sends it unless closed. */
    private void sendQuery(final long queryId, final PendingQuery query)
    {
        queries.put(queryId, query);
        if (closed)
        {
            queries.remove(queryId);
            query.fail(new IllegalStateException("client closed", fatal));
            return;
        }
        write(query.frame());
    }

    /**
     * An account's whole statement over a sequence range, page after page ({@link #queryStatement}).
     *
     * @return every line, in journal order.
     */
    public CompletableFuture<List<StatementPage.Line>> statement(final long accountId, final int assetId,
        final long fromSequence, final long toSequence)
    {
        final List<StatementPage.Line> lines = new ArrayList<>();
        return nextPages(accountId, assetId, fromSequence, toSequence, 0, lines);
    }

    private CompletableFuture<List<StatementPage.Line>> nextPages(final long accountId, final int assetId,
        final long fromSequence, final long toSequence, final int skipLines, final List<StatementPage.Line> lines)
    {
        return queryStatement(accountId, assetId, fromSequence, toSequence, skipLines).thenCompose(page ->
        {
            lines.addAll(page.lines());
            return page.complete() ? CompletableFuture.completedFuture(List.copyOf(lines)) :
                nextPages(accountId, assetId, page.nextFromSequence(), toSequence, page.nextSkipLines(), lines);
        });
    }

    /**
     * Subscribes to an instrument's L2 book: a snapshot, then an update per command that changes it, each trade
     * reported; gaps are detected and recovered by a fresh snapshot on their own (docs/protocol.md, "Market data").
     *
     * @return the client's copy of the book, kept up to date on the reader thread.
     */
    public OrderBook subscribeBook(final int instrumentId, final MarketDataListener listener)
    {
        return marketData.subscribeBook(instrumentId, listener);
    }

    /** Subscribes to an instrument's best bid and offer: {@link MarketDataListener#onTopOfBook} now and on change. */
    public void subscribeTop(final int instrumentId, final MarketDataListener listener)
    {
        marketData.subscribeTop(instrumentId, listener);
    }

    /**
     * Starts a drop copy: every event of the account (or, for an admin session, -1: of every account) of each
     * command after {@code afterSequence} (0: from the start), history first, then live; resumed after the last
     * sequence delivered on a reconnect. One drop copy per client: a second replaces the first.
     */
    public void subscribeDropCopy(final long accountId, final long afterSequence, final DropCopyListener listener)
    {
        marketData.subscribeDropCopy(accountId, afterSequence, listener);
    }

    /** Ends a BOOK or TOP subscription of the instrument, or the drop copy (instrument ignored). */
    public void unsubscribe(final Stream stream, final int instrumentId)
    {
        marketData.unsubscribe(stream, instrumentId);
    }

    private void onAccountBalances(final AccountBalancesDecoder answer)
    {
        final PendingQuery query = queries.remove(answer.clientRequestId());
        final long accountId = answer.accountId();
        final long asOf = answer.asOfSequence();
        final List<AccountBalances.Balance> balances = new ArrayList<>();
        for (final AccountBalancesDecoder.BalancesDecoder balance : answer.balances())
        {
            balances.add(new AccountBalances.Balance(balance.assetId(), balance.available(), balance.held()));
        }
        if (query != null)
        {
            query.result().complete(new AccountBalances(accountId, asOf, List.copyOf(balances)));
        }
    }

    private void onStatementPage(final StatementPageDecoder answer)
    {
        final PendingQuery query = queries.remove(answer.clientRequestId());
        final long accountId = answer.accountId();
        final long asOf = answer.asOfSequence();
        final boolean complete = answer.complete() == BooleanType.TRUE;
        final long nextFrom = answer.nextFromSequence();
        final int nextSkip = answer.nextSkipLines();
        final List<StatementPage.Line> lines = new ArrayList<>();
        for (final StatementPageDecoder.LinesDecoder line : answer.lines())
        {
            lines.add(new StatementPage.Line(line.sequence(), line.timestampNs(), line.valueTimeNs(), line.assetId(),
                line.cause(), line.availableDelta(), line.heldDelta(), line.availableAfter(), line.heldAfter(),
                line.referenceId()));
        }
        if (query != null && query.page() != null)
        {
            query.page().complete(new StatementPage(accountId, asOf, complete, nextFrom, nextSkip,
                List.copyOf(lines)));
        }
    }

    // ---------------------------------------------------------------------------------------------- sending

    /** Sends any command with the next request id. */
    public CompletableFuture<CommandResult> send(final CommandEncoder encoder)
    {
        synchronized (writeLock)
        {
            return send(nextRequestId(), encoder, true);
        }
    }

    /** Lock-free: the reader thread draws ids too (a BUSY resend), and must never wait for the write lock. */
    private long nextRequestId()
    {
        final Instant now = Instant.now();
        final long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        return lastRequestId.updateAndGet(last -> Math.max(last + 1, micros));
    }

    /**
     * Sends any command with the given request id (which must be unique for its account within the server's request
     * window, or it is answered as a duplicate).
     */
    public CompletableFuture<CommandResult> send(final long clientRequestId, final CommandEncoder encoder)
    {
        return send(clientRequestId, encoder, false);
    }

    private CompletableFuture<CommandResult> send(
        final long clientRequestId, final CommandEncoder encoder, final boolean autoId)
    {
        final CompletableFuture<CommandResult> result = new CompletableFuture<>();
        if (closed)
        {
            result.completeExceptionally(new IllegalStateException("client closed", fatal));
            return result;
        }
        final byte[] frame;
        synchronized (writeLock)
        {
            final int length = encoder.encode(writer, scratch, clientRequestId);
            frame = new byte[Integer.BYTES + length];
            putIntLe(frame, length);
            scratch.getBytes(0, frame, Integer.BYTES, length);
        }
        final byte commandType = frame[Integer.BYTES + MessageHeaderDecoder.templateIdEncodingOffset()];
        final Pending request = new Pending(clientRequestId, commandType, frame, result, autoId, 0);
        if (pending.putIfAbsent(clientRequestId, request) != null)
        {
            result.completeExceptionally(new IllegalArgumentException(
                "request id " + clientRequestId + " is awaiting its answer already"));
            return result;
        }
        write(frame);
        return result;
    }

    private void write(final byte[] frame)
    {
        final Connection current = connection;
        if (current == null)
        {
            return;
        }
        try
        {
            synchronized (writeLock)
            {
                current.out.write(frame);
                current.out.flush();
                current.lastWriteNs = System.nanoTime();
            }
        }
        catch (final IOException e)
        {
            // The reader sees the broken connection too; the command is sent again after reconnecting.
            current.closeQuietly();
        }
    }

    private void heartbeat()
    {
        final Connection current = connection;
        if (current != null && System.nanoTime() - current.lastWriteNs >
            TimeUnit.MILLISECONDS.toNanos(current.heartbeatIntervalMs) / 2)
        {
            final byte[] frame = new byte[Integer.BYTES + HEADER + HeartbeatEncoder.BLOCK_LENGTH];
            final UnsafeBuffer buffer = new UnsafeBuffer(frame);
            buffer.putInt(0, HEADER + HeartbeatEncoder.BLOCK_LENGTH, ByteOrder.LITTLE_ENDIAN);
            new HeartbeatEncoder().wrapAndApplyHeader(buffer, Integer.BYTES, new MessageHeaderEncoder())
                .timestampNs(System.currentTimeMillis() * 1_000_000L);
            write(frame);
        }
    }

    // ---------------------------------------------------------------------------------------- connection

    private Connection open() throws IOException
    {
        final Socket socket = config.tls() != null ? config.tls().getSocketFactory().createSocket() : new Socket();
        try
        {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(config.host(), config.port()), config.connectTimeoutMs());
            socket.setSoTimeout(config.connectTimeoutMs());
            if (socket instanceof SSLSocket ssl)
            {
                // Check the certificate names the host connected to, as HTTPS does.
                final SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(parameters);
                ssl.startHandshake();
            }
            final Connection opened = new Connection(socket);
            opened.handshake();
            // The server sends at least a heartbeat every interval: three missed and it is taken for gone.
            socket.setSoTimeout(3 * opened.heartbeatIntervalMs);
            return opened;
        }
        catch (final IOException | RuntimeException e)
        {
            socket.close();
            throw e;
        }
    }

    private void onConnectionLost(final Connection lost, final Throwable cause)
    {
        lost.closeQuietly();
        if (closed || connection != lost)
        {
            return;
        }
        connection = null;
        config.connectionListener().onDisconnected(cause);
        if (!config.reconnect() || fatal != null)
        {
            shutDown(fatal != null ? fatal : cause);
            return;
        }
        timer.execute(() -> reconnect(50));
    }

    private void reconnect(final long backoffMs)
    {
        if (closed)
        {
            return;
        }
        try
        {
            final Connection opened = open();
            connection = opened;
            opened.startReading();
            final List<Pending> unanswered = new ArrayList<>(pending.values());
            unanswered.sort(Comparator.comparingLong(Pending::clientRequestId));
            for (final Pending request : unanswered)
            {
                write(request.frame());
            }
            for (final PendingQuery query : queries.values())
            {
                write(query.frame());
            }
            marketData.resubscribe();
            config.connectionListener().onReconnected();
        }
        catch (final SessionErrorException refused)
        {
            shutDown(refused);
        }
        catch (final IOException | RuntimeException e)
        {
            timer.schedule(() -> reconnect(Math.min(backoffMs * 2, 2_000)), backoffMs, TimeUnit.MILLISECONDS);
        }
    }

    private void shutDown(final Throwable cause)
    {
        closed = true;
        final Connection current = connection;
        connection = null;
        if (current != null)
        {
            current.closeQuietly();
        }
        timer.shutdownNow();
        for (final Pending request : pending.values())
        {
            request.result().completeExceptionally(cause);
        }
        pending.clear();
        for (final PendingQuery query : queries.values())
        {
            query.fail(cause);
        }
        queries.clear();
        config.connectionListener().onClosed(cause);
    }

    /** Closes the connection; commands not yet answered fail. */
    @Override
    public void close()
    {
        if (!closed)
        {
            shutDown(new IllegalStateException("client closed"));
        }
    }

    // ------------------------------------------------------------------------------------------- frames in

    private void onFrame(final UnsafeBuffer buffer, final int length)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, 0);
        switch (header.templateId())
        {
            case SessionEventsDecoder.TEMPLATE_ID:
                onEvents(buffer, header);
                break;
            case ApiKeySecretDecoder.TEMPLATE_ID:
            {
                final ApiKeySecretDecoder d = new ApiKeySecretDecoder().wrapAndApplyHeader(buffer, 0, header);
                final byte[] secret = new byte[ApiKeySecretDecoder.secretLength()];
                d.getSecret(secret, 0, secret.length);
                secrets.put(d.clientRequestId(), ApiKeyText.format(d.keyId(), secret));
                break;
            }
            case SessionErrorDecoder.TEMPLATE_ID:
                onSessionError(new SessionErrorDecoder().wrapAndApplyHeader(buffer, 0, header));
                break;
            case StatementPageDecoder.TEMPLATE_ID:
                onStatementPage(new StatementPageDecoder().wrapAndApplyHeader(buffer, 0, header));
                break;
            case AccountBalancesDecoder.TEMPLATE_ID:
                onAccountBalances(new AccountBalancesDecoder().wrapAndApplyHeader(buffer, 0, header));
                break;
            case BookSnapshotDecoder.TEMPLATE_ID:
                marketData.onBookSnapshot(new BookSnapshotDecoder().wrapAndApplyHeader(buffer, 0, header));
                break;
            case BookUpdateDecoder.TEMPLATE_ID:
                marketData.onBookUpdate(buffer, length, new BookUpdateDecoder().wrapAndApplyHeader(buffer, 0, header));
                break;
            case TopOfBookDecoder.TEMPLATE_ID:
                marketData.onTopOfBook(new TopOfBookDecoder().wrapAndApplyHeader(buffer, 0, header));
                break;
            case DropCopyEventsDecoder.TEMPLATE_ID:
                marketData.onDropCopy(buffer, new DropCopyEventsDecoder().wrapAndApplyHeader(buffer, 0, header));
                break;
            default:
                // Heartbeats, and messages of a newer server this client does not know.
                break;
        }
    }

    private void onSessionError(final SessionErrorDecoder error)
    {
        final SessionErrorCode code = knownCode(error.codeRaw());
        final PendingQuery query = error.clientRequestId() < 0 ? queries.remove(error.clientRequestId()) : null;
        if (query != null)
        {
            query.fail(new SessionErrorException(code, error.detail()));
            return;
        }
        if (error.clientRequestId() < 0 && marketData.onSessionError(error.clientRequestId(), code, error.detail()))
        {
            return;
        }
        final Pending request = pending.get(error.clientRequestId());
        if (code == SessionErrorCode.BUSY && request != null)
        {
            final Pending retry = request.autoId() ? renumbered(request) : again(request);
            // Backing off: a full ring answered at once again would only keep the server busy saying BUSY.
            final long delayMs = Math.min(config.busyRetryMs() << Math.min(retry.busyAnswers() - 1, 6), 250);
            timer.schedule(() -> write(retry.frame()), delayMs, TimeUnit.MILLISECONDS);
        }
        else if (code == SessionErrorCode.SHUTTING_DOWN)
        {
            // Not taken: sent again once reconnected (to this server restarted, or another).
            return;
        }
        else if (request != null)
        {
            pending.remove(error.clientRequestId());
            request.result().completeExceptionally(new SessionErrorException(code, error.detail()));
        }
        else if (code == SessionErrorCode.KEY_REVOKED || code == SessionErrorCode.LOGIN_FAILED ||
            code == SessionErrorCode.UNSUPPORTED_VERSION)
        {
            fatal = new SessionErrorException(code, error.detail());
        }
    }

    /** The same command with one BUSY answer more, under its own request id. */
    private Pending again(final Pending request)
    {
        final Pending counted = new Pending(request.clientRequestId(), request.commandType(), request.frame(),
            request.result(), false, request.busyAnswers() + 1);
        pending.replace(request.clientRequestId(), request, counted);
        return counted;
    }

    /**
     * A command answered BUSY was never taken, so it may go again under a new request id; a drawn id is renewed,
     * because an id below the ones the server has seen since costs the BLP a walk of its request window.
     */
    private Pending renumbered(final Pending request)
    {
        // Not under the write lock: a writer blocked on a full socket would wait for this very reader (deadlock).
        final long clientRequestId = nextRequestId();
        final byte[] frame = request.frame().clone();
        new UnsafeBuffer(frame).putLong(Integer.BYTES + CommandWriter.CLIENT_REQUEST_ID_OFFSET, clientRequestId,
            ByteOrder.LITTLE_ENDIAN);
        final Pending renewed = new Pending(clientRequestId, request.commandType(), frame, request.result(), true,
            request.busyAnswers() + 1);
        pending.put(clientRequestId, renewed);
        pending.remove(request.clientRequestId(), request);
        return renewed;
    }

    private void onEvents(final UnsafeBuffer buffer, final MessageHeaderDecoder header)
    {
        final SessionEventsDecoder frame = new SessionEventsDecoder().wrapAndApplyHeader(buffer, 0, header);
        final long sequence = frame.sequence();
        final boolean own = frame.ownCommand() == BooleanType.TRUE;
        final int eventsLength = frame.eventsLength();
        final int eventsOffset = HEADER + header.blockLength() + SessionEventsDecoder.eventsHeaderLength();
        eventAdapter.onEvents(buffer, eventsOffset, eventsLength);
        if (own)
        {
            completeOutcomes(buffer, eventsOffset, eventsLength, sequence);
        }
    }

    private void completeOutcomes(final UnsafeBuffer buffer, final int offset, final int length, final long sequence)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        int at = offset;
        while (at + HEADER <= offset + length)
        {
            header.wrap(buffer, at);
            final int block = at + HEADER;
            final int templateId = header.templateId();
            final int blockLength = header.blockLength();
            final long clientRequestId = buffer.getLong(block + Long.BYTES, ByteOrder.LITTLE_ENDIAN);
            final Pending request = pending.get(clientRequestId);
            if (request != null)
            {
                final CommandResult result = outcome(request, templateId, buffer, block, blockLength, sequence);
                if (result != null && pending.remove(clientRequestId, request))
                {
                    request.result().complete(result);
                }
            }
            at = block + blockLength;
        }
    }

    private CommandResult outcome(final Pending request, final int templateId, final UnsafeBuffer buffer,
        final int block, final int blockLength, final long sequence)
    {
        final long id = request.clientRequestId();
        final CommandType type = CommandType.get(request.commandType());
        final int version = MessageHeaderDecoder.SCHEMA_VERSION;
        switch (templateId)
        {
            case CommandAcceptedDecoder.TEMPLATE_ID:
                return new CommandResult(id, sequence, type, true, RejectReason.NONE, 0, false, null);
            case CommandRejectedDecoder.TEMPLATE_ID:
            {
                final CommandRejectedDecoder d = new CommandRejectedDecoder().wrap(buffer, block, blockLength, version);
                final boolean duplicate = d.reason() == RejectReason.DUPLICATE_REQUEST;
                final RejectReason reason = duplicate ? d.originalReason() : d.reason();
                return new CommandResult(id, sequence, type, reason == RejectReason.NONE, reason, d.orderId(),
                    duplicate, null);
            }
            case OrderAcceptedDecoder.TEMPLATE_ID:
                return new CommandResult(id, sequence, type, true, RejectReason.NONE,
                    new OrderAcceptedDecoder().wrap(buffer, block, blockLength, version).orderId(), false, null);
            case OrderReplacedDecoder.TEMPLATE_ID:
                return new CommandResult(id, sequence, type, true, RejectReason.NONE,
                    new OrderReplacedDecoder().wrap(buffer, block, blockLength, version).orderId(), false, null);
            case OrderCancelledDecoder.TEMPLATE_ID:
                // CancelOrder's outcome; in a CancelAll an effect after its CommandAccepted.
                return type != CommandType.CANCEL_ORDER ? null : new CommandResult(id, sequence, type, true,
                    RejectReason.NONE, new OrderCancelledDecoder().wrap(buffer, block, blockLength, version).orderId(),
                    false, null);
            case ApiKeyCreatedDecoder.TEMPLATE_ID:
                return new CommandResult(id, sequence, type, true, RejectReason.NONE,
                    new ApiKeyCreatedDecoder().wrap(buffer, block, blockLength, version).keyId(), false,
                    secrets.remove(id));
            default:
                return null;
        }
    }

    /** @return the code, or {@link SessionErrorCode#NULL_VAL} for one of a newer server this client does not know. */
    private static SessionErrorCode knownCode(final short raw)
    {
        for (final SessionErrorCode code : SessionErrorCode.values())
        {
            if (code.value() == raw)
            {
                return code;
            }
        }
        return SessionErrorCode.NULL_VAL;
    }

    private static void putIntLe(final byte[] bytes, final int value)
    {
        bytes[0] = (byte)value;
        bytes[1] = (byte)(value >>> 8);
        bytes[2] = (byte)(value >>> 16);
        bytes[3] = (byte)(value >>> 24);
    }

    /** One TCP connection: its streams, its handshake and its reader thread. */
    private final class Connection
    {
        final Socket socket;
        final DataInputStream in;
        final OutputStream out;
        volatile long lastWriteNs = System.nanoTime();
        int heartbeatIntervalMs = 5_000;
        long expectedSessionSequence = 1;
        private byte[] frame = new byte[4096];

        Connection(final Socket socket) throws IOException
        {
            this.socket = socket;
            this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
            this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        }

        /** Hello, then Login; throws when either is refused. */
        void handshake() throws IOException
        {
            final byte[] hello = new byte[Integer.BYTES + HEADER + HelloEncoder.BLOCK_LENGTH];
            putIntLe(hello, HEADER + HelloEncoder.BLOCK_LENGTH);
            new HelloEncoder().wrapAndApplyHeader(new UnsafeBuffer(hello), Integer.BYTES, new MessageHeaderEncoder())
                .protocolVersion(HelloEncoder.SCHEMA_VERSION);
            out.write(hello);
            out.flush();
            UnsafeBuffer answer = readFrame();
            MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(answer, 0);
            if (header.templateId() != HelloAcceptedDecoder.TEMPLATE_ID)
            {
                throw refusal(answer, header);
            }
            heartbeatIntervalMs = new HelloAcceptedDecoder().wrapAndApplyHeader(answer, 0, header)
                .heartbeatIntervalMs();

            final byte[] login = new byte[Integer.BYTES + HEADER + LoginEncoder.BLOCK_LENGTH];
            putIntLe(login, HEADER + LoginEncoder.BLOCK_LENGTH);
            final byte[] secret = ApiKeyText.secret(config.apiKey());
            new LoginEncoder().wrapAndApplyHeader(new UnsafeBuffer(login), Integer.BYTES, new MessageHeaderEncoder())
                .accountId(config.accountId()).keyId(ApiKeyText.keyId(config.apiKey()))
                .putSecret(secret, 0, secret.length);
            out.write(login);
            out.flush();
            answer = readFrame();
            header = new MessageHeaderDecoder().wrap(answer, 0);
            if (header.templateId() != LoginAcceptedDecoder.TEMPLATE_ID)
            {
                throw refusal(answer, header);
            }
            final LoginAcceptedDecoder accepted = new LoginAcceptedDecoder().wrapAndApplyHeader(answer, 0, header);
            keyId = accepted.keyId();
            role = accepted.role();
        }

        private RuntimeException refusal(final UnsafeBuffer answer, final MessageHeaderDecoder header)
        {
            if (header.templateId() == SessionErrorDecoder.TEMPLATE_ID)
            {
                final SessionErrorDecoder error = new SessionErrorDecoder().wrapAndApplyHeader(answer, 0, header);
                return new SessionErrorException(knownCode(error.codeRaw()), error.detail());
            }
            return new IllegalStateException("unexpected message " + header.templateId() + " in the handshake");
        }

        UnsafeBuffer readFrame() throws IOException
        {
            final int length = Integer.reverseBytes(in.readInt());
            if (length < HEADER || length > MAX_FRAME)
            {
                throw new IOException("bad frame length " + length + " from the server");
            }
            if (frame.length < length)
            {
                frame = new byte[Math.max(length, frame.length * 2)];
            }
            in.readFully(frame, 0, length);
            return new UnsafeBuffer(frame, 0, length);
        }

        void startReading()
        {
            final Thread reader = new Thread(this::readLoop, "ordo-client-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void readLoop()
        {
            try
            {
                while (true)
                {
                    final UnsafeBuffer buffer = readFrame();
                    final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, 0);
                    if (header.templateId() == SessionEventsDecoder.TEMPLATE_ID)
                    {
                        final long sessionSequence = new SessionEventsDecoder()
                            .wrapAndApplyHeader(buffer, 0, header).sessionSequence();
                        if (sessionSequence != expectedSessionSequence)
                        {
                            throw new IOException("session sequence " + sessionSequence + ", expected " +
                                expectedSessionSequence);
                        }
                        expectedSessionSequence++;
                    }
                    onFrame(buffer, buffer.capacity());
                }
            }
            catch (final EOFException e)
            {
                onConnectionLost(this, fatal != null ? fatal : e);
            }
            catch (final IOException | RuntimeException e)
            {
                onConnectionLost(this, e);
            }
        }

        void closeQuietly()
        {
            try
            {
                socket.close();
            }
            catch (final IOException ignored)
            {
                // Closing a broken socket.
            }
        }
    }
}
