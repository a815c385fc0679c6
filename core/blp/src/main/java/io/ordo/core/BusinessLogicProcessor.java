package io.ordo.core;

import io.ordo.protocol.Codes;

import io.ordo.protocol.codec.CancelAllDecoder;
import io.ordo.protocol.codec.CancelOrderDecoder;
import io.ordo.protocol.codec.CreateAssetDecoder;
import io.ordo.protocol.codec.CreateInstrumentDecoder;
import io.ordo.protocol.codec.DepositDecoder;
import io.ordo.protocol.codec.HaltInstrumentDecoder;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.protocol.codec.OpenAccountDecoder;
import io.ordo.protocol.codec.PlaceOrderDecoder;
import io.ordo.protocol.codec.ReplaceOrderDecoder;
import io.ordo.protocol.codec.ResumeInstrumentDecoder;
import io.ordo.protocol.codec.TakeSnapshotDecoder;
import io.ordo.protocol.codec.TransferDecoder;
import io.ordo.protocol.codec.WithdrawDecoder;
import org.agrona.DirectBuffer;

/**
 * The business logic processor: applies one encoded command at a time to the in-memory state (assets, accounts,
 * balances, holds, order books) and publishes its events to an {@link EventSink}. Every command gets exactly one
 * terminal outcome; the semantics are specified in docs/architecture.md.
 * <p>
 * Deterministic: reads no clock, randomness or environment (time comes from the command's {@code timestampNs}),
 * and no hash-map iteration order reaches its output. Never throws from {@link #onCommand}. Allocates nothing in
 * steady state.
 * <p>
 * Not thread safe: owned by one thread (a Disruptor handler, a replay loop, or a test).
 */
public final class BusinessLogicProcessor
{
    private static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int MAX_SCALE = 18;
    private static final int[] BLOCK_LENGTHS = {
        0,
        CreateAssetDecoder.BLOCK_LENGTH,
        CreateInstrumentDecoder.BLOCK_LENGTH,
        OpenAccountDecoder.BLOCK_LENGTH,
        DepositDecoder.BLOCK_LENGTH,
        WithdrawDecoder.BLOCK_LENGTH,
        TransferDecoder.BLOCK_LENGTH,
        PlaceOrderDecoder.BLOCK_LENGTH,
        CancelOrderDecoder.BLOCK_LENGTH,
        ReplaceOrderDecoder.BLOCK_LENGTH,
        CancelAllDecoder.BLOCK_LENGTH,
        HaltInstrumentDecoder.BLOCK_LENGTH,
        ResumeInstrumentDecoder.BLOCK_LENGTH,
        TakeSnapshotDecoder.BLOCK_LENGTH,
    };

    private final BlpConfig config;
    private final EventPublisher publisher;
    private final Ledger ledger;
    private final MatchingEngine engine;
    private final RequestDeduplicator deduplicator;
    private final InstrumentRegistry instruments = new InstrumentRegistry();

    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final CreateAssetDecoder createAsset = new CreateAssetDecoder();
    private final CreateInstrumentDecoder createInstrument = new CreateInstrumentDecoder();
    private final OpenAccountDecoder openAccount = new OpenAccountDecoder();
    private final DepositDecoder deposit = new DepositDecoder();
    private final WithdrawDecoder withdraw = new WithdrawDecoder();
    private final TransferDecoder transfer = new TransferDecoder();
    private final PlaceOrderDecoder placeOrder = new PlaceOrderDecoder();
    private final CancelOrderDecoder cancelOrder = new CancelOrderDecoder();
    private final ReplaceOrderDecoder replaceOrder = new ReplaceOrderDecoder();
    private final CancelAllDecoder cancelAll = new CancelAllDecoder();
    private final HaltInstrumentDecoder haltInstrument = new HaltInstrumentDecoder();
    private final ResumeInstrumentDecoder resumeInstrument = new ResumeInstrumentDecoder();

    /** Order id reported by the current command's outcome (for the request window and rejections). */
    private long outcomeOrderId;

    /** Set by an accepted TakeSnapshot, cleared at the start of every command. */
    private boolean snapshotRequested;

    public BusinessLogicProcessor(final BlpConfig config, final EventSink sink)
    {
        this.config = config;
        this.publisher = new EventPublisher(sink);
        this.ledger = new Ledger(publisher);
        this.engine = new MatchingEngine(ledger, publisher, config.orderPoolCapacity());
        this.deduplicator = new RequestDeduplicator(config.requestWindowCapacity());
    }

    public BlpConfig config()
    {
        return config;
    }

    /**
     * Applies one encoded command and publishes all of its events before returning.
     *
     * @param buffer holding the command: SBE message header then block.
     * @param offset of the message header.
     * @param length of the command in bytes.
     */
    public void onCommand(final DirectBuffer buffer, final int offset, final int length)
    {
        snapshotRequested = false;
        if (length < HEADER_LENGTH)
        {
            rejectFrame(Codes.CMD_UNKNOWN, Codes.MALFORMED);
            return;
        }
        headerDecoder.wrap(buffer, offset);
        final int templateId = headerDecoder.templateId();
        if (headerDecoder.schemaId() != MessageHeaderDecoder.SCHEMA_ID ||
            headerDecoder.version() != MessageHeaderDecoder.SCHEMA_VERSION)
        {
            rejectFrame(Codes.CMD_UNKNOWN, Codes.MALFORMED);
            return;
        }
        if (templateId < 1 || templateId >= BLOCK_LENGTHS.length)
        {
            rejectFrame(Codes.CMD_UNKNOWN, Codes.UNKNOWN_COMMAND);
            return;
        }
        final int blockLength = headerDecoder.blockLength();
        if (blockLength < BLOCK_LENGTHS[templateId] || length < HEADER_LENGTH + blockLength)
        {
            rejectFrame((byte)templateId, Codes.MALFORMED);
            return;
        }

        final int blockOffset = offset + HEADER_LENGTH;
        final long accountId = buffer.getLong(blockOffset, java.nio.ByteOrder.LITTLE_ENDIAN);
        final long clientRequestId = buffer.getLong(blockOffset + Long.BYTES, java.nio.ByteOrder.LITTLE_ENDIAN);
        final long timestampNs = buffer.getLong(blockOffset + 2 * Long.BYTES, java.nio.ByteOrder.LITTLE_ENDIAN);
        final byte commandType = (byte)templateId;

        final Account account = ledger.account(accountId);
        final int slot = deduplicator.findOriginal(account, accountId, clientRequestId);
        if (slot != RequestDeduplicator.NOT_FOUND)
        {
            publisher.commandRejected(accountId, clientRequestId, timestampNs, deduplicator.originalOrderId(slot),
                commandType, Codes.DUPLICATE_REQUEST, deduplicator.originalReason(slot));
            return;
        }

        outcomeOrderId = 0;
        byte reason;
        try
        {
            reason = dispatch(templateId, buffer, blockOffset, blockLength, accountId, clientRequestId, timestampNs);
        }
        catch (final Throwable t)
        {
            // Last line of defence against a defect: the engine keeps running and the command gets its outcome.
            reason = Codes.INTERNAL_ERROR;
        }
        if (reason != Codes.OK)
        {
            publisher.commandRejected(accountId, clientRequestId, timestampNs, outcomeOrderId, commandType, reason,
                Codes.OK);
        }
        deduplicator.record(account != null ? account : ledger.account(accountId), accountId, clientRequestId,
            reason, outcomeOrderId);
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    private byte dispatch(
        final int templateId, final DirectBuffer buffer, final int blockOffset, final int blockLength,
        final long accountId, final long clientRequestId, final long timestampNs)
    {
        final int version = MessageHeaderDecoder.SCHEMA_VERSION;
        switch (templateId)
        {
            case PlaceOrderDecoder.TEMPLATE_ID:
                placeOrder.wrap(buffer, blockOffset, blockLength, version);
                return onPlaceOrder(accountId, clientRequestId, timestampNs);
            case ReplaceOrderDecoder.TEMPLATE_ID:
                replaceOrder.wrap(buffer, blockOffset, blockLength, version);
                return onReplaceOrder(accountId, clientRequestId, timestampNs);
            case CancelOrderDecoder.TEMPLATE_ID:
                cancelOrder.wrap(buffer, blockOffset, blockLength, version);
                return onCancelOrder(accountId, clientRequestId, timestampNs);
            case CancelAllDecoder.TEMPLATE_ID:
                cancelAll.wrap(buffer, blockOffset, blockLength, version);
                return onCancelAll(accountId, clientRequestId, timestampNs);
            case DepositDecoder.TEMPLATE_ID:
                deposit.wrap(buffer, blockOffset, blockLength, version);
                return onDeposit(accountId, clientRequestId, timestampNs);
            case WithdrawDecoder.TEMPLATE_ID:
                withdraw.wrap(buffer, blockOffset, blockLength, version);
                return onWithdraw(accountId, clientRequestId, timestampNs);
            case TransferDecoder.TEMPLATE_ID:
                transfer.wrap(buffer, blockOffset, blockLength, version);
                return onTransfer(accountId, clientRequestId, timestampNs);
            case OpenAccountDecoder.TEMPLATE_ID:
                return onOpenAccount(accountId, clientRequestId, timestampNs);
            case CreateAssetDecoder.TEMPLATE_ID:
                createAsset.wrap(buffer, blockOffset, blockLength, version);
                return onCreateAsset(accountId, clientRequestId, timestampNs);
            case CreateInstrumentDecoder.TEMPLATE_ID:
                createInstrument.wrap(buffer, blockOffset, blockLength, version);
                return onCreateInstrument(accountId, clientRequestId, timestampNs);
            case HaltInstrumentDecoder.TEMPLATE_ID:
                haltInstrument.wrap(buffer, blockOffset, blockLength, version);
                return onHalt(accountId, clientRequestId, timestampNs, haltInstrument.instrumentId(), true);
            case ResumeInstrumentDecoder.TEMPLATE_ID:
                resumeInstrument.wrap(buffer, blockOffset, blockLength, version);
                return onHalt(accountId, clientRequestId, timestampNs, resumeInstrument.instrumentId(), false);
            case TakeSnapshotDecoder.TEMPLATE_ID:
                return onTakeSnapshot(accountId, clientRequestId, timestampNs);
            default:
                return Codes.UNKNOWN_COMMAND;
        }
    }

    private void rejectFrame(final byte commandType, final byte reason)
    {
        publisher.commandRejected(0, 0, 0, 0, commandType, reason, Codes.OK);
    }

    // ------------------------------------------------------------------------------------------------ orders

    private byte onPlaceOrder(final long accountId, final long clientRequestId, final long timestampNs)
    {
        final Account account = ledger.account(accountId);
        if (account == null)
        {
            return Codes.UNKNOWN_ACCOUNT;
        }
        final Instrument instrument = instruments.instrument(placeOrder.instrumentId());
        if (instrument == null)
        {
            return Codes.UNKNOWN_INSTRUMENT;
        }
        if (instrument.halted)
        {
            return Codes.INSTRUMENT_HALTED;
        }
        final byte sideCode = (byte)placeOrder.sideRaw();
        if (sideCode != Codes.BUY && sideCode != Codes.SELL)
        {
            return Codes.INVALID_SIDE;
        }
        final byte kindCode = (byte)placeOrder.kindRaw();
        if (kindCode < Codes.GTC || kindCode > Codes.MARKET)
        {
            return Codes.INVALID_ORDER_KIND;
        }
        final long quantity = placeOrder.quantity();
        final byte quantityCheck = checkQuantity(instrument, quantity);
        if (quantityCheck != Codes.OK)
        {
            return quantityCheck;
        }
        final long price = placeOrder.price();
        final long quoteBudget = placeOrder.quoteBudget();
        if (kindCode == Codes.MARKET)
        {
            if (price < 0 || quoteBudget < 0 || (price == 0) == (quoteBudget == 0) ||
                (quoteBudget > 0 && sideCode == Codes.SELL))
            {
                return Codes.INVALID_MARKET_BOUND;
            }
            if (price > 0)
            {
                final byte priceCheck = checkPrice(instrument, price);
                if (priceCheck != Codes.OK)
                {
                    return priceCheck;
                }
            }
        }
        else
        {
            if (quoteBudget != 0)
            {
                return Codes.INVALID_MARKET_BOUND;
            }
            final byte priceCheck = checkPrice(instrument, price);
            if (priceCheck != Codes.OK)
            {
                return priceCheck;
            }
            if (kindCode == Codes.POST_ONLY && MatchingEngine.wouldCross(instrument, sideCode, price))
            {
                return Codes.WOULD_CROSS;
            }
        }

        final long holdFeePpm = instrument.holdFeePpm(kindCode);
        final long hold;
        if (sideCode == Codes.SELL)
        {
            hold = quantity;
        }
        else if (quoteBudget > 0)
        {
            hold = quoteBudget;
        }
        else
        {
            hold = FixedPoint.buyHold(price, quantity, instrument.lotSize, holdFeePpm);
            if (hold == FixedPoint.OVERFLOW)
            {
                return Codes.OVERFLOW;
            }
        }
        final Asset holdAsset = instrument.holdAsset(sideCode);
        if (account.available(holdAsset) < hold)
        {
            return Codes.INSUFFICIENT_FUNDS;
        }

        final Order order = engine.newOrder();
        order.accountId = accountId;
        order.account = account;
        order.instrument = instrument;
        order.sideCode = sideCode;
        order.kindCode = kindCode;
        order.price = price;
        order.remainingQuantity = quantity;
        order.holdFeePpm = holdFeePpm;
        order.budget = quoteBudget > 0;
        order.heldAmount = hold;
        outcomeOrderId = order.orderId;

        publisher.orderAccepted(order, clientRequestId, timestampNs, quantity);
        ledger.change(account, holdAsset, -hold, hold, Codes.ORDER_HOLD, order.orderId);
        engine.execute(order, clientRequestId, timestampNs);
        return Codes.OK;
    }

    private byte onCancelOrder(final long accountId, final long clientRequestId, final long timestampNs)
    {
        final long orderId = cancelOrder.orderId();
        outcomeOrderId = orderId;
        if (ledger.account(accountId) == null)
        {
            return Codes.UNKNOWN_ACCOUNT;
        }
        final Order order = engine.openOrder(orderId);
        if (order == null || order.accountId != accountId)
        {
            return Codes.UNKNOWN_ORDER;
        }
        engine.cancel(order, clientRequestId, timestampNs, Codes.CANCEL_USER);
        return Codes.OK;
    }

    private byte onReplaceOrder(final long accountId, final long clientRequestId, final long timestampNs)
    {
        final long orderId = replaceOrder.orderId();
        outcomeOrderId = orderId;
        final Account account = ledger.account(accountId);
        if (account == null)
        {
            return Codes.UNKNOWN_ACCOUNT;
        }
        final Order order = engine.openOrder(orderId);
        if (order == null || order.accountId != accountId)
        {
            return Codes.UNKNOWN_ORDER;
        }
        final Instrument instrument = order.instrument;
        if (instrument.halted)
        {
            return Codes.INSTRUMENT_HALTED;
        }
        final long newQuantity = replaceOrder.newQuantity();
        final byte quantityCheck = checkQuantity(instrument, newQuantity);
        if (quantityCheck != Codes.OK)
        {
            return quantityCheck;
        }
        final long newPrice = replaceOrder.newPrice();
        final byte priceCheck = checkPrice(instrument, newPrice);
        if (priceCheck != Codes.OK)
        {
            return priceCheck;
        }
        final long oldPrice = order.price;
        final long oldQuantity = order.remainingQuantity;
        if (newPrice == oldPrice && newQuantity == oldQuantity)
        {
            return Codes.REPLACE_NO_CHANGE;
        }
        if (order.kindCode == Codes.POST_ONLY && MatchingEngine.wouldCross(instrument, order.sideCode, newPrice))
        {
            return Codes.WOULD_CROSS;
        }
        final long newRequired = instrument.required(order, newPrice, newQuantity);
        if (newRequired == FixedPoint.OVERFLOW)
        {
            return Codes.OVERFLOW;
        }
        final long delta = newRequired - order.heldAmount;
        final Asset holdAsset = instrument.holdAsset(order.sideCode);
        if (delta > account.available(holdAsset))
        {
            return Codes.INSUFFICIENT_FUNDS;
        }

        final boolean priorityKept = newPrice == oldPrice && newQuantity < oldQuantity;
        publisher.orderReplaced(order, clientRequestId, timestampNs, priorityKept,
            oldPrice, oldQuantity, newPrice, newQuantity);
        ledger.change(account, holdAsset, -delta, delta, delta > 0 ? Codes.ORDER_HOLD : Codes.ORDER_RELEASE, orderId);
        order.heldAmount = newRequired;
        if (priorityKept)
        {
            order.remainingQuantity = newQuantity;
        }
        else
        {
            engine.leaveLevel(order);
            order.price = newPrice;
            order.remainingQuantity = newQuantity;
            engine.execute(order, clientRequestId, timestampNs);
        }
        return Codes.OK;
    }

    private byte onCancelAll(final long accountId, final long clientRequestId, final long timestampNs)
    {
        final Account account = ledger.account(accountId);
        if (account == null)
        {
            return Codes.UNKNOWN_ACCOUNT;
        }
        final int instrumentId = cancelAll.instrumentId();
        if (instrumentId != 0 && instruments.instrument(instrumentId) == null)
        {
            return Codes.UNKNOWN_INSTRUMENT;
        }
        publisher.commandAccepted(accountId, clientRequestId, timestampNs, (byte)CancelAllDecoder.TEMPLATE_ID);
        Order order = account.firstOrder;
        while (order != null)
        {
            final Order next = order.accountNext;
            if (instrumentId == 0 || order.instrument.instrumentId == instrumentId)
            {
                engine.cancel(order, clientRequestId, timestampNs, Codes.CANCEL_ALL);
            }
            order = next;
        }
        return Codes.OK;
    }

    private static byte checkQuantity(final Instrument instrument, final long quantity)
    {
        if (quantity <= 0)
        {
            return Codes.INVALID_QUANTITY;
        }
        if (quantity % instrument.lotSize != 0)
        {
            return Codes.QUANTITY_OFF_LOT;
        }
        if (quantity < instrument.minQuantity || quantity > instrument.maxQuantity)
        {
            return Codes.QUANTITY_OUT_OF_RANGE;
        }
        return Codes.OK;
    }

    private static byte checkPrice(final Instrument instrument, final long price)
    {
        if (price <= 0)
        {
            return Codes.INVALID_PRICE;
        }
        if (price % instrument.tickSize != 0)
        {
            return Codes.PRICE_OFF_TICK;
        }
        if (price < instrument.minPrice || price > instrument.maxPrice)
        {
            return Codes.PRICE_OUT_OF_RANGE;
        }
        return Codes.OK;
    }

    // ------------------------------------------------------------------------------------------------ ledger

    private byte onDeposit(final long accountId, final long clientRequestId, final long timestampNs)
    {
        final Account account = ledger.account(accountId);
        if (account == null)
        {
            return Codes.UNKNOWN_ACCOUNT;
        }
        final Asset asset = ledger.asset(deposit.assetId());
        if (asset == null)
        {
            return Codes.UNKNOWN_ASSET;
        }
        final long amount = deposit.amount();
        if (amount <= 0)
        {
            return Codes.INVALID_AMOUNT;
        }
        if (asset.supply > Long.MAX_VALUE - amount)
        {
            return Codes.OVERFLOW;
        }
        asset.supply += amount;
        publisher.commandAccepted(accountId, clientRequestId, timestampNs, (byte)DepositDecoder.TEMPLATE_ID);
        ledger.change(account, asset, amount, 0, Codes.DEPOSIT, 0);
        return Codes.OK;
    }

    private byte onWithdraw(final long accountId, final long clientRequestId, final long timestampNs)
    {
        final Account account = ledger.account(accountId);
        if (account == null)
        {
            return Codes.UNKNOWN_ACCOUNT;
        }
        final Asset asset = ledger.asset(withdraw.assetId());
        if (asset == null)
        {
            return Codes.UNKNOWN_ASSET;
        }
        final long amount = withdraw.amount();
        if (amount <= 0)
        {
            return Codes.INVALID_AMOUNT;
        }
        if (account.available(asset) < amount)
        {
            return Codes.INSUFFICIENT_FUNDS;
        }
        asset.supply -= amount;
        publisher.commandAccepted(accountId, clientRequestId, timestampNs, (byte)WithdrawDecoder.TEMPLATE_ID);
        ledger.change(account, asset, -amount, 0, Codes.WITHDRAWAL, 0);
        return Codes.OK;
    }

    private byte onTransfer(final long accountId, final long clientRequestId, final long timestampNs)
    {
        final Account from = ledger.account(accountId);
        if (from == null)
        {
            return Codes.UNKNOWN_ACCOUNT;
        }
        final long toAccountId = transfer.toAccountId();
        if (toAccountId == accountId)
        {
            return Codes.SAME_ACCOUNT;
        }
        final Account to = ledger.account(toAccountId);
        if (to == null)
        {
            return Codes.UNKNOWN_ACCOUNT;
        }
        final Asset asset = ledger.asset(transfer.assetId());
        if (asset == null)
        {
            return Codes.UNKNOWN_ASSET;
        }
        final long amount = transfer.amount();
        if (amount <= 0)
        {
            return Codes.INVALID_AMOUNT;
        }
        if (from.available(asset) < amount)
        {
            return Codes.INSUFFICIENT_FUNDS;
        }
        publisher.commandAccepted(accountId, clientRequestId, timestampNs, (byte)TransferDecoder.TEMPLATE_ID);
        ledger.change(from, asset, -amount, 0, Codes.TRANSFER, toAccountId);
        ledger.change(to, asset, amount, 0, Codes.TRANSFER, accountId);
        return Codes.OK;
    }

    private byte onOpenAccount(final long accountId, final long clientRequestId, final long timestampNs)
    {
        if (accountId < 0)
        {
            return Codes.INVALID_ACCOUNT_ID;
        }
        if (ledger.account(accountId) != null)
        {
            return Codes.ACCOUNT_EXISTS;
        }
        deduplicator.onAccountOpened(ledger.openAccount(accountId));
        publisher.commandAccepted(accountId, clientRequestId, timestampNs, (byte)OpenAccountDecoder.TEMPLATE_ID);
        return Codes.OK;
    }

    // ------------------------------------------------------------------------------------------------ admin

    private byte onCreateAsset(final long accountId, final long clientRequestId, final long timestampNs)
    {
        if (accountId != Ledger.OPERATOR_ACCOUNT_ID)
        {
            return Codes.NOT_AUTHORIZED;
        }
        final int assetId = createAsset.assetId();
        if (assetId <= 0)
        {
            return Codes.INVALID_ASSET;
        }
        if (ledger.asset(assetId) != null)
        {
            return Codes.ASSET_EXISTS;
        }
        final int scale = createAsset.scale();
        if (scale < 0 || scale > MAX_SCALE)
        {
            return Codes.INVALID_ASSET;
        }
        ledger.createAsset(assetId, scale);
        publisher.commandAccepted(accountId, clientRequestId, timestampNs, (byte)CreateAssetDecoder.TEMPLATE_ID);
        return Codes.OK;
    }

    private byte onCreateInstrument(final long accountId, final long clientRequestId, final long timestampNs)
    {
        if (accountId != Ledger.OPERATOR_ACCOUNT_ID)
        {
            return Codes.NOT_AUTHORIZED;
        }
        final CreateInstrumentDecoder d = createInstrument;
        final int instrumentId = d.instrumentId();
        if (instrumentId <= 0)
        {
            return Codes.INVALID_INSTRUMENT;
        }
        if (instruments.instrument(instrumentId) != null)
        {
            return Codes.INSTRUMENT_EXISTS;
        }
        final Asset base = ledger.asset(d.baseAssetId());
        final Asset quote = ledger.asset(d.quoteAssetId());
        if (base == null || quote == null)
        {
            return Codes.UNKNOWN_ASSET;
        }
        final long lotSize = d.lotSize();
        final long tickSize = d.tickSize();
        final long minQuantity = d.minQuantity();
        final long maxQuantity = d.maxQuantity();
        final long minPrice = d.minPrice();
        final long maxPrice = d.maxPrice();
        final int makerFeePpm = d.makerFeePpm();
        final int takerFeePpm = d.takerFeePpm();
        if (base == quote || lotSize <= 0 || tickSize <= 0 ||
            minQuantity <= 0 || maxQuantity < minQuantity || minQuantity % lotSize != 0 || maxQuantity % lotSize != 0 ||
            minPrice <= 0 || maxPrice < minPrice || minPrice % tickSize != 0 || maxPrice % tickSize != 0 ||
            makerFeePpm < 0 || makerFeePpm > FixedPoint.PPM || takerFeePpm < 0 || takerFeePpm > FixedPoint.PPM)
        {
            return Codes.INVALID_INSTRUMENT;
        }
        if (FixedPoint.buyHold(maxPrice, maxQuantity, lotSize, Math.max(makerFeePpm, takerFeePpm)) ==
            FixedPoint.OVERFLOW)
        {
            return Codes.OVERFLOW;
        }
        instruments.add(new Instrument(instrumentId, base, quote, makerFeePpm, takerFeePpm, lotSize, tickSize,
            minQuantity, maxQuantity, minPrice, maxPrice));
        publisher.commandAccepted(accountId, clientRequestId, timestampNs,
            (byte)CreateInstrumentDecoder.TEMPLATE_ID);
        return Codes.OK;
    }

    private byte onHalt(
        final long accountId, final long clientRequestId, final long timestampNs, final int instrumentId,
        final boolean halt)
    {
        if (accountId != Ledger.OPERATOR_ACCOUNT_ID)
        {
            return Codes.NOT_AUTHORIZED;
        }
        final Instrument instrument = instruments.instrument(instrumentId);
        if (instrument == null)
        {
            return Codes.UNKNOWN_INSTRUMENT;
        }
        if (instrument.halted == halt)
        {
            return halt ? Codes.INSTRUMENT_HALTED : Codes.INSTRUMENT_NOT_HALTED;
        }
        instrument.halted = halt;
        publisher.commandAccepted(accountId, clientRequestId, timestampNs,
            (byte)(halt ? HaltInstrumentDecoder.TEMPLATE_ID : ResumeInstrumentDecoder.TEMPLATE_ID));
        return Codes.OK;
    }

    private byte onTakeSnapshot(final long accountId, final long clientRequestId, final long timestampNs)
    {
        if (accountId != Ledger.OPERATOR_ACCOUNT_ID)
        {
            return Codes.NOT_AUTHORIZED;
        }
        snapshotRequested = true;
        publisher.commandAccepted(accountId, clientRequestId, timestampNs, (byte)TakeSnapshotDecoder.TEMPLATE_ID);
        return Codes.OK;
    }

    /**
     * Whether the last command was an accepted {@code TakeSnapshot}: the driver (the pipeline) then writes a
     * snapshot of the state as it is now, after that command. The BLP itself does no I/O.
     *
     * @return true right after an accepted {@code TakeSnapshot}, false after any other command.
     */
    public boolean snapshotRequested()
    {
        return snapshotRequested;
    }

    // ------------------------------------------------------------------------------------------------ state

    InstrumentRegistry instruments()
    {
        return instruments;
    }

    Ledger ledger()
    {
        return ledger;
    }

    MatchingEngine engine()
    {
        return engine;
    }

    RequestDeduplicator deduplicator()
    {
        return deduplicator;
    }

    /** A 64-bit hash of the whole state; see docs/architecture.md for the canonical walk. Allocates; not hot. */
    public long stateHash()
    {
        return StateHasher.hash(this);
    }

    /** Visits every non-zero balance, accounts and then assets by ascending id. Allocates; not for the hot path. */
    public void forEachBalance(final BalanceVisitor visitor)
    {
        final Asset[] assets = ledger.assetsById();
        for (final long accountId : ledger.accountIdsSorted())
        {
            final Account account = ledger.account(accountId);
            for (final Asset asset : assets)
            {
                final long available = account.available(asset);
                final long held = account.held(asset);
                if (available != 0 || held != 0)
                {
                    visitor.onBalance(accountId, asset.assetId, available, held);
                }
            }
        }
    }

    /** Visits every open order in book order (see {@link OpenOrderVisitor}). Not for the hot path. */
    public void forEachOpenOrder(final OpenOrderVisitor visitor)
    {
        forEachOpenOrderInternal(order -> visitor.onOrder(order.orderId, order.accountId,
            order.instrument.instrumentId, order.sideCode, order.kindCode, order.price, order.remainingQuantity,
            order.heldAmount));
    }

    /** Visits every open order in book order, as the orders themselves (for snapshots). */
    void forEachOpenOrderInternal(final java.util.function.Consumer<Order> consumer)
    {
        for (int i = 0, count = instruments.count(); i < count; i++)
        {
            final Instrument instrument = instruments.instrumentByRank(i);
            forEachInSide(instrument.bids, consumer);
            forEachInSide(instrument.asks, consumer);
        }
    }

    private static void forEachInSide(final BookSide side, final java.util.function.Consumer<Order> consumer)
    {
        for (int rank = 0, levels = side.levelCount(); rank < levels; rank++)
        {
            for (Order order = side.levelByRank(rank).head; order != null; order = order.levelNext)
            {
                consumer.accept(order);
            }
        }
    }

    /** Deposits minus withdrawals of an asset; 0 for an unknown asset. */
    public long assetSupply(final int assetId)
    {
        final Asset asset = ledger.asset(assetId);
        return asset == null ? 0 : asset.supply;
    }

    /** Number of open (resting) orders. */
    public int openOrderCount()
    {
        return engine.openOrderCount();
    }
}
