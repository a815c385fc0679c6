package io.ordo.core.spec;

import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.util.Arrays;

import io.ordo.core.BlpConfig;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.codec.CancelOrderEncoder;
import io.ordo.protocol.codec.MessageHeaderEncoder;
import io.ordo.protocol.codec.OrderCancelledEncoder;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.OrderReplacedEncoder;
import io.ordo.protocol.codec.ReplaceOrderEncoder;
import io.ordo.protocol.codec.Side;
import io.ordo.protocol.codec.TradeEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Non-negotiable 6: the hot path allocates nothing in steady state. The JVM's per-thread allocation counter
 * (not a clock) is read around a stationary workload of resting orders, crossing IOC orders, replaces, cancels and
 * cancel-all, which leaves the book empty at the end of every cycle.
 */
class SteadyStateAllocationTest
{
    private static final int ACCOUNTS = 50;
    private static final int QUARTETS = 5_000;
    private static final int INSTRUMENT = 7;
    /** A bound for the JVM's one-off allocations in a measured window; one byte per command would be 20 times it. */
    private static final long ONE_OFF_BYTES = 1_024;

    private final ExpandableArrayBuffer cycle = new ExpandableArrayBuffer(1 << 20);
    private final int[] offsets = new int[QUARTETS * 4 + ACCOUNTS + 1];
    private final int[] orderIdOffsets = new int[QUARTETS * 2];
    private final int[] orderIdDeltas = new int[QUARTETS * 2];
    private final long[] counts = new long[256];

    @Test
    void shouldAllocateNothingWhenProcessingSteadyStateCommands()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assumeThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);

        final BusinessLogicProcessor blp = new BusinessLogicProcessor(
            new BlpConfig().requestWindowCapacity(1 << 14).orderPoolCapacity(1 << 12),
            (buffer, offset, length) -> counts[buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFF]++);
        long requestId = setUp(blp);
        buildCycle();

        // Warm up: grow pools, maps and level arrays to their steady size and let the JIT compile.
        long nextOrderId = 1;
        for (int round = 0; round < 20; round++)
        {
            requestId = runCycle(blp, requestId, nextOrderId);
            nextOrderId += 2L * QUARTETS;
        }
        final long replacedBefore = counts[OrderReplacedEncoder.TEMPLATE_ID];
        final long cancelledBefore = counts[OrderCancelledEncoder.TEMPLATE_ID];
        final long tradesBefore = counts[TradeEncoder.TEMPLATE_ID];
        // Five measured windows of one cycle each. A per-command allocation, however small, shows in every window.
        // A one-off of the JVM's (the first optimised compilation of a method resolving its string constants on the
        // calling thread, seen on a loaded machine) shows in one window only and stays far below a cycle's size.
        final long[] allocatedPerWindow = new long[5];
        for (int window = 0; window < allocatedPerWindow.length; window++)
        {
            final long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            requestId = runCycle(blp, requestId, nextOrderId);
            nextOrderId += 2L * QUARTETS;
            allocatedPerWindow[window] = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        }
        final long allocated = Arrays.stream(allocatedPerWindow).sum();
        final long leastAllocated = Arrays.stream(allocatedPerWindow).min().orElseThrow();

        assertThat(blp.openOrderCount()).as("each cycle ends with an empty book").isZero();
        assertThat(counts[OrderReplacedEncoder.TEMPLATE_ID] - replacedBefore).as("replaces").isGreaterThan(1_000);
        assertThat(counts[OrderCancelledEncoder.TEMPLATE_ID] - cancelledBefore).as("cancels").isGreaterThan(1_000);
        assertThat(counts[TradeEncoder.TEMPLATE_ID] - tradesBefore).as("trades").isGreaterThan(1_000);
        assertThat(leastAllocated)
            .as("bytes allocated by the %d commands of the quietest window (all windows: %s)", offsets.length - 1,
                Arrays.toString(allocatedPerWindow))
            .isZero();
        assertThat(allocated)
            .as("bytes allocated by %d commands (windows: %s): more than a one-off", 5 * (offsets.length - 1),
                Arrays.toString(allocatedPerWindow))
            .isLessThan(ONE_OFF_BYTES);
    }

    private long setUp(final BusinessLogicProcessor blp)
    {
        final CommandWriter writer = new CommandWriter();
        final ExpandableArrayBuffer setup = new ExpandableArrayBuffer(256);
        long requestId = 1;
        blp.onCommand(setup, 0, writer.createAsset(setup, 0, 0, requestId++, 0, 1, 8));
        blp.onCommand(setup, 0, writer.createAsset(setup, 0, 0, requestId++, 0, 2, 2));
        blp.onCommand(setup, 0, writer.createInstrument(setup, 0, 0, requestId++, 0, INSTRUMENT, 1, 2, 1_000, 2_000,
            100, 1, 100, 1_000_000, 1, 10_000_000));
        for (long account = 1; account <= ACCOUNTS; account++)
        {
            blp.onCommand(setup, 0, writer.openAccount(setup, 0, account, requestId++, 0));
            blp.onCommand(setup, 0, writer.deposit(setup, 0, account, requestId++, 0, 1, Long.MAX_VALUE / 1_000));
            blp.onCommand(setup, 0, writer.deposit(setup, 0, account, requestId++, 0, 2, Long.MAX_VALUE / 1_000));
        }
        return requestId;
    }

    /**
     * Quartet q: its owner rests a sell (order id base + 2q), another account sends a crossing IOC buy
     * (base + 2q + 1), the owner replaces its sell, then cancels it. The cycle ends with cancel-all for everyone.
     * Order ids are patched per cycle (base), request ids per command.
     */
    private void buildCycle()
    {
        final CommandWriter writer = new CommandWriter();
        final int header = MessageHeaderEncoder.ENCODED_LENGTH;
        int position = 0;
        int command = 0;
        for (int q = 0; q < QUARTETS; q++)
        {
            final long owner = 1 + (q % ACCOUNTS);
            final long other = 1 + ((q + 1) % ACCOUNTS);
            offsets[command++] = position;
            position += writer.placeOrder(cycle, position, owner, 0, 0, INSTRUMENT, Side.SELL, OrderKind.GTC,
                1_000 + (q % 7), 300, 0);
            offsets[command++] = position;
            position += writer.placeOrder(cycle, position, other, 0, 0, INSTRUMENT, Side.BUY, OrderKind.IOC,
                1_003, 200, 0);
            offsets[command++] = position;
            orderIdOffsets[2 * q] = position + header + ReplaceOrderEncoder.orderIdEncodingOffset();
            orderIdDeltas[2 * q] = 2 * q;
            position += writer.replaceOrder(cycle, position, owner, 0, 0, 0, 1_000 + (q % 5), 100 * (1 + q % 3));
            offsets[command++] = position;
            orderIdOffsets[2 * q + 1] = position + header + CancelOrderEncoder.orderIdEncodingOffset();
            orderIdDeltas[2 * q + 1] = 2 * q;
            position += writer.cancelOrder(cycle, position, owner, 0, 0, 0);
        }
        for (int i = 0; i < ACCOUNTS; i++)
        {
            offsets[command++] = position;
            position += writer.cancelAll(cycle, position, i + 1, 0, 0, 0);
        }
        offsets[command] = position;
    }

    private long runCycle(final BusinessLogicProcessor blp, final long firstRequestId, final long baseOrderId)
    {
        for (int i = 0; i < orderIdOffsets.length; i++)
        {
            cycle.putLong(orderIdOffsets[i], baseOrderId + orderIdDeltas[i], ByteOrder.LITTLE_ENDIAN);
        }
        long requestId = firstRequestId;
        for (int i = 0; i < offsets.length - 1; i++)
        {
            final int offset = offsets[i];
            cycle.putLong(offset + CommandWriter.CLIENT_REQUEST_ID_OFFSET, requestId++, ByteOrder.LITTLE_ENDIAN);
            blp.onCommand(cycle, offset, offsets[i + 1] - offset);
        }
        return requestId;
    }
}
