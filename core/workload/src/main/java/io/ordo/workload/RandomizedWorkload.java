package io.ordo.workload;

import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.codec.CancelAllDecoder;
import io.ordo.protocol.codec.CancelOrderDecoder;
import io.ordo.protocol.codec.CreateAssetDecoder;
import io.ordo.protocol.codec.CreateInstrumentDecoder;
import io.ordo.protocol.codec.DepositDecoder;
import io.ordo.protocol.codec.HaltInstrumentDecoder;
import io.ordo.protocol.codec.KeyRole;
import io.ordo.protocol.codec.OpenAccountDecoder;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.PlaceOrderDecoder;
import io.ordo.protocol.codec.ReplaceOrderDecoder;
import io.ordo.protocol.codec.TakeSnapshotDecoder;
import io.ordo.protocol.codec.TransferDecoder;
import io.ordo.protocol.codec.WithdrawDecoder;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * The tests' workload: a seeded random stream of {@link TestCommand}s, run on the BLP and on the
 * {@link ReferenceModel} side by side by {@link DifferentialHarness} and replayed by the journal's tests. It keeps
 * a few books busy: instruments with small ticks and lots, prices
 * random-walking around a centre so that most orders trade, and a steady sprinkle of every kind of bad input
 * (every reject reason but INTERNAL_ERROR), duplicates (recent and long evicted), boundary values and malformed
 * frames.
 * <p>
 * API keys and sessions: about {@value #KEY_COMMAND_CHANCE} of the commands (more until a few keys exist) create
 * keys (trader and admin, for existing and missing accounts, with good and all-zero salts and hashes, roles that do
 * not exist, rotations of own, foreign, revoked and unknown keys) or revoke them (live, already revoked, of another
 * account, unknown), in process or from a session. And {@value #SESSION_CHANCE} of the other commands come from a
 * gateway session: stamped with the account's own trader key, an admin key, another account's key, a revoked or an
 * unknown key; some of them are earlier commands sent again under another key, and some send again, from the right
 * session, a command that was refused for its session (which must not have been remembered). These decisions draw
 * from a random stream of their own, so that every other draw is the one it was before keys existed: a stream is
 * the same as it was up to its first key command or stamped command.
 * <p>
 * The generator reads, never writes, the {@link ReferenceModel} the caller feeds its commands to, to pick existing
 * order ids, halted instruments and funded accounts. The stream is a pure function of the seed: no wall clock.
 * <p>
 * Not thread safe; one instance per stream.
 */
public final class RandomizedWorkload
{
    private static final long OPERATOR = 0;
    private static final int BUY = 1;
    private static final int SELL = 2;
    private static final int GTC = OrderKind.GTC.value();
    private static final int IOC = OrderKind.IOC.value();
    private static final int FOK = OrderKind.FOK.value();
    private static final int POST_ONLY = OrderKind.POST_ONLY.value();
    private static final int MARKET = OrderKind.MARKET.value();
    private static final int INITIAL_ACCOUNTS = 12;
    private static final int MAX_ACCOUNT_ID = 24;
    private static final int HISTORY = 8192;
    private static final long DAY_NS = 86_400_000_000_000L;
    /** Book size above which the generator cancels more than it places. */
    private static final int BUSY_BOOK = 500;
    /** Book size below which the generator cancels less. */
    private static final int THIN_BOOK = 200;
    /** Share of the commands that create or revoke an API key, once there are {@value #FEW_KEYS} keys. */
    private static final double KEY_COMMAND_CHANCE = 0.005;
    /** Share of the commands that create or revoke an API key while there are fewer keys. */
    private static final double FIRST_KEYS_CHANCE = 0.03;
    private static final int FEW_KEYS = 8;
    /** Share of the other commands that a gateway session sends (stamped with its key). */
    private static final double SESSION_CHANCE = 0.06;
    /** How many commands refused for their session are kept, to be sent again by the right session. */
    private static final int REFUSED_KEPT = 64;
    /** Seeds the random stream of the key and session decisions, apart from the one of everything else. */
    private static final long SESSION_SEED = 0x5E55_10A5_C0FF_EE00L;
    private static final int TRADER = KeyRole.TRADER.value();
    private static final int ADMIN = KeyRole.ADMIN.value();
    /** Role codes that are not roles. */
    private static final int[] NO_ROLES = {0, 3, 4, 127, 128, 254, 255};

    /** Typical amount per asset id, for deposits, withdrawals and transfers. */
    private static final long[] TYPICAL_AMOUNT =
        {0, 100_000, 1_000_000, 20_000, 1_000_000, 100_000, 10_000_000_000_000L};
    /** Opening deposit per asset id. */
    private static final long[] OPENING_DEPOSIT =
        {0, 2_000_000, 50_000_000, 400_000, 50_000_000, 1_000_000, 200_000_000_000_000_000L};

    private final SplittableRandom random;
    /** Draws the key commands and the sessions, so that they change no draw of {@link #random}. */
    private final SplittableRandom sessions;
    /** Commands refused for their session, oldest first, to be sent again by a session that may send them. */
    private final ArrayDeque<TestCommand> refused = new ArrayDeque<>();
    private final ReferenceModel model;
    private final ArrayDeque<TestCommand> setup = new ArrayDeque<>();
    private final RequestIds requestIds = new RequestIds();
    private final Map<Integer, Long> centre = new HashMap<>();
    private final TestCommand[] history = new TestCommand[HISTORY];
    private final CommandWriter writer = new CommandWriter();
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(256);
    private long historyCount;
    private boolean setupDone;
    /** One seed in five trades among three accounts only. */
    private final boolean fewTraders;
    private long timestampNs = 1_000_000;

    public RandomizedWorkload(final long seed, final ReferenceModel model)
    {
        this.random = new SplittableRandom(seed);
        this.sessions = new SplittableRandom(seed ^ SESSION_SEED);
        this.model = model;
        this.fewTraders = seed % 5 == 0;
        buildSetup();
    }

    /** The next command; call after the previous one was applied to the model. */
    public TestCommand next()
    {
        setupDone = setup.isEmpty();
        if (setupDone && sessions.nextDouble() < (model.apiKeyCount() < FEW_KEYS ? FIRST_KEYS_CHANCE :
            KEY_COMMAND_CHANCE))
        {
            // The clock steps from the sessions' stream too, so that the other commands draw as they did.
            timestampNs += 1 + sessions.nextInt(1000);
            return remember(sessions.nextInt(100) < 65 ? createApiKey() : revokeApiKey());
        }
        timestampNs += 1 + random.nextInt(1000);
        TestCommand command = setupDone ? randomCommand() : setup.pollFirst().withTimestamp(timestampNs);
        if (setupDone && !command.isRaw() && chance(0.003))
        {
            // The BLP must echo whatever time the sequencer stamped.
            command = command.withTimestamp(extreme());
        }
        if (setupDone && !command.isRaw() && sessions.nextDouble() < SESSION_CHANCE)
        {
            command = fromSession(command);
        }
        return remember(command);
    }

    private TestCommand remember(final TestCommand command)
    {
        if (!command.isRaw())
        {
            history[(int)(historyCount++ % HISTORY)] = command;
            if (!model.sessionMaySend(command))
            {
                if (refused.size() == REFUSED_KEPT)
                {
                    refused.pollFirst();
                }
                refused.addLast(command);
            }
        }
        return command;
    }

    private void buildSetup()
    {
        setup.add(TestCommand.createAsset(OPERATOR, requestId(OPERATOR), 0, 1, 8));
        setup.add(TestCommand.createAsset(OPERATOR, requestId(OPERATOR), 0, 2, 2));
        setup.add(TestCommand.createAsset(OPERATOR, requestId(OPERATOR), 0, 3, 6));
        setup.add(TestCommand.createAsset(OPERATOR, requestId(OPERATOR), 0, 4, 2));
        setup.add(TestCommand.createAsset(OPERATOR, requestId(OPERATOR), 0, 5, 0));
        setup.add(TestCommand.createAsset(OPERATOR, requestId(OPERATOR), 0, 6, 18));
        // A liquid pair with ordinary fees.
        setup.add(TestCommand.createInstrument(OPERATOR, requestId(OPERATOR), 0, 1, 1, 2, 1_000, 2_500,
            10, 5, 10, 5_000, 5, 50_000));
        // No fees, unit lot and tick.
        setup.add(TestCommand.createInstrument(OPERATOR, requestId(OPERATOR), 0, 2, 3, 2, 0, 0,
            1, 1, 1, 200, 1, 1_000));
        // Boundary fees: the maker pays all of the notional, the taker almost nothing.
        setup.add(TestCommand.createInstrument(OPERATOR, requestId(OPERATOR), 0, 3, 1, 4, 1_000_000, 3,
            100, 1, 100, 100_000, 1, 500));
        // Small notionals, so that fees often round down to 0.
        setup.add(TestCommand.createInstrument(OPERATOR, requestId(OPERATOR), 0, 4, 3, 4, 200, 700,
            5, 2, 5, 1_000, 2, 10_000));
        // Huge prices: notional(maxPrice, maxQuantity) + fee just fits in a long.
        setup.add(TestCommand.createInstrument(OPERATOR, requestId(OPERATOR), 0, 5, 5, 6, 500, 1_000,
            1, 1, 1, 1_000_000, 1, 9_000_000_000_000L));
        // Taker pays the whole notional as fee.
        setup.add(TestCommand.createInstrument(OPERATOR, requestId(OPERATOR), 0, 6, 3, 2, 0, 1_000_000,
            2, 3, 2, 400, 3, 3_000));
        // Boundary fees on huge notionals: notional(maxPrice, maxQuantity) x 2 just fits in a long.
        setup.add(TestCommand.createInstrument(OPERATOR, requestId(OPERATOR), 0, 7, 5, 6, 1_000_000, 999_999,
            1_000, 1_000, 1_000, 1_000_000_000L, 1_000, 4_611_686_000_000L));
        for (long account = 1; account <= INITIAL_ACCOUNTS; account++)
        {
            setup.add(TestCommand.openAccount(account, requestId(account), 0));
            for (int asset = 1; asset <= 6; asset++)
            {
                setup.add(TestCommand.deposit(account, requestId(account), 0, asset, OPENING_DEPOSIT[asset]));
            }
        }
        setup.add(TestCommand.deposit(OPERATOR, requestId(OPERATOR), 0, 2, 1_000_000));
        setup.add(TestCommand.deposit(OPERATOR, requestId(OPERATOR), 0, 1, 100_000));
        centre.put(1, 1_000L);
        centre.put(2, 100L);
        centre.put(3, 50L);
        centre.put(4, 300L);
        centre.put(5, 5_000_000_000_000L);
        centre.put(6, 600L);
        centre.put(7, 2_000_000_000_000L);
    }

    private long requestId(final long accountId)
    {
        if (setupDone && chance(0.01))
        {
            // Client request ids need not be ordered: extremes and sentinels a hash map might mistake for empty.
            return random.nextBoolean() ? extreme() : random.nextLong();
        }
        return requestIds.next(accountId);
    }

    private static final long[] EXTREMES =
    {
        0, 1, -1, 2, Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE, Long.MAX_VALUE - 1, Integer.MAX_VALUE,
        Integer.MIN_VALUE, 1L << 32, (1L << 32) - 1, 1L << 62
    };

    /** A value that breaks careless arithmetic or collides with sentinels. */
    private long extreme()
    {
        return EXTREMES[random.nextInt(EXTREMES.length)];
    }

    private boolean chance(final double p)
    {
        return random.nextDouble() < p;
    }

    private TestCommand randomCommand()
    {
        // Keep the books at a few hundred orders: cancel more when busy, less when thin.
        final int open = model.openOrderCount();
        final boolean busy = open > BUSY_BOOK;
        final boolean thin = open < THIN_BOOK;
        int threshold = busy ? 380 : thin ? 560 : 480;
        if (anyHalted() && chance(0.03))
        {
            // Halts are short, so that most orders meet a running book.
            return haltOrResume();
        }
        final int roll = random.nextInt(1000);
        if (roll < threshold)
        {
            return placeOrder();
        }
        if (roll < (threshold += busy ? 150 : thin ? 40 : 80))
        {
            return cancelOrder();
        }
        if (roll < (threshold += 100))
        {
            return replaceOrder();
        }
        if (roll < (threshold += busy ? 40 : 6))
        {
            return cancelAll();
        }
        if (roll < (threshold += 70))
        {
            return deposit();
        }
        if (roll < (threshold += 30))
        {
            return withdraw();
        }
        if (roll < (threshold += 35))
        {
            return transfer();
        }
        if (roll < (threshold += 8))
        {
            return haltOrResume();
        }
        if (roll < (threshold += 8))
        {
            return openAccount();
        }
        if (roll < (threshold += 8))
        {
            return referenceData();
        }
        if (roll < (threshold += 45))
        {
            final TestCommand duplicate = duplicate();
            if (duplicate != null)
            {
                return duplicate;
            }
            return placeOrder();
        }
        if (roll < (threshold += 12))
        {
            return malformed();
        }
        if (roll < threshold + 8)
        {
            return fuzz();
        }
        return placeOrder();
    }

    private boolean anyHalted()
    {
        for (final int id : model.instrumentIds())
        {
            if (model.instrument(id).halted())
            {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------------------

    private long trader()
    {
        if (chance(0.03))
        {
            return OPERATOR;
        }
        if (fewTraders)
        {
            // Few traders meet themselves often: self-trade prevention everywhere.
            return 1 + random.nextInt(3);
        }
        final List<Long> accounts = model.accountIds();
        return accounts.get(1 + random.nextInt(accounts.size() - 1));
    }

    private long anyAccount()
    {
        final double p = random.nextDouble();
        if (p < 0.02)
        {
            return MAX_ACCOUNT_ID + 1 + random.nextInt(100);
        }
        if (p < 0.025)
        {
            return -1 - random.nextInt(5);
        }
        if (p < 0.027)
        {
            return extreme();
        }
        return trader();
    }

    private int instrument()
    {
        final List<Integer> ids = model.instrumentIds();
        if (chance(0.01))
        {
            return random.nextBoolean() ? 0 : 100 + random.nextInt(5);
        }
        // Favour the first four books so that they stay busy.
        if (chance(0.8))
        {
            return ids.get(random.nextInt(Math.min(4, ids.size())));
        }
        return ids.get(random.nextInt(ids.size()));
    }

    private long centre(final ReferenceModel.Instrument instrument)
    {
        final long tick = instrument.tickSize;
        final long ticks = (instrument.maxPrice - instrument.minPrice) / tick;
        if (ticks < 40)
        {
            // A narrow (fuzzed) instrument: the middle, without arithmetic that could overflow.
            return instrument.minPrice + ticks / 2 * tick;
        }
        long c = centre.computeIfAbsent(instrument.id,
            id -> (instrument.minPrice + (instrument.maxPrice - instrument.minPrice) / 2) / tick * tick);
        if (chance(0.1))
        {
            c += random.nextBoolean() ? tick : -tick;
            final long low = instrument.minPrice + 12 * tick;
            final long high = instrument.maxPrice - 12 * tick;
            c = Math.max(low, Math.min(high, c));
            centre.put(instrument.id, c);
        }
        return c;
    }

    private long price(final ReferenceModel.Instrument instrument, final int side)
    {
        final long tick = instrument.tickSize;
        final long ticks = (instrument.maxPrice - instrument.minPrice) / tick;
        if (ticks < 40)
        {
            return instrument.minPrice + random.nextLong(ticks + 1) * tick;
        }
        final double p = random.nextDouble();
        if (p < 0.005)
        {
            return random.nextBoolean() ? 0 : -tick * (1 + random.nextInt(3));
        }
        if (p < 0.007)
        {
            return extreme();
        }
        if (p < 0.012 && tick > 1)
        {
            return centre(instrument) + 1 + random.nextInt((int)Math.min(tick - 1, 1000));
        }
        if (p < 0.016)
        {
            return random.nextBoolean() ? instrument.minPrice - tick : instrument.maxPrice + tick;
        }
        if (p < 0.024)
        {
            return random.nextBoolean() ? instrument.minPrice : instrument.maxPrice;
        }
        // Around the best opposite price (kept near the centre): about a third cross, some sweep several levels.
        final long c = centre(instrument);
        final long opposite = side == BUY ? model.bestAsk(instrument.id) : model.bestBid(instrument.id);
        final long anchor = opposite == 0 ? c : Math.max(c - 30 * tick, Math.min(c + 30 * tick, opposite));
        final long offset = random.nextInt(-8, 5);
        final long price = side == BUY ? anchor + offset * tick : anchor - offset * tick;
        return Math.max(instrument.minPrice, Math.min(instrument.maxPrice, price));
    }

    private long quantity(final ReferenceModel.Instrument instrument)
    {
        final long lot = instrument.lotSize;
        final double p = random.nextDouble();
        if (p < 0.004)
        {
            return random.nextBoolean() ? 0 : -lot;
        }
        if (p < 0.006)
        {
            return extreme();
        }
        if (p < 0.01 && lot > 1)
        {
            return lot * (1 + random.nextInt(5)) + 1 + random.nextInt((int)Math.min(lot - 1, 1000));
        }
        if (p < 0.014)
        {
            return random.nextBoolean() ? instrument.maxQuantity + lot : instrument.minQuantity - lot;
        }
        if (p < 0.024)
        {
            return random.nextBoolean() ? instrument.minQuantity : instrument.maxQuantity;
        }
        if (p < 0.04)
        {
            // Whale: anything up to the maximum, to reach huge notionals on the big instruments.
            return lot * (1 + random.nextLong(instrument.maxQuantity / lot));
        }
        final long lots = chance(0.1) ? 1 + random.nextInt(100) :
            (1 + random.nextInt(4)) * (1 + random.nextInt(random.nextInt(8) + 1));
        return Math.max(instrument.minQuantity, Math.min(instrument.maxQuantity, lots * lot));
    }

    private TestCommand placeOrder()
    {
        final long account = anyAccount();
        final int instrumentId = instrument();
        final ReferenceModel.Instrument instrument = model.instrument(instrumentId);
        final long requestId = requestId(account);
        final int side;
        if (chance(0.005))
        {
            side = random.nextBoolean() ? 0 : 3 + random.nextInt(250);
        }
        else
        {
            side = random.nextBoolean() ? BUY : SELL;
        }
        final int kind;
        final int kindRoll = random.nextInt(100);
        if (kindRoll < 38)
        {
            kind = GTC;
        }
        else if (kindRoll < 52)
        {
            kind = IOC;
        }
        else if (kindRoll < 62)
        {
            kind = FOK;
        }
        else if (kindRoll < 78)
        {
            kind = POST_ONLY;
        }
        else if (kindRoll < 99)
        {
            kind = MARKET;
        }
        else
        {
            kind = random.nextBoolean() ? 0 : 6 + random.nextInt(250);
        }
        if (instrument == null)
        {
            return TestCommand.placeOrder(account, requestId, timestampNs, instrumentId, side, kind,
                100, 10, 0);
        }
        final long quantity = quantity(instrument);
        long price = price(instrument, side);
        long budget = 0;
        if (kind == MARKET)
        {
            final double p = random.nextDouble();
            if (p < 0.45 || side != BUY)
            {
                // A price limit, sometimes aggressive enough to sweep several levels.
                final long c = centre(instrument);
                final long sweep = random.nextInt(-4, 12) * instrument.tickSize;
                price = Math.max(instrument.minPrice,
                    Math.min(instrument.maxPrice, side == BUY ? c + sweep : c - sweep));
                if (p > 0.97)
                {
                    price = price(instrument, side);
                }
            }
            else if (p < 0.95)
            {
                price = 0;
                // A budget around the notional of the quantity at the centre: often it runs out mid-sweep.
                final long lots = Math.max(1, quantity / instrument.lotSize);
                final double factor = 0.05 + random.nextDouble() * 1.6;
                budget = Math.max(1, (long)(centre(instrument) * (double)lots * factor));
                if (chance(0.05))
                {
                    budget = 1 + random.nextInt(3);
                }
                else if (chance(0.05) && model.accountExists(account))
                {
                    // All in (or one more than there is).
                    budget = Math.max(1, model.available(account, instrument.quoteAssetId) +
                        (random.nextBoolean() ? 0 : 1));
                }
            }
            else
            {
                // Bad market bounds.
                switch (random.nextInt(5))
                {
                    case 0:
                        price = 0;
                        budget = 0;
                        break;
                    case 1:
                        budget = 1_000;
                        break;
                    case 2:
                        price = -instrument.tickSize;
                        break;
                    case 3:
                        price = 0;
                        budget = -1_000;
                        break;
                    default:
                        price = 0;
                        budget = 1_000;
                        return TestCommand.placeOrder(account, requestId, timestampNs, instrumentId, SELL, kind,
                            price, quantity, budget);
                }
            }
        }
        else if (chance(0.005))
        {
            budget = 1 + random.nextInt(1000);
        }
        return TestCommand.placeOrder(account, requestId, timestampNs, instrumentId, side, kind, price, quantity,
            budget);
    }

    private TestCommand cancelOrder()
    {
        final ReferenceModel.Order order = model.randomOpenOrder(random);
        final double p = random.nextDouble();
        if (order == null || p < 0.04)
        {
            final long account = anyAccount();
            final long orderId = random.nextBoolean() ?
                model.nextOrderId() + random.nextInt(3) : 1 + random.nextLong(model.nextOrderId());
            return TestCommand.cancelOrder(account, requestId(account), timestampNs,
                chance(0.1) ? -orderId : chance(0.1) ? extreme() : orderId);
        }
        if (p < 0.08)
        {
            final long other = trader();
            return TestCommand.cancelOrder(other, requestId(other), timestampNs, order.id);
        }
        return TestCommand.cancelOrder(order.accountId, requestId(order.accountId), timestampNs, order.id);
    }

    private TestCommand replaceOrder()
    {
        final ReferenceModel.Order order = model.randomOpenOrder(random);
        if (order == null)
        {
            return placeOrder();
        }
        final ReferenceModel.Instrument instrument = order.instrument;
        final long tick = instrument.tickSize;
        final long lot = instrument.lotSize;
        long account = order.accountId;
        long orderId = order.id;
        long newPrice = order.price;
        long newQuantity = order.remaining;
        final int roll = random.nextInt(100);
        if (roll < 25)
        {
            // Same price, smaller quantity: keeps priority (if it is smaller).
            newQuantity = Math.max(instrument.minQuantity, order.remaining - lot * (1 + random.nextInt(3)));
        }
        else if (roll < 40)
        {
            newQuantity = Math.min(instrument.maxQuantity, order.remaining + lot * (1 + random.nextInt(5)));
        }
        else if (roll < 58)
        {
            // Move away from the spread.
            final long move = tick * (1 + random.nextInt(4));
            newPrice = order.side == BUY ? order.price - move : order.price + move;
            newPrice = Math.max(instrument.minPrice, Math.min(instrument.maxPrice, newPrice));
            if (chance(0.5))
            {
                newQuantity = quantity(instrument);
            }
        }
        else if (roll < 82)
        {
            // Cross: to the best opposite price or through it.
            final long opposite = order.side == BUY ? model.bestAsk(instrument.id) : model.bestBid(instrument.id);
            final long through = tick * random.nextInt(4);
            if (opposite != 0)
            {
                newPrice = order.side == BUY ? opposite + through : opposite - through;
            }
            else
            {
                newPrice = order.side == BUY ? order.price + through + tick : order.price - through - tick;
            }
            newPrice = Math.max(instrument.minPrice, Math.min(instrument.maxPrice, newPrice));
            if (chance(0.3))
            {
                newQuantity = quantity(instrument);
            }
        }
        else if (roll < 86)
        {
            // No change.
        }
        else if (roll < 93)
        {
            if (random.nextBoolean())
            {
                newQuantity = quantity(instrument);
            }
            else
            {
                newPrice = price(instrument, order.side);
            }
        }
        else if (roll < 97)
        {
            account = trader();
        }
        else
        {
            orderId = model.nextOrderId() + random.nextInt(5);
        }
        return TestCommand.replaceOrder(account, requestId(account), timestampNs, orderId, newPrice, newQuantity);
    }

    private TestCommand cancelAll()
    {
        final long account = model.openOrderCount() > BUSY_BOOK && chance(0.7) ?
            model.randomOpenOrder(random).accountId : anyAccount();
        final double p = random.nextDouble();
        final int instrumentId;
        if (p < 0.5)
        {
            instrumentId = 0;
        }
        else if (p < 0.95)
        {
            final List<Integer> ids = model.instrumentIds();
            instrumentId = ids.get(random.nextInt(ids.size()));
        }
        else
        {
            instrumentId = random.nextBoolean() ? -1 : 100 + random.nextInt(5);
        }
        return TestCommand.cancelAll(account, requestId(account), timestampNs, instrumentId);
    }

    private int asset()
    {
        if (chance(0.02))
        {
            return random.nextBoolean() ? 0 : 50 + random.nextInt(5);
        }
        final List<Integer> ids = model.assetIds();
        return ids.get(random.nextInt(ids.size()));
    }

    private long amount(final int assetId)
    {
        final double p = random.nextDouble();
        if (p < 0.02)
        {
            return random.nextBoolean() ? 0 : -1 - random.nextInt(1000);
        }
        if (p < 0.025)
        {
            return extreme();
        }
        final long typical = assetId >= 1 && assetId < TYPICAL_AMOUNT.length ? TYPICAL_AMOUNT[assetId] : 1_000;
        return Math.max(1, (long)(typical * random.nextDouble() * 2));
    }

    private TestCommand deposit()
    {
        final long account = anyAccount();
        final int assetId = asset();
        long amount = amount(assetId);
        if (chance(0.03))
        {
            // Near the top of the supply: OVERFLOW, or just fits.
            final long headroom = Long.MAX_VALUE - model.supply(assetId);
            // Only the big assets may be filled to the brim, so that the others stay usable.
            final long over = assetId >= 5 ? random.nextInt(3) : 1 + random.nextInt(2);
            amount = random.nextBoolean() ? headroom + over : Long.MAX_VALUE - random.nextInt(3);
            if (amount <= 0)
            {
                amount = Long.MAX_VALUE;
            }
        }
        return TestCommand.deposit(account, requestId(account), timestampNs, assetId, amount, valueTime());
    }

    /**
     * A money movement's value time: mostly none (the recorded time); else back-valued up to two days, or
     * forward-valued up to one; now and then negative (INVALID_VALUE_TIME).
     */
    private long valueTime()
    {
        final double p = random.nextDouble();
        if (p < 0.8)
        {
            return 0;
        }
        if (p < 0.95)
        {
            return Math.max(1, timestampNs - (long)(random.nextDouble() * 2 * DAY_NS));
        }
        if (p < 0.99)
        {
            return timestampNs + 1 + (long)(random.nextDouble() * DAY_NS);
        }
        return -1 - random.nextInt(1_000);
    }

    private TestCommand withdraw()
    {
        final long account = anyAccount();
        final int assetId = asset();
        long amount = amount(assetId);
        if (model.accountExists(account) && chance(0.3))
        {
            final long available = model.available(account, assetId);
            // Exactly all of it, or one more than there is.
            amount = available + (random.nextBoolean() ? 1 : 0);
            if (amount == 0)
            {
                amount = 1;
            }
        }
        return TestCommand.withdraw(account, requestId(account), timestampNs, assetId, amount, valueTime());
    }

    private TestCommand transfer()
    {
        final double p = random.nextDouble();
        final long from = p < 0.02 ? MAX_ACCOUNT_ID + 7 : trader();
        long to = trader();
        if (p > 0.97)
        {
            to = from;
        }
        else if (p > 0.94)
        {
            to = MAX_ACCOUNT_ID + 50 + random.nextInt(10);
        }
        final int assetId = asset();
        long amount = amount(assetId);
        if (model.accountExists(from) && chance(0.2))
        {
            amount = model.available(from, assetId) + (random.nextBoolean() ? 1 : 0);
            if (amount == 0)
            {
                amount = 1;
            }
        }
        return TestCommand.transfer(from, requestId(from), timestampNs, to, assetId, amount, valueTime());
    }

    private TestCommand haltOrResume()
    {
        final long account = chance(0.1) ? trader() : OPERATOR;
        if (chance(0.05))
        {
            return TestCommand.takeSnapshot(account, requestId(account), timestampNs);
        }
        final List<Integer> ids = model.instrumentIds();
        int instrumentId = ids.get(random.nextInt(ids.size()));
        for (final int id : ids)
        {
            if (model.instrument(id).halted() && chance(0.7))
            {
                instrumentId = id;
                break;
            }
        }
        if (chance(0.03))
        {
            instrumentId = 100 + random.nextInt(5);
        }
        final ReferenceModel.Instrument instrument = model.instrument(instrumentId);
        final boolean halted = instrument != null && instrument.halted();
        // Mostly the sensible toggle, sometimes the refused one.
        final boolean halt = chance(0.9) != halted;
        return halt ?
            TestCommand.haltInstrument(account, requestId(account), timestampNs, instrumentId) :
            TestCommand.resumeInstrument(account, requestId(account), timestampNs, instrumentId);
    }

    private TestCommand openAccount()
    {
        final double p = random.nextDouble();
        final long account;
        if (p < 0.2)
        {
            account = -1 - random.nextInt(10);
        }
        else if (p < 0.25)
        {
            account = extreme();
        }
        else
        {
            account = random.nextInt(MAX_ACCOUNT_ID + 1);
        }
        return TestCommand.openAccount(account, requestId(account), timestampNs);
    }

    /** Mostly refused asset and instrument definitions, one of each reason; sometimes a new valid one. */
    private TestCommand referenceData()
    {
        long account = chance(0.1) ? trader() : OPERATOR;
        final long requestId = requestId(account);
        if (random.nextInt(3) == 0)
        {
            final int assetId;
            final int scale;
            switch (random.nextInt(4))
            {
                case 0:
                    assetId = -random.nextInt(2);
                    scale = 2;
                    break;
                case 1:
                    assetId = 1 + random.nextInt(6);
                    scale = 2;
                    break;
                case 2:
                    assetId = 7 + random.nextInt(4);
                    scale = random.nextBoolean() ? 19 : -1;
                    break;
                default:
                    assetId = 7 + random.nextInt(4);
                    scale = random.nextInt(19);
                    break;
            }
            return TestCommand.createAsset(account, requestId, timestampNs, assetId, scale);
        }
        int id = 8 + random.nextInt(3);
        int base = 1 + random.nextInt(4);
        int quote = base == 2 ? 4 : 2;
        int maker = random.nextInt(3_000);
        int taker = random.nextInt(3_000);
        long lot = 1 + random.nextInt(10);
        long tick = 1 + random.nextInt(5);
        long minQuantity = lot;
        long maxQuantity = lot * 300;
        long minPrice = tick;
        long maxPrice = tick * 2_000;
        switch (random.nextInt(40))
        {
            case 0:
                id = -random.nextInt(2);
                break;
            case 1:
                id = 1 + random.nextInt(6);
                break;
            case 2:
                base = 40;
                break;
            case 3:
                quote = base;
                break;
            case 4:
                lot = -random.nextInt(2);
                break;
            case 5:
                tick = -random.nextInt(2);
                break;
            case 6:
                minQuantity = 0;
                break;
            case 7:
                maxQuantity = minQuantity - lot;
                break;
            case 8:
                minQuantity = lot + (lot > 1 ? 1 : 0);
                maxQuantity = lot > 1 ? maxQuantity : maxQuantity + 1;
                lot = lot > 1 ? lot : 2;
                break;
            case 9:
                minPrice = 0;
                break;
            case 10:
                maxPrice = minPrice - tick;
                break;
            case 11:
                tick = 2;
                maxPrice = 4_001;
                break;
            case 12:
                maker = random.nextBoolean() ? -1 : 1_000_001;
                break;
            case 13:
                taker = random.nextBoolean() ? -1 : 1_000_001;
                break;
            case 14:
                // notional(maxPrice, maxQuantity) overflows, or only its fee does.
                lot = 1;
                tick = 1;
                maxQuantity = 1_000_000;
                maxPrice = random.nextBoolean() ? Long.MAX_VALUE / 1_000_000 : Long.MAX_VALUE / 1_000_000 - 1_000;
                maker = 1_000_000;
                break;
            case 15:
                lot = 1;
                tick = 1;
                maxQuantity = 2;
                maxPrice = Long.MAX_VALUE;
                break;
            case 16:
                account = trader();
                break;
            case 17:
                // A valid new instrument (ids 7..9 only, so that the first ones stay busy).
                break;
            default:
                id = 1 + random.nextInt(6);
                break;
        }
        return TestCommand.createInstrument(account, requestId, timestampNs, id, base, quote, maker, taker, lot,
            tick, minQuantity, maxQuantity, minPrice, maxPrice);
    }

    /** Sends again a command with a key seen before: recently (still in a small window) or long ago (evicted). */
    private TestCommand duplicate()
    {
        if (historyCount < 2)
        {
            return null;
        }
        final long back;
        if (random.nextBoolean())
        {
            back = 1 + random.nextInt((int)Math.min(historyCount - 1, 400));
        }
        else
        {
            if (historyCount < 1600)
            {
                return null;
            }
            back = 1100 + random.nextInt((int)Math.min(historyCount - 1100, HISTORY - 1200));
        }
        final TestCommand original = history[(int)((historyCount - back) % HISTORY)];
        if (chance(0.2))
        {
            // Same key, another body.
            final TestCommand body = placeOrder();
            return body.withKey(original.accountId, original.clientRequestId).withTimestamp(timestampNs);
        }
        return original.withTimestamp(timestampNs);
    }

    /** A well-formed frame of any command template (1..13) whose fields are random: small, extreme or anything. */
    private TestCommand fuzz()
    {
        final long account = random.nextBoolean() ? trader() : fuzzLong();
        final long requestId = requestId(account);
        switch (1 + random.nextInt(13))
        {
            case CreateAssetDecoder.TEMPLATE_ID:
                return TestCommand.createAsset(account, requestId, timestampNs, fuzzInt(), fuzzInt());
            case CreateInstrumentDecoder.TEMPLATE_ID:
                return TestCommand.createInstrument(account, requestId, timestampNs, fuzzInt(), fuzzInt(), fuzzInt(),
                    fuzzInt(), fuzzInt(), fuzzLong(), fuzzLong(), fuzzLong(), fuzzLong(), fuzzLong(), fuzzLong());
            case OpenAccountDecoder.TEMPLATE_ID:
                return TestCommand.openAccount(fuzzLong(), requestId, timestampNs);
            case DepositDecoder.TEMPLATE_ID:
                return TestCommand.deposit(account, requestId, timestampNs, fuzzInt(), fuzzLong(), fuzzLong());
            case WithdrawDecoder.TEMPLATE_ID:
                return TestCommand.withdraw(account, requestId, timestampNs, fuzzInt(), fuzzLong());
            case TransferDecoder.TEMPLATE_ID:
                return TestCommand.transfer(account, requestId, timestampNs, fuzzLong(), fuzzInt(), fuzzLong());
            case PlaceOrderDecoder.TEMPLATE_ID:
                return TestCommand.placeOrder(account, requestId, timestampNs, fuzzInt(), random.nextInt(256),
                    random.nextInt(256), fuzzLong(), fuzzLong(), fuzzLong());
            case CancelOrderDecoder.TEMPLATE_ID:
                return TestCommand.cancelOrder(account, requestId, timestampNs, fuzzLong());
            case ReplaceOrderDecoder.TEMPLATE_ID:
                return TestCommand.replaceOrder(account, requestId, timestampNs, fuzzLong(), fuzzLong(), fuzzLong());
            case CancelAllDecoder.TEMPLATE_ID:
                return TestCommand.cancelAll(account, requestId, timestampNs, fuzzInt());
            case HaltInstrumentDecoder.TEMPLATE_ID:
                return TestCommand.haltInstrument(account, requestId, timestampNs, fuzzInt());
            case TakeSnapshotDecoder.TEMPLATE_ID:
                return TestCommand.takeSnapshot(account, requestId, timestampNs);
            default:
                return TestCommand.resumeInstrument(account, requestId, timestampNs, fuzzInt());
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // API keys and sessions: every draw from the sessions' stream.

    /**
     * The command as a session sends it: under one of the kinds of key {@link #sessionKey} picks; or instead a
     * recent command sent again under such a key (a retry across keys: refused, or answered as a duplicate); or a
     * refused command sent again by a session that may send it: new then, since its refusal was not remembered
     * (unless it was itself the retry of a remembered command).
     */
    private TestCommand fromSession(final TestCommand command)
    {
        final int roll = sessions.nextInt(100);
        if (roll < 10 && !refused.isEmpty())
        {
            final TestCommand again = refused.pollFirst();
            return again.withTimestamp(timestampNs).withSessionKey(rightfulKey(again));
        }
        if (roll < 18 && historyCount > 0)
        {
            final long back = 1 + sessions.nextInt((int)Math.min(historyCount, 30));
            final TestCommand original = history[(int)((historyCount - back) % HISTORY)];
            return original.withTimestamp(timestampNs).withSessionKey(sessionKey(original));
        }
        return command.withSessionKey(sessionKey(command));
    }

    /** A key of any kind for the command: its account's trader key, an admin key, a foreign, revoked or none. */
    private long sessionKey(final TestCommand command)
    {
        final int roll = sessions.nextInt(100);
        long keyId = 0;
        if (roll < 45)
        {
            keyId = findKey(key -> !key.revoked() && key.role == TRADER && key.accountId == command.accountId);
        }
        if ((roll < 45 && keyId == 0) || (roll >= 45 && roll < 60))
        {
            // An account without a key of its own trades through an admin's.
            keyId = findKey(key -> !key.revoked() && key.role == ADMIN);
        }
        else if (roll >= 60 && roll < 75)
        {
            keyId = findKey(key -> !key.revoked() && key.role == TRADER && key.accountId != command.accountId);
        }
        else if (roll >= 75 && roll < 87)
        {
            keyId = findKey(ReferenceModel.ApiKey::revoked);
        }
        return keyId != 0 ? keyId : absentSessionKeyId();
    }

    /** A key that may send the command: its account's trader key, an admin key, or none (in process). */
    private long rightfulKey(final TestCommand command)
    {
        final int type = command.templateId();
        final boolean traderCommand = type == PlaceOrderDecoder.TEMPLATE_ID ||
            type == CancelOrderDecoder.TEMPLATE_ID || type == ReplaceOrderDecoder.TEMPLATE_ID ||
            type == CancelAllDecoder.TEMPLATE_ID || type == TransferDecoder.TEMPLATE_ID;
        final int roll = sessions.nextInt(3);
        long keyId = 0;
        if (traderCommand && roll == 0)
        {
            keyId = findKey(key -> !key.revoked() && key.role == TRADER && key.accountId == command.accountId);
        }
        if (keyId == 0 && roll < 2)
        {
            keyId = findKey(key -> !key.revoked() && key.role == ADMIN);
        }
        return keyId;
    }

    /** A key command's session: mostly in process or an admin key, sometimes one that may not send it. */
    private TestCommand fromAdminSession(final TestCommand command)
    {
        final int roll = sessions.nextInt(100);
        long keyId = 0;
        if (roll < 55)
        {
            return command;
        }
        if (roll < 85)
        {
            keyId = findKey(key -> !key.revoked() && key.role == ADMIN);
        }
        else if (roll < 92)
        {
            keyId = findKey(key -> !key.revoked() && key.role == TRADER);
        }
        else if (roll < 96)
        {
            keyId = findKey(key -> key.revoked() && key.role == ADMIN);
        }
        return command.withSessionKey(keyId != 0 ? keyId : absentSessionKeyId());
    }

    /** @return the id of a key that matches, picked from a random start, or 0 when none does. */
    private long findKey(final Predicate<ReferenceModel.ApiKey> wanted)
    {
        final int count = model.apiKeyCount();
        if (count == 0)
        {
            return 0;
        }
        final int start = sessions.nextInt(count);
        for (int i = 0; i < count; i++)
        {
            final ReferenceModel.ApiKey key = model.apiKey(1 + (start + i) % count);
            if (wanted.test(key))
            {
                return key.id;
            }
        }
        return 0;
    }

    /**
     * A session's key id that no key ever gets. Not the next ids: a gateway stamps only the key its session logged
     * in with, which exists, and a command refused for its session is decided again when sent again (it is not
     * remembered), so a stamp of a key created later would turn a retry's refusal into an acceptance, which no
     * client can cause (CrashRecoveryTest found it when the stream did).
     */
    private long absentSessionKeyId()
    {
        switch (sessions.nextInt(3))
        {
            case 0:
                return -1 - sessions.nextInt(3);
            case 1:
                return (1L << 40) + sessions.nextInt(1_000);
            default:
                return sessions.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
    }

    /** A key id no key has (yet): the next ids, or ids no key ever gets. */
    private long unknownKeyId()
    {
        switch (sessions.nextInt(4))
        {
            case 0:
                return model.apiKeyCount() + 1;
            case 1:
                return model.apiKeyCount() + 2 + sessions.nextInt(3);
            case 2:
                return -1 - sessions.nextInt(3);
            default:
                return sessions.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
    }

    private long sessionRequestId(final long accountId)
    {
        return sessions.nextInt(100) == 0 ? EXTREMES[sessions.nextInt(EXTREMES.length)] : requestIds.next(accountId);
    }

    private TestCommand createApiKey()
    {
        final double p = sessions.nextDouble();
        final long account;
        if (p < 0.04)
        {
            account = sessions.nextBoolean() ? MAX_ACCOUNT_ID + 1 + sessions.nextInt(100) : -1 - sessions.nextInt(5);
        }
        else if (p < 0.12)
        {
            account = OPERATOR;
        }
        else
        {
            final List<Long> accounts = model.accountIds();
            account = accounts.get(sessions.nextInt(accounts.size()));
        }
        final int roleRoll = sessions.nextInt(100);
        final int role = roleRoll < 70 ? TRADER : roleRoll < 93 ? ADMIN : NO_ROLES[sessions.nextInt(NO_ROLES.length)];
        final byte[] salt = keyMaterial(CommandWriter.SALT_LENGTH);
        final byte[] keyHash = keyMaterial(CommandWriter.KEY_HASH_LENGTH);
        final int replaceRoll = sessions.nextInt(100);
        long replacesKeyId = 0;
        if (replaceRoll < 68)
        {
            replacesKeyId = 0;
        }
        else if (replaceRoll < 84)
        {
            replacesKeyId = findKey(key -> !key.revoked() && key.accountId == account);
        }
        else if (replaceRoll < 89)
        {
            replacesKeyId = findKey(key -> !key.revoked() && key.accountId != account);
        }
        else if (replaceRoll < 95)
        {
            replacesKeyId = findKey(ReferenceModel.ApiKey::revoked);
        }
        else
        {
            replacesKeyId = unknownKeyId();
        }
        return fromAdminSession(TestCommand.createApiKey(account, sessionRequestId(account), timestampNs, role,
            replacesKeyId, salt, keyHash));
    }

    /** Random bytes; sometimes all zero, or zero but for one byte (which must be enough). */
    private byte[] keyMaterial(final int length)
    {
        final byte[] bytes = new byte[length];
        final int roll = sessions.nextInt(100);
        if (roll < 5)
        {
            return bytes;
        }
        if (roll < 10)
        {
            bytes[sessions.nextBoolean() ? length - 1 : sessions.nextInt(length)] = (byte)(1 + sessions.nextInt(255));
            return bytes;
        }
        sessions.nextBytes(bytes);
        return bytes;
    }

    private TestCommand revokeApiKey()
    {
        final int roll = sessions.nextInt(100);
        final ReferenceModel.ApiKey key;
        if (roll < 62)
        {
            key = model.apiKey(findKey(k -> !k.revoked()));
        }
        else if (roll < 86)
        {
            key = model.apiKey(findKey(ReferenceModel.ApiKey::revoked));
        }
        else
        {
            key = null;
        }
        final List<Long> accounts = model.accountIds();
        long account = accounts.get(sessions.nextInt(accounts.size()));
        long keyId = unknownKeyId();
        if (key != null)
        {
            keyId = key.id;
            // Now and then another account names the key (and one in ten of those is an account that is not).
            if (sessions.nextInt(100) >= 15)
            {
                account = key.accountId;
            }
            else if (account == key.accountId)
            {
                account = sessions.nextInt(10) == 0 ? MAX_ACCOUNT_ID + 3 : key.accountId + 1;
            }
        }
        return fromAdminSession(TestCommand.revokeApiKey(account, sessionRequestId(account), timestampNs, keyId));
    }

    private long fuzzLong()
    {
        final int roll = random.nextInt(3);
        return roll == 0 ? extreme() : roll == 1 ? random.nextInt(-3, 20) : random.nextLong();
    }

    private int fuzzInt()
    {
        final int roll = random.nextInt(3);
        return roll == 0 ? (int)extreme() : roll == 1 ? random.nextInt(-3, 12) : random.nextInt();
    }

    /** A frame the BLP must refuse before reading any field. */
    private TestCommand malformed()
    {
        final TestCommand valid = TestCommand.deposit(1, 999, timestampNs, 1, 10);
        final TestCommand template = random.nextBoolean() ? valid : placeOrder();
        final int length = template.encode(writer, scratch);
        final byte[] bytes = new byte[length];
        scratch.getBytes(0, bytes);
        switch (random.nextInt(6))
        {
            case 0:
            {
                // Too short for the header: nothing in it is read, so the command type is UNKNOWN.
                final byte[] shortFrame = new byte[random.nextInt(8)];
                System.arraycopy(bytes, 0, shortFrame, 0, shortFrame.length);
                return TestCommand.raw(shortFrame);
            }
            case 1:
            {
                // Truncated block.
                final byte[] truncated = new byte[8 + random.nextInt(length - 8)];
                System.arraycopy(bytes, 0, truncated, 0, truncated.length);
                return TestCommand.raw(truncated);
            }
            case 2:
                putU16(bytes, 4, random.nextBoolean() ? 8 : random.nextInt(7));
                return TestCommand.raw(bytes);
            case 3:
            {
                // 1 is the version before sessions had keys, 2 the one before value times: an old client's frame;
                // 4 and later, a newer one's.
                final int draw = random.nextInt(102);
                putU16(bytes, 6, draw < 2 ? draw + 1 : draw + 2);
                return TestCommand.raw(bytes);
            }
            case 4:
            {
                final int[] unknown = {0, 16, 99, 101, 107, 108, 65535};
                putU16(bytes, 2, unknown[random.nextInt(unknown.length)]);
                return TestCommand.raw(bytes);
            }
            default:
                // The header claims a block shorter than the template's.
                putU16(bytes, 0, random.nextInt(length - 8));
                return TestCommand.raw(bytes);
        }
    }

    private static void putU16(final byte[] bytes, final int index, final int value)
    {
        bytes[index] = (byte)value;
        bytes[index + 1] = (byte)(value >>> 8);
    }

    /** For tests that want the whole stream up front (snapshot tests generate and apply as they go). */
    public static List<TestCommand> generate(final long seed, final int count, final int windowCapacity)
    {
        final ReferenceModel model = new ReferenceModel(windowCapacity);
        final RandomizedWorkload generator = new RandomizedWorkload(seed, model);
        final List<TestCommand> commands = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            final TestCommand command = generator.next();
            model.apply(command);
            commands.add(command);
        }
        return commands;
    }
}
