package io.ordo.benchmarks.jmh;

import java.util.concurrent.TimeUnit;

import io.ordo.core.BlpConfig;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.core.EventSink;
import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.EventAdapter;
import io.ordo.protocol.EventListener;
import io.ordo.protocol.codec.CommandRejectedDecoder;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.protocol.codec.OrderAcceptedDecoder;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.Side;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Single BLP operations, each measured as a batch of {@value #BATCH} commands encoded beforehand: placing a
 * resting order, matching an aggressive IOC order across one and across five price levels, cancelling, replacing
 * (a move to a new price) and a transfer. What a batch needs (resting orders, their ids) is set up before each
 * invocation and cleared after it, unmeasured, so the state is the same for every invocation.
 * <p>
 * JMH state: one {@link Market} per thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BlpOperationsBenchmark
{
    static final int BATCH = 1_000;
    private static final int INSTRUMENT = 1;
    private static final int BASE = 1;
    private static final int QUOTE = 2;
    private static final long MAKER = 1;
    private static final long TAKER = 2;
    private static final long RESTING_PRICE = 1_000_000;
    private static final long QUANTITY = 10;

    /**
     * The BLP, a market with two funded accounts, and the batch of encoded commands to measure. Each benchmark
     * uses a subclass that adds its per-invocation set-up: one state object, so set-up and measurement act on the
     * same BLP (a separate state injected into another state's set-up turned out to be a second instance). It reads
     * the BLP's events as an {@link EventListener}: the ids of accepted orders and the count of rejections.
     */
    @State(Scope.Thread)
    public static class Market implements EventListener
    {

        final CommandWriter writer = new CommandWriter();
        final ExpandableDirectByteBuffer setupBuffer = new ExpandableDirectByteBuffer(1 << 20);
        final ExpandableDirectByteBuffer batch = new ExpandableDirectByteBuffer(1 << 20);
        final int[] offsets = new int[BATCH];
        final int[] lengths = new int[BATCH];
        final long[] acceptedOrderIds = new long[5 * BATCH];
        final EventAdapter eventAdapter = new EventAdapter(this);
        int accepted;
        long events;
        long rejected;
        long requestId;
        BusinessLogicProcessor blp;

        final EventSink sink = this::onEvent;

        final MessageHeaderDecoder header = new MessageHeaderDecoder();

        /**
         * Counts every event and decodes only the two it reads: the sink is inside the measured batch, and decoding
         * every field of every event (32 of them per five-level sweep) would add the adapter's cost to the BLP's.
         */
        void onEvent(final DirectBuffer buffer, final int offset, final int length)
        {
            events++;
            final int templateId = header.wrap(buffer, offset).templateId();
            if (templateId == OrderAcceptedDecoder.TEMPLATE_ID || templateId == CommandRejectedDecoder.TEMPLATE_ID)
            {
                eventAdapter.onEvent(buffer, offset, length);
            }
        }

        @Override
        public void onOrderAccepted(
            final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
            final int instrumentId, final short sideCode, final short kindCode, final long priceMinor,
            final long quantityMinor, final long quoteBudgetMinor, final long heldAmountMinor)
        {
            if (accepted < acceptedOrderIds.length)
            {
                acceptedOrderIds[accepted++] = orderId;
            }
        }

        @Override
        public void onCommandRejected(
            final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
            final short commandTypeCode, final short reasonCode, final short originalReasonCode)
        {
            rejected++;
        }

        @Setup(Level.Trial)
        public void createMarket()
        {
            blp = new BusinessLogicProcessor(new BlpConfig(), sink);
            apply(writer.createAsset(setupBuffer, 0, 0, ++requestId, 0, BASE, 2));
            apply(writer.createAsset(setupBuffer, 0, 0, ++requestId, 0, QUOTE, 2));
            apply(writer.createInstrument(setupBuffer, 0, 0, ++requestId, 0, INSTRUMENT, BASE, QUOTE, 100, 200,
                1, 1, 1, 1_000_000, 1, 100_000_000));
            for (long account = MAKER; account <= TAKER; account++)
            {
                apply(writer.openAccount(setupBuffer, 0, account, ++requestId, 0));
                apply(writer.deposit(setupBuffer, 0, account, ++requestId, 0, BASE, Long.MAX_VALUE / 4));
                apply(writer.deposit(setupBuffer, 0, account, ++requestId, 0, QUOTE, Long.MAX_VALUE / 4));
            }
        }

        /** @return commands rejected so far: 0 unless a benchmark measures something other than it says. */
        long rejected()
        {
            return rejected;
        }

        int openOrders()
        {
            return blp.openOrderCount();
        }

        void cancelAllOfMaker()
        {
            apply(writer.cancelAll(setupBuffer, 0, MAKER, ++requestId, 0, INSTRUMENT));
        }

        void apply(final int length)
        {
            blp.onCommand(setupBuffer, 0, length);
        }

        /** Rests {@code count} sell orders of the maker at one price per level, from RESTING_PRICE up. */
        void restSells(final int count, final int ordersPerLevel)
        {
            accepted = 0;
            for (int i = 0; i < count; i++)
            {
                apply(writer.placeOrder(setupBuffer, 0, MAKER, ++requestId, 0, INSTRUMENT, Side.SELL, OrderKind.GTC,
                    RESTING_PRICE + i / ordersPerLevel, QUANTITY, 0));
            }
        }

        void encodeBatch(final CommandEncoder encoder)
        {
            int offset = 0;
            for (int i = 0; i < BATCH; i++)
            {
                offsets[i] = offset;
                lengths[i] = encoder.encode(i, offset);
                offset += lengths[i];
            }
        }

        @FunctionalInterface
        interface CommandEncoder
        {
            int encode(int index, int offset);
        }

        long runBatch()
        {
            final BusinessLogicProcessor blp = this.blp;
            for (int i = 0; i < BATCH; i++)
            {
                blp.onCommand(batch, offsets[i], lengths[i]);
            }
            return events;
        }
    }

    /** A batch of resting buys, each at its own price below every sell. */
    @State(Scope.Thread)
    public static class PlaceState extends Market
    {
        @Setup(Level.Invocation)
        public void setUp()
        {
            encodeBatch((i, offset) -> writer.placeOrder(batch, offset, MAKER, ++requestId, 0, INSTRUMENT,
                Side.BUY, OrderKind.GTC, RESTING_PRICE / 2 - i, QUANTITY, 0));
        }

        @TearDown(Level.Invocation)
        public void tearDown()
        {
            cancelAllOfMaker();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long placeRestingOrder(final PlaceState market)
    {
        return market.runBatch();
    }

    /** One resting sell per level; each IOC buy takes exactly one level. */
    @State(Scope.Thread)
    public static class MatchOneLevelState extends Market
    {
        @Setup(Level.Invocation)
        public void setUp()
        {
            restSells(BATCH, 1);
            encodeBatch((i, offset) -> writer.placeOrder(batch, offset, TAKER, ++requestId, 0, INSTRUMENT,
                Side.BUY, OrderKind.IOC, RESTING_PRICE + i, QUANTITY, 0));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long matchAcrossOneLevel(final MatchOneLevelState market)
    {
        return market.runBatch();
    }

    /** One resting sell per level; each IOC buy sweeps five levels. */
    @State(Scope.Thread)
    public static class MatchFiveLevelsState extends Market
    {
        @Setup(Level.Invocation)
        public void setUp()
        {
            restSells(5 * BATCH, 1);
            encodeBatch((i, offset) -> writer.placeOrder(batch, offset, TAKER, ++requestId, 0, INSTRUMENT,
                Side.BUY, OrderKind.IOC, RESTING_PRICE + 5L * i + 4, 5 * QUANTITY, 0));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long matchAcrossFiveLevels(final MatchFiveLevelsState market)
    {
        return market.runBatch();
    }

    /** Resting sells to cancel, one each. */
    @State(Scope.Thread)
    public static class CancelState extends Market
    {
        @Setup(Level.Invocation)
        public void setUp()
        {
            restSells(BATCH, 10);
            encodeBatch((i, offset) -> writer.cancelOrder(batch, offset, MAKER, ++requestId, 0,
                acceptedOrderIds[i]));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long cancelOrder(final CancelState market)
    {
        return market.runBatch();
    }

    /** Resting sells, each moved one tick up (a new price: time priority lost), then cleared. */
    @State(Scope.Thread)
    public static class ReplaceState extends Market
    {
        @Setup(Level.Invocation)
        public void setUp()
        {
            restSells(BATCH, 10);
            encodeBatch((i, offset) -> writer.replaceOrder(batch, offset, MAKER, ++requestId, 0,
                acceptedOrderIds[i], RESTING_PRICE + i / 10 + 1, QUANTITY));
        }

        @TearDown(Level.Invocation)
        public void tearDown()
        {
            cancelAllOfMaker();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long replaceOrder(final ReplaceState market)
    {
        return market.runBatch();
    }

    /** Transfers back and forth between two accounts. */
    @State(Scope.Thread)
    public static class TransferState extends Market
    {
        @Setup(Level.Invocation)
        public void setUp()
        {
            encodeBatch((i, offset) ->
            {
                final long from = (i & 1) == 0 ? MAKER : TAKER;
                return writer.transfer(batch, offset, from, ++requestId, 0, MAKER + TAKER - from, QUOTE, 100);
            });
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long transfer(final TransferState market)
    {
        return market.runBatch();
    }
}
