package io.ordo.workload;

import java.util.List;
import java.util.SplittableRandom;

import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.Side;
import org.agrona.MutableDirectBuffer;

/**
 * The demo's workload ({@code ./ordo demo}): a deterministic command stream, a function of the seed and of the
 * events seen so far (through {@link OpenOrders}), never of the clock, appended chunk by chunk to a
 * {@link CommandStream} and counted by {@link CommandKind}.
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
 * Allocation-free once the stream it fills has grown to a chunk. Not thread safe; owned by the demo thread.
 */
public final class DemoWorkload
{
    public static final int ACCOUNT_COUNT = 1_000;
    public static final int TARGET_OPEN_ORDERS = 1_000;
    static final long OPERATOR_ACCOUNT_ID = 0;
    static final long FUNDING_AMOUNT = 1_000_000_000_000L;

    /** The kinds this workload generates, in the order of the demo's report. */
    public static final List<CommandKind> KINDS = List.of(
        CommandKind.CREATE_ASSET, CommandKind.CREATE_INSTRUMENT, CommandKind.OPEN_ACCOUNT, CommandKind.DEPOSIT,
        CommandKind.WITHDRAW, CommandKind.TRANSFER, CommandKind.PLACE_GTC, CommandKind.PLACE_IOC,
        CommandKind.PLACE_FOK, CommandKind.PLACE_POST_ONLY, CommandKind.PLACE_MARKET_LIMIT,
        CommandKind.PLACE_MARKET_BUDGET, CommandKind.CANCEL_ORDER, CommandKind.REPLACE_ORDER,
        CommandKind.CANCEL_ALL);

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
    private final long[] sentByKind = new long[CommandKind.COUNT];

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
    public DemoWorkload(final long seed, final long totalCommands, final OpenOrders openOrders)
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

    /** Commands of this kind generated so far. */
    public long sent(final CommandKind kind)
    {
        return sentByKind[kind.ordinal()];
    }

    /**
     * Appends the next commands to the stream (encoded back to back after what it holds), counting them by kind.
     *
     * @param maxCommands how many at most: the generator learns of new orders only from the events of the
     *                    commands it generated before, so a caller applies them in chunks of a few hundred.
     * @return how many commands were appended: {@code maxCommands} or fewer at the end, 0 when done.
     */
    public int generate(final CommandStream stream, final int maxCommands)
    {
        int count = 0;
        while (count < maxCommands && sequence < totalCommands)
        {
            final long clientRequestId = ++sequence;
            if (sequence <= setupCommands)
            {
                setupCommand(stream, sequence - 1, clientRequestId);
            }
            else
            {
                streamCommand(stream, clientRequestId);
            }
            count++;
        }
        return count;
    }

    private int setupCommand(final CommandStream stream, final long step, final long clientRequestId)
    {
        final MutableDirectBuffer buffer = stream.buffer();
        final int offset = stream.nextOffset();
        final long timestampNs = clientRequestId * TIMESTAMP_STEP_NS;
        long index = step;
        if (index < assetCount)
        {
            final int assetId = (int)index + 1;
            return append(stream, writer.createAsset(buffer, offset, OPERATOR_ACCOUNT_ID, clientRequestId,
                timestampNs, assetId, assetId == 1 ? 2 : 8), CommandKind.CREATE_ASSET, OPERATOR_ACCOUNT_ID, 0, 0, 0, 0);
        }
        index -= assetCount;
        if (index < instrumentCount)
        {
            final int i = (int)index;
            final long lot = lotSizes[i];
            final long tick = tickSizes[i];
            return append(stream, writer.createInstrument(buffer, offset, OPERATOR_ACCOUNT_ID, clientRequestId,
                timestampNs, i + 1, baseAssetIds[i], quoteAssetIds[i], makerFeePpm[i], takerFeePpm[i], lot, tick,
                lot, lot * 100_000, tick, tick * 10_000_000), CommandKind.CREATE_INSTRUMENT, OPERATOR_ACCOUNT_ID,
                0, 0, 0, 0);
        }
        index -= instrumentCount;
        if (index < ACCOUNT_COUNT)
        {
            final long accountId = index + 1;
            return append(stream, writer.openAccount(buffer, offset, accountId, clientRequestId, timestampNs),
                CommandKind.OPEN_ACCOUNT, accountId, 0, 0, 0, 0);
        }
        index -= ACCOUNT_COUNT;
        final long accountId = index / assetCount + 1;
        final int assetId = (int)(index % assetCount) + 1;
        return append(stream, writer.deposit(buffer, offset, accountId, clientRequestId, timestampNs, assetId,
            FUNDING_AMOUNT), CommandKind.DEPOSIT, accountId, 0, 0, 0, FUNDING_AMOUNT);
    }

    private int streamCommand(final CommandStream stream, final long clientRequestId)
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
                return cancelOrder(stream, clientRequestId, timestampNs);
            }
            if ((draw -= REPLACE_PPM) < 0)
            {
                return replaceOrder(stream, clientRequestId, timestampNs);
            }
        }
        if ((draw -= IOC_PPM) < 0)
        {
            return immediateOrder(stream, clientRequestId, timestampNs, OrderKind.IOC, CommandKind.PLACE_IOC);
        }
        if ((draw -= FOK_PPM) < 0)
        {
            return immediateOrder(stream, clientRequestId, timestampNs, OrderKind.FOK, CommandKind.PLACE_FOK);
        }
        if ((draw -= MARKET_PPM) < 0)
        {
            return marketOrder(stream, clientRequestId, timestampNs);
        }
        if ((draw -= POST_ONLY_PPM) < 0)
        {
            return postOnlyOrder(stream, clientRequestId, timestampNs);
        }
        if ((draw -= TRANSFER_PPM) < 0)
        {
            return transfer(stream, clientRequestId, timestampNs);
        }
        if ((draw -= DEPOSIT_PPM) < 0)
        {
            final long accountId = randomAccountId();
            final int assetId = randomAssetId();
            final long amount = 1_000_000 + random.nextLong(1_000_000_000L);
            return append(stream, writer.deposit(stream.buffer(), stream.nextOffset(), accountId, clientRequestId,
                timestampNs, assetId, amount), CommandKind.DEPOSIT, accountId, 0, 0, 0, amount);
        }
        if ((draw -= WITHDRAW_PPM) < 0)
        {
            final long accountId = randomAccountId();
            final int assetId = randomAssetId();
            final long amount = 1 + random.nextInt(1_000_000);
            return append(stream, writer.withdraw(stream.buffer(), stream.nextOffset(), accountId, clientRequestId,
                timestampNs, assetId, amount), CommandKind.WITHDRAW, accountId, 0, 0, 0, amount);
        }
        if ((draw -= CANCEL_ALL_PPM) < 0)
        {
            final int instrumentId = random.nextBoolean() ? 0 : randomInstrumentIndex() + 1;
            final long accountId = randomAccountId();
            return append(stream, writer.cancelAll(stream.buffer(), stream.nextOffset(), accountId, clientRequestId,
                timestampNs, instrumentId), CommandKind.CANCEL_ALL, accountId, 0, 0, 0, 0);
        }
        return limitOrder(stream, clientRequestId, timestampNs);
    }

    private int transfer(final CommandStream stream, final long clientRequestId, final long timestampNs)
    {
        final long from = randomAccountId();
        long to = randomAccountId();
        if (to == from)
        {
            to = from % ACCOUNT_COUNT + 1;
        }
        final int assetId = randomAssetId();
        final long amount = 1 + random.nextInt(1_000_000);
        return append(stream, writer.transfer(stream.buffer(), stream.nextOffset(), from, clientRequestId,
            timestampNs, to, assetId, amount), CommandKind.TRANSFER, from, to, 0, 0, amount);
    }

    private int limitOrder(final CommandStream stream, final long clientRequestId, final long timestampNs)
    {
        final int i = randomInstrumentIndex();
        moveCentre(i);
        final Side side = randomSide();
        final long price = restingPriceTicks(i, side) * tickSizes[i];
        final long quantity = (1 + random.nextInt(MAX_LOTS)) * lotSizes[i];
        return placeOrder(stream, clientRequestId, timestampNs, i, side, OrderKind.GTC, price, quantity, 0,
            CommandKind.PLACE_GTC);
    }

    private int postOnlyOrder(final CommandStream stream, final long clientRequestId, final long timestampNs)
    {
        final int i = randomInstrumentIndex();
        moveCentre(i);
        final Side side = randomSide();
        // From the centre outwards: the ones at or near the centre may cross and be rejected (WOULD_CROSS).
        final long distance = random.nextInt(10);
        final long priceTicks = side == Side.BUY ? centreTicks[i] - distance : centreTicks[i] + distance;
        final long quantity = (1 + random.nextInt(MAX_LOTS)) * lotSizes[i];
        return placeOrder(stream, clientRequestId, timestampNs, i, side, OrderKind.POST_ONLY,
            priceTicks * tickSizes[i], quantity, 0, CommandKind.PLACE_POST_ONLY);
    }

    private int immediateOrder(
        final CommandStream stream, final long clientRequestId, final long timestampNs, final OrderKind orderKind,
        final CommandKind kind)
    {
        final int i = randomInstrumentIndex();
        moveCentre(i);
        final Side side = randomSide();
        final long through = random.nextInt(4);
        final long priceTicks = side == Side.BUY ? centreTicks[i] + through : centreTicks[i] - through;
        final long quantity = (1 + random.nextInt(MAX_LOTS / 2)) * lotSizes[i];
        return placeOrder(stream, clientRequestId, timestampNs, i, side, orderKind, priceTicks * tickSizes[i],
            quantity, 0, kind);
    }

    private int marketOrder(final CommandStream stream, final long clientRequestId, final long timestampNs)
    {
        final int i = randomInstrumentIndex();
        moveCentre(i);
        final long lots = 1 + random.nextInt(MAX_LOTS / 2);
        final long quantity = lots * lotSizes[i];
        if (random.nextBoolean())
        {
            // Buy with a quote budget: enough for roughly half to all of the lots near the centre.
            final long lotPrice = centreTicks[i] * tickSizes[i];
            final long budget = lotPrice * lots / 2 + random.nextLong(lotPrice * lots);
            return placeOrder(stream, clientRequestId, timestampNs, i, Side.BUY, OrderKind.MARKET, 0, quantity,
                Math.max(1, budget), CommandKind.PLACE_MARKET_BUDGET);
        }
        final Side side = randomSide();
        final long slippage = 10 + random.nextInt(20);
        final long priceTicks = side == Side.BUY ? centreTicks[i] + slippage : Math.max(1, centreTicks[i] - slippage);
        return placeOrder(stream, clientRequestId, timestampNs, i, side, OrderKind.MARKET, priceTicks * tickSizes[i],
            quantity, 0, CommandKind.PLACE_MARKET_LIMIT);
    }

    /** Encodes a placement by a random account (drawn last, as the stream has always drawn it). */
    private int placeOrder(
        final CommandStream stream, final long clientRequestId, final long timestampNs, final int i,
        final Side side, final OrderKind orderKind, final long price, final long quantity, final long quoteBudget,
        final CommandKind kind)
    {
        final long accountId = randomAccountId();
        return append(stream, writer.placeOrder(stream.buffer(), stream.nextOffset(), accountId, clientRequestId,
            timestampNs, i + 1, side, orderKind, price, quantity, quoteBudget), kind, accountId, 0, side.value(),
            price, quantity);
    }

    private int cancelOrder(final CommandStream stream, final long clientRequestId, final long timestampNs)
    {
        final int index = random.nextInt(openOrders.size());
        final long orderId = openOrders.orderId(index);
        final long accountId = openOrders.accountId(index);
        final long price = openOrders.price(index);
        final long remaining = openOrders.remainingQuantity(index);
        openOrders.remove(orderId); // so that this chunk does not cancel it again
        return append(stream, writer.cancelOrder(stream.buffer(), stream.nextOffset(), accountId, clientRequestId,
            timestampNs, orderId), CommandKind.CANCEL_ORDER, accountId, orderId, 0, price, remaining);
    }

    private int replaceOrder(final CommandStream stream, final long clientRequestId, final long timestampNs)
    {
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
        final long accountId = openOrders.accountId(index);
        final long orderId = openOrders.orderId(index);
        return append(stream, writer.replaceOrder(stream.buffer(), stream.nextOffset(), accountId, clientRequestId,
            timestampNs, orderId, newPrice, newQuantity), CommandKind.REPLACE_ORDER, accountId, orderId, 0,
            newPrice, newQuantity);
    }

    /** Counts and records the command just encoded at the stream's next offset; returns its length. */
    private int append(
        final CommandStream stream, final int length, final CommandKind kind, final long accountId,
        final long orderId, final int sideCode, final long price, final long size)
    {
        sentByKind[kind.ordinal()]++;
        stream.append(length, kind, accountId, orderId, (byte)sideCode, price, size);
        return length;
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
