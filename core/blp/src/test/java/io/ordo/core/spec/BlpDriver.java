package io.ordo.core.spec;

import java.util.ArrayList;
import java.util.List;

import io.ordo.core.BlpConfig;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.codec.BalanceChangedDecoder;
import io.ordo.protocol.codec.CommandAcceptedDecoder;
import io.ordo.protocol.codec.CommandRejectedDecoder;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.protocol.codec.OrderAcceptedDecoder;
import io.ordo.protocol.codec.OrderCancelledDecoder;
import io.ordo.protocol.codec.OrderExpiredDecoder;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.OrderReplacedDecoder;
import io.ordo.protocol.codec.RejectReason;
import io.ordo.protocol.codec.Side;
import io.ordo.protocol.codec.TradeDecoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Drives a BLP with readable calls and keeps the events of the last command, decoded by the generated decoders'
 * own {@code toString()} and as typed flyweights. Test helper; single threaded.
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
    private long nextRequestId = 1;
    private long timestampNs = 1_000;

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
        blp.onCommand(buffer, 0, length);
    }

    // ----------------------------------------------------------------------------------------- event access

    int templateId(final int index)
    {
        return new MessageHeaderDecoder().wrap(new UnsafeBuffer(lastEvents.get(index)), 0).templateId();
    }

    List<String> eventNames()
    {
        final List<String> names = new ArrayList<>();
        for (int i = 0; i < lastEvents.size(); i++)
        {
            names.add(nameOf(templateId(i)));
        }
        return names;
    }

    String describe()
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lastEvents.size(); i++)
        {
            sb.append(i).append(": ").append(decode(i)).append('\n');
        }
        return sb.toString();
    }

    private String decode(final int index)
    {
        final UnsafeBuffer b = new UnsafeBuffer(lastEvents.get(index));
        final MessageHeaderDecoder h = new MessageHeaderDecoder().wrap(b, 0);
        switch (h.templateId())
        {
            case CommandAcceptedDecoder.TEMPLATE_ID: return new CommandAcceptedDecoder().wrapAndApplyHeader(b, 0, h).toString();
            case CommandRejectedDecoder.TEMPLATE_ID: return new CommandRejectedDecoder().wrapAndApplyHeader(b, 0, h).toString();
            case OrderAcceptedDecoder.TEMPLATE_ID: return new OrderAcceptedDecoder().wrapAndApplyHeader(b, 0, h).toString();
            case OrderCancelledDecoder.TEMPLATE_ID: return new OrderCancelledDecoder().wrapAndApplyHeader(b, 0, h).toString();
            case OrderExpiredDecoder.TEMPLATE_ID: return new OrderExpiredDecoder().wrapAndApplyHeader(b, 0, h).toString();
            case OrderReplacedDecoder.TEMPLATE_ID: return new OrderReplacedDecoder().wrapAndApplyHeader(b, 0, h).toString();
            case TradeDecoder.TEMPLATE_ID: return new TradeDecoder().wrapAndApplyHeader(b, 0, h).toString();
            case BalanceChangedDecoder.TEMPLATE_ID: return new BalanceChangedDecoder().wrapAndApplyHeader(b, 0, h).toString();
            default: return "template " + h.templateId();
        }
    }

    private static String nameOf(final int templateId)
    {
        switch (templateId)
        {
            case CommandAcceptedDecoder.TEMPLATE_ID: return "CommandAccepted";
            case CommandRejectedDecoder.TEMPLATE_ID: return "CommandRejected";
            case OrderAcceptedDecoder.TEMPLATE_ID: return "OrderAccepted";
            case OrderCancelledDecoder.TEMPLATE_ID: return "OrderCancelled";
            case OrderExpiredDecoder.TEMPLATE_ID: return "OrderExpired";
            case OrderReplacedDecoder.TEMPLATE_ID: return "OrderReplaced";
            case TradeDecoder.TEMPLATE_ID: return "Trade";
            case BalanceChangedDecoder.TEMPLATE_ID: return "BalanceChanged";
            default: return "template " + templateId;
        }
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
}
