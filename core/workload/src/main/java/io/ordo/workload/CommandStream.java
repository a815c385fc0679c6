package io.ordo.workload;

import java.util.Arrays;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;

/**
 * A recorded stream of encoded Ordo commands, back to back in one off-heap buffer, with an engine-neutral
 * description of each (kind, account, order id, side, price, size) from which another engine's commands can be
 * built for a side-by-side run.
 * <p>
 * Filled once by a generator, then read by any number of threads.
 */
public final class CommandStream
{
    /** Set-up: assets, instrument, accounts, deposits. */
    public static final byte SETUP = 0;
    public static final byte PLACE_GTC = 1;
    public static final byte PLACE_IOC = 2;
    public static final byte CANCEL = 3;
    /** Replace at a new price with the same open quantity (loses time priority). */
    public static final byte MOVE = 4;
    /** Replace at the same price with a smaller open quantity (keeps time priority). */
    public static final byte REDUCE = 5;
    /** Transfer of the quote asset; order id holds the receiving account, size the amount. */
    public static final byte TRANSFER = 6;
    /** Deposit of the quote asset; size is the amount. */
    public static final byte DEPOSIT = 7;
    /** Withdrawal of the quote asset; size is the amount. */
    public static final byte WITHDRAW = 8;

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

    /**
     * Records the command just encoded at {@link #nextOffset()}.
     *
     * @param size the quantity placed, the new open quantity of a move, or the quantity taken off by a reduce.
     */
    void append(
        final int length, final byte kind, final long accountId, final long orderId, final byte side,
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
        kinds[count] = kind;
        accountIds[count] = accountId;
        orderIds[count] = orderId;
        sides[count] = side;
        prices[count] = price;
        sizes[count] = size;
        count++;
        bytes += length;
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

    public byte kind(final int index)
    {
        return kinds[index];
    }

    public long accountId(final int index)
    {
        return accountIds[index];
    }

    /** @return the order the command places (its id as Ordo assigns it) or acts on. */
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
