package io.ordo.gateway.server;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteOrder;

import io.ordo.client.ApiKeyFile;
import io.ordo.protocol.ApiKeyText;
import io.ordo.protocol.codec.HelloEncoder;
import io.ordo.protocol.codec.LoginEncoder;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.protocol.codec.MessageHeaderEncoder;
import io.ordo.protocol.codec.SessionErrorCode;
import io.ordo.protocol.codec.SessionErrorDecoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A test's hand on the wire: writes any bytes as frames and reads the server's frames one at a time, so that tests
 * can send what no client library would. Test helper; single threaded.
 */
final class RawSession implements AutoCloseable
{
    static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawSession(final int port) throws IOException
    {
        this(port, 0);
    }

    /** @param receiveBufferBytes the socket's receive buffer (a small one fills fast), or 0 for the default. */
    RawSession(final int port, final int receiveBufferBytes) throws IOException
    {
        socket = new Socket();
        if (receiveBufferBytes > 0)
        {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Writes a length prefix and the bytes. */
    RawSession frame(final byte[] message) throws IOException
    {
        out.write(lengthPrefix(message.length));
        out.write(message);
        out.flush();
        return this;
    }

    RawSession raw(final byte[] bytes) throws IOException
    {
        out.write(bytes);
        out.flush();
        return this;
    }

    static byte[] lengthPrefix(final int length)
    {
        return new byte[] {(byte)length, (byte)(length >>> 8), (byte)(length >>> 16), (byte)(length >>> 24)};
    }

    static byte[] hello(final int protocolVersion)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[HEADER + HelloEncoder.BLOCK_LENGTH]);
        new HelloEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).protocolVersion(protocolVersion);
        return buffer.byteArray();
    }

    static byte[] login(final ApiKeyFile key)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[HEADER + LoginEncoder.BLOCK_LENGTH]);
        final byte[] secret = ApiKeyText.secret(key.key());
        new LoginEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .accountId(key.accountId()).keyId(ApiKeyText.keyId(key.key())).putSecret(secret, 0, secret.length);
        return buffer.byteArray();
    }

    /** Hello and Login, each answered. */
    RawSession logIn(final ApiKeyFile key) throws IOException
    {
        frame(hello(HelloEncoder.SCHEMA_VERSION));
        read();
        frame(login(key));
        final UnsafeBuffer answer = read();
        if (templateId(answer) != io.ordo.protocol.codec.LoginAcceptedDecoder.TEMPLATE_ID)
        {
            throw new IllegalStateException("login refused: template " + templateId(answer));
        }
        return this;
    }

    /** @return the next frame from the server (its message, without the length prefix). */
    UnsafeBuffer read() throws IOException
    {
        final int length = Integer.reverseBytes(in.readInt());
        final byte[] message = new byte[length];
        in.readFully(message);
        return new UnsafeBuffer(message);
    }

    static int templateId(final UnsafeBuffer message)
    {
        return new MessageHeaderDecoder().wrap(message, 0).templateId();
    }

    static SessionErrorCode errorCode(final UnsafeBuffer message)
    {
        if (templateId(message) != SessionErrorDecoder.TEMPLATE_ID)
        {
            throw new AssertionError("expected a SessionError, got template " + templateId(message));
        }
        return new SessionErrorDecoder().wrapAndApplyHeader(message, 0, new MessageHeaderDecoder()).code();
    }

    static long errorRequestId(final UnsafeBuffer message)
    {
        return new SessionErrorDecoder().wrapAndApplyHeader(message, 0, new MessageHeaderDecoder()).clientRequestId();
    }

    static long errorDetail(final UnsafeBuffer message)
    {
        return new SessionErrorDecoder().wrapAndApplyHeader(message, 0, new MessageHeaderDecoder()).detail();
    }

    /** @return whether the server closed the connection (end of stream within the socket timeout). */
    boolean closedByServer() throws IOException
    {
        try
        {
            while (true)
            {
                read();
            }
        }
        catch (final EOFException closed)
        {
            return true;
        }
        catch (final SocketTimeoutException open)
        {
            return false;
        }
        catch (final IOException reset)
        {
            return reset.getMessage() != null && reset.getMessage().contains("reset");
        }
    }

    static long getLong(final UnsafeBuffer buffer, final int index)
    {
        return buffer.getLong(index, ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }
}
