package io.ordo.gateway.server;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * One raw connection of the fuzz campaign: writes any bytes, and reads the server's frames one at a time, telling
 * an end of stream, a reset and a read timeout apart instead of throwing. Bound to a chosen loopback address, so
 * that failed logins can come from addresses of their own (the gateway limits failed logins per address).
 * <p>
 * Not thread safe; one per connection, owned by the thread that drives it.
 */
final class FuzzConnection implements AutoCloseable
{
    /** How the connection ended, if it did; {@link #OPEN} while it has not. */
    enum End
    {
        OPEN, EOF, RESET, TIMEOUT
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private End end = End.OPEN;

    FuzzConnection(final InetAddress localAddress, final int port, final int readTimeoutMs) throws IOException
    {
        socket = new Socket();
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), readTimeoutMs);
        socket.setSoTimeout(readTimeoutMs);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 16 * 1024));
        out = socket.getOutputStream();
    }

    /** @return false when the write failed because the server had closed the connection (then {@link #end()}). */
    boolean write(final byte[] bytes, final int length)
    {
        try
        {
            out.write(bytes, 0, length);
            out.flush();
            return true;
        }
        catch (final IOException closed)
        {
            end = End.RESET;
            return false;
        }
    }

    /**
     * @return the next frame's message (without its length prefix), or null when the connection ended or nothing
     * came within the read timeout: see {@link #end()}.
     */
    UnsafeBuffer read()
    {
        if (end != End.OPEN)
        {
            return null;
        }
        try
        {
            final int length = Integer.reverseBytes(in.readInt());
            if (length < 0 || length > (64 << 20))
            {
                throw new IllegalStateException("the server sent a frame of length " + (length & 0xFFFF_FFFFL));
            }
            final byte[] message = new byte[length];
            in.readFully(message);
            return new UnsafeBuffer(message);
        }
        catch (final EOFException e)
        {
            end = End.EOF;
        }
        catch (final SocketTimeoutException e)
        {
            end = End.TIMEOUT;
        }
        catch (final IOException e)
        {
            end = End.RESET;
        }
        return null;
    }

    /** @return how the connection ended, or {@link End#OPEN}. A timeout ends it too: the stream is out of step. */
    End end()
    {
        return end;
    }

    /** Closes with a reset (SO_LINGER 0) rather than a FIN. */
    void reset()
    {
        try
        {
            socket.setSoLinger(true, 0);
        }
        catch (final IOException ignored)
        {
            // Closed already: nothing to reset.
        }
        close();
    }

    @Override
    public void close()
    {
        try
        {
            socket.close();
        }
        catch (final IOException ignored)
        {
            // Nothing to do about a failed close of a test socket.
        }
    }
}
