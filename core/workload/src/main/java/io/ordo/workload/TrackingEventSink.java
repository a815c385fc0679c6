package io.ordo.workload;

import io.ordo.core.EventSink;
import io.ordo.protocol.codec.BalanceChangedDecoder;
import io.ordo.protocol.codec.CancelReason;
import io.ordo.protocol.codec.CommandAcceptedDecoder;
import io.ordo.protocol.codec.CommandRejectedDecoder;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.protocol.codec.OrderAcceptedDecoder;
import io.ordo.protocol.codec.OrderCancelledDecoder;
import io.ordo.protocol.codec.OrderExpiredDecoder;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.OrderReplacedDecoder;
import io.ordo.protocol.codec.TradeDecoder;
import org.agrona.DirectBuffer;

/**
 * Decodes the BLP's events to keep {@link OpenOrders} up to date for the generator, and counts outcomes for the
 * report: trades, accepted and rejected commands, rejections by reason.
 * <p>
 * Order tracking: {@code OrderAccepted} of an order that may rest ({@code GTC}, {@code POST_ONLY}) adds it;
 * {@code Trade} sets the remaining quantity of maker and taker (removing an order at zero); {@code OrderReplaced}
 * sets the new price and open quantity; {@code OrderCancelled} and {@code OrderExpired} remove it.
 * <p>
 * Used by the demo and by the benchmarks' standard workload generator. Allocation-free: reusable flyweights and
 * primitive counters. Not thread safe; called on the BLP thread only.
 */
public final class TrackingEventSink implements EventSink
{
    private static final short GTC = OrderKind.GTC.value();
    private static final short POST_ONLY = OrderKind.POST_ONLY.value();
    private static final short CANCEL_BY_USER = CancelReason.USER.value();

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final CommandRejectedDecoder commandRejected = new CommandRejectedDecoder();
    private final OrderAcceptedDecoder orderAccepted = new OrderAcceptedDecoder();
    private final OrderCancelledDecoder orderCancelled = new OrderCancelledDecoder();
    private final OrderExpiredDecoder orderExpired = new OrderExpiredDecoder();
    private final OrderReplacedDecoder orderReplaced = new OrderReplacedDecoder();
    private final TradeDecoder trade = new TradeDecoder();

    private final OpenOrders openOrders;
    private final long[] rejectionsByReasonCode = new long[256];
    private long events;
    private long accepted;
    private long rejected;
    private long trades;
    private long commandsWithTrades;
    private long ordersCancelled;
    private long ordersExpired;
    private long unknownEvents;
    private boolean currentCommandTraded;
    private long lastTradePrice;

    public TrackingEventSink(final OpenOrders openOrders)
    {
        this.openOrders = openOrders;
    }

    @Override
    public void onEvent(final DirectBuffer buffer, final int offset, final int length)
    {
        events++;
        header.wrap(buffer, offset);
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();

        switch (header.templateId())
        {
            case OrderAcceptedDecoder.TEMPLATE_ID:
            {
                onTerminalOutcome(true);
                orderAccepted.wrap(buffer, bodyOffset, blockLength, version);
                final short kind = orderAccepted.kindRaw();
                if (kind == GTC || kind == POST_ONLY)
                {
                    openOrders.add(
                        orderAccepted.orderId(),
                        orderAccepted.accountId(),
                        orderAccepted.instrumentId(),
                        orderAccepted.sideRaw(),
                        orderAccepted.price(),
                        orderAccepted.quantity());
                }
                break;
            }

            case TradeDecoder.TEMPLATE_ID:
            {
                trade.wrap(buffer, bodyOffset, blockLength, version);
                trades++;
                if (!currentCommandTraded)
                {
                    currentCommandTraded = true;
                    commandsWithTrades++;
                }
                lastTradePrice = trade.price();
                openOrders.remainingQuantity(trade.makerOrderId(), trade.makerRemainingQuantity());
                openOrders.remainingQuantity(trade.takerOrderId(), trade.takerRemainingQuantity());
                break;
            }

            case OrderCancelledDecoder.TEMPLATE_ID:
            {
                orderCancelled.wrap(buffer, bodyOffset, blockLength, version);
                if (orderCancelled.reasonRaw() == CANCEL_BY_USER)
                {
                    onTerminalOutcome(true); // the outcome of a CancelOrder; under CancelAll it is an effect
                }
                ordersCancelled++;
                openOrders.remove(orderCancelled.orderId());
                break;
            }

            case OrderExpiredDecoder.TEMPLATE_ID:
            {
                orderExpired.wrap(buffer, bodyOffset, blockLength, version);
                ordersExpired++;
                openOrders.remove(orderExpired.orderId());
                break;
            }

            case OrderReplacedDecoder.TEMPLATE_ID:
            {
                onTerminalOutcome(true);
                orderReplaced.wrap(buffer, bodyOffset, blockLength, version);
                openOrders.replaced(orderReplaced.orderId(), orderReplaced.newPrice(), orderReplaced.newQuantity());
                break;
            }

            case CommandRejectedDecoder.TEMPLATE_ID:
            {
                onTerminalOutcome(false);
                commandRejected.wrap(buffer, bodyOffset, blockLength, version);
                rejectionsByReasonCode[commandRejected.reasonRaw() & 0xFF]++;
                break;
            }

            case CommandAcceptedDecoder.TEMPLATE_ID:
                onTerminalOutcome(true);
                break;

            case BalanceChangedDecoder.TEMPLATE_ID:
                break;

            default:
                unknownEvents++;
                break;
        }
    }

    private void onTerminalOutcome(final boolean isAccepted)
    {
        currentCommandTraded = false;
        if (isAccepted)
        {
            accepted++;
        }
        else
        {
            rejected++;
        }
    }

    /** @return the price of the last trade seen, 0 before the first. */
    public long lastTradePrice()
    {
        return lastTradePrice;
    }

    public long events()
    {
        return events;
    }

    public long accepted()
    {
        return accepted;
    }

    public long rejected()
    {
        return rejected;
    }

    /** Rejections with the given {@link io.ordo.protocol.codec.RejectReason#value()}. */
    public long rejections(final int reasonCode)
    {
        return rejectionsByReasonCode[reasonCode & 0xFF];
    }

    public long trades()
    {
        return trades;
    }

    /** Commands whose events include at least one {@code Trade}. */
    public long commandsWithTrades()
    {
        return commandsWithTrades;
    }

    public long ordersCancelled()
    {
        return ordersCancelled;
    }

    public long ordersExpired()
    {
        return ordersExpired;
    }

    /** Events of a template this sink does not know: should stay 0. */
    public long unknownEvents()
    {
        return unknownEvents;
    }
}
