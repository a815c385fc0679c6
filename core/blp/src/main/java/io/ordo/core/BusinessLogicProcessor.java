package io.ordo.core;

import io.ordo.protocol.Codes;
import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.codec.CancelAllDecoder;
import io.ordo.protocol.codec.CancelOrderDecoder;
import io.ordo.protocol.codec.PlaceOrderDecoder;
import io.ordo.protocol.codec.ReplaceOrderDecoder;
import io.ordo.protocol.codec.TransferDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;

/**
 * The business logic processor: applies one encoded command at a time to the in-memory state (assets, accounts,
 * balances, holds, order books) and publishes its events to an {@link EventSink}. Every command gets exactly one
 * terminal outcome; the semantics are specified in docs/architecture.md.
 * <p>
 * A command's path: the {@link CommandAdapter} checks the frame and decodes it into {@link CommandListener} calls;
 * for the header the BLP looks the command's account up, once, and asks the {@link RequestDeduplicator} whether it
 * is a retry; otherwise the command's handler receives the account, validates, publishes the outcome and applies
 * the command through the {@link Ledger} and the {@link MatchingEngine}; the {@link EventPublisher} encodes every
 * event to the {@link EventSink}. Instruments are in the {@link InstrumentRegistry}.
 * <p>
 * Every handler validates before it changes anything and publishes its outcome before it applies anything, so a
 * rejected command has applied nothing. A {@code Throwable} escaping a command's processing (a defect in the BLP,
 * or a failing sink) never escapes {@link #onCommand}: it is counted ({@link #internalErrorCount()}) and given to
 * the {@link BlpConfig#errorHandler()}, and the command still gets exactly one outcome:
 * <ul>
 *     <li>if none was published yet, {@code CommandRejected(INTERNAL_ERROR)}; nothing of the command was applied;
 *     </li>
 *     <li>if its outcome was published already, no second one: the command stays accepted, and what it applied
 *     before the defect stays applied (there is no rollback).</li>
 * </ul>
 * The request window remembers that outcome, so a retry is answered with it. If even the rejection cannot be
 * published (the sink keeps failing), that is counted and reported too, and the command ends without an outcome.
 * What the driver should do is in docs/architecture.md ("The BLP contract").
 * <p>
 * Deterministic: reads no clock, randomness or environment (time comes from the command's {@code timestampNs}),
 * and no hash-map iteration order reaches its output; a replay meets a defect of the BLP's own code at the same
 * point and rebuilds the same state. Never throws from {@link #onCommand}. Allocates nothing in steady state.
 * <p>
 * Not thread safe: owned by one thread (a Disruptor handler, a replay loop, or a test).
 */
public final class BusinessLogicProcessor
{
    private static final int MAX_SCALE = 18;
    /** The sessionKeyId of a command submitted in process rather than by a gateway session. */
    private static final long IN_PROCESS = 0;

    private final BlpConfig config;
    private final ErrorHandler errorHandler;
    private final EventPublisher publisher;
    private final Ledger ledger;
    private final InstrumentRegistry instruments = new InstrumentRegistry();
    private final ApiKeyRegistry apiKeys = new ApiKeyRegistry();
    private final MatchingEngine engine;
    private final RequestDeduplicator deduplicator;
    private final CommandAdapter commandAdapter;

    // The command being applied, set by beginCommand.
    private byte commandType;
    private long accountId;
    private long clientRequestId;
    private long timestampNs;
    private long valueTimeNs;
    /** The command's account, looked up once (null when there is none); after an accepted OpenAccount the new one. */
    private Account commandAccount;
    /** The request window slot of the original outcome when the command is a retry, else NOT_FOUND. */
    private int originalSlot;
    /** From beginCommand of a command that is not a retry until endCommand has recorded its outcome. */
    private boolean recordPending;
    /** What the command's handler decided: OK, or the reason to reject it. */
    private byte handlerReason;
    /** Order id reported by the current command's outcome (for the request window and rejections). */
    private long outcomeOrderId;

    /** Set by an accepted TakeSnapshot, cleared at the start of every command. */
    private boolean snapshotRequested;
    /** Defects met since construction; not part of the state (neither hashed nor in snapshots). */
    private long internalErrorCount;

    public BusinessLogicProcessor(final BlpConfig config, final EventSink sink)
    {
        this.config = config;
        this.errorHandler = config.errorHandler();
        this.publisher = new EventPublisher(sink);
        this.ledger = new Ledger(publisher);
        this.engine = new MatchingEngine(ledger, publisher, config.orderPoolCapacity());
        this.deduplicator = new RequestDeduplicator(config.requestWindowCapacity());
        this.commandAdapter = new CommandAdapter(new Handlers());
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
        // Until beginCommand knows better, the command is answered the way a broken frame is.
        commandType = Codes.CMD_UNKNOWN;
        accountId = 0;
        clientRequestId = 0;
        timestampNs = 0;
        commandAccount = null;
        originalSlot = RequestDeduplicator.NOT_FOUND;
        recordPending = false;
        outcomeOrderId = 0;
        publisher.beginCommand();
        try
        {
            commandAdapter.onCommand(buffer, offset, length);
            endCommand();
        }
        catch (final Throwable error)
        {
            onInternalError(error);
        }
    }

    /**
     * Defects met so far: every {@code Throwable} that escaped the processing of a command, and every failure to
     * publish the rejection of such a command. Each was also given to the {@link BlpConfig#errorHandler()}.
     *
     * @return the number of defects since this BLP was created (not restored from snapshots).
     */
    public long internalErrorCount()
    {
        return internalErrorCount;
    }

    /**
     * Starts a command that passed the frame checks: checks that its session may send it, looks its account up,
     * once, and whether it is a retry (which {@link #endCommand()} then answers). A command its session may not
     * send is rejected here, before the request window is asked: it learns nothing of another account's requests
     * and is not remembered, so it cannot take the place of that account's own request id.
     *
     * @return true when the command's handler is to run, false for a retry or a refused session.
     */
    private boolean beginCommand(
        final byte commandType, final long accountId, final long clientRequestId, final long timestampNs,
        final long sessionKeyId)
    {
        this.commandType = commandType;
        this.accountId = accountId;
        this.clientRequestId = clientRequestId;
        this.timestampNs = timestampNs;
        this.valueTimeNs = 0;
        if (sessionKeyId != IN_PROCESS && !sessionMaySend(commandType, accountId, sessionKeyId))
        {
            publisher.commandRejected(accountId, clientRequestId, timestampNs, 0, commandType, Codes.NOT_AUTHORIZED,
                Codes.OK);
            return false;
        }
        commandAccount = ledger.account(accountId);
        originalSlot = deduplicator.findOriginal(commandAccount, accountId, clientRequestId);
        recordPending = originalSlot == RequestDeduplicator.NOT_FOUND;
        return recordPending;
    }

    /**
     * Ends a command after the adapter has returned: answers a retry with its original outcome, or publishes the
     * rejection the handler decided on, if any, and remembers the command's outcome.
     */
    private void endCommand()
    {
        if (originalSlot != RequestDeduplicator.NOT_FOUND)
        {
            publisher.commandRejected(accountId, clientRequestId, timestampNs,
                deduplicator.originalOrderId(originalSlot), commandType, Codes.DUPLICATE_REQUEST,
                deduplicator.originalReason(originalSlot));
        }
        else if (recordPending)
        {
            final byte reason = handlerReason;
            if (reason != Codes.OK)
            {
                publisher.commandRejected(accountId, clientRequestId, timestampNs, outcomeOrderId, commandType,
                    reason, Codes.OK);
            }
            recordPending = false;
            deduplicator.record(commandAccount, accountId, clientRequestId, reason, outcomeOrderId);
        }
    }

    /**
     * Authorisation of a session's command (see docs/architecture.md, "Authorisation"): the key must exist and be
     * live; an admin key may send every command; a trader key only orders, cancels, replaces, cancel-alls and
     * transfers of its own account.
     */
    private boolean sessionMaySend(final byte commandType, final long accountId, final long sessionKeyId)
    {
        final ApiKey key = apiKeys.key(sessionKeyId);
        if (key == null || key.revoked)
        {
            return false;
        }
        if (key.roleCode == Codes.ROLE_ADMIN)
        {
            return true;
        }
        switch (commandType)
        {
            case PlaceOrderDecoder.TEMPLATE_ID:
            case CancelOrderDecoder.TEMPLATE_ID:
            case ReplaceOrderDecoder.TEMPLATE_ID:
            case CancelAllDecoder.TEMPLATE_ID:
            case TransferDecoder.TEMPLATE_ID:
                return accountId == key.accountId;
            default:
                return false;
        }
    }

    private void acceptCommand()
    {
        publisher.commandAccepted(accountId, clientRequestId, timestampNs, commandType,
            valueTimeNs == 0 ? timestampNs : valueTimeNs);
    }

    /**
     * Takes the business (value) time a money movement names: 0 for its recorded time, else any time since the
     * epoch, earlier (back-valued) or later (forward-valued) than the recorded one. It changes no balance: the
     * engine applies a movement when it is recorded; the value time goes into the outcome for the read side.
     *
     * @return false for a negative time (INVALID_VALUE_TIME).
     */
    private boolean valueTime(final long valueTimeNs)
    {
        this.valueTimeNs = valueTimeNs;
        return valueTimeNs >= 0;
    }

    /**
     * The last line of defence: the current command met a defect. Gives it an outcome only if it has none yet, and
     * remembers the outcome it has; see the class comment.
     */
    private void onInternalError(final Throwable error)
    {
        reportError(error);
        final boolean hadOutcome = publisher.outcomePublished();
        if (!hadOutcome)
        {
            try
            {
                publisher.commandRejected(accountId, clientRequestId, timestampNs, outcomeOrderId, commandType,
                    Codes.INTERNAL_ERROR, Codes.OK);
            }
            catch (final Throwable publishError)
            {
                reportError(publishError);
            }
        }
        if (recordPending)
        {
            // A handler publishes only acceptances; endCommand records a rejection once it is published.
            recordPending = false;
            try
            {
                deduplicator.record(commandAccount != null ? commandAccount : ledger.account(accountId), accountId,
                    clientRequestId, hadOutcome ? Codes.OK : Codes.INTERNAL_ERROR, outcomeOrderId);
            }
            catch (final Throwable recordError)
            {
                reportError(recordError);
            }
        }
    }

    private void reportError(final Throwable error)
    {
        internalErrorCount++;
        try
        {
            errorHandler.onError(error);
        }
        catch (final Throwable ignored)
        {
            // The error handler's own failure has nowhere to go; the defect it was told of is counted.
        }
    }

    /**
     * What the {@link CommandAdapter} calls: beginCommand for the header, then the command's handler, which
     * receives the account looked up and returns its decision for endCommand. A private class, so that
     * {@link #onCommand} stays the BLP's one entry point.
     */
    private final class Handlers implements CommandListener
    {
        @Override
        public void onFrameRejected(final byte commandType, final byte reason)
        {
            // Never remembered by the request window: the frame's key cannot be trusted.
            publisher.commandRejected(0, 0, 0, 0, commandType, reason, Codes.OK);
        }

        @Override
        public boolean onCommandHeader(
            final byte commandType, final long accountId, final long clientRequestId, final long timestampNs,
            final long sessionKeyId)
        {
            return beginCommand(commandType, accountId, clientRequestId, timestampNs, sessionKeyId);
        }

        @Override
        public void onCreateAsset(final int assetId, final int scale)
        {
            handlerReason = createAsset(assetId, scale);
        }

        @Override
        public void onCreateInstrument(
            final int instrumentId, final int baseAssetId, final int quoteAssetId, final int makerFeePpm,
            final int takerFeePpm, final long lotSize, final long tickSize, final long minQuantity,
            final long maxQuantity, final long minPrice, final long maxPrice)
        {
            handlerReason = createInstrument(instrumentId, baseAssetId, quoteAssetId, makerFeePpm, takerFeePpm,
                lotSize, tickSize, minQuantity, maxQuantity, minPrice, maxPrice);
        }

        @Override
        public void onOpenAccount()
        {
            handlerReason = openAccount(commandAccount);
        }

        @Override
        public void onDeposit(final int assetId, final long amount, final long valueTimeNs)
        {
            handlerReason = valueTime(valueTimeNs) ? deposit(commandAccount, assetId, amount) :
                Codes.INVALID_VALUE_TIME;
        }

        @Override
        public void onWithdraw(final int assetId, final long amount, final long valueTimeNs)
        {
            handlerReason = valueTime(valueTimeNs) ? withdraw(commandAccount, assetId, amount) :
                Codes.INVALID_VALUE_TIME;
        }

        @Override
        public void onTransfer(final long toAccountId, final int assetId, final long amount, final long valueTimeNs)
        {
            handlerReason = valueTime(valueTimeNs) ? transfer(commandAccount, toAccountId, assetId, amount) :
                Codes.INVALID_VALUE_TIME;
        }

        @Override
        public void onPlaceOrder(
            final int instrumentId, final byte sideCode, final byte kindCode, final long price, final long quantity,
            final long quoteBudget)
        {
            handlerReason = placeOrder(commandAccount, instrumentId, sideCode, kindCode, price, quantity, quoteBudget);
        }

        @Override
        public void onCancelOrder(final long orderId)
        {
            handlerReason = cancelOrder(commandAccount, orderId);
        }

        @Override
        public void onReplaceOrder(final long orderId, final long newPrice, final long newQuantity)
        {
            handlerReason = replaceOrder(commandAccount, orderId, newPrice, newQuantity);
        }

        @Override
        public void onCancelAll(final int instrumentId)
        {
            handlerReason = cancelAll(commandAccount, instrumentId);
        }

        @Override
        public void onHaltInstrument(final int instrumentId)
        {
            handlerReason = haltOrResume(instrumentId, true);
        }

        @Override
        public void onResumeInstrument(final int instrumentId)
        {
            handlerReason = haltOrResume(instrumentId, false);
        }

        @Override
        public void onTakeSnapshot()
        {
            handlerReason = takeSnapshot();
        }

        @Override
        public void onCreateApiKey(
            final byte roleCode, final long replacesKeyId, final DirectBuffer buffer, final int saltOffset,
            final int keyHashOffset)
        {
            handlerReason = createApiKey(commandAccount, roleCode, replacesKeyId, buffer, saltOffset, keyHashOffset);
        }

        @Override
        public void onRevokeApiKey(final long keyId)
        {
            handlerReason = revokeApiKey(keyId);
        }
    }

    // ------------------------------------------------------------------------------------------------ orders

    private byte placeOrder(
        final Account account, final int instrumentId, final byte sideCode, final byte kindCode, final long price,
        final long quantity, final long quoteBudget)
    {
        if (account == null)
        {
            return Codes.UNKNOWN_ACCOUNT;
        }
        final Instrument instrument = instruments.instrument(instrumentId);
        if (instrument == null)
        {
            return Codes.UNKNOWN_INSTRUMENT;
        }
        if (instrument.halted)
        {
            return Codes.INSTRUMENT_HALTED;
        }
        if (sideCode != Codes.BUY && sideCode != Codes.SELL)
        {
            return Codes.INVALID_SIDE;
        }
        if (kindCode < Codes.GTC || kindCode > Codes.MARKET)
        {
            return Codes.INVALID_ORDER_KIND;
        }
        final byte quantityCheck = instrument.checkQuantity(quantity);
        if (quantityCheck != Codes.OK)
        {
            return quantityCheck;
        }
        if (kindCode == Codes.MARKET)
        {
            if (price < 0 || quoteBudget < 0 || (price == 0) == (quoteBudget == 0) ||
                (quoteBudget > 0 && sideCode == Codes.SELL))
            {
                return Codes.INVALID_MARKET_BOUND;
            }
            if (price > 0)
            {
                final byte priceCheck = instrument.checkPrice(price);
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
            final byte priceCheck = instrument.checkPrice(price);
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

        final long orderId = engine.nextOrderId();
        publisher.orderAccepted(accountId, clientRequestId, timestampNs, orderId, instrumentId, sideCode, kindCode,
            price, quantity, quoteBudget, hold);
        outcomeOrderId = orderId;

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
        ledger.change(account, holdAsset, -hold, hold, Codes.ORDER_HOLD, orderId);
        engine.execute(order, clientRequestId, timestampNs);
        return Codes.OK;
    }

    private byte cancelOrder(final Account account, final long orderId)
    {
        outcomeOrderId = orderId;
        if (account == null)
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

    private byte replaceOrder(final Account account, final long orderId, final long newPrice, final long newQuantity)
    {
        outcomeOrderId = orderId;
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
        final byte quantityCheck = instrument.checkQuantity(newQuantity);
        if (quantityCheck != Codes.OK)
        {
            return quantityCheck;
        }
        final byte priceCheck = instrument.checkPrice(newPrice);
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
        else if (!MatchingEngine.wouldCross(instrument, order.sideCode, newPrice))
        {
            order.remainingQuantity = newQuantity;
            engine.moveResting(order, newPrice);
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

    private byte cancelAll(final Account account, final int instrumentId)
    {
        if (account == null)
        {
            return Codes.UNKNOWN_ACCOUNT;
        }
        if (instrumentId != 0 && instruments.instrument(instrumentId) == null)
        {
            return Codes.UNKNOWN_INSTRUMENT;
        }
        acceptCommand();
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

    // ------------------------------------------------------------------------------------------------ ledger

    private byte deposit(final Account account, final int assetId, final long amount)
    {
        if (account == null)
        {
            return Codes.UNKNOWN_ACCOUNT;
        }
        final Asset asset = ledger.asset(assetId);
        if (asset == null)
        {
            return Codes.UNKNOWN_ASSET;
        }
        if (amount <= 0)
        {
            return Codes.INVALID_AMOUNT;
        }
        if (asset.supply > Long.MAX_VALUE - amount)
        {
            return Codes.OVERFLOW;
        }
        acceptCommand();
        asset.supply += amount;
        ledger.change(account, asset, amount, 0, Codes.DEPOSIT, 0);
        return Codes.OK;
    }

    private byte withdraw(final Account account, final int assetId, final long amount)
    {
        if (account == null)
        {
            return Codes.UNKNOWN_ACCOUNT;
        }
        final Asset asset = ledger.asset(assetId);
        if (asset == null)
        {
            return Codes.UNKNOWN_ASSET;
        }
        if (amount <= 0)
        {
            return Codes.INVALID_AMOUNT;
        }
        if (account.available(asset) < amount)
        {
            return Codes.INSUFFICIENT_FUNDS;
        }
        acceptCommand();
        asset.supply -= amount;
        ledger.change(account, asset, -amount, 0, Codes.WITHDRAWAL, 0);
        return Codes.OK;
    }

    private byte transfer(final Account from, final long toAccountId, final int assetId, final long amount)
    {
        if (from == null)
        {
            return Codes.UNKNOWN_ACCOUNT;
        }
        if (toAccountId == accountId)
        {
            return Codes.SAME_ACCOUNT;
        }
        final Account to = ledger.account(toAccountId);
        if (to == null)
        {
            return Codes.UNKNOWN_ACCOUNT;
        }
        final Asset asset = ledger.asset(assetId);
        if (asset == null)
        {
            return Codes.UNKNOWN_ASSET;
        }
        if (amount <= 0)
        {
            return Codes.INVALID_AMOUNT;
        }
        if (from.available(asset) < amount)
        {
            return Codes.INSUFFICIENT_FUNDS;
        }
        acceptCommand();
        ledger.change(from, asset, -amount, 0, Codes.TRANSFER, toAccountId);
        ledger.change(to, asset, amount, 0, Codes.TRANSFER, accountId);
        return Codes.OK;
    }

    private byte openAccount(final Account existing)
    {
        if (accountId < 0)
        {
            return Codes.INVALID_ACCOUNT_ID;
        }
        if (existing != null)
        {
            return Codes.ACCOUNT_EXISTS;
        }
        acceptCommand();
        commandAccount = ledger.openAccount(accountId);
        deduplicator.onAccountOpened(commandAccount);
        return Codes.OK;
    }

    // ------------------------------------------------------------------------------------------------ admin

    private byte createAsset(final int assetId, final int scale)
    {
        if (accountId != Ledger.OPERATOR_ACCOUNT_ID)
        {
            return Codes.NOT_AUTHORIZED;
        }
        if (assetId <= 0)
        {
            return Codes.INVALID_ASSET;
        }
        if (ledger.asset(assetId) != null)
        {
            return Codes.ASSET_EXISTS;
        }
        if (scale < 0 || scale > MAX_SCALE)
        {
            return Codes.INVALID_ASSET;
        }
        acceptCommand();
        ledger.createAsset(assetId, scale);
        return Codes.OK;
    }

    private byte createInstrument(
        final int instrumentId, final int baseAssetId, final int quoteAssetId, final int makerFeePpm,
        final int takerFeePpm, final long lotSize, final long tickSize, final long minQuantity,
        final long maxQuantity, final long minPrice, final long maxPrice)
    {
        if (accountId != Ledger.OPERATOR_ACCOUNT_ID)
        {
            return Codes.NOT_AUTHORIZED;
        }
        if (instrumentId <= 0)
        {
            return Codes.INVALID_INSTRUMENT;
        }
        if (instruments.instrument(instrumentId) != null)
        {
            return Codes.INSTRUMENT_EXISTS;
        }
        final Asset base = ledger.asset(baseAssetId);
        final Asset quote = ledger.asset(quoteAssetId);
        if (base == null || quote == null)
        {
            return Codes.UNKNOWN_ASSET;
        }
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
        acceptCommand();
        instruments.add(new Instrument(instrumentId, base, quote, makerFeePpm, takerFeePpm, lotSize, tickSize,
            minQuantity, maxQuantity, minPrice, maxPrice));
        return Codes.OK;
    }

    private byte haltOrResume(final int instrumentId, final boolean halt)
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
        acceptCommand();
        instrument.halted = halt;
        return Codes.OK;
    }

    private byte takeSnapshot()
    {
        if (accountId != Ledger.OPERATOR_ACCOUNT_ID)
        {
            return Codes.NOT_AUTHORIZED;
        }
        acceptCommand();
        snapshotRequested = true;
        return Codes.OK;
    }

    // ------------------------------------------------------------------------------------------------ API keys

    private byte createApiKey(
        final Account account, final byte roleCode, final long replacesKeyId, final DirectBuffer buffer,
        final int saltOffset, final int keyHashOffset)
    {
        if (account == null)
        {
            return Codes.UNKNOWN_ACCOUNT;
        }
        if ((roleCode != Codes.ROLE_TRADER && roleCode != Codes.ROLE_ADMIN) ||
            isZero(buffer, saltOffset, CommandWriter.SALT_LENGTH) ||
            isZero(buffer, keyHashOffset, CommandWriter.KEY_HASH_LENGTH))
        {
            return Codes.INVALID_API_KEY;
        }
        ApiKey replaced = null;
        if (replacesKeyId != 0)
        {
            replaced = apiKeys.key(replacesKeyId);
            if (replaced == null || replaced.revoked || replaced.accountId != accountId)
            {
                return Codes.UNKNOWN_API_KEY;
            }
        }
        final byte[] salt = new byte[CommandWriter.SALT_LENGTH];
        final byte[] keyHash = new byte[CommandWriter.KEY_HASH_LENGTH];
        buffer.getBytes(saltOffset, salt);
        buffer.getBytes(keyHashOffset, keyHash);
        final long keyId = apiKeys.nextKeyId();
        final ApiKey key = new ApiKey(keyId, accountId, roleCode, salt, keyHash);
        publisher.apiKeyCreated(clientRequestId, timestampNs, key, replacesKeyId);
        // The request window remembers the key id where other commands keep an order id, so a retry learns it.
        outcomeOrderId = keyId;
        apiKeys.add(key);
        if (replaced != null)
        {
            publisher.apiKeyRevoked(clientRequestId, timestampNs, replaced);
            replaced.revoked = true;
        }
        return Codes.OK;
    }

    private byte revokeApiKey(final long keyId)
    {
        final ApiKey key = apiKeys.key(keyId);
        if (key == null || key.revoked || key.accountId != accountId)
        {
            return Codes.UNKNOWN_API_KEY;
        }
        acceptCommand();
        publisher.apiKeyRevoked(clientRequestId, timestampNs, key);
        key.revoked = true;
        return Codes.OK;
    }

    private static boolean isZero(final DirectBuffer buffer, final int offset, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) != 0)
            {
                return false;
            }
        }
        return true;
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

    ApiKeyRegistry apiKeys()
    {
        return apiKeys;
    }

    /**
     * Visits every API key, revoked ones included, by ascending id: what a gateway loads before the engine starts,
     * to check logins until the keys' events tell it more. Allocates (copies); not for the hot path.
     */
    public void forEachApiKey(final ApiKeyVisitor visitor)
    {
        for (int i = 0, n = apiKeys.count(); i < n; i++)
        {
            final ApiKey key = apiKeys.keyByIndex(i);
            visitor.onApiKey(key.keyId, key.accountId, key.roleCode, key.salt.clone(), key.keyHash.clone(),
                key.revoked);
        }
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
        instruments.forEachOpenOrder(order -> visitor.onOrder(order.orderId, order.accountId,
            order.instrument.instrumentId, order.sideCode, order.kindCode, order.price, order.remainingQuantity,
            order.heldAmount));
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
