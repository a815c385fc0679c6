package io.ordo.journal;

import io.ordo.protocol.EventAdapter;
import io.ordo.protocol.EventListener;
import io.ordo.protocol.codec.BalanceCause;
import io.ordo.protocol.codec.BalanceChangedDecoder;
import io.ordo.protocol.codec.BooleanType;
import io.ordo.protocol.codec.CancelAllDecoder;
import io.ordo.protocol.codec.CancelOrderDecoder;
import io.ordo.protocol.codec.CancelReason;
import io.ordo.protocol.codec.CommandAcceptedDecoder;
import io.ordo.protocol.codec.CommandRejectedDecoder;
import io.ordo.protocol.codec.CommandType;
import io.ordo.protocol.codec.CreateAssetDecoder;
import io.ordo.protocol.codec.CreateInstrumentDecoder;
import io.ordo.protocol.codec.DepositDecoder;
import io.ordo.protocol.codec.ExpireReason;
import io.ordo.protocol.codec.HaltInstrumentDecoder;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.protocol.codec.OpenAccountDecoder;
import io.ordo.protocol.codec.OrderAcceptedDecoder;
import io.ordo.protocol.codec.OrderCancelledDecoder;
import io.ordo.protocol.codec.OrderExpiredDecoder;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.OrderReplacedDecoder;
import io.ordo.protocol.codec.PlaceOrderDecoder;
import io.ordo.protocol.codec.RejectReason;
import io.ordo.protocol.codec.ReplaceOrderDecoder;
import io.ordo.protocol.codec.ResumeInstrumentDecoder;
import io.ordo.protocol.codec.Side;
import io.ordo.protocol.codec.TakeSnapshotDecoder;
import io.ordo.protocol.codec.TradeDecoder;
import io.ordo.protocol.codec.TransferDecoder;
import io.ordo.protocol.codec.WithdrawDecoder;
import org.agrona.DirectBuffer;

/**
 * Renders one encoded command or event as text in the generated decoders' {@code toString()} form
 * ({@code [Trade](sbeTemplateId=107|...):tradeId=1|...}): for {@code verify}'s divergence reports and the operator.
 * Commands are rendered by their decoders' {@code toString()}; events are decoded by an {@link EventAdapter}, whose
 * {@link EventListener} writes the same form. Allocates; never on the hot path.
 * <p>
 * Stateless; thread safe.
 */
final class MessageText
{
    private MessageText()
    {
    }

    static String describe(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return "frame of " + length + " bytes (shorter than a message header)";
        }
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID ||
            length < MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength())
        {
            return "frame of " + length + " bytes: " + header;
        }
        try
        {
            return render(buffer, offset, length, header);
        }
        catch (final RuntimeException e)
        {
            return "frame of " + length + " bytes: " + header + " (" + e + ")";
        }
    }

    private static String render(
        final DirectBuffer buffer, final int offset, final int length, final MessageHeaderDecoder header)
    {
        switch (header.templateId())
        {
            case CreateAssetDecoder.TEMPLATE_ID:
                return new CreateAssetDecoder().wrapAndApplyHeader(buffer, offset, header).toString();
            case CreateInstrumentDecoder.TEMPLATE_ID:
                return new CreateInstrumentDecoder().wrapAndApplyHeader(buffer, offset, header).toString();
            case OpenAccountDecoder.TEMPLATE_ID:
                return new OpenAccountDecoder().wrapAndApplyHeader(buffer, offset, header).toString();
            case DepositDecoder.TEMPLATE_ID:
                return new DepositDecoder().wrapAndApplyHeader(buffer, offset, header).toString();
            case WithdrawDecoder.TEMPLATE_ID:
                return new WithdrawDecoder().wrapAndApplyHeader(buffer, offset, header).toString();
            case TransferDecoder.TEMPLATE_ID:
                return new TransferDecoder().wrapAndApplyHeader(buffer, offset, header).toString();
            case PlaceOrderDecoder.TEMPLATE_ID:
                return new PlaceOrderDecoder().wrapAndApplyHeader(buffer, offset, header).toString();
            case CancelOrderDecoder.TEMPLATE_ID:
                return new CancelOrderDecoder().wrapAndApplyHeader(buffer, offset, header).toString();
            case ReplaceOrderDecoder.TEMPLATE_ID:
                return new ReplaceOrderDecoder().wrapAndApplyHeader(buffer, offset, header).toString();
            case CancelAllDecoder.TEMPLATE_ID:
                return new CancelAllDecoder().wrapAndApplyHeader(buffer, offset, header).toString();
            case HaltInstrumentDecoder.TEMPLATE_ID:
                return new HaltInstrumentDecoder().wrapAndApplyHeader(buffer, offset, header).toString();
            case ResumeInstrumentDecoder.TEMPLATE_ID:
                return new ResumeInstrumentDecoder().wrapAndApplyHeader(buffer, offset, header).toString();
            case TakeSnapshotDecoder.TEMPLATE_ID:
                return new TakeSnapshotDecoder().wrapAndApplyHeader(buffer, offset, header).toString();
            default:
                final EventDescriber describer = new EventDescriber(header);
                new EventAdapter(describer).onEvent(buffer, offset, length);
                return describer.text();
        }
    }

    /**
     * Writes the event decoded in the form of its decoder's {@code toString()}: {@code [Name](header):field=value|...}
     * with enums by name ({@code get} throws on a code the schema does not know, as {@code toString()} does).
     */
    private static final class EventDescriber implements EventListener
    {
        private final StringBuilder sb = new StringBuilder(256);
        private final MessageHeaderDecoder header;
        private final int blockLength;
        private boolean firstField;

        EventDescriber(final MessageHeaderDecoder header)
        {
            this.header = header;
            this.blockLength = header.blockLength();
        }

        String text()
        {
            return sb.toString();
        }

        private void message(final String name, final int templateId, final int templateBlockLength)
        {
            sb.append('[').append(name).append("](sbeTemplateId=").append(templateId)
                .append("|sbeSchemaId=").append(MessageHeaderDecoder.SCHEMA_ID)
                .append("|sbeSchemaVersion=").append(MessageHeaderDecoder.SCHEMA_VERSION)
                .append("|sbeBlockLength=");
            if (blockLength != templateBlockLength)
            {
                sb.append(blockLength).append('/');
            }
            sb.append(templateBlockLength).append("):");
            firstField = true;
        }

        private EventDescriber field(final String name)
        {
            if (!firstField)
            {
                sb.append('|');
            }
            firstField = false;
            sb.append(name).append('=');
            return this;
        }

        private EventDescriber field(final String name, final long value)
        {
            field(name).sb.append(value);
            return this;
        }

        private EventDescriber field(final String name, final Object value)
        {
            field(name).sb.append(value);
            return this;
        }

        @Override
        public void onCommandAccepted(
            final long accountId, final long clientRequestId, final long timestampNs, final short commandTypeCode,
            final long valueTimeNs)
        {
            message("CommandAccepted", CommandAcceptedDecoder.TEMPLATE_ID, CommandAcceptedDecoder.BLOCK_LENGTH);
            field("accountId", accountId).field("clientRequestId", clientRequestId).field("timestampNs", timestampNs)
                .field("commandType", CommandType.get(commandTypeCode)).field("valueTimeNs", valueTimeNs);
        }

        @Override
        public void onCommandRejected(
            final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
            final short commandTypeCode, final short reasonCode, final short originalReasonCode)
        {
            message("CommandRejected", CommandRejectedDecoder.TEMPLATE_ID, CommandRejectedDecoder.BLOCK_LENGTH);
            field("accountId", accountId).field("clientRequestId", clientRequestId).field("timestampNs", timestampNs)
                .field("orderId", orderId).field("commandType", CommandType.get(commandTypeCode))
                .field("reason", RejectReason.get(reasonCode))
                .field("originalReason", RejectReason.get(originalReasonCode));
        }

        @Override
        public void onOrderAccepted(
            final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
            final int instrumentId, final short sideCode, final short kindCode, final long priceMinor,
            final long quantityMinor, final long quoteBudgetMinor, final long heldAmountMinor)
        {
            message("OrderAccepted", OrderAcceptedDecoder.TEMPLATE_ID, OrderAcceptedDecoder.BLOCK_LENGTH);
            field("accountId", accountId).field("clientRequestId", clientRequestId).field("timestampNs", timestampNs)
                .field("orderId", orderId).field("instrumentId", instrumentId).field("side", Side.get(sideCode))
                .field("kind", OrderKind.get(kindCode)).field("price", priceMinor).field("quantity", quantityMinor)
                .field("quoteBudget", quoteBudgetMinor).field("heldAmount", heldAmountMinor);
        }

        @Override
        public void onOrderCancelled(
            final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
            final int instrumentId, final short reasonCode, final long remainingQuantityMinor)
        {
            message("OrderCancelled", OrderCancelledDecoder.TEMPLATE_ID, OrderCancelledDecoder.BLOCK_LENGTH);
            field("accountId", accountId).field("clientRequestId", clientRequestId).field("timestampNs", timestampNs)
                .field("orderId", orderId).field("instrumentId", instrumentId)
                .field("reason", CancelReason.get(reasonCode)).field("remainingQuantity", remainingQuantityMinor);
        }

        @Override
        public void onOrderExpired(
            final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
            final int instrumentId, final short reasonCode, final long remainingQuantityMinor)
        {
            message("OrderExpired", OrderExpiredDecoder.TEMPLATE_ID, OrderExpiredDecoder.BLOCK_LENGTH);
            field("accountId", accountId).field("clientRequestId", clientRequestId).field("timestampNs", timestampNs)
                .field("orderId", orderId).field("instrumentId", instrumentId)
                .field("reason", ExpireReason.get(reasonCode)).field("remainingQuantity", remainingQuantityMinor);
        }

        @Override
        public void onOrderReplaced(
            final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
            final int instrumentId, final short priorityKeptCode, final long oldPriceMinor,
            final long oldQuantityMinor, final long newPriceMinor, final long newQuantityMinor)
        {
            message("OrderReplaced", OrderReplacedDecoder.TEMPLATE_ID, OrderReplacedDecoder.BLOCK_LENGTH);
            field("accountId", accountId).field("clientRequestId", clientRequestId).field("timestampNs", timestampNs)
                .field("orderId", orderId).field("instrumentId", instrumentId)
                .field("priorityKept", BooleanType.get(priorityKeptCode)).field("oldPrice", oldPriceMinor)
                .field("oldQuantity", oldQuantityMinor).field("newPrice", newPriceMinor)
                .field("newQuantity", newQuantityMinor);
        }

        @Override
        public void onTrade(
            final long tradeId, final long timestampNs, final int instrumentId, final short aggressorSideCode,
            final long makerOrderId, final long takerOrderId, final long makerAccountId, final long takerAccountId,
            final long priceMinor, final long quantityMinor, final long makerFeeMinor, final long takerFeeMinor,
            final long makerRemainingQuantityMinor, final long takerRemainingQuantityMinor)
        {
            message("Trade", TradeDecoder.TEMPLATE_ID, TradeDecoder.BLOCK_LENGTH);
            field("tradeId", tradeId).field("timestampNs", timestampNs).field("instrumentId", instrumentId)
                .field("aggressorSide", Side.get(aggressorSideCode)).field("makerOrderId", makerOrderId)
                .field("takerOrderId", takerOrderId).field("makerAccountId", makerAccountId)
                .field("takerAccountId", takerAccountId).field("price", priceMinor).field("quantity", quantityMinor)
                .field("makerFee", makerFeeMinor).field("takerFee", takerFeeMinor)
                .field("makerRemainingQuantity", makerRemainingQuantityMinor)
                .field("takerRemainingQuantity", takerRemainingQuantityMinor);
        }

        @Override
        public void onBalanceChanged(
            final long accountId, final int assetId, final short causeCode, final long availableDeltaMinor,
            final long heldDeltaMinor, final long availableAfterMinor, final long heldAfterMinor,
            final long referenceId)
        {
            message("BalanceChanged", BalanceChangedDecoder.TEMPLATE_ID, BalanceChangedDecoder.BLOCK_LENGTH);
            field("accountId", accountId).field("assetId", assetId).field("cause", BalanceCause.get(causeCode))
                .field("availableDelta", availableDeltaMinor).field("heldDelta", heldDeltaMinor)
                .field("availableAfter", availableAfterMinor).field("heldAfter", heldAfterMinor)
                .field("referenceId", referenceId);
        }

        @Override
        public void onUnknownEvent(
            final int schemaId, final int version, final int templateId,
            final DirectBuffer buffer, final int offset, final int length)
        {
            if (schemaId != MessageHeaderDecoder.SCHEMA_ID || version != MessageHeaderDecoder.SCHEMA_VERSION)
            {
                sb.append("frame of ").append(length).append(" bytes: ").append(header);
            }
            else
            {
                sb.append("unknown template: ").append(header);
            }
        }

        @Override
        public void onMalformedEvent(
            final int error, final int templateId, final int blockLength,
            final DirectBuffer buffer, final int offset, final int length)
        {
            sb.append("frame of ").append(length).append(" bytes: ").append(header)
                .append(" (block shorter than the template's)");
        }
    }
}
