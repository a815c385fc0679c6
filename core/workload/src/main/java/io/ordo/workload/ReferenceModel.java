package io.ordo.workload;

import io.ordo.protocol.codec.BalanceCause;
import io.ordo.protocol.codec.CancelReason;
import io.ordo.protocol.codec.CommandType;
import io.ordo.protocol.codec.ExpireReason;
import io.ordo.protocol.codec.KeyRole;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.RejectReason;
import io.ordo.protocol.codec.Side;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A deliberately simple, independent implementation of docs/architecture.md, for differential testing of the
 * {@link BusinessLogicProcessor}: plain collections (TreeMap price levels, ArrayDeque FIFO queues), exact arithmetic
 * (BigInteger for fees, notionals and overflow checks, Math.*Exact elsewhere), no pooling, no cleverness. Each
 * method follows a paragraph of the spec; the comments quote it. Events are produced as {@link EventText} lines.
 * <p>
 * If the model ever reaches a state the spec says is impossible (negative balance, hold mismatch) it throws
 * {@link IllegalStateException}: that is a defect of the model, never an expected outcome.
 * <p>
 * Not thread safe; one instance per stream.
 */
public final class ReferenceModel
{
    public static final long OPERATOR_ACCOUNT_ID = 0;
    /** The sessionKeyId of a command submitted in process: trusted, as before sessions had keys. */
    private static final long IN_PROCESS = 0;
    private static final BigInteger PPM = BigInteger.valueOf(1_000_000);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final int HEADER_LENGTH = 8;
    private static final int SCHEMA_ID = 7;
    private static final int SCHEMA_VERSION = 3;

    private static final int BUY = Side.BUY.value();
    private static final int SELL = Side.SELL.value();
    private static final int GTC = OrderKind.GTC.value();
    private static final int FOK = OrderKind.FOK.value();
    private static final int POST_ONLY = OrderKind.POST_ONLY.value();
    private static final int MARKET = OrderKind.MARKET.value();

    private static final int NONE = RejectReason.NONE.value();
    private static final int TRADER = KeyRole.TRADER.value();
    private static final int ADMIN = KeyRole.ADMIN.value();

    /** An asset: id, scale and supply (deposits minus withdrawals). */
    public static final class Asset
    {
        final int id;
        final int scale;
        long supply;

        Asset(final int id, final int scale)
        {
            this.id = id;
            this.scale = scale;
        }
    }

    /** An instrument's parameters and its two sides of the book. */
    public static final class Instrument
    {
        public final int id;
        public final int baseAssetId;
        public final int quoteAssetId;
        public final int makerFeePpm;
        public final int takerFeePpm;
        public final long lotSize;
        public final long tickSize;
        public final long minQuantity;
        public final long maxQuantity;
        public final long minPrice;
        public final long maxPrice;
        boolean halted;
        /** Best (highest) price first. */
        final TreeMap<Long, ArrayDeque<Order>> bids = new TreeMap<>(Comparator.reverseOrder());
        /** Best (lowest) price first. */
        final TreeMap<Long, ArrayDeque<Order>> asks = new TreeMap<>();

        Instrument(final TestCommand c)
        {
            this.id = c.id;
            this.baseAssetId = c.i1;
            this.quoteAssetId = c.i2;
            this.makerFeePpm = c.i3;
            this.takerFeePpm = c.i4;
            this.lotSize = c.l1;
            this.tickSize = c.l2;
            this.minQuantity = c.l3;
            this.maxQuantity = c.l4;
            this.minPrice = c.l5;
            this.maxPrice = c.l6;
        }

        public boolean halted()
        {
            return halted;
        }

        TreeMap<Long, ArrayDeque<Order>> side(final int side)
        {
            return side == BUY ? bids : asks;
        }

        TreeMap<Long, ArrayDeque<Order>> opposite(final int side)
        {
            return side == BUY ? asks : bids;
        }
    }

    /** One balance of one account in one asset. */
    static final class Balance
    {
        long available;
        long held;
    }

    /** An order, open (resting) or being matched. */
    public static final class Order
    {
        public final long id;
        public final long accountId;
        public final Instrument instrument;
        public final int side;
        public final int kind;
        public long price;
        public long remaining;
        public long held;
        /** Unspent quote budget of a market budget buy; 0 for every other order. */
        long budget;

        Order(final long id, final long accountId, final Instrument instrument, final int side, final int kind,
            final long price, final long remaining, final long budget)
        {
            this.id = id;
            this.accountId = accountId;
            this.instrument = instrument;
            this.side = side;
            this.kind = kind;
            this.price = price;
            this.remaining = remaining;
            this.budget = budget;
        }

        boolean isBudgetBuy()
        {
            return kind == MARKET && side == BUY && price == 0;
        }

        int holdAssetId()
        {
            return side == BUY ? instrument.quoteAssetId : instrument.baseAssetId;
        }
    }

    /** An API key: never removed, so that its id is never reused; revoked keys stay revoked. */
    public static final class ApiKey
    {
        public final long id;
        public final long accountId;
        public final int role;
        final byte[] salt;
        final byte[] keyHash;
        boolean revoked;

        ApiKey(final long id, final long accountId, final int role, final byte[] salt, final byte[] keyHash)
        {
            this.id = id;
            this.accountId = accountId;
            this.role = role;
            this.salt = salt;
            this.keyHash = keyHash;
        }

        public boolean revoked()
        {
            return revoked;
        }
    }

    private record Key(long accountId, long clientRequestId)
    {
    }

    private record WindowEntry(Key key, int reason, long orderId)
    {
    }

    private final int windowCapacity;
    private final TreeMap<Integer, Asset> assets = new TreeMap<>();
    private final TreeMap<Integer, Instrument> instruments = new TreeMap<>();
    private final TreeMap<Long, TreeMap<Integer, Balance>> accounts = new TreeMap<>();
    /** Every open order by id: ascending id order is what cancel-all walks. */
    private final TreeMap<Long, Order> openOrders = new TreeMap<>();
    private final ArrayDeque<WindowEntry> window = new ArrayDeque<>();
    private final HashMap<Key, WindowEntry> windowByKey = new HashMap<>();
    /** Every API key ever created, the key with id n at index n - 1. */
    private final List<ApiKey> apiKeys = new ArrayList<>();
    private long nextOrderId = 1;
    private long nextTradeId = 1;

    private List<String> events;
    private TestCommand command;

    public ReferenceModel(final int requestWindowCapacity)
    {
        this.windowCapacity = requestWindowCapacity;
        accounts.put(OPERATOR_ACCOUNT_ID, new TreeMap<>());
    }

    /**
     * Applies one command.
     *
     * @return its events, terminal outcome first, in {@link EventText} form.
     */
    public List<String> apply(final TestCommand c)
    {
        events = new ArrayList<>();
        command = c;
        if (c.isRaw())
        {
            onRawFrame(c.rawBytes());
            return events;
        }

        if (!sessionMaySend(c))
        {
            // Refused before the window is asked: learns nothing of the key's requests and is not remembered.
            events.add(EventText.commandRejected(c.accountId, c.clientRequestId, c.timestampNs, 0, c.templateId(),
                RejectReason.NOT_AUTHORIZED.value(), NONE));
            return events;
        }

        final Key key = new Key(c.accountId, c.clientRequestId);
        final WindowEntry original = windowByKey.get(key);
        if (original != null)
        {
            // A duplicate applies nothing and does not refresh (nor enter) the window.
            events.add(EventText.commandRejected(c.accountId, c.clientRequestId, c.timestampNs, original.orderId,
                c.templateId(), RejectReason.DUPLICATE_REQUEST.value(), original.reason));
            return events;
        }

        final long[] outcome = dispatch(c);
        remember(new WindowEntry(key, (int)outcome[0], outcome[1]));
        return events;
    }

    private void remember(final WindowEntry entry)
    {
        window.addLast(entry);
        windowByKey.put(entry.key, entry);
        if (window.size() > windowCapacity)
        {
            final WindowEntry oldest = window.removeFirst();
            windowByKey.remove(oldest.key);
        }
    }

    /** Frame checks, spec "Validation" 1. Only malformed frames are expected here. */
    private void onRawFrame(final byte[] bytes)
    {
        if (bytes.length < HEADER_LENGTH)
        {
            frameReject(CommandType.UNKNOWN.value(), RejectReason.MALFORMED.value());
            return;
        }
        final int blockLength = u16(bytes, 0);
        final int templateId = u16(bytes, 2);
        final int schemaId = u16(bytes, 4);
        final int version = u16(bytes, 6);
        final boolean isCommand = templateId >= 1 && templateId < TestCommand.BLOCK_LENGTHS.length;
        final int commandType = isCommand ? templateId : CommandType.UNKNOWN.value();
        if (schemaId != SCHEMA_ID || version != SCHEMA_VERSION)
        {
            frameReject(CommandType.UNKNOWN.value(),
                RejectReason.MALFORMED.value());
            return;
        }
        if (!isCommand)
        {
            frameReject(commandType, RejectReason.UNKNOWN_COMMAND.value());
            return;
        }
        final int templateBlockLength = TestCommand.BLOCK_LENGTHS[templateId];
        if (blockLength < templateBlockLength || bytes.length - HEADER_LENGTH < templateBlockLength)
        {
            frameReject(commandType, RejectReason.MALFORMED.value());
            return;
        }
        throw new IllegalArgumentException("the reference model takes only malformed raw frames, got a valid " +
            "frame of template " + templateId);
    }

    private void frameReject(final int commandType, final int reason)
    {
        events.add(EventText.commandRejected(0, 0, 0, 0, commandType, reason, NONE));
    }

    private static int u16(final byte[] bytes, final int index)
    {
        return (bytes[index] & 0xFF) | ((bytes[index + 1] & 0xFF) << 8);
    }

    /** @return {reason, orderId} of the terminal outcome, as the window remembers it. */
    private long[] dispatch(final TestCommand c)
    {
        switch (c.kind)
        {
            case CREATE_ASSET:
                return outcome(createAsset(c), 0);
            case CREATE_INSTRUMENT:
                return outcome(createInstrument(c), 0);
            case OPEN_ACCOUNT:
                return outcome(openAccount(c), 0);
            case DEPOSIT:
                return outcome(deposit(c), 0);
            case WITHDRAW:
                return outcome(withdraw(c), 0);
            case TRANSFER:
                return outcome(transfer(c), 0);
            case PLACE_GTC:
            case PLACE_IOC:
            case PLACE_FOK:
            case PLACE_POST_ONLY:
            case PLACE_MARKET_LIMIT:
            case PLACE_MARKET_BUDGET:
            case PLACE_INVALID_KIND:
                return placeOrder(c);
            case CANCEL_ORDER:
                return outcome(cancelOrder(c), c.l1);
            case REPLACE_ORDER:
                return outcome(replaceOrder(c), c.l1);
            case CANCEL_ALL:
                return outcome(cancelAll(c), 0);
            case HALT_INSTRUMENT:
                return outcome(haltOrResume(c, true), 0);
            case RESUME_INSTRUMENT:
                return outcome(haltOrResume(c, false), 0);
            case TAKE_SNAPSHOT:
                return outcome(c.accountId != OPERATOR_ACCOUNT_ID ? reject(RejectReason.NOT_AUTHORIZED) : accept(), 0);
            case CREATE_API_KEY:
                return createApiKey(c);
            case REVOKE_API_KEY:
                return outcome(revokeApiKey(c), 0);
            default:
                throw new IllegalArgumentException("no reference behaviour for command kind " + c.kind);
        }
    }

    private static long[] outcome(final int reason, final long orderId)
    {
        return new long[]{reason, orderId};
    }

    /** Emits CommandRejected with the order the command names (cancel/replace) or 0, and returns the reason. */
    private int reject(final RejectReason reason)
    {
        final TestCommand c = command;
        final long orderId = c.kind == CommandKind.CANCEL_ORDER || c.kind == CommandKind.REPLACE_ORDER ? c.l1 : 0;
        events.add(EventText.commandRejected(c.accountId, c.clientRequestId, c.timestampNs, orderId, c.templateId(),
            reason.value(), NONE));
        return reason.value();
    }

    private int accept()
    {
        final TestCommand c = command;
        final long valueTimeNs = c.valueTimeNs() == 0 ? c.timestampNs : c.valueTimeNs();
        events.add(EventText.commandAccepted(c.accountId, c.clientRequestId, c.timestampNs, c.templateId()) +
            (valueTimeNs == c.timestampNs ? "" : " vt=" + valueTimeNs));
        return NONE;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Reference data and accounts
    // ---------------------------------------------------------------------------------------------------------

    private int createAsset(final TestCommand c)
    {
        if (c.accountId != OPERATOR_ACCOUNT_ID)
        {
            return reject(RejectReason.NOT_AUTHORIZED);
        }
        if (c.id <= 0)
        {
            return reject(RejectReason.INVALID_ASSET);
        }
        if (assets.containsKey(c.id))
        {
            return reject(RejectReason.ASSET_EXISTS);
        }
        if (c.i1 < 0 || c.i1 > 18)
        {
            return reject(RejectReason.INVALID_ASSET);
        }
        assets.put(c.id, new Asset(c.id, c.i1));
        return accept();
    }

    private int createInstrument(final TestCommand c)
    {
        if (c.accountId != OPERATOR_ACCOUNT_ID)
        {
            return reject(RejectReason.NOT_AUTHORIZED);
        }
        if (c.id <= 0)
        {
            return reject(RejectReason.INVALID_INSTRUMENT);
        }
        if (instruments.containsKey(c.id))
        {
            return reject(RejectReason.INSTRUMENT_EXISTS);
        }
        if (!assets.containsKey(c.i1) || !assets.containsKey(c.i2))
        {
            return reject(RejectReason.UNKNOWN_ASSET);
        }
        final long lot = c.l1;
        final long tick = c.l2;
        final long minQuantity = c.l3;
        final long maxQuantity = c.l4;
        final long minPrice = c.l5;
        final long maxPrice = c.l6;
        if (c.i1 == c.i2 ||
            lot <= 0 ||
            tick <= 0 ||
            minQuantity <= 0 ||
            maxQuantity < minQuantity ||
            minQuantity % lot != 0 ||
            maxQuantity % lot != 0 ||
            minPrice <= 0 ||
            maxPrice < minPrice ||
            minPrice % tick != 0 ||
            maxPrice % tick != 0 ||
            c.i3 < 0 || c.i3 > 1_000_000 ||
            c.i4 < 0 || c.i4 > 1_000_000)
        {
            return reject(RejectReason.INVALID_INSTRUMENT);
        }
        final BigInteger notional = BigInteger.valueOf(maxPrice).multiply(BigInteger.valueOf(maxQuantity / lot));
        final BigInteger worst = notional.add(fee(notional, Math.max(c.i3, c.i4)));
        if (worst.compareTo(LONG_MAX) > 0)
        {
            return reject(RejectReason.OVERFLOW);
        }
        instruments.put(c.id, new Instrument(c));
        return accept();
    }

    private int openAccount(final TestCommand c)
    {
        if (c.accountId < 0)
        {
            return reject(RejectReason.INVALID_ACCOUNT_ID);
        }
        if (accounts.containsKey(c.accountId))
        {
            return reject(RejectReason.ACCOUNT_EXISTS);
        }
        accounts.put(c.accountId, new TreeMap<>());
        return accept();
    }

    private int deposit(final TestCommand c)
    {
        if (c.valueTimeNs() < 0)
        {
            // Checked first: before the account, as the value time is the command's own field.
            return reject(RejectReason.INVALID_VALUE_TIME);
        }
        if (!accounts.containsKey(c.accountId))
        {
            return reject(RejectReason.UNKNOWN_ACCOUNT);
        }
        final Asset asset = assets.get(c.id);
        if (asset == null)
        {
            return reject(RejectReason.UNKNOWN_ASSET);
        }
        if (c.l1 <= 0)
        {
            return reject(RejectReason.INVALID_AMOUNT);
        }
        if (BigInteger.valueOf(asset.supply).add(BigInteger.valueOf(c.l1)).compareTo(LONG_MAX) > 0)
        {
            return reject(RejectReason.OVERFLOW);
        }
        accept();
        asset.supply += c.l1;
        change(c.accountId, c.id, BalanceCause.DEPOSIT, c.l1, 0, 0);
        return NONE;
    }

    private int withdraw(final TestCommand c)
    {
        if (c.valueTimeNs() < 0)
        {
            return reject(RejectReason.INVALID_VALUE_TIME);
        }
        if (!accounts.containsKey(c.accountId))
        {
            return reject(RejectReason.UNKNOWN_ACCOUNT);
        }
        final Asset asset = assets.get(c.id);
        if (asset == null)
        {
            return reject(RejectReason.UNKNOWN_ASSET);
        }
        if (c.l1 <= 0)
        {
            return reject(RejectReason.INVALID_AMOUNT);
        }
        if (available(c.accountId, c.id) < c.l1)
        {
            return reject(RejectReason.INSUFFICIENT_FUNDS);
        }
        accept();
        asset.supply -= c.l1;
        change(c.accountId, c.id, BalanceCause.WITHDRAWAL, -c.l1, 0, 0);
        return NONE;
    }

    private int transfer(final TestCommand c)
    {
        final long to = c.l2;
        final long amount = c.l1;
        if (c.valueTimeNs() < 0)
        {
            return reject(RejectReason.INVALID_VALUE_TIME);
        }
        if (!accounts.containsKey(c.accountId))
        {
            return reject(RejectReason.UNKNOWN_ACCOUNT);
        }
        if (to == c.accountId)
        {
            return reject(RejectReason.SAME_ACCOUNT);
        }
        if (!accounts.containsKey(to))
        {
            return reject(RejectReason.UNKNOWN_ACCOUNT);
        }
        if (!assets.containsKey(c.id))
        {
            return reject(RejectReason.UNKNOWN_ASSET);
        }
        if (amount <= 0)
        {
            return reject(RejectReason.INVALID_AMOUNT);
        }
        if (available(c.accountId, c.id) < amount)
        {
            return reject(RejectReason.INSUFFICIENT_FUNDS);
        }
        accept();
        change(c.accountId, c.id, BalanceCause.TRANSFER, -amount, 0, to);
        change(to, c.id, BalanceCause.TRANSFER, amount, 0, c.accountId);
        return NONE;
    }

    private int haltOrResume(final TestCommand c, final boolean halt)
    {
        if (c.accountId != OPERATOR_ACCOUNT_ID)
        {
            return reject(RejectReason.NOT_AUTHORIZED);
        }
        final Instrument instrument = instruments.get(c.id);
        if (instrument == null)
        {
            return reject(RejectReason.UNKNOWN_INSTRUMENT);
        }
        if (halt && instrument.halted)
        {
            return reject(RejectReason.INSTRUMENT_HALTED);
        }
        if (!halt && !instrument.halted)
        {
            return reject(RejectReason.INSTRUMENT_NOT_HALTED);
        }
        instrument.halted = halt;
        return accept();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Authorisation and API keys
    // ---------------------------------------------------------------------------------------------------------

    /**
     * What a gateway session may send: its key must exist and not be revoked; an admin key may send anything (the
     * command's own rules still apply), a trader key only orders, cancels, replaces, cancel-alls and transfers,
     * and only of the key's own account. Public for the generator, which sends some refused commands again.
     *
     * @return whether the command passes, true for one sent in process.
     */
    public boolean sessionMaySend(final TestCommand c)
    {
        if (c.sessionKeyId == IN_PROCESS)
        {
            return true;
        }
        final ApiKey key = apiKey(c.sessionKeyId);
        if (key == null || key.revoked)
        {
            return false;
        }
        if (key.role == ADMIN)
        {
            return true;
        }
        final int type = c.templateId();
        final boolean traderCommand = type == CommandType.PLACE_ORDER.value() ||
            type == CommandType.CANCEL_ORDER.value() || type == CommandType.REPLACE_ORDER.value() ||
            type == CommandType.CANCEL_ALL.value() || type == CommandType.TRANSFER.value();
        return traderCommand && c.accountId == key.accountId;
    }

    /**
     * A new key for an existing account, with a known role and a salt and a hash that are not all zero; with
     * {@code replacesKeyId} it also revokes that key, which must be a live key of the same account. The window
     * remembers the new key's id where other commands keep an order id.
     */
    private long[] createApiKey(final TestCommand c)
    {
        final int role = c.i1;
        final long replacesKeyId = c.l1;
        final byte[] salt = c.salt();
        final byte[] keyHash = c.keyHash();
        if (!accounts.containsKey(c.accountId))
        {
            return outcome(reject(RejectReason.UNKNOWN_ACCOUNT), 0);
        }
        if ((role != TRADER && role != ADMIN) || allZero(salt) || allZero(keyHash))
        {
            return outcome(reject(RejectReason.INVALID_API_KEY), 0);
        }
        final ApiKey replaced = replacesKeyId == 0 ? null : apiKey(replacesKeyId);
        if (replacesKeyId != 0 && (replaced == null || replaced.revoked || replaced.accountId != c.accountId))
        {
            return outcome(reject(RejectReason.UNKNOWN_API_KEY), 0);
        }
        final ApiKey key = new ApiKey(apiKeys.size() + 1, c.accountId, role, salt, keyHash);
        apiKeys.add(key);
        events.add(EventText.apiKeyCreated(c.accountId, c.clientRequestId, c.timestampNs, key.id, role,
            replacesKeyId, salt, keyHash));
        if (replaced != null)
        {
            replaced.revoked = true;
            events.add(EventText.apiKeyRevoked(c.accountId, c.clientRequestId, c.timestampNs, replaced.id));
        }
        return outcome(NONE, key.id);
    }

    /** Revokes a live key of the command's account; a missing, revoked or foreign key is UNKNOWN_API_KEY. */
    private int revokeApiKey(final TestCommand c)
    {
        final ApiKey key = apiKey(c.l1);
        if (key == null || key.revoked || key.accountId != c.accountId)
        {
            return reject(RejectReason.UNKNOWN_API_KEY);
        }
        accept();
        key.revoked = true;
        events.add(EventText.apiKeyRevoked(c.accountId, c.clientRequestId, c.timestampNs, key.id));
        return NONE;
    }

    private static boolean allZero(final byte[] bytes)
    {
        for (final byte b : bytes)
        {
            if (b != 0)
            {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Orders
    // ---------------------------------------------------------------------------------------------------------

    private long[] placeOrder(final TestCommand c)
    {
        final int side = c.i1;
        final int kind = c.i2;
        final long price = c.l1;
        final long quantity = c.l2;
        final long budget = c.l3;
        if (!accounts.containsKey(c.accountId))
        {
            return outcome(reject(RejectReason.UNKNOWN_ACCOUNT), 0);
        }
        final Instrument instrument = instruments.get(c.id);
        if (instrument == null)
        {
            return outcome(reject(RejectReason.UNKNOWN_INSTRUMENT), 0);
        }
        if (instrument.halted)
        {
            return outcome(reject(RejectReason.INSTRUMENT_HALTED), 0);
        }
        if (side != BUY && side != SELL)
        {
            return outcome(reject(RejectReason.INVALID_SIDE), 0);
        }
        if (kind < GTC || kind > MARKET)
        {
            return outcome(reject(RejectReason.INVALID_ORDER_KIND), 0);
        }
        final RejectReason quantityReason = checkQuantity(instrument, quantity);
        if (quantityReason != null)
        {
            return outcome(reject(quantityReason), 0);
        }
        if (kind != MARKET)
        {
            if (budget != 0)
            {
                return outcome(reject(RejectReason.INVALID_MARKET_BOUND), 0);
            }
            final RejectReason priceReason = checkPrice(instrument, price);
            if (priceReason != null)
            {
                return outcome(reject(priceReason), 0);
            }
        }
        else
        {
            if (price < 0 || budget < 0 || (price == 0 && budget == 0) || (price != 0 && budget != 0) ||
                (budget != 0 && side == SELL))
            {
                return outcome(reject(RejectReason.INVALID_MARKET_BOUND), 0);
            }
            if (price > 0)
            {
                if (price % instrument.tickSize != 0)
                {
                    return outcome(reject(RejectReason.PRICE_OFF_TICK), 0);
                }
                if (price < instrument.minPrice || price > instrument.maxPrice)
                {
                    return outcome(reject(RejectReason.PRICE_OUT_OF_RANGE), 0);
                }
            }
        }
        if (kind == POST_ONLY && wouldCross(instrument, side, price))
        {
            return outcome(reject(RejectReason.WOULD_CROSS), 0);
        }
        final long hold = budget != 0 ? budget : required(instrument, side, kind, price, quantity);
        final int holdAssetId = side == BUY ? instrument.quoteAssetId : instrument.baseAssetId;
        if (available(c.accountId, holdAssetId) < hold)
        {
            return outcome(reject(RejectReason.INSUFFICIENT_FUNDS), 0);
        }

        final Order order = new Order(nextOrderId++, c.accountId, instrument, side, kind, price, quantity, budget);
        order.held = hold;
        openOrders.put(order.id, order);
        events.add(EventText.orderAccepted(c.accountId, c.clientRequestId, c.timestampNs, order.id, instrument.id,
            side, kind, price, quantity, budget, hold));
        change(c.accountId, holdAssetId, BalanceCause.ORDER_HOLD, -hold, hold, order.id);
        match(order);
        return outcome(NONE, order.id);
    }

    private static RejectReason checkQuantity(final Instrument instrument, final long quantity)
    {
        if (quantity <= 0)
        {
            return RejectReason.INVALID_QUANTITY;
        }
        if (quantity % instrument.lotSize != 0)
        {
            return RejectReason.QUANTITY_OFF_LOT;
        }
        if (quantity < instrument.minQuantity || quantity > instrument.maxQuantity)
        {
            return RejectReason.QUANTITY_OUT_OF_RANGE;
        }
        return null;
    }

    private static RejectReason checkPrice(final Instrument instrument, final long price)
    {
        if (price <= 0)
        {
            return RejectReason.INVALID_PRICE;
        }
        if (price % instrument.tickSize != 0)
        {
            return RejectReason.PRICE_OFF_TICK;
        }
        if (price < instrument.minPrice || price > instrument.maxPrice)
        {
            return RejectReason.PRICE_OUT_OF_RANGE;
        }
        return null;
    }

    /** Post-only: "rejected if the best opposite price is acceptable at its limit (own orders included)". */
    private static boolean wouldCross(final Instrument instrument, final int side, final long limit)
    {
        final TreeMap<Long, ArrayDeque<Order>> opposite = instrument.opposite(side);
        if (opposite.isEmpty())
        {
            return false;
        }
        final long best = opposite.firstKey();
        return side == BUY ? best <= limit : best >= limit;
    }

    private int cancelOrder(final TestCommand c)
    {
        if (!accounts.containsKey(c.accountId))
        {
            return reject(RejectReason.UNKNOWN_ACCOUNT);
        }
        final Order order = openOrders.get(c.l1);
        if (order == null || order.accountId != c.accountId)
        {
            return reject(RejectReason.UNKNOWN_ORDER);
        }
        cancel(order, CancelReason.USER);
        return NONE;
    }

    private int cancelAll(final TestCommand c)
    {
        if (!accounts.containsKey(c.accountId))
        {
            return reject(RejectReason.UNKNOWN_ACCOUNT);
        }
        if (c.id != 0 && !instruments.containsKey(c.id))
        {
            return reject(RejectReason.UNKNOWN_INSTRUMENT);
        }
        accept();
        for (final Order order : new ArrayList<>(openOrders.values()))
        {
            if (order.accountId == c.accountId && (c.id == 0 || order.instrument.id == c.id))
            {
                cancel(order, CancelReason.CANCEL_ALL);
            }
        }
        return NONE;
    }

    private void cancel(final Order order, final CancelReason reason)
    {
        final TestCommand c = command;
        events.add(EventText.orderCancelled(order.accountId, c.clientRequestId, c.timestampNs, order.id,
            order.instrument.id, reason.value(), order.remaining));
        removeFromBook(order);
        release(order);
    }

    private int replaceOrder(final TestCommand c)
    {
        final long newPrice = c.l2;
        final long newQuantity = c.l3;
        if (!accounts.containsKey(c.accountId))
        {
            return reject(RejectReason.UNKNOWN_ACCOUNT);
        }
        final Order order = openOrders.get(c.l1);
        if (order == null || order.accountId != c.accountId)
        {
            return reject(RejectReason.UNKNOWN_ORDER);
        }
        final Instrument instrument = order.instrument;
        if (instrument.halted)
        {
            return reject(RejectReason.INSTRUMENT_HALTED);
        }
        final RejectReason quantityReason = checkQuantity(instrument, newQuantity);
        if (quantityReason != null)
        {
            return reject(quantityReason);
        }
        final RejectReason priceReason = checkPrice(instrument, newPrice);
        if (priceReason != null)
        {
            return reject(priceReason);
        }
        if (newPrice == order.price && newQuantity == order.remaining)
        {
            return reject(RejectReason.REPLACE_NO_CHANGE);
        }
        if (order.kind == POST_ONLY && wouldCross(instrument, order.side, newPrice))
        {
            return reject(RejectReason.WOULD_CROSS);
        }
        final long newRequired = required(instrument, order.side, order.kind, newPrice, newQuantity);
        final long d = newRequired - order.held;
        if (d > available(order.accountId, order.holdAssetId()))
        {
            return reject(RejectReason.INSUFFICIENT_FUNDS);
        }

        final boolean priorityKept = newPrice == order.price && newQuantity < order.remaining;
        events.add(EventText.orderReplaced(c.accountId, c.clientRequestId, c.timestampNs, order.id, instrument.id,
            priorityKept ? 1 : 0, order.price, order.remaining, newPrice, newQuantity));
        change(order.accountId, order.holdAssetId(), d > 0 ? BalanceCause.ORDER_HOLD : BalanceCause.ORDER_RELEASE,
            -d, d, order.id);
        order.held = newRequired;
        if (priorityKept)
        {
            order.remaining = newQuantity;
            return NONE;
        }
        // Leaves its level; matched as an aggressor at its new price; its remainder rests at the back.
        removeFromBook(order);
        order.price = newPrice;
        order.remaining = newQuantity;
        match(order);
        return NONE;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Matching
    // ---------------------------------------------------------------------------------------------------------

    private static boolean acceptable(final Order taker, final long levelPrice)
    {
        if (taker.isBudgetBuy())
        {
            return true;
        }
        return taker.side == BUY ? levelPrice <= taker.price : levelPrice >= taker.price;
    }

    /** The taker is accepted, holds its required amount and is in {@link #openOrders} but not in the book. */
    private void match(final Order taker)
    {
        final Instrument instrument = taker.instrument;
        final TreeMap<Long, ArrayDeque<Order>> opposite = instrument.opposite(taker.side);

        if (taker.kind == FOK && !canFillInFull(taker, opposite))
        {
            expire(taker, ExpireReason.FOK_UNFILLED);
            return;
        }

        ExpireReason stopReason = ExpireReason.IOC_REMAINDER;
        while (taker.remaining > 0 && !opposite.isEmpty())
        {
            final long levelPrice = opposite.firstKey();
            if (!acceptable(taker, levelPrice))
            {
                break;
            }
            final Order maker = opposite.firstEntry().getValue().peekFirst();
            if (maker.accountId == taker.accountId)
            {
                stopReason = ExpireReason.SELF_TRADE_PREVENTED;
                break;
            }
            long quantity = Math.min(taker.remaining, maker.remaining);
            if (taker.isBudgetBuy())
            {
                final long affordableLots = affordableLots(instrument, levelPrice, taker.budget,
                    quantity / instrument.lotSize);
                quantity = Math.min(quantity, affordableLots * instrument.lotSize);
                if (quantity == 0)
                {
                    stopReason = ExpireReason.BUDGET_EXHAUSTED;
                    break;
                }
            }
            fill(taker, maker, levelPrice, quantity);
        }

        if (taker.remaining > 0)
        {
            if (stopReason != ExpireReason.SELF_TRADE_PREVENTED && (taker.kind == GTC || taker.kind == POST_ONLY))
            {
                instrument.side(taker.side).computeIfAbsent(taker.price, p -> new ArrayDeque<>()).addLast(taker);
            }
            else
            {
                expire(taker, stopReason);
            }
        }
        else
        {
            openOrders.remove(taker.id);
            // "A market budget buy that filled in full releases its unspent budget with a BalanceChanged alone."
            release(taker);
        }
    }

    /** FOK pre-check: acceptable resting quantity in priority order, stopping at the taker's own account. */
    private static boolean canFillInFull(final Order taker, final TreeMap<Long, ArrayDeque<Order>> opposite)
    {
        long available = 0;
        for (final Map.Entry<Long, ArrayDeque<Order>> level : opposite.entrySet())
        {
            if (!acceptable(taker, level.getKey()))
            {
                break;
            }
            for (final Order maker : level.getValue())
            {
                if (maker.accountId == taker.accountId)
                {
                    return false;
                }
                available += maker.remaining;
                if (available >= taker.remaining)
                {
                    // Stop before the sum of huge orders could overflow.
                    return true;
                }
            }
        }
        return false;
    }

    /** The most whole lots (at most maxLots) whose notional plus taker fee fit in the budget. */
    private static long affordableLots(
        final Instrument instrument, final long price, final long budget, final long maxLots)
    {
        long low = 0;
        long high = Math.min(maxLots, budget / price);
        while (low < high)
        {
            final long mid = low + (high - low + 1) / 2;
            final BigInteger notional = BigInteger.valueOf(price).multiply(BigInteger.valueOf(mid));
            final BigInteger cost = notional.add(fee(notional, instrument.takerFeePpm));
            if (cost.compareTo(BigInteger.valueOf(budget)) <= 0)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }
        return low;
    }

    private void fill(final Order taker, final Order maker, final long price, final long quantity)
    {
        final Instrument instrument = taker.instrument;
        final long tradeId = nextTradeId++;
        final long notional = notional(instrument, price, quantity);
        final long makerFee = fee(notional, instrument.makerFeePpm);
        final long takerFee = fee(notional, instrument.takerFeePpm);
        final Order buyer = taker.side == BUY ? taker : maker;
        final Order seller = taker.side == BUY ? maker : taker;
        final long buyerFee = buyer == taker ? takerFee : makerFee;
        final long sellerFee = seller == taker ? takerFee : makerFee;

        final long buyerRelease;
        if (buyer.isBudgetBuy())
        {
            buyerRelease = Math.addExact(notional, buyerFee);
            buyer.budget -= buyerRelease;
            buyer.held -= buyerRelease;
        }
        else
        {
            final long before = required(instrument, BUY, buyer.kind, buyer.price, buyer.remaining);
            final long after = required(instrument, BUY, buyer.kind, buyer.price, buyer.remaining - quantity);
            check(before == buyer.held, "buyer hold " + buyer.held + " != required " + before);
            buyerRelease = before - after;
            buyer.held = after;
        }
        seller.held -= quantity;
        taker.remaining -= quantity;
        maker.remaining -= quantity;

        events.add(EventText.trade(tradeId, command.timestampNs, instrument.id, taker.side, maker.id, taker.id,
            maker.accountId, taker.accountId, price, quantity, makerFee, takerFee, maker.remaining,
            taker.remaining));
        change(buyer.accountId, instrument.quoteAssetId, BalanceCause.TRADE,
            buyerRelease - notional - buyerFee, -buyerRelease, tradeId);
        change(buyer.accountId, instrument.baseAssetId, BalanceCause.TRADE, quantity, 0, tradeId);
        change(seller.accountId, instrument.baseAssetId, BalanceCause.TRADE, 0, -quantity, tradeId);
        change(seller.accountId, instrument.quoteAssetId, BalanceCause.TRADE, notional - sellerFee, 0, tradeId);
        change(OPERATOR_ACCOUNT_ID, instrument.quoteAssetId, BalanceCause.FEE, makerFee + takerFee, 0, tradeId);

        if (maker.remaining == 0)
        {
            check(maker.held == 0, "filled maker still holds " + maker.held);
            removeFromBook(maker);
            openOrders.remove(maker.id);
        }
    }

    private void expire(final Order order, final ExpireReason reason)
    {
        final TestCommand c = command;
        events.add(EventText.orderExpired(order.accountId, c.clientRequestId, c.timestampNs, order.id,
            order.instrument.id, reason.value(), order.remaining));
        openOrders.remove(order.id);
        release(order);
    }

    /** Releases the whole hold of an order that is leaving: ORDER_RELEASE, only if non-zero. */
    private void release(final Order order)
    {
        final long amount = order.held;
        order.held = 0;
        order.budget = 0;
        openOrders.remove(order.id);
        change(order.accountId, order.holdAssetId(), BalanceCause.ORDER_RELEASE, amount, -amount, order.id);
    }

    private static void removeFromBook(final Order order)
    {
        final TreeMap<Long, ArrayDeque<Order>> side = order.instrument.side(order.side);
        final ArrayDeque<Order> level = side.get(order.price);
        if (level == null)
        {
            return;
        }
        level.remove(order);
        if (level.isEmpty())
        {
            side.remove(order.price);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Arithmetic, holds, balances
    // ---------------------------------------------------------------------------------------------------------

    /** {@code notional(price, quantity) = price × quantity / lotSize}, exact. */
    static long notional(final Instrument instrument, final long price, final long quantity)
    {
        check(quantity % instrument.lotSize == 0, "quantity off lot " + quantity);
        return Math.multiplyExact(price, quantity / instrument.lotSize);
    }

    /** {@code floor(notional × ppm / 1 000 000)}. */
    static long fee(final long notional, final int ppm)
    {
        return fee(BigInteger.valueOf(notional), ppm).longValueExact();
    }

    private static BigInteger fee(final BigInteger notional, final int ppm)
    {
        return notional.multiply(BigInteger.valueOf(ppm)).divide(PPM);
    }

    /** The spec's table of the hold ("required") of an order with a price (not a budget buy). */
    static long required(
        final Instrument instrument, final int side, final int kind, final long price, final long remaining)
    {
        if (side == SELL)
        {
            return remaining;
        }
        final long n = notional(instrument, price, remaining);
        final int ppm;
        if (kind == GTC)
        {
            ppm = Math.max(instrument.makerFeePpm, instrument.takerFeePpm);
        }
        else if (kind == POST_ONLY)
        {
            ppm = instrument.makerFeePpm;
        }
        else
        {
            ppm = instrument.takerFeePpm;
        }
        return Math.addExact(n, fee(n, ppm));
    }

    /** What an open order must hold now, per the spec's table. */
    public static long required(final Order order)
    {
        return order.isBudgetBuy() ? order.budget :
            required(order.instrument, order.side, order.kind, order.price, order.remaining);
    }

    private Balance balance(final long accountId, final int assetId)
    {
        return accounts.get(accountId).computeIfAbsent(assetId, id -> new Balance());
    }

    public long available(final long accountId, final int assetId)
    {
        final TreeMap<Integer, Balance> balances = accounts.get(accountId);
        final Balance balance = balances == null ? null : balances.get(assetId);
        return balance == null ? 0 : balance.available;
    }

    public long held(final long accountId, final int assetId)
    {
        final TreeMap<Integer, Balance> balances = accounts.get(accountId);
        final Balance balance = balances == null ? null : balances.get(assetId);
        return balance == null ? 0 : balance.held;
    }

    private void change(
        final long accountId, final int assetId, final BalanceCause cause, final long availableDelta,
        final long heldDelta, final long referenceId)
    {
        if (availableDelta == 0 && heldDelta == 0)
        {
            return;
        }
        final Balance balance = balance(accountId, assetId);
        balance.available = Math.addExact(balance.available, availableDelta);
        balance.held = Math.addExact(balance.held, heldDelta);
        check(balance.available >= 0 && balance.held >= 0,
            "negative balance account " + accountId + " asset " + assetId);
        events.add(EventText.balanceChanged(accountId, assetId, cause.value(), availableDelta, heldDelta,
            balance.available, balance.held, referenceId));
    }

    private static void check(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalStateException("reference model defect: " + message);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // State hash and read access
    // ---------------------------------------------------------------------------------------------------------

    /** The canonical walk of the spec's "State hash" section. */
    public long stateHash()
    {
        final Hash h = new Hash();
        h.add(nextOrderId).add(nextTradeId);

        h.add(assets.size());
        for (final Asset asset : assets.values())
        {
            h.add(asset.id).add(asset.scale).add(asset.supply);
        }

        h.add(instruments.size());
        for (final Instrument i : instruments.values())
        {
            h.add(i.id).add(i.baseAssetId).add(i.quoteAssetId).add(i.makerFeePpm).add(i.takerFeePpm)
                .add(i.lotSize).add(i.tickSize).add(i.minQuantity).add(i.maxQuantity).add(i.minPrice).add(i.maxPrice)
                .add(i.halted ? 1 : 0);
        }

        h.add(accounts.size());
        for (final Map.Entry<Long, TreeMap<Integer, Balance>> account : accounts.entrySet())
        {
            final List<Map.Entry<Integer, Balance>> nonZero = new ArrayList<>();
            for (final Map.Entry<Integer, Balance> balance : account.getValue().entrySet())
            {
                if (balance.getValue().available != 0 || balance.getValue().held != 0)
                {
                    nonZero.add(balance);
                }
            }
            h.add(account.getKey()).add(nonZero.size());
            for (final Map.Entry<Integer, Balance> balance : nonZero)
            {
                h.add(balance.getKey()).add(balance.getValue().available).add(balance.getValue().held);
            }
        }

        for (final Instrument i : instruments.values())
        {
            h.add(i.id);
            hashSide(h, i.bids);
            hashSide(h, i.asks);
        }

        h.add(window.size());
        for (final WindowEntry entry : window)
        {
            h.add(entry.key.accountId).add(entry.key.clientRequestId).add(entry.reason).add(entry.orderId);
        }
        // Only a state with keys walks them, so that a state without keys hashes as before keys existed.
        if (!apiKeys.isEmpty())
        {
            h.add(apiKeys.size());
            for (final ApiKey key : apiKeys)
            {
                h.add(key.id).add(key.accountId).add(key.role).add(key.revoked ? 1 : 0);
                hashWords(h, key.salt);
                hashWords(h, key.keyHash);
            }
        }
        return h.value;
    }

    /** Bytes as little-endian 8-byte words (the salt and the hash are whole words long). */
    private static void hashWords(final Hash h, final byte[] bytes)
    {
        check(bytes.length % Long.BYTES == 0, "key material of " + bytes.length + " bytes is not whole words");
        final ByteBuffer words = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        while (words.hasRemaining())
        {
            h.add(words.getLong());
        }
    }

    private static void hashSide(final Hash h, final TreeMap<Long, ArrayDeque<Order>> side)
    {
        long count = 0;
        for (final ArrayDeque<Order> level : side.values())
        {
            count += level.size();
        }
        h.add(count);
        for (final ArrayDeque<Order> level : side.values())
        {
            for (final Order o : level)
            {
                h.add(o.id).add(o.accountId).add(o.side).add(o.kind).add(o.price).add(o.remaining).add(o.held);
            }
        }
    }

    /** {@code h = (h ^ v) × 0x9E3779B97F4A7C15; h ^= h >>> 32}, from "ORDO". */
    static final class Hash
    {
        long value = 0x4F52444FL;

        Hash add(final long v)
        {
            value = (value ^ v) * 0x9E3779B97F4A7C15L;
            value ^= value >>> 32;
            return this;
        }
    }

    /**
     * The model's own invariants (supply = sum of balances, held = sum of open orders' required, books not
     * crossed, every open order in the book once): a check of the model, for the model's own tests.
     *
     * @return null if they hold, else the first violation.
     */
    public String selfCheck()
    {
        final TreeMap<Integer, BigInteger> totals = new TreeMap<>();
        final HashMap<String, Long> held = new HashMap<>();
        for (final Map.Entry<Long, TreeMap<Integer, Balance>> account : accounts.entrySet())
        {
            for (final Map.Entry<Integer, Balance> balance : account.getValue().entrySet())
            {
                final Balance b = balance.getValue();
                if (b.available < 0 || b.held < 0)
                {
                    return "negative balance " + account.getKey() + "/" + balance.getKey();
                }
                totals.merge(balance.getKey(), BigInteger.valueOf(b.available + b.held), BigInteger::add);
                if (b.held != 0)
                {
                    held.put(account.getKey() + "/" + balance.getKey(), b.held);
                }
            }
        }
        for (final Asset asset : assets.values())
        {
            if (!totals.getOrDefault(asset.id, BigInteger.ZERO).equals(BigInteger.valueOf(asset.supply)))
            {
                return "asset " + asset.id + " supply " + asset.supply + " != balances " + totals.get(asset.id);
            }
        }
        final HashMap<String, Long> heldByOrders = new HashMap<>();
        final List<Order> inBook = openOrdersInBookOrder();
        if (inBook.size() != openOrders.size())
        {
            return "book holds " + inBook.size() + " orders, open orders " + openOrders.size();
        }
        for (final Order order : inBook)
        {
            if (openOrders.get(order.id) != order || order.held != required(order) || order.remaining <= 0)
            {
                return "bad open order " + order.id;
            }
            heldByOrders.merge(order.accountId + "/" + order.holdAssetId(), order.held, Long::sum);
        }
        if (!held.equals(heldByOrders))
        {
            return "held " + held + " != held by orders " + heldByOrders;
        }
        for (final Instrument instrument : instruments.values())
        {
            if (!instrument.bids.isEmpty() && !instrument.asks.isEmpty() &&
                instrument.bids.firstKey() >= instrument.asks.firstKey())
            {
                return "crossed book " + instrument.id;
            }
        }
        return null;
    }

    /** Open orders in the order of {@link OpenOrderVisitor}: instruments ascending, bids then asks. */
    public List<Order> openOrdersInBookOrder()
    {
        final List<Order> result = new ArrayList<>();
        for (final Instrument instrument : instruments.values())
        {
            instrument.bids.values().forEach(result::addAll);
            instrument.asks.values().forEach(result::addAll);
        }
        return result;
    }

    /** Every non-zero balance as {accountId, assetId, available, held}, accounts then assets ascending. */
    public List<long[]> nonZeroBalances()
    {
        final List<long[]> result = new ArrayList<>();
        for (final Map.Entry<Long, TreeMap<Integer, Balance>> account : accounts.entrySet())
        {
            for (final Map.Entry<Integer, Balance> balance : account.getValue().entrySet())
            {
                final Balance b = balance.getValue();
                if (b.available != 0 || b.held != 0)
                {
                    result.add(new long[]{account.getKey(), balance.getKey(), b.available, b.held});
                }
            }
        }
        return result;
    }

    public long supply(final int assetId)
    {
        final Asset asset = assets.get(assetId);
        return asset == null ? 0 : asset.supply;
    }

    public List<Integer> assetIds()
    {
        return new ArrayList<>(assets.keySet());
    }

    public List<Integer> instrumentIds()
    {
        return new ArrayList<>(instruments.keySet());
    }

    public Instrument instrument(final int instrumentId)
    {
        return instruments.get(instrumentId);
    }

    public boolean accountExists(final long accountId)
    {
        return accounts.containsKey(accountId);
    }

    public List<Long> accountIds()
    {
        return Collections.unmodifiableList(new ArrayList<>(accounts.keySet()));
    }

    public int openOrderCount()
    {
        return openOrders.size();
    }

    public Order openOrder(final long orderId)
    {
        return openOrders.get(orderId);
    }

    /** An open order picked at random (the first open order at or after a random id), or null if none. */
    public Order randomOpenOrder(final SplittableRandom random)
    {
        if (openOrders.isEmpty())
        {
            return null;
        }
        final long first = openOrders.firstKey();
        final long last = openOrders.lastKey();
        final long pick = first + random.nextLong(last - first + 1);
        return Objects.requireNonNull(openOrders.ceilingEntry(pick)).getValue();
    }

    /** Best bid price, or 0 if none. */
    public long bestBid(final int instrumentId)
    {
        final Instrument instrument = instruments.get(instrumentId);
        return instrument == null || instrument.bids.isEmpty() ? 0 : instrument.bids.firstKey();
    }

    /** Best ask price, or 0 if none. */
    public long bestAsk(final int instrumentId)
    {
        final Instrument instrument = instruments.get(instrumentId);
        return instrument == null || instrument.asks.isEmpty() ? 0 : instrument.asks.firstKey();
    }

    public long nextOrderId()
    {
        return nextOrderId;
    }

    public long nextTradeId()
    {
        return nextTradeId;
    }

    public int windowSize()
    {
        return window.size();
    }

    /** @return how many API keys were created, revoked ones included: the last key's id. */
    public int apiKeyCount()
    {
        return apiKeys.size();
    }

    /** @return the key with this id, revoked or not, or null if there is none. */
    public ApiKey apiKey(final long keyId)
    {
        return keyId >= 1 && keyId <= apiKeys.size() ? apiKeys.get((int)(keyId - 1)) : null;
    }
}
