package io.ordo.core.spec;

import java.util.ArrayList;
import java.util.List;

import io.ordo.core.BlpConfig;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.EventAdapter;
import io.ordo.protocol.EventListener;
import io.ordo.protocol.codec.ApiKeyCreatedDecoder;
import io.ordo.protocol.codec.BalanceCause;
import io.ordo.protocol.codec.BalanceChangedDecoder;
import io.ordo.protocol.codec.BooleanType;
import io.ordo.protocol.codec.CancelReason;
import io.ordo.protocol.codec.CommandAcceptedDecoder;
import io.ordo.protocol.codec.CommandRejectedDecoder;
import io.ordo.protocol.codec.CommandType;
import io.ordo.protocol.codec.ExpireReason;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.protocol.codec.OrderAcceptedDecoder;
import io.ordo.protocol.codec.OrderExpiredDecoder;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.OrderReplacedDecoder;
import io.ordo.protocol.codec.RejectReason;
import io.ordo.protocol.codec.Side;
import io.ordo.protocol.codec.TradeDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Drives a BLP with readable calls and keeps the events of the last command: named and described through an
 * {@link EventAdapter}, and as typed flyweights for field assertions. Test helper; single threaded.
 */
final class BlpDriver
{
    static final int BTC = 1;
    static final int USD = 2;
    static final int BTC_USD = 10;
    static final long LOT = 1_000;
    static final long TICK = 10;

    final BusinessLogicProcessor blp;
    final List<byte[]> lastEvents = new ArrayList<>();
    private final CommandWriter writer = new CommandWriter();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
    private final Describer describer = new Describer();
    private final EventAdapter eventAdapter = new EventAdapter(describer);
    private long nextRequestId = 1;
    private long timestampNs = 1_000;
    /** Stamped into every command sent, as a gateway stamps its session's key; 0 = in process. */
    private long sessionKeyId;

    BlpDriver(final BlpConfig config)
    {
        blp = new BusinessLogicProcessor(config, (b, o, l) ->
        {
            final byte[] copy = new byte[l];
            b.getBytes(o, copy);
            lastEvents.add(copy);
        });
    }

    BlpDriver()
    {
        this(new BlpConfig().requestWindowCapacity(1024).orderPoolCapacity(16));
    }

    /** BTC (scale 8) vs USD (scale 2); lot 1000 sat, tick 10 cents per lot; maker 1000 ppm, taker 2000 ppm. */
    BlpDriver withMarket(final int makerFeePpm, final int takerFeePpm)
    {
        send(writer.createAsset(buffer, 0, 0, nextRequestId++, timestampNs, BTC, 8));
        send(writer.createAsset(buffer, 0, 0, nextRequestId++, timestampNs, USD, 2));
        send(writer.createInstrument(buffer, 0, 0, nextRequestId++, timestampNs, BTC_USD, BTC, USD,
            makerFeePpm, takerFeePpm, LOT, TICK, LOT, 1_000_000 * LOT, TICK, 1_000_000_000L));
        return this;
    }

    BlpDriver withFundedAccount(final long accountId, final long btc, final long usd)
    {
        send(writer.openAccount(buffer, 0, accountId, nextRequestId++, timestampNs));
        if (btc > 0)
        {
            send(writer.deposit(buffer, 0, accountId, nextRequestId++, timestampNs, BTC, btc));
        }
        if (usd > 0)
        {
            send(writer.deposit(buffer, 0, accountId, nextRequestId++, timestampNs, USD, usd));
        }
        return this;
    }

    long requestId()
    {
        return nextRequestId++;
    }

    void place(final long accountId, final Side side, final OrderKind kind, final long price, final long quantity)
    {
        send(writer.placeOrder(buffer, 0, accountId, nextRequestId++, timestampNs, BTC_USD, side, kind, price,
            quantity, 0));
    }

    void placeWithRequestId(
        final long accountId, final long requestId, final Side side, final OrderKind kind, final long price,
        final long quantity)
    {
        send(writer.placeOrder(buffer, 0, accountId, requestId, timestampNs, BTC_USD, side, kind, price,
            quantity, 0));
    }

    void marketBuyWithBudget(final long accountId, final long quantity, final long budget)
    {
        send(writer.placeOrder(buffer, 0, accountId, nextRequestId++, timestampNs, BTC_USD, Side.BUY,
            OrderKind.MARKET, 0, quantity, budget));
    }

    void cancel(final long accountId, final long orderId)
    {
        send(writer.cancelOrder(buffer, 0, accountId, nextRequestId++, timestampNs, orderId));
    }

    void replace(final long accountId, final long orderId, final long newPrice, final long newQuantity)
    {
        send(writer.replaceOrder(buffer, 0, accountId, nextRequestId++, timestampNs, orderId, newPrice,
            newQuantity));
    }

    void cancelAll(final long accountId, final int instrumentId)
    {
        send(writer.cancelAll(buffer, 0, accountId, nextRequestId++, timestampNs, instrumentId));
    }

    void halt(final long accountId)
    {
        send(writer.haltInstrument(buffer, 0, accountId, nextRequestId++, timestampNs, BTC_USD));
    }

    void takeSnapshot(final long accountId)
    {
        send(writer.takeSnapshot(buffer, 0, accountId, nextRequestId++, timestampNs));
    }

    void transfer(final long from, final long to, final int assetId, final long amount)
    {
        send(writer.transfer(buffer, 0, from, nextRequestId++, timestampNs, to, assetId, amount));
    }

    void deposit(final long accountId, final long requestId, final int assetId, final long amount)
    {
        send(writer.deposit(buffer, 0, accountId, requestId, timestampNs, assetId, amount));
    }

    void withdraw(final long accountId, final int assetId, final long amount)
    {
        send(writer.withdraw(buffer, 0, accountId, nextRequestId++, timestampNs, assetId, amount));
    }

    /** A deposit booked with a value (business) time of its own; 0 means "the time it is recorded". */
    void depositValued(final long accountId, final int assetId, final long amount, final long valueTimeNs)
    {
        send(writer.deposit(buffer, 0, accountId, nextRequestId++, timestampNs, assetId, amount, valueTimeNs));
    }

    void withdrawValued(final long accountId, final int assetId, final long amount, final long valueTimeNs)
    {
        send(writer.withdraw(buffer, 0, accountId, nextRequestId++, timestampNs, assetId, amount, valueTimeNs));
    }

    void transferValued(
        final long from, final long to, final int assetId, final long amount, final long valueTimeNs)
    {
        send(writer.transfer(buffer, 0, from, nextRequestId++, timestampNs, to, assetId, amount, valueTimeNs));
    }

    /** The timestamp the next command is encoded with (each send advances it by one afterwards). */
    long nextTimestampNs()
    {
        return timestampNs;
    }

    void sendRaw(final byte[] bytes)
    {
        lastEvents.clear();
        blp.onCommand(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    UnsafeBuffer scratch()
    {
        return buffer;
    }

    CommandWriter writer()
    {
        return writer;
    }

    void send(final int length)
    {
        lastEvents.clear();
        timestampNs++;
        CommandWriter.stampSessionKeyId(buffer, 0, sessionKeyId);
        blp.onCommand(buffer, 0, length);
    }

    /** Sends the following commands as a gateway session logged in with this key would (0: in process). */
    BlpDriver asSession(final long keyId)
    {
        sessionKeyId = keyId;
        return this;
    }

    /**
     * Creates an API key with a salt and hash made from the seed.
     *
     * @return the key id of the ApiKeyCreated, or 0 when the command was rejected.
     */
    long createApiKey(final long accountId, final int roleCode, final long replacesKeyId, final int seed)
    {
        return createApiKey(accountId, nextRequestId++, roleCode, replacesKeyId, seed);
    }

    long createApiKey(
        final long accountId, final long requestId, final int roleCode, final long replacesKeyId, final int seed)
    {
        final UnsafeBuffer salt = new UnsafeBuffer(new byte[CommandWriter.SALT_LENGTH]);
        final UnsafeBuffer hash = new UnsafeBuffer(new byte[CommandWriter.KEY_HASH_LENGTH]);
        salt.setMemory(0, CommandWriter.SALT_LENGTH, (byte)seed);
        hash.setMemory(0, CommandWriter.KEY_HASH_LENGTH, (byte)(seed + 1));
        send(writer.createApiKey(buffer, 0, accountId, requestId, timestampNs, roleCode, replacesKeyId,
            salt, 0, hash, 0));
        return "ApiKeyCreated".equals(eventNames().get(0)) ? apiKeyCreated(0).keyId() : 0;
    }

    void revokeApiKey(final long accountId, final long keyId)
    {
        send(writer.revokeApiKey(buffer, 0, accountId, nextRequestId++, timestampNs, keyId));
    }

    ApiKeyCreatedDecoder apiKeyCreated(final int index)
    {
        final UnsafeBuffer b = new UnsafeBuffer(lastEvents.get(index));
        return new ApiKeyCreatedDecoder().wrapAndApplyHeader(b, 0, new MessageHeaderDecoder());
    }

    // ----------------------------------------------------------------------------------------- event access

    List<String> eventNames()
    {
        final List<String> names = new ArrayList<>();
        for (int i = 0; i < lastEvents.size(); i++)
        {
            decode(i);
            names.add(describer.name);
        }
        return names;
    }

    String describe()
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lastEvents.size(); i++)
        {
            decode(i);
            sb.append(i).append(": ").append(describer.text).append('\n');
        }
        return sb.toString();
    }

    private void decode(final int index)
    {
        final byte[] event = lastEvents.get(index);
        eventAdapter.onEvent(new UnsafeBuffer(event), 0, event.length);
    }

    RejectReason rejectReason()
    {
        final CommandRejectedDecoder d = rejected(0);
        return d.reason();
    }

    CommandRejectedDecoder rejected(final int index)
    {
        final UnsafeBuffer b = new UnsafeBuffer(lastEvents.get(index));
        return new CommandRejectedDecoder().wrapAndApplyHeader(b, 0, new MessageHeaderDecoder());
    }

    CommandAcceptedDecoder accepted(final int index)
    {
        final UnsafeBuffer b = new UnsafeBuffer(lastEvents.get(index));
        return new CommandAcceptedDecoder().wrapAndApplyHeader(b, 0, new MessageHeaderDecoder());
    }

    OrderAcceptedDecoder orderAccepted(final int index)
    {
        final UnsafeBuffer b = new UnsafeBuffer(lastEvents.get(index));
        return new OrderAcceptedDecoder().wrapAndApplyHeader(b, 0, new MessageHeaderDecoder());
    }

    TradeDecoder trade(final int index)
    {
        final UnsafeBuffer b = new UnsafeBuffer(lastEvents.get(index));
        return new TradeDecoder().wrapAndApplyHeader(b, 0, new MessageHeaderDecoder());
    }

    BalanceChangedDecoder balance(final int index)
    {
        final UnsafeBuffer b = new UnsafeBuffer(lastEvents.get(index));
        return new BalanceChangedDecoder().wrapAndApplyHeader(b, 0, new MessageHeaderDecoder());
    }

    OrderExpiredDecoder expired(final int index)
    {
        final UnsafeBuffer b = new UnsafeBuffer(lastEvents.get(index));
        return new OrderExpiredDecoder().wrapAndApplyHeader(b, 0, new MessageHeaderDecoder());
    }

    OrderReplacedDecoder replaced(final int index)
    {
        final UnsafeBuffer b = new UnsafeBuffer(lastEvents.get(index));
        return new OrderReplacedDecoder().wrapAndApplyHeader(b, 0, new MessageHeaderDecoder());
    }

    /** Order id of the OrderAccepted of the last command. */
    long lastOrderId()
    {
        return orderAccepted(0).orderId();
    }

    long available(final long accountId, final int assetId)
    {
        final long[] result = new long[1];
        blp.forEachBalance((a, asset, available, held) ->
        {
            if (a == accountId && asset == assetId)
            {
                result[0] = available;
            }
        });
        return result[0];
    }

    long held(final long accountId, final int assetId)
    {
        final long[] result = new long[1];
        blp.forEachBalance((a, asset, available, held) ->
        {
            if (a == accountId && asset == assetId)
            {
                result[0] = held;
            }
        });
        return result[0];
    }

    /** Names and renders the event decoded last: {@code name} as in the schema, {@code text} field by field. */
    private static final class Describer implements EventListener
    {
        String name;
        String text;

        private void set(final String name, final String fields)
        {
            this.name = name;
            this.text = name + " " + fields;
        }

        @Override
        public void onApiKeyCreated(
            final long accountId, final long clientRequestId, final long timestampNs, final long keyId,
            final short roleCode, final long replacedKeyId, final DirectBuffer buffer, final int saltOffset,
            final int keyHashOffset)
        {
            set("ApiKeyCreated", "accountId=" + accountId + " keyId=" + keyId + " role=" + roleCode +
                " replacedKeyId=" + replacedKeyId);
        }

        @Override
        public void onApiKeyRevoked(
            final long accountId, final long clientRequestId, final long timestampNs, final long keyId)
        {
            set("ApiKeyRevoked", "accountId=" + accountId + " keyId=" + keyId);
        }

        @Override
        public void onCommandAccepted(
            final long accountId, final long clientRequestId, final long timestampNs, final short commandTypeCode,
            final long valueTimeNs)
        {
            set("CommandAccepted", "accountId=" + accountId + " clientRequestId=" + clientRequestId +
                " timestampNs=" + timestampNs + " commandType=" + CommandType.get(commandTypeCode) +
                (valueTimeNs == timestampNs ? "" : " valueTimeNs=" + valueTimeNs));
        }

        @Override
        public void onCommandRejected(
            final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
            final short commandTypeCode, final short reasonCode, final short originalReasonCode)
        {
            set("CommandRejected", "accountId=" + accountId + " clientRequestId=" + clientRequestId +
                " timestampNs=" + timestampNs + " orderId=" + orderId + " commandType=" +
                CommandType.get(commandTypeCode) + " reason=" + RejectReason.get(reasonCode) + " originalReason=" +
                RejectReason.get(originalReasonCode));
        }

        @Override
        public void onOrderAccepted(
            final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
            final int instrumentId, final short sideCode, final short kindCode, final long priceMinor,
            final long quantityMinor, final long quoteBudgetMinor, final long heldAmountMinor)
        {
            set("OrderAccepted", "accountId=" + accountId + " clientRequestId=" + clientRequestId +
                " timestampNs=" + timestampNs + " orderId=" + orderId + " instrumentId=" + instrumentId +
                " side=" + Side.get(sideCode) + " kind=" + OrderKind.get(kindCode) + " price=" + priceMinor +
                " quantity=" + quantityMinor + " quoteBudget=" + quoteBudgetMinor + " heldAmount=" + heldAmountMinor);
        }

        @Override
        public void onOrderCancelled(
            final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
            final int instrumentId, final short reasonCode, final long remainingQuantityMinor)
        {
            set("OrderCancelled", "accountId=" + accountId + " clientRequestId=" + clientRequestId +
                " timestampNs=" + timestampNs + " orderId=" + orderId + " instrumentId=" + instrumentId +
                " reason=" + CancelReason.get(reasonCode) + " remainingQuantity=" + remainingQuantityMinor);
        }

        @Override
        public void onOrderExpired(
            final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
            final int instrumentId, final short reasonCode, final long remainingQuantityMinor)
        {
            set("OrderExpired", "accountId=" + accountId + " clientRequestId=" + clientRequestId +
                " timestampNs=" + timestampNs + " orderId=" + orderId + " instrumentId=" + instrumentId +
                " reason=" + ExpireReason.get(reasonCode) + " remainingQuantity=" + remainingQuantityMinor);
        }

        @Override
        public void onOrderReplaced(
            final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
            final int instrumentId, final short priorityKeptCode, final long oldPriceMinor,
            final long oldQuantityMinor, final long newPriceMinor, final long newQuantityMinor)
        {
            set("OrderReplaced", "accountId=" + accountId + " clientRequestId=" + clientRequestId +
                " timestampNs=" + timestampNs + " orderId=" + orderId + " instrumentId=" + instrumentId +
                " priorityKept=" + BooleanType.get(priorityKeptCode) + " oldPrice=" + oldPriceMinor +
                " oldQuantity=" + oldQuantityMinor + " newPrice=" + newPriceMinor + " newQuantity=" + newQuantityMinor);
        }

        @Override
        public void onTrade(
            final long tradeId, final long timestampNs, final int instrumentId, final short aggressorSideCode,
            final long makerOrderId, final long takerOrderId, final long makerAccountId, final long takerAccountId,
            final long priceMinor, final long quantityMinor, final long makerFeeMinor, final long takerFeeMinor,
            final long makerRemainingQuantityMinor, final long takerRemainingQuantityMinor)
        {
            set("Trade", "tradeId=" + tradeId + " timestampNs=" + timestampNs + " instrumentId=" + instrumentId +
                " aggressorSide=" + Side.get(aggressorSideCode) + " makerOrderId=" + makerOrderId +
                " takerOrderId=" + takerOrderId + " makerAccountId=" + makerAccountId + " takerAccountId=" +
                takerAccountId + " price=" + priceMinor + " quantity=" + quantityMinor + " makerFee=" + makerFeeMinor +
                " takerFee=" + takerFeeMinor + " makerRemainingQuantity=" + makerRemainingQuantityMinor +
                " takerRemainingQuantity=" + takerRemainingQuantityMinor);
        }

        @Override
        public void onBalanceChanged(
            final long accountId, final int assetId, final short causeCode, final long availableDeltaMinor,
            final long heldDeltaMinor, final long availableAfterMinor, final long heldAfterMinor,
            final long referenceId)
        {
            set("BalanceChanged", "accountId=" + accountId + " assetId=" + assetId + " cause=" +
                BalanceCause.get(causeCode) + " availableDelta=" + availableDeltaMinor + " heldDelta=" +
                heldDeltaMinor + " availableAfter=" + availableAfterMinor + " heldAfter=" + heldAfterMinor +
                " referenceId=" + referenceId);
        }

        @Override
        public void onUnknownEvent(
            final int schemaId, final int version, final int templateId,
            final DirectBuffer buffer, final int offset, final int length)
        {
            set("template " + templateId, "schemaId=" + schemaId + " version=" + version + " length=" + length);
        }

        @Override
        public void onMalformedEvent(
            final int error, final int templateId, final int blockLength,
            final DirectBuffer buffer, final int offset, final int length)
        {
            set("malformed " + error, "templateId=" + templateId + " blockLength=" + blockLength + " length=" + length);
        }
    }
}
