package io.ordo.read;

import java.util.function.Consumer;

import io.ordo.protocol.EventAdapter;
import io.ordo.protocol.EventListener;
import io.ordo.protocol.codec.BalanceCause;
import io.ordo.protocol.codec.BooleanType;
import io.ordo.protocol.codec.CancelReason;
import io.ordo.protocol.codec.CommandType;
import io.ordo.protocol.codec.ExpireReason;
import io.ordo.protocol.codec.KeyRole;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.RejectReason;
import io.ordo.protocol.codec.Side;
import org.agrona.DirectBuffer;

/**
 * Decodes output records into {@link EventRow}s, one per event, through the {@link EventAdapter}: every field by
 * its schema name, enum codes by their names ({@code ?code} for a code this build does not know, so that a strange
 * value is shown rather than thrown). An event this build cannot decode becomes a row of type {@code UnknownEvent}
 * or {@code MalformedEvent}.
 * <p>
 * Not thread safe; one reader thread. Allocates nothing per event but the enum names it looks up.
 */
public final class EventRowAdapter implements EventRecordListener
{
    private final EventRow row = new EventRow();
    private final Consumer<EventRow> rows;
    private final EventAdapter adapter = new EventAdapter(new RowListener());
    private long sequence;

    public EventRowAdapter(final Consumer<EventRow> rows)
    {
        this.rows = rows;
    }

    @Override
    public void onRecord(final long sequence, final DirectBuffer events, final int offset, final int length)
    {
        this.sequence = sequence;
        adapter.onEvents(events, offset, length);
    }

    /** A generated enum's {@code get(code)}, which throws for a code the schema does not define. */
    @FunctionalInterface
    private interface EnumLookup
    {
        Enum<?> get(short code);
    }

    private static String name(final EnumLookup lookup, final short code)
    {
        try
        {
            return lookup.get(code).name();
        }
        catch (final IllegalArgumentException unknown)
        {
            return "?" + code;
        }
    }

    private final class RowListener implements EventListener
    {
        private EventRow begin(final String type)
        {
            row.begin(sequence, type);
            return row;
        }

        private void outcome(final long accountId, final long clientRequestId, final long timestampNs)
        {
            row.add("accountId", accountId);
            row.add("clientRequestId", clientRequestId);
            row.add("timestampNs", timestampNs);
        }

        @Override
        public void onCommandAccepted(final long accountId, final long clientRequestId, final long timestampNs,
            final short commandTypeCode, final long valueTimeNs)
        {
            begin("CommandAccepted");
            outcome(accountId, clientRequestId, timestampNs);
            row.addEnum("commandType", name(CommandType::get, commandTypeCode));
            row.add("valueTimeNs", valueTimeNs);
            rows.accept(row);
        }

        @Override
        public void onCommandRejected(final long accountId, final long clientRequestId, final long timestampNs,
            final long orderId, final short commandTypeCode, final short reasonCode, final short originalReasonCode)
        {
            begin("CommandRejected");
            outcome(accountId, clientRequestId, timestampNs);
            row.add("orderId", orderId);
            row.addEnum("commandType", name(CommandType::get, commandTypeCode));
            row.addEnum("reason", name(RejectReason::get, reasonCode));
            row.addEnum("originalReason", name(RejectReason::get, originalReasonCode));
            rows.accept(row);
        }

        @Override
        public void onOrderAccepted(final long accountId, final long clientRequestId, final long timestampNs,
            final long orderId, final int instrumentId, final short sideCode, final short kindCode,
            final long priceMinor, final long quantityMinor, final long quoteBudgetMinor, final long heldAmountMinor)
        {
            begin("OrderAccepted");
            outcome(accountId, clientRequestId, timestampNs);
            row.add("orderId", orderId);
            row.add("instrumentId", instrumentId);
            row.addEnum("side", name(Side::get, sideCode));
            row.addEnum("kind", name(OrderKind::get, kindCode));
            row.add("priceMinor", priceMinor);
            row.add("quantityMinor", quantityMinor);
            row.add("quoteBudgetMinor", quoteBudgetMinor);
            row.add("heldAmountMinor", heldAmountMinor);
            rows.accept(row);
        }

        @Override
        public void onOrderCancelled(final long accountId, final long clientRequestId, final long timestampNs,
            final long orderId, final int instrumentId, final short reasonCode, final long remainingQuantityMinor)
        {
            begin("OrderCancelled");
            outcome(accountId, clientRequestId, timestampNs);
            row.add("orderId", orderId);
            row.add("instrumentId", instrumentId);
            row.addEnum("reason", name(CancelReason::get, reasonCode));
            row.add("remainingQuantityMinor", remainingQuantityMinor);
            rows.accept(row);
        }

        @Override
        public void onOrderExpired(final long accountId, final long clientRequestId, final long timestampNs,
            final long orderId, final int instrumentId, final short reasonCode, final long remainingQuantityMinor)
        {
            begin("OrderExpired");
            outcome(accountId, clientRequestId, timestampNs);
            row.add("orderId", orderId);
            row.add("instrumentId", instrumentId);
            row.addEnum("reason", name(ExpireReason::get, reasonCode));
            row.add("remainingQuantityMinor", remainingQuantityMinor);
            rows.accept(row);
        }

        @Override
        public void onOrderReplaced(final long accountId, final long clientRequestId, final long timestampNs,
            final long orderId, final int instrumentId, final short priorityKeptCode, final long oldPriceMinor,
            final long oldQuantityMinor, final long newPriceMinor, final long newQuantityMinor)
        {
            begin("OrderReplaced");
            outcome(accountId, clientRequestId, timestampNs);
            row.add("orderId", orderId);
            row.add("instrumentId", instrumentId);
            row.addEnum("priorityKept", name(BooleanType::get, priorityKeptCode));
            row.add("oldPriceMinor", oldPriceMinor);
            row.add("oldQuantityMinor", oldQuantityMinor);
            row.add("newPriceMinor", newPriceMinor);
            row.add("newQuantityMinor", newQuantityMinor);
            rows.accept(row);
        }

        @Override
        public void onTrade(final long tradeId, final long timestampNs, final int instrumentId,
            final short aggressorSideCode, final long makerOrderId, final long takerOrderId,
            final long makerAccountId, final long takerAccountId, final long priceMinor, final long quantityMinor,
            final long makerFeeMinor, final long takerFeeMinor, final long makerRemainingQuantityMinor,
            final long takerRemainingQuantityMinor)
        {
            begin("Trade");
            row.add("tradeId", tradeId);
            row.add("timestampNs", timestampNs);
            row.add("instrumentId", instrumentId);
            row.addEnum("aggressorSide", name(Side::get, aggressorSideCode));
            row.add("makerOrderId", makerOrderId);
            row.add("takerOrderId", takerOrderId);
            row.add("makerAccountId", makerAccountId);
            row.add("takerAccountId", takerAccountId);
            row.add("priceMinor", priceMinor);
            row.add("quantityMinor", quantityMinor);
            row.add("makerFeeMinor", makerFeeMinor);
            row.add("takerFeeMinor", takerFeeMinor);
            row.add("makerRemainingQuantityMinor", makerRemainingQuantityMinor);
            row.add("takerRemainingQuantityMinor", takerRemainingQuantityMinor);
            rows.accept(row);
        }

        @Override
        public void onBalanceChanged(final long accountId, final int assetId, final short causeCode,
            final long availableDeltaMinor, final long heldDeltaMinor, final long availableAfterMinor,
            final long heldAfterMinor, final long referenceId)
        {
            begin("BalanceChanged");
            row.add("accountId", accountId);
            row.add("assetId", assetId);
            row.addEnum("cause", name(BalanceCause::get, causeCode));
            row.add("availableDeltaMinor", availableDeltaMinor);
            row.add("heldDeltaMinor", heldDeltaMinor);
            row.add("availableAfterMinor", availableAfterMinor);
            row.add("heldAfterMinor", heldAfterMinor);
            row.add("referenceId", referenceId);
            rows.accept(row);
        }

        @Override
        public void onApiKeyCreated(final long accountId, final long clientRequestId, final long timestampNs,
            final long keyId, final short roleCode, final long replacedKeyId, final DirectBuffer buffer,
            final int saltOffset, final int keyHashOffset)
        {
            begin("ApiKeyCreated");
            outcome(accountId, clientRequestId, timestampNs);
            row.add("keyId", keyId);
            row.addEnum("role", name(KeyRole::get, roleCode));
            row.add("replacedKeyId", replacedKeyId);
            rows.accept(row);
        }

        @Override
        public void onApiKeyRevoked(final long accountId, final long clientRequestId, final long timestampNs,
            final long keyId)
        {
            begin("ApiKeyRevoked");
            outcome(accountId, clientRequestId, timestampNs);
            row.add("keyId", keyId);
            rows.accept(row);
        }

        @Override
        public void onUnknownEvent(final int schemaId, final int version, final int templateId,
            final DirectBuffer buffer, final int offset, final int length)
        {
            begin("UnknownEvent");
            row.add("schemaId", schemaId);
            row.add("version", version);
            row.add("templateId", templateId);
            row.add("length", length);
            rows.accept(row);
        }

        @Override
        public void onMalformedEvent(final int error, final int templateId, final int blockLength,
            final DirectBuffer buffer, final int offset, final int length)
        {
            begin("MalformedEvent");
            row.add("error", error);
            row.add("templateId", templateId);
            row.add("blockLength", blockLength);
            row.add("length", length);
            rows.accept(row);
        }
    }
}
