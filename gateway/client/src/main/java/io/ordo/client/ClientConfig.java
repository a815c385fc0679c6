package io.ordo.client;

import javax.net.ssl.SSLContext;

import io.ordo.protocol.EventListener;

/**
 * What an {@link OrdoClient} connects to and logs in with, and how it behaves when the connection drops.
 * <p>
 * Not thread safe: build it on one thread, then pass it to {@link OrdoClient#connect}.
 */
public final class ClientConfig
{
    private String host = "127.0.0.1";
    private int port = 7700;
    private long accountId;
    private String apiKey;
    private SSLContext tls;
    private EventListener eventListener = new EventListener()
    {
    };
    private ConnectionListener connectionListener = new ConnectionListener()
    {
    };
    private boolean reconnect = true;
    private int connectTimeoutMs = 5_000;
    private long busyRetryMs = 2;

    /** The server, {@code 127.0.0.1:7700} by default. */
    public ClientConfig server(final String host, final int port)
    {
        this.host = host;
        this.port = port;
        return this;
    }

    public String host()
    {
        return host;
    }

    public int port()
    {
        return port;
    }

    /** The account and API key (its text form, {@code ordo_<id>_<secret>}) to log in with. */
    public ClientConfig login(final long accountId, final String apiKey)
    {
        this.accountId = accountId;
        this.apiKey = apiKey;
        return this;
    }

    /** Logs in with what a key file holds (e.g. the server's {@code DIR/operator.key}). */
    public ClientConfig login(final ApiKeyFile keyFile)
    {
        return login(keyFile.accountId(), keyFile.key());
    }

    public long accountId()
    {
        return accountId;
    }

    public String apiKey()
    {
        return apiKey;
    }

    /** TLS with this context (its trust decides which server certificates are accepted), or null for plaintext. */
    public ClientConfig tls(final SSLContext context)
    {
        this.tls = context;
        return this;
    }

    public SSLContext tls()
    {
        return tls;
    }

    /**
     * Receives every event the server sends this session (its commands' and its account's), on the client's
     * reader thread, in order. Must not block for long.
     */
    public ClientConfig eventListener(final EventListener listener)
    {
        this.eventListener = listener;
        return this;
    }

    public EventListener eventListener()
    {
        return eventListener;
    }

    public ClientConfig connectionListener(final ConnectionListener listener)
    {
        this.connectionListener = listener;
        return this;
    }

    public ConnectionListener connectionListener()
    {
        return connectionListener;
    }

    /**
     * Whether to reconnect, log in again and send every unanswered command again (with the same request ids, so
     * that none is applied twice) when the connection drops. True by default.
     */
    public ClientConfig reconnect(final boolean reconnect)
    {
        this.reconnect = reconnect;
        return this;
    }

    public boolean reconnect()
    {
        return reconnect;
    }

    public ClientConfig connectTimeoutMs(final int ms)
    {
        this.connectTimeoutMs = ms;
        return this;
    }

    public int connectTimeoutMs()
    {
        return connectTimeoutMs;
    }

    /** How long to wait before sending a command again that the server answered {@code BUSY}. */
    public ClientConfig busyRetryMs(final long ms)
    {
        this.busyRetryMs = ms;
        return this;
    }

    public long busyRetryMs()
    {
        return busyRetryMs;
    }
}
