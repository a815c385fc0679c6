package io.ordo.gateway.server;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.netty.handler.ssl.SslContext;

/**
 * Settings of the TCP gateway, with defaults that suit a small machine. See docs/operations.md ("The server").
 * <p>
 * Not thread safe: build it on one thread, then hand it to {@link Gateway#start}.
 */
public final class GatewayConfig
{
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7700;

    private InetSocketAddress listen = new InetSocketAddress(DEFAULT_HOST, DEFAULT_PORT);
    private int maxFrameLength = 4096;
    private int heartbeatIntervalMs = 5_000;
    private int idleTimeoutMs = 15_000;
    private long failedLoginDelayMs = 250;
    private int loginBurst = 5;
    private long loginRefillMs = 2_000;
    private int writeLowWaterMark = 256 * 1024;
    private int writeHighWaterMark = 1024 * 1024;
    private long maxPendingOutboundBytes = 16L * 1024 * 1024;
    private int maxQueuedFrames = 16_384;
    private int maxSubscriptions = 64;
    private int ioThreads = 1;
    private SslContext tls;
    private boolean allowPlaintextRemote;

    /** Where to listen; {@code 127.0.0.1:7700} by default. Port 0 picks a free port ({@link Gateway#port()}). */
    public GatewayConfig listen(final InetSocketAddress address)
    {
        this.listen = address;
        return this;
    }

    public InetSocketAddress listen()
    {
        return listen;
    }

    /** Largest frame (after its 4-byte length) the server takes; a longer one closes the connection. */
    public GatewayConfig maxFrameLength(final int bytes)
    {
        this.maxFrameLength = bytes;
        return this;
    }

    public int maxFrameLength()
    {
        return maxFrameLength;
    }

    /** The server sends a heartbeat this often, and asks clients to send something at least as often. */
    public GatewayConfig heartbeatIntervalMs(final int ms)
    {
        this.heartbeatIntervalMs = ms;
        return this;
    }

    public int heartbeatIntervalMs()
    {
        return heartbeatIntervalMs;
    }

    /** A connection that sends nothing for this long is closed ({@code IDLE_TIMEOUT}). */
    public GatewayConfig idleTimeoutMs(final int ms)
    {
        this.idleTimeoutMs = ms;
        return this;
    }

    public int idleTimeoutMs()
    {
        return idleTimeoutMs;
    }

    /** How long every failed login waits before its answer (the same for every reason). */
    public GatewayConfig failedLoginDelayMs(final long ms)
    {
        this.failedLoginDelayMs = ms;
        return this;
    }

    public long failedLoginDelayMs()
    {
        return failedLoginDelayMs;
    }

    /** Failed logins an address may make at once, and how often it earns another. */
    public GatewayConfig loginLimit(final int burst, final long refillMs)
    {
        this.loginBurst = burst;
        this.loginRefillMs = refillMs;
        return this;
    }

    public int loginBurst()
    {
        return loginBurst;
    }

    public long loginRefillNs()
    {
        return TimeUnit.MILLISECONDS.toNanos(loginRefillMs);
    }

    /**
     * Netty's write buffer water marks per connection: above the high mark the server stops reading the
     * connection's commands until its unsent output falls below the low mark.
     */
    public GatewayConfig writeWaterMarks(final int low, final int high)
    {
        this.writeLowWaterMark = low;
        this.writeHighWaterMark = high;
        return this;
    }

    public int writeLowWaterMark()
    {
        return writeLowWaterMark;
    }

    public int writeHighWaterMark()
    {
        return writeHighWaterMark;
    }

    /** Unsent output a connection may have before it is closed as a slow consumer ({@code SLOW_CONSUMER}). */
    public GatewayConfig maxPendingOutboundBytes(final long bytes)
    {
        this.maxPendingOutboundBytes = bytes;
        return this;
    }

    public long maxPendingOutboundBytes()
    {
        return maxPendingOutboundBytes;
    }

    /**
     * Frames the engine's dispatcher may queue for a session before its event loop writes them (a power of two is
     * not needed); a session whose queue is full is closed as a slow consumer.
     */
    public GatewayConfig maxQueuedFrames(final int frames)
    {
        this.maxQueuedFrames = frames;
        return this;
    }

    public int maxQueuedFrames()
    {
        return maxQueuedFrames;
    }

    /** Market data subscriptions (BOOK and TOP, per instrument) one session may hold; 64 by default. */
    public GatewayConfig maxSubscriptions(final int subscriptions)
    {
        this.maxSubscriptions = subscriptions;
        return this;
    }

    public int maxSubscriptions()
    {
        return maxSubscriptions;
    }

    /** Netty event loop threads for the connections (1 by default: the engine needs the other core). */
    public GatewayConfig ioThreads(final int threads)
    {
        this.ioThreads = threads;
        return this;
    }

    public int ioThreads()
    {
        return ioThreads;
    }

    /** TLS for every connection, or null (the default) for plaintext. */
    public GatewayConfig tls(final SslContext context)
    {
        this.tls = context;
        return this;
    }

    public SslContext tls()
    {
        return tls;
    }

    /** Whether plaintext may listen on an address other than loopback (false by default: use TLS there). */
    public GatewayConfig allowPlaintextRemote(final boolean allow)
    {
        this.allowPlaintextRemote = allow;
        return this;
    }

    public boolean allowPlaintextRemote()
    {
        return allowPlaintextRemote;
    }
}
