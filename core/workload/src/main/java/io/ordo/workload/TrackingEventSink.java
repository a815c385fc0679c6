package io.ordo.workload;

import io.ordo.core.EventSink;
import io.ordo.protocol.EventAdapter;
import io.ordo.protocol.EventListener;
import io.ordo.protocol.codec.CancelReason;
import io.ordo.protocol.codec.OrderKind;
import org.agrona.DirectBuffer;

/**
 * Decodes the BLP's events (with an {@link EventAdapter}) to keep {@link OpenOrders} up to date for the generator,
 * and counts outcomes for the report: trades, accepted and rejected commands, rejections by reason.
 * <p>
 * Order tracking: {@code OrderAccepted} of an order that may rest ({@code GTC}, {@code POST_ONLY}) adds it;
 * {@code Trade} sets the remaining quantity of maker and taker (removing an order at zero); {@code OrderReplaced}
 * sets the new price and open quantity; {@code OrderCancelled} and {@code OrderExpired} remove it.
 * {@code ApiKeyCreated} counts as an accepted command; {@code ApiKeyRevoked} is an effect and counts for nothing.
 * <p>
 * Used by the demo and by the benchmarks' standard workload generator. Allocation-free: a reused adapter and
 * primitive counters. Not thread safe; called on the BLP thread only.
 */
public final class TrackingEventSink implements EventSink
{
    private static final short GTC = OrderKind.GTC.value();
    private static final short POST_ONLY = OrderKind.POST_ONLY.value();
    private static final short CANCEL_BY_USER = CancelReason.USER.value();

    private final EventAdapter adapter = new EventAdapter(new Tracker());
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
    private long ordersAccepted;
    private long lastAcceptedOrderId;

    public TrackingEventSink(final OpenOrders openOrders)
    {
        this.openOrders = openOrders;
    }

    @Override
    public void onEvent(final DirectBuffer buffer, final int offset, final int length)
    {
        events++;
        adapter.onEvent(buffer, offset, length);
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

    /** @return how many {@code OrderAccepted} events were seen. */
    public long ordersAccepted()
    {
        return ordersAccepted;
    }

    /** @return the order id of the last {@code OrderAccepted} seen, 0 before the first. */
    public long lastAcceptedOrderId()
    {
        return lastAcceptedOrderId;
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

    /** Events of a template this sink does not know, or malformed: should stay 0. */
    public long unknownEvents()
    {
        return unknownEvents;
    }

    /** Applies each event to the open orders and the counters. */
    private final class Tracker implements EventListener
    {
        @Override
        public void onOrderAccepted(
            final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
            final int instrumentId, final short sideCode, final short kindCode, final long priceMinor,
            final long quantityMinor, final long quoteBudgetMinor, final long heldAmountMinor)
        {
            onTerminalOutcome(true);
            ordersAccepted++;
            lastAcceptedOrderId = orderId;
            if (kindCode == GTC || kindCode == POST_ONLY)
            {
                openOrders.add(orderId, accountId, instrumentId, sideCode, priceMinor, quantityMinor);
            }
        }

        @Override
        public void onTrade(
            final long tradeId, final long timestampNs, final int instrumentId, final short aggressorSideCode,
            final long makerOrderId, final long takerOrderId, final long makerAccountId, final long takerAccountId,
            final long priceMinor, final long quantityMinor, final long makerFeeMinor, final long takerFeeMinor,
            final long makerRemainingQuantityMinor, final long takerRemainingQuantityMinor)
        {
            trades++;
            if (!currentCommandTraded)
            {
                currentCommandTraded = true;
                commandsWithTrades++;
            }
            lastTradePrice = priceMinor;
            openOrders.remainingQuantity(makerOrderId, makerRemainingQuantityMinor);
            openOrders.remainingQuantity(takerOrderId, takerRemainingQuantityMinor);
        }

        @Override
        public void onOrderCancelled(
            final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
            final int instrumentId, final short reasonCode, final long remainingQuantityMinor)
        {
            if (reasonCode == CANCEL_BY_USER)
            {
                onTerminalOutcome(true); // the outcome of a CancelOrder; under CancelAll it is an effect
            }
            ordersCancelled++;
            openOrders.remove(orderId);
        }

        @Override
        public void onOrderExpired(
            final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
            final int instrumentId, final short reasonCode, final long remainingQuantityMinor)
        {
            ordersExpired++;
            openOrders.remove(orderId);
        }

        @Override
        public void onOrderReplaced(
            final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
            final int instrumentId, final short priorityKeptCode, final long oldPriceMinor,
            final long oldQuantityMinor, final long newPriceMinor, final long newQuantityMinor)
        {
            onTerminalOutcome(true);
            openOrders.replaced(orderId, newPriceMinor, newQuantityMinor);
        }

        @Override
        public void onCommandRejected(
            final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
            final short commandTypeCode, final short reasonCode, final short originalReasonCode)
        {
            onTerminalOutcome(false);
            rejectionsByReasonCode[reasonCode & 0xFF]++;
        }

        @Override
        public void onCommandAccepted(
            final long accountId, final long clientRequestId, final long timestampNs, final short commandTypeCode,
            final long valueTimeNs)
        {
            onTerminalOutcome(true);
        }

        @Override
        public void onApiKeyCreated(
            final long accountId, final long clientRequestId, final long timestampNs, final long keyId,
            final short roleCode, final long replacedKeyId, final DirectBuffer buffer, final int saltOffset,
            final int keyHashOffset)
        {
            onTerminalOutcome(true);
        }

        @Override
        public void onUnknownEvent(
            final int schemaId, final int version, final int templateId,
            final DirectBuffer buffer, final int offset, final int length)
        {
            unknownEvents++;
        }

        @Override
        public void onMalformedEvent(
            final int error, final int templateId, final int blockLength,
            final DirectBuffer buffer, final int offset, final int length)
        {
            unknownEvents++;
        }
    }
}
