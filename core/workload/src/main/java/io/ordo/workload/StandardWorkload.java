package io.ordo.workload;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import io.ordo.core.BlpConfig;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.protocol.CommandWriter;
import io.ordo.core.EventSink;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.Side;
import org.agrona.DirectBuffer;

/**
 * The standard benchmark workload, modelled on exchange-core's single-instrument throughput test (its
 * {@code TestOrdersGenerator}; see ../shared/WORKLOAD.md and docs/performance.md): one instrument, funded accounts,
 * a book pre-filled to about {@code targetOrders} resting orders, then a stream of GTC and IOC placements,
 * cancels, moves (replace at a price drawn toward the last trade) and reduces that keeps the book near that size,
 * so that a few percent of the commands trade.
 * <p>
 * Every command is applied to a BLP while it is generated, so the stream is valid (order ids are the ones Ordo
 * assigns; the generator cancels and moves only orders that are open) and deterministic for a seed. The result is
 * three {@link CommandStream}s: set-up, pre-fill and the measured commands, replayed in that order on a fresh BLP.
 * <p>
 * Not thread safe; generate on one thread, then share the streams read-only.
 */
public final class StandardWorkload
{
    public static final int INSTRUMENT_ID = 1;
    public static final int BASE_ASSET_ID = 1;
    public static final int QUOTE_ASSET_ID = 2;
    public static final long OPERATOR_ACCOUNT_ID = 0;
    public static final int DEFAULT_ACCOUNTS = 1_000;
    public static final int DEFAULT_TARGET_ORDERS = 1_000;
    public static final int DEFAULT_COMMANDS = 3_000_000;
    public static final int MAKER_FEE_PPM = 100;
    public static final int TAKER_FEE_PPM = 200;
    public static final long CENTRE_PRICE = 100_000;
    /** Spread of new GTC prices around the last trade, in ticks. */
    public static final long PRICE_DEVIATION = 5_000;
    public static final long MIN_PRICE = CENTRE_PRICE - 5 * PRICE_DEVIATION;
    public static final long MAX_PRICE = CENTRE_PRICE + 5 * PRICE_DEVIATION;
    /** Funds per account: far more than any order can hold, so no command is refused for funds. */
    public static final long BASE_FUNDS = 1_000_000_000_000L;
    public static final long QUOTE_FUNDS = 1_000_000_000_000_000L;
    private static final int BOOK_CHECK_INTERVAL = 512;
    private static final double MOVE_TOWARD_LAST_TRADE = 0.01;
    private static final byte BUY = (byte)Side.BUY.value();
    private static final byte SELL = (byte)Side.SELL.value();

    private final long seed;
    private final Variant variant;
    private final int accounts;
    private final int targetOrders;
    private final CommandStream setup = new CommandStream();
    private final CommandStream prefill = new CommandStream();
    private final CommandStream measured = new CommandStream();
    private final Mix mix = new Mix();

    private StandardWorkload(final long seed, final Variant variant, final int accounts, final int targetOrders)
    {
        this.seed = seed;
        this.variant = variant;
        this.accounts = accounts;
        this.targetOrders = targetOrders;
    }

    /** The shapes of workload: the standard one, and the two variants the benchmarks issue asks for. */
    public enum Variant
    {
        /** One instrument, 1,000 accounts, exchange-core's single-instrument mix. */
        STANDARD(1, DEFAULT_ACCOUNTS, 0.0),
        /** 100 instruments (each quoted in one shared asset), 10,000 accounts, 5% transfers mixed in. */
        MULTI_INSTRUMENT(100, 10_000, 0.05),
        /** No trading: deposits, withdrawals and transfers among 10,000 accounts. */
        LEDGER_ONLY(0, 10_000, 1.0);

        final int instruments;
        final int accounts;
        final double ledgerShare;

        Variant(final int instruments, final int accounts, final double ledgerShare)
        {
            this.instruments = instruments;
            this.accounts = accounts;
            this.ledgerShare = ledgerShare;
        }
    }

    /** The realised shares of the measured stream, and what it left behind. */
    public static final class Mix
    {
        final long[] commandsByKind = new long[CommandKind.COUNT];
        long commands;
        long trades;
        long commandsWithTrades;
        long rejects;
        int restingOrders;
        int priceLevels;
        long prefillCommands;

        public long commands()
        {
            return commands;
        }

        public long rejects()
        {
            return rejects;
        }

        public long commandsWithTrades()
        {
            return commandsWithTrades;
        }

        public int restingOrders()
        {
            return restingOrders;
        }

        public int priceLevels()
        {
            return priceLevels;
        }

        /** @return the share of the measured commands of this kind, 0 to 1. */
        public double share(final CommandKind kind)
        {
            return commands == 0 ? 0 : (double)commandsByKind[kind.ordinal()] / commands;
        }

        @Override
        public String toString()
        {
            return String.format(Locale.ROOT,
                "%,d commands: GTC %.2f%% IOC %.2f%% cancel %.2f%% move %.2f%% reduce %.2f%% " +
                "transfer %.2f%% deposit %.2f%% withdraw %.2f%%; " +
                "trades %,d in %.2f%% of commands; rejects %,d; at the end %,d resting orders on %,d price levels " +
                "(pre-fill %,d commands)",
                commands, 100.0 * share(CommandKind.PLACE_GTC), 100.0 * share(CommandKind.PLACE_IOC),
                100.0 * share(CommandKind.CANCEL_ORDER), 100.0 * share(CommandKind.MOVE_ORDER),
                100.0 * share(CommandKind.REDUCE_ORDER), 100.0 * share(CommandKind.TRANSFER),
                100.0 * share(CommandKind.DEPOSIT), 100.0 * share(CommandKind.WITHDRAW), trades,
                commands == 0 ? 0 : 100.0 * commandsWithTrades / commands,
                rejects, restingOrders, priceLevels, prefillCommands);
        }
    }

    public static StandardWorkload generate(final long seed, final int commands)
    {
        return generate(seed, Variant.STANDARD, commands);
    }

    /** A variant with its own accounts and instruments, {@link #DEFAULT_TARGET_ORDERS} per instrument. */
    public static StandardWorkload generate(final long seed, final Variant variant, final int commands)
    {
        final StandardWorkload workload =
            new StandardWorkload(seed, variant, variant.accounts, DEFAULT_TARGET_ORDERS);
        new Generator(workload).run(commands);
        return workload;
    }

    /**
     * @param accounts     funded trading accounts (ids 1..accounts).
     * @param targetOrders resting orders the book is filled to and kept near.
     * @param commands     commands in the measured stream.
     */
    public static StandardWorkload generate(final long seed, final int accounts, final int targetOrders,
        final int commands)
    {
        final StandardWorkload workload = new StandardWorkload(seed, Variant.STANDARD, accounts, targetOrders);
        new Generator(workload).run(commands);
        return workload;
    }

    /**
     * Writes this workload, streams and mix, for {@link #readFrom}: so that it can be generated in another class
     * loader (or JVM) than the one that runs it. Leaves {@code out} open.
     */
    public void writeTo(final OutputStream out) throws IOException
    {
        final DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        data.writeLong(seed);
        data.writeUTF(variant.name());
        data.writeInt(accounts);
        data.writeInt(targetOrders);
        for (final long count : mix.commandsByKind)
        {
            data.writeLong(count);
        }
        data.writeLong(mix.commands);
        data.writeLong(mix.trades);
        data.writeLong(mix.commandsWithTrades);
        data.writeLong(mix.rejects);
        data.writeInt(mix.restingOrders);
        data.writeInt(mix.priceLevels);
        data.writeLong(mix.prefillCommands);
        setup.writeTo(data);
        prefill.writeTo(data);
        measured.writeTo(data);
        data.flush();
    }

    /** @return the workload a {@link #writeTo} wrote. */
    public static StandardWorkload readFrom(final InputStream in) throws IOException
    {
        final DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        final StandardWorkload workload = new StandardWorkload(
            data.readLong(), Variant.valueOf(data.readUTF()), data.readInt(), data.readInt());
        final Mix mix = workload.mix;
        for (int kind = 0; kind < mix.commandsByKind.length; kind++)
        {
            mix.commandsByKind[kind] = data.readLong();
        }
        mix.commands = data.readLong();
        mix.trades = data.readLong();
        mix.commandsWithTrades = data.readLong();
        mix.rejects = data.readLong();
        mix.restingOrders = data.readInt();
        mix.priceLevels = data.readInt();
        mix.prefillCommands = data.readLong();
        workload.setup.readFrom(data);
        workload.prefill.readFrom(data);
        workload.measured.readFrom(data);
        return workload;
    }

    public CommandStream setup()
    {
        return setup;
    }

    public CommandStream prefill()
    {
        return prefill;
    }

    public CommandStream measured()
    {
        return measured;
    }

    public Mix mix()
    {
        return mix;
    }

    public long seed()
    {
        return seed;
    }

    public Variant variant()
    {
        return variant;
    }

    public int accounts()
    {
        return accounts;
    }

    /** @return a new BLP with set-up and pre-fill applied: ready for {@link #measured()}. */
    public BusinessLogicProcessor newPreparedBlp(final BlpConfig config, final EventSink sink)
    {
        final BusinessLogicProcessor blp = new BusinessLogicProcessor(config, sink);
        apply(blp, setup);
        apply(blp, prefill);
        return blp;
    }

    public static void apply(final BusinessLogicProcessor blp, final CommandStream stream)
    {
        final DirectBuffer commands = stream.commands();
        for (int i = 0, n = stream.count(); i < n; i++)
        {
            blp.onCommand(commands, stream.offset(i), stream.length(i));
        }
    }

    /** Generates the streams by running every command through a BLP and learning from its events. */
    private static final class Generator
    {
        private final StandardWorkload workload;
        private final int instruments;
        private final Random random;
        private final OpenOrders openOrders = new OpenOrders(4 * DEFAULT_TARGET_ORDERS);
        private final TrackingEventSink tracker = new TrackingEventSink(openOrders);
        private final BusinessLogicProcessor blp = new BusinessLogicProcessor(new BlpConfig(), tracker);
        private final CommandWriter writer = new CommandWriter();
        private final RequestIds requestIds = new RequestIds();
        /** Per instrument id (index 0 unused): last trade price, resting bids and asks. */
        private final long[] lastTradePrices;
        private final int[] bids;
        private final int[] asks;
        private final boolean[] filledOnce;
        private int instrumentsFilled;
        private int currentInstrument;
        private boolean prefilled;

        Generator(final StandardWorkload workload)
        {
            this.workload = workload;
            this.instruments = workload.variant.instruments;
            this.random = new Random(workload.seed);
            this.lastTradePrices = new long[instruments + 1];
            this.bids = new int[instruments + 1];
            this.asks = new int[instruments + 1];
            this.filledOnce = new boolean[instruments + 1];
            java.util.Arrays.fill(lastTradePrices, CENTRE_PRICE);
            this.prefilled = instruments == 0;
        }

        void run(final int commands)
        {
            setUp();
            countBook();
            int sinceCheck = 0;
            while (workload.measured.count() < commands)
            {
                if (sinceCheck++ >= BOOK_CHECK_INTERVAL)
                {
                    countBook();
                    sinceCheck = 0;
                }
                if (workload.variant.ledgerShare > 0 && prefilled && random.nextDouble() < workload.variant.ledgerShare)
                {
                    nextLedgerCommand();
                }
                else
                {
                    next(instruments == 1 ? INSTRUMENT_ID : 1 + random.nextInt(instruments));
                }
            }
            countBook();
            final Mix mix = workload.mix;
            mix.commands = workload.measured.count();
            mix.prefillCommands = workload.prefill.count();
            mix.restingOrders = openOrders.size();
            final Set<Long> levels = new HashSet<>();
            for (int i = 0; i < openOrders.size(); i++)
            {
                levels.add(((long)openOrders.instrumentId(i) * 4 + openOrders.sideCode(i)) * 1_000_000_000_000L +
                    openOrders.price(i));
            }
            mix.priceLevels = levels.size();
        }

        static int baseAssetId(final int instrumentId)
        {
            return instrumentId == INSTRUMENT_ID ? BASE_ASSET_ID : instrumentId + 1;
        }

        private void setUp()
        {
            final CommandStream setup = workload.setup;
            // Generous, but the asset's total supply must still fit a long with room for deposits.
            final long baseFunds = Math.min(BASE_FUNDS, Long.MAX_VALUE / 4 / workload.accounts);
            final long quoteFunds = Math.min(QUOTE_FUNDS, Long.MAX_VALUE / 4 / workload.accounts);
            record(setup, writer.createAsset(setup.buffer(), setup.nextOffset(), OPERATOR_ACCOUNT_ID,
                requestId(OPERATOR_ACCOUNT_ID), 0, BASE_ASSET_ID, 2), CommandKind.CREATE_ASSET, 0, 0, (byte)0, 0, 0);
            record(setup, writer.createAsset(setup.buffer(), setup.nextOffset(), OPERATOR_ACCOUNT_ID,
                requestId(OPERATOR_ACCOUNT_ID), 0, QUOTE_ASSET_ID, 1), CommandKind.CREATE_ASSET, 0, 0, (byte)0, 0, 0);
            for (int instrument = 1; instrument <= instruments; instrument++)
            {
                if (instrument != INSTRUMENT_ID)
                {
                    record(setup, writer.createAsset(setup.buffer(), setup.nextOffset(), OPERATOR_ACCOUNT_ID,
                        requestId(OPERATOR_ACCOUNT_ID), 0, baseAssetId(instrument), 2), CommandKind.CREATE_ASSET,
                        0, 0, (byte)0, 0, 0);
                }
                record(setup, writer.createInstrument(setup.buffer(), setup.nextOffset(), OPERATOR_ACCOUNT_ID,
                    requestId(OPERATOR_ACCOUNT_ID), 0, instrument, baseAssetId(instrument), QUOTE_ASSET_ID,
                    MAKER_FEE_PPM, TAKER_FEE_PPM, 1, 1, 1, 1_000_000, 1, 10 * MAX_PRICE), CommandKind.CREATE_INSTRUMENT,
                    0, 0, (byte)0, 0, 0);
            }
            for (long account = 1; account <= workload.accounts; account++)
            {
                record(setup, writer.openAccount(setup.buffer(), setup.nextOffset(), account, requestId(account), 0),
                    CommandKind.OPEN_ACCOUNT, account, 0, (byte)0, 0, 0);
                for (int instrument = 1; instrument <= instruments; instrument++)
                {
                    record(setup, writer.deposit(setup.buffer(), setup.nextOffset(), account, requestId(account), 0,
                        baseAssetId(instrument), baseFunds), CommandKind.DEPOSIT, account, 0, (byte)0, 0, 0);
                }
                record(setup, writer.deposit(setup.buffer(), setup.nextOffset(), account, requestId(account), 0,
                    QUOTE_ASSET_ID, quoteFunds), CommandKind.DEPOSIT, account, 0, (byte)0, 0, 0);
            }
        }

        private void countBook()
        {
            java.util.Arrays.fill(bids, 0);
            java.util.Arrays.fill(asks, 0);
            for (int i = 0; i < openOrders.size(); i++)
            {
                if (openOrders.sideCode(i) == BUY)
                {
                    bids[openOrders.instrumentId(i)]++;
                }
                else
                {
                    asks[openOrders.instrumentId(i)]++;
                }
            }
        }

        /** A deposit, withdrawal or transfer between two random accounts, all in the quote asset. */
        private void nextLedgerCommand()
        {
            final CommandStream stream = workload.measured;
            final long account = 1 + random.nextInt(workload.accounts);
            final long amount = 1 + random.nextInt(10_000);
            final double roll = workload.variant == Variant.LEDGER_ONLY ? random.nextDouble() : 0;
            if (roll < 0.4)
            {
                long to = 1 + random.nextInt(workload.accounts);
                if (to == account)
                {
                    to = to % workload.accounts + 1;
                }
                record(stream, writer.transfer(stream.buffer(), stream.nextOffset(), account, requestId(account), 0,
                    to, QUOTE_ASSET_ID, amount), CommandKind.TRANSFER, account, to, (byte)0, 0, amount);
            }
            else if (roll < 0.7)
            {
                record(stream, writer.deposit(stream.buffer(), stream.nextOffset(), account, requestId(account), 0,
                    QUOTE_ASSET_ID, amount), CommandKind.DEPOSIT, account, 0, (byte)0, 0, amount);
            }
            else
            {
                record(stream, writer.withdraw(stream.buffer(), stream.nextOffset(), account, requestId(account), 0,
                    QUOTE_ASSET_ID, amount), CommandKind.WITHDRAW, account, 0, (byte)0, 0, amount);
            }
        }

        /** One order command for an instrument, chosen the way exchange-core's generator chooses. */
        private void next(final int instrument)
        {
            final int half = workload.targetOrders / 2;
            final byte side = random.nextInt(4) >= 2 ? BUY : SELL;
            final int lack = half - (side == BUY ? bids[instrument] : asks[instrument]);
            final boolean grow = lack > 0;
            if (!grow && !filledOnce[instrument])
            {
                // The first time a side of every instrument has been full, pre-fill ends and the measured stream
                // begins (as exchange-core's generator does per symbol).
                filledOnce[instrument] = true;
                prefilled = ++instrumentsFilled == instruments;
            }
            final boolean fastFill = !prefilled || lack > Math.min(BOOK_CHECK_INTERVAL, half * 3 / 4);
            final int q = random.nextInt(grow ? (fastFill ? 2 : 10) : 40);
            final CommandStream stream = prefilled ? workload.measured : workload.prefill;
            currentInstrument = instrument;

            if (q < 2)
            {
                final long account = 1 + random.nextInt(workload.accounts);
                final long size = 1 + (long)random.nextInt(6) * random.nextInt(6) * random.nextInt(6);
                if (grow)
                {
                    final long price = gtcPrice(instrument, side);
                    record(stream, writer.placeOrder(stream.buffer(), stream.nextOffset(), account,
                        requestId(account), 0, instrument, side, OrderKind.GTC.value(), price, size, 0),
                        CommandKind.PLACE_GTC, account, -1, side, price, size);
                    if (side == BUY)
                    {
                        bids[instrument]++;
                    }
                    else
                    {
                        asks[instrument]++;
                    }
                }
                else
                {
                    final long price = side == BUY ? MAX_PRICE : MIN_PRICE;
                    record(stream, writer.placeOrder(stream.buffer(), stream.nextOffset(), account,
                        requestId(account), 0, instrument, side, OrderKind.IOC.value(), price, size, 0),
                        CommandKind.PLACE_IOC, account, -1, side, price, size);
                }
                return;
            }
            if (openOrders.size() == 0)
            {
                return;
            }
            final int index = random.nextInt(openOrders.size());
            final long orderId = openOrders.orderId(index);
            final long account = openOrders.accountId(index);
            final long price = openOrders.price(index);
            final long remaining = openOrders.remainingQuantity(index);
            currentInstrument = openOrders.instrumentId(index);
            if (q == 2 || (q == 3 && remaining < 2))
            {
                record(stream, writer.cancelOrder(stream.buffer(), stream.nextOffset(), account, requestId(account),
                    0, orderId), CommandKind.CANCEL_ORDER, account, orderId, (byte)0, price, remaining);
            }
            else if (q == 3)
            {
                final long reduceBy = 1 + random.nextInt((int)Math.min(Integer.MAX_VALUE, remaining - 1));
                record(stream, writer.replaceOrder(stream.buffer(), stream.nextOffset(), account,
                    requestId(account), 0, orderId, price, remaining - reduceBy),
                    CommandKind.REDUCE_ORDER, account, orderId, (byte)0, price, reduceBy);
            }
            else
            {
                final long lastTradePrice = lastTradePrices[currentInstrument];
                final double move = (lastTradePrice - price) * MOVE_TOWARD_LAST_TRADE;
                final long step = price > lastTradePrice ? (long)Math.floor(move) :
                    price < lastTradePrice ? (long)Math.ceil(move) : random.nextInt(2) * 2 - 1;
                final long newPrice = Math.max(MIN_PRICE, Math.min(MAX_PRICE, price + step));
                if (newPrice == price)
                {
                    return;
                }
                record(stream, writer.replaceOrder(stream.buffer(), stream.nextOffset(), account,
                    requestId(account), 0, orderId, newPrice, remaining),
                    CommandKind.MOVE_ORDER, account, orderId, (byte)0, newPrice, remaining);
            }
        }

        /** A passive price: below the last trade for a buy, above for a sell, mostly close to it. */
        private long gtcPrice(final int instrument, final byte side)
        {
            final int deviation = 1 + (int)(Math.pow(random.nextDouble(), 2) * PRICE_DEVIATION);
            long offset = 0;
            for (int i = 0; i < 4; i++)
            {
                offset += random.nextInt(deviation);
            }
            offset = offset / 4 * 2 - deviation;
            if (offset > 0 ^ side == SELL)
            {
                offset = -offset;
            }
            return Math.max(MIN_PRICE, Math.min(MAX_PRICE, lastTradePrices[instrument] + offset));
        }

        private long requestId(final long account)
        {
            return requestIds.next(account);
        }

        /** Applies the command just encoded, learns from its events, and appends it to the stream. */
        private void record(final CommandStream stream, final int length, final CommandKind kind, final long account,
            final long orderId, final byte side, final long price, final long size)
        {
            final long tradesBefore = tracker.trades();
            final long rejectsBefore = tracker.rejected();
            final long ordersAcceptedBefore = tracker.ordersAccepted();
            blp.onCommand(stream.buffer(), stream.nextOffset(), length);
            final long acceptedOrderId = tracker.ordersAccepted() != ordersAcceptedBefore ?
                tracker.lastAcceptedOrderId() : 0;
            final long placedOrderId = orderId == -1 ? acceptedOrderId : orderId;
            stream.append(length, kind, account, placedOrderId, side, price, size);
            final long trades = tracker.trades() - tradesBefore;
            if (trades > 0)
            {
                lastTradePrices[currentInstrument] = Math.max(MIN_PRICE, Math.min(MAX_PRICE, tracker.lastTradePrice()));
            }
            if (stream == workload.measured)
            {
                final Mix mix = workload.mix;
                mix.commandsByKind[kind.ordinal()]++;
                mix.trades += trades;
                mix.commandsWithTrades += trades > 0 ? 1 : 0;
                mix.rejects += tracker.rejected() - rejectsBefore;
            }
            else if (tracker.rejected() != rejectsBefore)
            {
                throw new IllegalStateException("set-up or pre-fill command " + stream.count() + " was rejected");
            }
        }
    }
}
