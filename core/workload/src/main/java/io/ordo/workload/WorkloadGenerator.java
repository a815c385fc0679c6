package io.ordo.workload;

import java.util.SplittableRandom;

import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.Side;
import org.agrona.MutableDirectBuffer;

/**
 * The demo's deterministic command stream: a function of the seed and of the events seen so far (through
 * {@link OpenOrders}), never of the clock.
 * <p>
 * Set-up: the operator (account 0) creates 2-3 assets and 1-3 instruments with non-zero fees, then
 * {@value #ACCOUNT_COUNT} accounts open and each deposits {@value #FUNDING_AMOUNT} of every asset. Then a mix of
 * GTC, IOC, FOK, post-only and market orders (by price limit or by quote budget), cancels and replaces of open
 * orders, cancel-alls, transfers, deposits and withdrawals. Prices random-walk around a centre per instrument;
 * most limit orders rest a few ticks away from it, some cross it. The cancel rate grows with the number of open
 * orders, which keeps the book near {@value #TARGET_OPEN_ORDERS} orders.
 * <p>
 * Client request ids are the command's sequence number (from 1) and timestamps a counter, so the stream is the
 * same on every run with the same seed. Cancels and replaces pick from the orders known to be open when the
 * chunk is generated; a cancelled order is dropped at once so it is not cancelled twice, but an order may fill
 * before its cancel arrives within the same chunk: those cancels are rejected ({@code UNKNOWN_ORDER}), as they
 * would be for a real client.
 * <p>
 * Allocation-free while generating. Not thread safe; owned by the demo thread.
 */
public final class WorkloadGenerator
{
    /** Encoded length of the longest command, rounded up: chunk buffers hold this many bytes per command. */
    public static final int MAX_COMMAND_LENGTH = 128;
    static final long OPERATOR_ACCOUNT_ID = 0;
    public static final int ACCOUNT_COUNT = 1_000;
    public static final int TARGET_OPEN_ORDERS = 1_000;
    static final long FUNDING_AMOUNT = 1_000_000_000_000L;

    static final int CREATE_ASSET = 0;
    static final int CREATE_INSTRUMENT = 1;
    static final int OPEN_ACCOUNT = 2;
    static final int DEPOSIT = 3;
    static final int WITHDRAW = 4;
    static final int TRANSFER = 5;
    static final int PLACE_GTC = 6;
    static final int PLACE_IOC = 7;
    static final int PLACE_FOK = 8;
    static final int PLACE_POST_ONLY = 9;
    static final int PLACE_MARKET_LIMIT = 10;
    static final int PLACE_MARKET_BUDGET = 11;
    static final int CANCEL_ORDER = 12;
    static final int REPLACE_ORDER = 13;
    static final int CANCEL_ALL = 14;
    public static final int COMMAND_TYPE_COUNT = 15;

    private static final String[] COMMAND_TYPE_NAMES =
    {
        "CreateAsset",
        "CreateInstrument",
        "OpenAccount",
        "Deposit",
        "Withdraw",
        "Transfer",
        "PlaceOrder GTC",
        "PlaceOrder IOC",
        "PlaceOrder FOK",
        "PlaceOrder POST_ONLY",
        "PlaceOrder MARKET (price limit)",
        "PlaceOrder MARKET (quote budget)",
        "CancelOrder",
        "ReplaceOrder",
        "CancelAll",
    };

    // Stream mix in parts per million. The cancel share is dynamic (see cancelPpm); GTC takes what is left.
    private static final int CANCEL_PPM_AT_TARGET = 340_000;
    private static final int CANCEL_PPM_MAX = 450_000;
    private static final int REPLACE_PPM = 150_000;
    private static final int IOC_PPM = 40_000;
    private static final int FOK_PPM = 10_000;
    private static final int MARKET_PPM = 15_000;
    private static final int POST_ONLY_PPM = 20_000;
    private static final int TRANSFER_PPM = 60_000;
    private static final int DEPOSIT_PPM = 10_000;
    private static final int WITHDRAW_PPM = 10_000;
    private static final int CANCEL_ALL_PPM = 1_000;

    /** One price move of one tick, up or down, per this many orders on an instrument (on average). */
    private static final int CENTRE_MOVE_ONE_IN = 16;
    private static final int PASSIVE_MAX_TICKS = 25;
    private static final int AGGRESSIVE_ONE_IN = 40;
    private static final int AGGRESSIVE_MAX_TICKS = 3;
    private static final int MAX_LOTS = 50;
    private static final long TIMESTAMP_STEP_NS = 1_000;

    private final SplittableRandom random;
    private final CommandWriter writer = new CommandWriter();
    private final OpenOrders openOrders;
    private final long totalCommands;
    private final long[] sentByType = new long[COMMAND_TYPE_COUNT];

    private final int assetCount;
    private final int instrumentCount;
    private final int[] baseAssetIds;
    private final int[] quoteAssetIds;
    private final int[] makerFeePpm;
    private final int[] takerFeePpm;
    private final long[] lotSizes;
    private final long[] tickSizes;
    private final long[] centreTicks;
    private final long[] lowestCentreTicks;
    private final long[] highestCentreTicks;
    private final long setupCommands;

    private long sequence;

    /**
     * @param seed          of the whole workload.
     * @param totalCommands set-up and stream together; the set-up is cut short if this is smaller.
     * @param openOrders    kept up to date by the events of the commands generated so far.
     */
    public WorkloadGenerator(final long seed, final long totalCommands, final OpenOrders openOrders)
    {
        if (totalCommands < 1)
        {
            throw new IllegalArgumentException("totalCommands must be >= 1: " + totalCommands);
        }
        this.random = new SplittableRandom(seed);
        this.totalCommands = totalCommands;
        this.openOrders = openOrders;

        assetCount = 2 + random.nextInt(2);
        // (base, quote) pairs; asset 1 is the main quote asset.
        final int[][] pairs = assetCount == 3 ?
            new int[][] { { 2, 1 }, { 3, 1 }, { 3, 2 } } :
            new int[][] { { 2, 1 }, { 1, 2 } };
        instrumentCount = 1 + random.nextInt(Math.min(3, pairs.length));

        baseAssetIds = new int[instrumentCount];
        quoteAssetIds = new int[instrumentCount];
        makerFeePpm = new int[instrumentCount];
        takerFeePpm = new int[instrumentCount];
        lotSizes = new long[instrumentCount];
        tickSizes = new long[instrumentCount];
        centreTicks = new long[instrumentCount];
        lowestCentreTicks = new long[instrumentCount];
        highestCentreTicks = new long[instrumentCount];
        final long[] tickChoices = { 1, 5, 25 };
        for (int i = 0; i < instrumentCount; i++)
        {
            baseAssetIds[i] = pairs[i][0];
            quoteAssetIds[i] = pairs[i][1];
            makerFeePpm[i] = 50 + random.nextInt(200);
            takerFeePpm[i] = makerFeePpm[i] + 100 + random.nextInt(400);
            lotSizes[i] = 100L * pow10(random.nextInt(3));
            tickSizes[i] = tickChoices[random.nextInt(tickChoices.length)];
            centreTicks[i] = 2_000 + random.nextInt(18_000);
            lowestCentreTicks[i] = centreTicks[i] / 2;
            highestCentreTicks[i] = centreTicks[i] * 2;
        }

        setupCommands = assetCount + instrumentCount + ACCOUNT_COUNT + (long)ACCOUNT_COUNT * assetCount;
    }

    public int assetCount()
    {
        return assetCount;
    }

    public int instrumentCount()
    {
        return instrumentCount;
    }

    /** Commands generated so far. */
    public long generated()
    {
        return sequence;
    }

    public static String commandTypeName(final int commandType)
    {
        return COMMAND_TYPE_NAMES[commandType];
    }

    public long sent(final int commandType)
    {
        return sentByType[commandType];
    }

    /**
     * Encodes the next commands back to back into the buffer, recording where each starts and how long it is.
     *
     * @param buffer  of at least {@code offsets.length * MAX_COMMAND_LENGTH} bytes.
     * @param offsets filled with each command's offset.
     * @param lengths filled with each command's length.
     * @return how many commands were written: {@code offsets.length} or fewer at the end, 0 when done.
     */
    public int generate(final MutableDirectBuffer buffer, final int[] offsets, final int[] lengths)
    {
        int count = 0;
        int offset = 0;
        while (count < offsets.length && sequence < totalCommands)
        {
            final long clientRequestId = ++sequence;
            final int length = sequence <= setupCommands ?
                setupCommand(buffer, offset, sequence - 1, clientRequestId) :
                streamCommand(buffer, offset, clientRequestId);
            offsets[count] = offset;
            lengths[count] = length;
            offset += length;
            count++;
        }
        return count;
    }

    private int setupCommand(
        final MutableDirectBuffer buffer, final int offset, final long step, final long clientRequestId)
    {
        final long timestampNs = clientRequestId * TIMESTAMP_STEP_NS;
        long index = step;
        if (index < assetCount)
        {
            sentByType[CREATE_ASSET]++;
            final int assetId = (int)index + 1;
            return writer.createAsset(buffer, offset, OPERATOR_ACCOUNT_ID, clientRequestId, timestampNs,
                assetId, assetId == 1 ? 2 : 8);
        }
        index -= assetCount;
        if (index < instrumentCount)
        {
            sentByType[CREATE_INSTRUMENT]++;
            final int i = (int)index;
            final long lot = lotSizes[i];
            final long tick = tickSizes[i];
            return writer.createInstrument(buffer, offset, OPERATOR_ACCOUNT_ID, clientRequestId, timestampNs,
                i + 1, baseAssetIds[i], quoteAssetIds[i], makerFeePpm[i], takerFeePpm[i], lot, tick,
                lot, lot * 100_000, tick, tick * 10_000_000);
        }
        index -= instrumentCount;
        if (index < ACCOUNT_COUNT)
        {
            sentByType[OPEN_ACCOUNT]++;
            return writer.openAccount(buffer, offset, index + 1, clientRequestId, timestampNs);
        }
        index -= ACCOUNT_COUNT;
        sentByType[DEPOSIT]++;
        final long accountId = index / assetCount + 1;
        final int assetId = (int)(index % assetCount) + 1;
        return writer.deposit(buffer, offset, accountId, clientRequestId, timestampNs, assetId, FUNDING_AMOUNT);
    }

    private int streamCommand(final MutableDirectBuffer buffer, final int offset, final long clientRequestId)
    {
        final long timestampNs = clientRequestId * TIMESTAMP_STEP_NS;
        final int openCount = openOrders.size();
        final int cancelPpm =
            (int)Math.min(CANCEL_PPM_MAX, (long)CANCEL_PPM_AT_TARGET * openCount / TARGET_OPEN_ORDERS);
        int draw = random.nextInt(1_000_000);

        if (openCount > 0)
        {
            if ((draw -= cancelPpm) < 0)
            {
                return cancelOrder(buffer, offset, clientRequestId, timestampNs);
            }
            if ((draw -= REPLACE_PPM) < 0)
            {
                return replaceOrder(buffer, offset, clientRequestId, timestampNs);
            }
        }
        if ((draw -= IOC_PPM) < 0)
        {
            return immediateOrder(buffer, offset, clientRequestId, timestampNs, OrderKind.IOC, PLACE_IOC);
        }
        if ((draw -= FOK_PPM) < 0)
        {
            return immediateOrder(buffer, offset, clientRequestId, timestampNs, OrderKind.FOK, PLACE_FOK);
        }
        if ((draw -= MARKET_PPM) < 0)
        {
            return marketOrder(buffer, offset, clientRequestId, timestampNs);
        }
        if ((draw -= POST_ONLY_PPM) < 0)
        {
            return postOnlyOrder(buffer, offset, clientRequestId, timestampNs);
        }
        if ((draw -= TRANSFER_PPM) < 0)
        {
            sentByType[TRANSFER]++;
            final long from = randomAccountId();
            long to = randomAccountId();
            if (to == from)
            {
                to = from % ACCOUNT_COUNT + 1;
            }
            return writer.transfer(buffer, offset, from, clientRequestId, timestampNs,
                to, randomAssetId(), 1 + random.nextInt(1_000_000));
        }
        if ((draw -= DEPOSIT_PPM) < 0)
        {
            sentByType[DEPOSIT]++;
            return writer.deposit(buffer, offset, randomAccountId(), clientRequestId, timestampNs,
                randomAssetId(), 1_000_000 + random.nextLong(1_000_000_000L));
        }
        if ((draw -= WITHDRAW_PPM) < 0)
        {
            sentByType[WITHDRAW]++;
            return writer.withdraw(buffer, offset, randomAccountId(), clientRequestId, timestampNs,
                randomAssetId(), 1 + random.nextInt(1_000_000));
        }
        if ((draw -= CANCEL_ALL_PPM) < 0)
        {
            sentByType[CANCEL_ALL]++;
            final int instrumentId = random.nextBoolean() ? 0 : randomInstrumentIndex() + 1;
            return writer.cancelAll(buffer, offset, randomAccountId(), clientRequestId, timestampNs, instrumentId);
        }
        return limitOrder(buffer, offset, clientRequestId, timestampNs);
    }

    private int limitOrder(
        final MutableDirectBuffer buffer, final int offset, final long clientRequestId, final long timestampNs)
    {
        sentByType[PLACE_GTC]++;
        final int i = randomInstrumentIndex();
        moveCentre(i);
        final Side side = randomSide();
        final long price = restingPriceTicks(i, side) * tickSizes[i];
        final long quantity = (1 + random.nextInt(MAX_LOTS)) * lotSizes[i];
        return writer.placeOrder(buffer, offset, randomAccountId(), clientRequestId, timestampNs,
            i + 1, side, OrderKind.GTC, price, quantity, 0);
    }

    private int postOnlyOrder(
        final MutableDirectBuffer buffer, final int offset, final long clientRequestId, final long timestampNs)
    {
        sentByType[PLACE_POST_ONLY]++;
        final int i = randomInstrumentIndex();
        moveCentre(i);
        final Side side = randomSide();
        // From the centre outwards: the ones at or near the centre may cross and be rejected (WOULD_CROSS).
        final long distance = random.nextInt(10);
        final long priceTicks = side == Side.BUY ? centreTicks[i] - distance : centreTicks[i] + distance;
        final long quantity = (1 + random.nextInt(MAX_LOTS)) * lotSizes[i];
        return writer.placeOrder(buffer, offset, randomAccountId(), clientRequestId, timestampNs,
            i + 1, side, OrderKind.POST_ONLY, priceTicks * tickSizes[i], quantity, 0);
    }

    private int immediateOrder(
        final MutableDirectBuffer buffer, final int offset, final long clientRequestId, final long timestampNs,
        final OrderKind kind, final int commandType)
    {
        sentByType[commandType]++;
        final int i = randomInstrumentIndex();
        moveCentre(i);
        final Side side = randomSide();
        final long through = random.nextInt(4);
        final long priceTicks = side == Side.BUY ? centreTicks[i] + through : centreTicks[i] - through;
        final long quantity = (1 + random.nextInt(MAX_LOTS / 2)) * lotSizes[i];
        return writer.placeOrder(buffer, offset, randomAccountId(), clientRequestId, timestampNs,
            i + 1, side, kind, priceTicks * tickSizes[i], quantity, 0);
    }

    private int marketOrder(
        final MutableDirectBuffer buffer, final int offset, final long clientRequestId, final long timestampNs)
    {
        final int i = randomInstrumentIndex();
        moveCentre(i);
        final long lots = 1 + random.nextInt(MAX_LOTS / 2);
        final long quantity = lots * lotSizes[i];
        if (random.nextBoolean())
        {
            // Buy with a quote budget: enough for roughly half to all of the lots near the centre.
            sentByType[PLACE_MARKET_BUDGET]++;
            final long lotPrice = centreTicks[i] * tickSizes[i];
            final long budget = lotPrice * lots / 2 + random.nextLong(lotPrice * lots);
            return writer.placeOrder(buffer, offset, randomAccountId(), clientRequestId, timestampNs,
                i + 1, Side.BUY, OrderKind.MARKET, 0, quantity, Math.max(1, budget));
        }
        sentByType[PLACE_MARKET_LIMIT]++;
        final Side side = randomSide();
        final long slippage = 10 + random.nextInt(20);
        final long priceTicks = side == Side.BUY ? centreTicks[i] + slippage : Math.max(1, centreTicks[i] - slippage);
        return writer.placeOrder(buffer, offset, randomAccountId(), clientRequestId, timestampNs,
            i + 1, side, OrderKind.MARKET, priceTicks * tickSizes[i], quantity, 0);
    }

    private int cancelOrder(
        final MutableDirectBuffer buffer, final int offset, final long clientRequestId, final long timestampNs)
    {
        sentByType[CANCEL_ORDER]++;
        final int index = random.nextInt(openOrders.size());
        final long orderId = openOrders.orderId(index);
        final long accountId = openOrders.accountId(index);
        openOrders.remove(orderId); // so that this chunk does not cancel it again
        return writer.cancelOrder(buffer, offset, accountId, clientRequestId, timestampNs, orderId);
    }

    private int replaceOrder(
        final MutableDirectBuffer buffer, final int offset, final long clientRequestId, final long timestampNs)
    {
        sentByType[REPLACE_ORDER]++;
        final int index = random.nextInt(openOrders.size());
        final int i = openOrders.instrumentId(index) - 1;
        final long tick = tickSizes[i];
        final long lot = lotSizes[i];
        final long oldPrice = openOrders.price(index);
        final long oldQuantity = openOrders.remainingQuantity(index);
        long newPrice = oldPrice;
        long newQuantity = oldQuantity;
        if (random.nextInt(5) < 3)
        {
            // Re-quote near the current centre, as a market maker would.
            moveCentre(i);
            newPrice = restingPriceTicks(i, openOrders.sideCode(index) == Side.BUY.value() ? Side.BUY : Side.SELL) *
                tick;
        }
        else
        {
            newQuantity = (1 + random.nextInt(MAX_LOTS)) * lot;
        }
        if (newPrice == oldPrice && newQuantity == oldQuantity)
        {
            newQuantity = oldQuantity == lot ? 2 * lot : oldQuantity - lot;
        }
        return writer.replaceOrder(buffer, offset, openOrders.accountId(index), clientRequestId, timestampNs,
            openOrders.orderId(index), newPrice, newQuantity);
    }

    /** Mostly a few ticks behind the centre on the order's own side; one in {@value #AGGRESSIVE_ONE_IN} crosses it. */
    private long restingPriceTicks(final int i, final Side side)
    {
        final long distance = random.nextInt(AGGRESSIVE_ONE_IN) == 0 ?
            -(1 + random.nextInt(AGGRESSIVE_MAX_TICKS)) :
            1 + random.nextInt(PASSIVE_MAX_TICKS);
        final long priceTicks = side == Side.BUY ? centreTicks[i] - distance : centreTicks[i] + distance;
        return Math.max(1, priceTicks);
    }

    private void moveCentre(final int i)
    {
        if (random.nextInt(CENTRE_MOVE_ONE_IN) == 0)
        {
            final long moved = centreTicks[i] + (random.nextBoolean() ? 1 : -1);
            if (moved >= lowestCentreTicks[i] && moved <= highestCentreTicks[i])
            {
                centreTicks[i] = moved;
            }
        }
    }

    private long randomAccountId()
    {
        return 1 + random.nextInt(ACCOUNT_COUNT);
    }

    private int randomAssetId()
    {
        return 1 + random.nextInt(assetCount);
    }

    private int randomInstrumentIndex()
    {
        return random.nextInt(instrumentCount);
    }

    private Side randomSide()
    {
        return random.nextBoolean() ? Side.BUY : Side.SELL;
    }

    private static long pow10(final int exponent)
    {
        long value = 1;
        for (int i = 0; i < exponent; i++)
        {
            value *= 10;
        }
        return value;
    }
}
