package io.ordo.workload;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;

/**
 * A generated stream of encoded Ordo commands, back to back in one off-heap buffer, with the {@link CommandKind}
 * of each and an engine-neutral description (account, order id, side, price, size) from which another engine's
 * commands can be built for a side-by-side run. The shape in which the workload generators hand over encoded
 * commands: {@link StandardWorkload} fills three streams once, {@link DemoWorkload} one chunk at a time (or a
 * whole recording).
 * <p>
 * The description, by kind: the account is the command's; the order id is the order a cancel or replace acts on,
 * the id Ordo assigned to a placement when the generator learned it (else 0), the receiving account of a
 * transfer; the side is a placement's wire code ({@code Side}), 0 otherwise; the price is a placement's limit, a
 * replace's new price or the price of the order a cancel takes off; the size is the quantity placed, the new open
 * quantity of a replace or move, the quantity taken off by a reduce, the open quantity a cancel takes off, or a
 * ledger command's amount. Fields a command does not have, or the generator does not know, are 0.
 * <p>
 * Not thread safe while filled; once filled, read by any number of threads.
 */
public final class CommandStream
{
    private final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(1 << 16);
    private int[] offsets = new int[1024];
    private int[] lengths = new int[1024];
    private byte[] kinds = new byte[1024];
    private long[] accountIds = new long[1024];
    private long[] orderIds = new long[1024];
    private byte[] sides = new byte[1024];
    private long[] prices = new long[1024];
    private long[] sizes = new long[1024];
    private int count;
    private int bytes;

    /** The buffer to encode the next command into, at {@link #nextOffset()}. */
    ExpandableDirectByteBuffer buffer()
    {
        return buffer;
    }

    int nextOffset()
    {
        return bytes;
    }

    /** Records the command just encoded at {@link #nextOffset()}, described as the class comment says. */
    void append(
        final int length, final CommandKind kind, final long accountId, final long orderId, final byte side,
        final long price, final long size)
    {
        if (count == offsets.length)
        {
            final int capacity = count * 2;
            offsets = Arrays.copyOf(offsets, capacity);
            lengths = Arrays.copyOf(lengths, capacity);
            kinds = Arrays.copyOf(kinds, capacity);
            accountIds = Arrays.copyOf(accountIds, capacity);
            orderIds = Arrays.copyOf(orderIds, capacity);
            sides = Arrays.copyOf(sides, capacity);
            prices = Arrays.copyOf(prices, capacity);
            sizes = Arrays.copyOf(sizes, capacity);
        }
        offsets[count] = bytes;
        lengths[count] = length;
        kinds[count] = (byte)kind.ordinal();
        accountIds[count] = accountId;
        orderIds[count] = orderId;
        sides[count] = side;
        prices[count] = price;
        sizes[count] = size;
        count++;
        bytes += length;
    }

    /** Writes every command and its description, for {@link #readFrom} (in another class loader or JVM). */
    void writeTo(final DataOutputStream out) throws IOException
    {
        final byte[] command = new byte[1 << 16];
        out.writeInt(count);
        for (int i = 0; i < count; i++)
        {
            out.writeShort(lengths[i]);
            out.writeByte(kinds[i]);
            out.writeLong(accountIds[i]);
            out.writeLong(orderIds[i]);
            out.writeByte(sides[i]);
            out.writeLong(prices[i]);
            out.writeLong(sizes[i]);
            buffer.getBytes(offsets[i], command, 0, lengths[i]);
            out.write(command, 0, lengths[i]);
        }
    }

    /** Appends the commands a {@link #writeTo} wrote. */
    void readFrom(final DataInputStream in) throws IOException
    {
        final byte[] command = new byte[1 << 16];
        for (int i = 0, n = in.readInt(); i < n; i++)
        {
            final int length = in.readUnsignedShort();
            final CommandKind kind = CommandKind.get(in.readByte());
            final long accountId = in.readLong();
            final long orderId = in.readLong();
            final byte side = in.readByte();
            final long price = in.readLong();
            final long size = in.readLong();
            in.readFully(command, 0, length);
            buffer.putBytes(bytes, command, 0, length);
            append(length, kind, accountId, orderId, side, price, size);
        }
    }

    /** Forgets every command, keeping the memory: the stream can be filled again without allocating. */
    public void clear()
    {
        count = 0;
        bytes = 0;
    }

    public int count()
    {
        return count;
    }

    public DirectBuffer commands()
    {
        return buffer;
    }

    public int offset(final int index)
    {
        return offsets[index];
    }

    public int length(final int index)
    {
        return lengths[index];
    }

    public CommandKind kind(final int index)
    {
        return CommandKind.get(kinds[index]);
    }

    public long accountId(final int index)
    {
        return accountIds[index];
    }

    /** @return the order the command places (its id as Ordo assigns it, if known) or acts on. */
    public long orderId(final int index)
    {
        return orderIds[index];
    }

    /** @return the side's wire code ({@code Side}) of a placement, 0 otherwise. */
    public byte side(final int index)
    {
        return sides[index];
    }

    public long price(final int index)
    {
        return prices[index];
    }

    public long size(final int index)
    {
        return sizes[index];
    }
}
