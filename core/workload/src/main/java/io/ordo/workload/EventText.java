package io.ordo.workload;

import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.EventAdapter;
import io.ordo.protocol.EventListener;
import io.ordo.protocol.codec.BalanceCause;
import io.ordo.protocol.codec.CancelReason;
import io.ordo.protocol.codec.CommandType;
import io.ordo.protocol.codec.ExpireReason;
import io.ordo.protocol.codec.KeyRole;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.RejectReason;
import io.ordo.protocol.codec.Side;
import org.agrona.DirectBuffer;

import java.util.HexFormat;

/**
 * One canonical single-line text form per event type. The {@link ReferenceModel} builds its events with the
 * {@code format*} methods; {@link #decode(DirectBuffer, int, int)} turns an SBE event emitted by the BLP into the
 * same text by calling the same methods from an {@link EventListener}, so a differential comparison is a comparison
 * of lists of strings.
 * <p>
 * Enum fields are taken as raw codes and printed by name, or as {@code ?code} when the code is not a known value,
 * so that a bad code in an event shows up in a diff instead of throwing.
 * <p>
 * Not thread safe: the adapter is reused; use one instance per thread.
 */
public final class EventText
{
    private final EventAdapter adapter = new EventAdapter(new TextListener());
    private String text;

    /**
     * Decodes one event emitted by the BLP into its canonical text. Anything that is not a well-formed Ordo event
     * becomes a {@code BadEvent} line describing what was found.
     */
    public String decode(final DirectBuffer buffer, final int offset, final int length)
    {
        text = null;
        adapter.onEvent(buffer, offset, length);
        final String result = text;
        text = null;
        return result;
    }

    public static String commandAccepted(
        final long accountId, final long clientRequestId, final long timestampNs, final int commandType)
    {
        return "CommandAccepted acct=" + accountId + " req=" + clientRequestId + " ts=" + timestampNs +
            " type=" + commandTypeName(commandType);
    }

    public static String commandRejected(
        final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
        final int commandType, final int reason, final int originalReason)
    {
        return "CommandRejected acct=" + accountId + " req=" + clientRequestId + " ts=" + timestampNs +
            " order=" + orderId + " type=" + commandTypeName(commandType) + " reason=" + rejectReasonName(reason) +
            " orig=" + rejectReasonName(originalReason);
    }

    public static String orderAccepted(
        final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
        final int instrumentId, final int side, final int kind, final long price, final long quantity,
        final long quoteBudget, final long heldAmount)
    {
        return "OrderAccepted acct=" + accountId + " req=" + clientRequestId + " ts=" + timestampNs +
            " order=" + orderId + " instr=" + instrumentId + " side=" + sideName(side) + " kind=" + kindName(kind) +
            " price=" + price + " qty=" + quantity + " budget=" + quoteBudget + " held=" + heldAmount;
    }

    public static String orderCancelled(
        final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
        final int instrumentId, final int reason, final long remainingQuantity)
    {
        return "OrderCancelled acct=" + accountId + " req=" + clientRequestId + " ts=" + timestampNs +
            " order=" + orderId + " instr=" + instrumentId + " reason=" + cancelReasonName(reason) +
            " remaining=" + remainingQuantity;
    }

    public static String orderExpired(
        final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
        final int instrumentId, final int reason, final long remainingQuantity)
    {
        return "OrderExpired acct=" + accountId + " req=" + clientRequestId + " ts=" + timestampNs +
            " order=" + orderId + " instr=" + instrumentId + " reason=" + expireReasonName(reason) +
            " remaining=" + remainingQuantity;
    }

    public static String orderReplaced(
        final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
        final int instrumentId, final int priorityKept, final long oldPrice, final long oldQuantity,
        final long newPrice, final long newQuantity)
    {
        return "OrderReplaced acct=" + accountId + " req=" + clientRequestId + " ts=" + timestampNs +
            " order=" + orderId + " instr=" + instrumentId + " kept=" + booleanName(priorityKept) +
            " oldPrice=" + oldPrice + " oldQty=" + oldQuantity + " newPrice=" + newPrice + " newQty=" + newQuantity;
    }

    public static String trade(
        final long tradeId, final long timestampNs, final int instrumentId, final int aggressorSide,
        final long makerOrderId, final long takerOrderId, final long makerAccountId, final long takerAccountId,
        final long price, final long quantity, final long makerFee, final long takerFee,
        final long makerRemainingQuantity, final long takerRemainingQuantity)
    {
        return "Trade id=" + tradeId + " ts=" + timestampNs + " instr=" + instrumentId +
            " aggr=" + sideName(aggressorSide) + " maker=" + makerOrderId + " taker=" + takerOrderId +
            " makerAcct=" + makerAccountId + " takerAcct=" + takerAccountId + " price=" + price +
            " qty=" + quantity + " makerFee=" + makerFee + " takerFee=" + takerFee +
            " makerRem=" + makerRemainingQuantity + " takerRem=" + takerRemainingQuantity;
    }

    public static String balanceChanged(
        final long accountId, final int assetId, final int cause, final long availableDelta, final long heldDelta,
        final long availableAfter, final long heldAfter, final long referenceId)
    {
        return "BalanceChanged acct=" + accountId + " asset=" + assetId + " cause=" + causeName(cause) +
            " avail=" + signed(availableDelta) + " held=" + signed(heldDelta) +
            " availAfter=" + availableAfter + " heldAfter=" + heldAfter + " ref=" + referenceId;
    }

    /** The salt and the hash in hex, so that a diff shows which bytes differ. */
    public static String apiKeyCreated(
        final long accountId, final long clientRequestId, final long timestampNs, final long keyId, final int role,
        final long replacedKeyId, final byte[] salt, final byte[] keyHash)
    {
        return "ApiKeyCreated acct=" + accountId + " req=" + clientRequestId + " ts=" + timestampNs +
            " key=" + keyId + " role=" + roleName(role) + " replaced=" + replacedKeyId +
            " salt=" + HexFormat.of().formatHex(salt) + " hash=" + HexFormat.of().formatHex(keyHash);
    }

    public static String apiKeyRevoked(
        final long accountId, final long clientRequestId, final long timestampNs, final long keyId)
    {
        return "ApiKeyRevoked acct=" + accountId + " req=" + clientRequestId + " ts=" + timestampNs + " key=" + keyId;
    }

    static String commandTypeName(final int code)
    {
        for (final CommandType value : CommandType.values())
        {
            if (value != CommandType.NULL_VAL && value.value() == code)
            {
                return value.name();
            }
        }
        return "?" + code;
    }

    static String rejectReasonName(final int code)
    {
        for (final RejectReason value : RejectReason.values())
        {
            if (value != RejectReason.NULL_VAL && value.value() == code)
            {
                return value.name();
            }
        }
        return "?" + code;
    }

    static String sideName(final int code)
    {
        for (final Side value : Side.values())
        {
            if (value != Side.NULL_VAL && value.value() == code)
            {
                return value.name();
            }
        }
        return "?" + code;
    }

    static String kindName(final int code)
    {
        for (final OrderKind value : OrderKind.values())
        {
            if (value != OrderKind.NULL_VAL && value.value() == code)
            {
                return value.name();
            }
        }
        return "?" + code;
    }

    static String cancelReasonName(final int code)
    {
        for (final CancelReason value : CancelReason.values())
        {
            if (value != CancelReason.NULL_VAL && value.value() == code)
            {
                return value.name();
            }
        }
        return "?" + code;
    }

    static String expireReasonName(final int code)
    {
        for (final ExpireReason value : ExpireReason.values())
        {
            if (value != ExpireReason.NULL_VAL && value.value() == code)
            {
                return value.name();
            }
        }
        return "?" + code;
    }

    static String roleName(final int code)
    {
        for (final KeyRole value : KeyRole.values())
        {
            if (value != KeyRole.NULL_VAL && value.value() == code)
            {
                return value.name();
            }
        }
        return "?" + code;
    }

    static String causeName(final int code)
    {
        for (final BalanceCause value : BalanceCause.values())
        {
            if (value != BalanceCause.NULL_VAL && value.value() == code)
            {
                return value.name();
            }
        }
        return "?" + code;
    }

    private static String booleanName(final int code)
    {
        return code == 0 ? "false" : code == 1 ? "true" : "?" + code;
    }

    private static String signed(final long value)
    {
        return value > 0 ? "+" + value : Long.toString(value);
    }

    private static String badBlock(final int templateId, final int blockLength, final int length)
    {
        return "BadEvent template=" + templateId + " blockLength=" + blockLength + " length=" + length;
    }

    /** Sets {@link #text} to the canonical form of the event decoded. */
    private final class TextListener implements EventListener
    {
        @Override
        public void onCommandAccepted(
            final long accountId, final long clientRequestId, final long timestampNs, final short commandTypeCode,
            final long valueTimeNs)
        {
            text = commandAccepted(accountId, clientRequestId, timestampNs, commandTypeCode) +
                (valueTimeNs == timestampNs ? "" : " vt=" + valueTimeNs);
        }

        @Override
        public void onCommandRejected(
            final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
            final short commandTypeCode, final short reasonCode, final short originalReasonCode)
        {
            text = commandRejected(
                accountId, clientRequestId, timestampNs, orderId, commandTypeCode, reasonCode, originalReasonCode);
        }

        @Override
        public void onOrderAccepted(
            final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
            final int instrumentId, final short sideCode, final short kindCode, final long priceMinor,
            final long quantityMinor, final long quoteBudgetMinor, final long heldAmountMinor)
        {
            text = orderAccepted(accountId, clientRequestId, timestampNs, orderId, instrumentId, sideCode, kindCode,
                priceMinor, quantityMinor, quoteBudgetMinor, heldAmountMinor);
        }

        @Override
        public void onOrderCancelled(
            final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
            final int instrumentId, final short reasonCode, final long remainingQuantityMinor)
        {
            text = orderCancelled(
                accountId, clientRequestId, timestampNs, orderId, instrumentId, reasonCode, remainingQuantityMinor);
        }

        @Override
        public void onOrderExpired(
            final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
            final int instrumentId, final short reasonCode, final long remainingQuantityMinor)
        {
            text = orderExpired(
                accountId, clientRequestId, timestampNs, orderId, instrumentId, reasonCode, remainingQuantityMinor);
        }

        @Override
        public void onOrderReplaced(
            final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
            final int instrumentId, final short priorityKeptCode, final long oldPriceMinor,
            final long oldQuantityMinor, final long newPriceMinor, final long newQuantityMinor)
        {
            text = orderReplaced(accountId, clientRequestId, timestampNs, orderId, instrumentId, priorityKeptCode,
                oldPriceMinor, oldQuantityMinor, newPriceMinor, newQuantityMinor);
        }

        @Override
        public void onTrade(
            final long tradeId, final long timestampNs, final int instrumentId, final short aggressorSideCode,
            final long makerOrderId, final long takerOrderId, final long makerAccountId, final long takerAccountId,
            final long priceMinor, final long quantityMinor, final long makerFeeMinor, final long takerFeeMinor,
            final long makerRemainingQuantityMinor, final long takerRemainingQuantityMinor)
        {
            text = trade(tradeId, timestampNs, instrumentId, aggressorSideCode, makerOrderId, takerOrderId,
                makerAccountId, takerAccountId, priceMinor, quantityMinor, makerFeeMinor, takerFeeMinor,
                makerRemainingQuantityMinor, takerRemainingQuantityMinor);
        }

        @Override
        public void onBalanceChanged(
            final long accountId, final int assetId, final short causeCode, final long availableDeltaMinor,
            final long heldDeltaMinor, final long availableAfterMinor, final long heldAfterMinor,
            final long referenceId)
        {
            text = balanceChanged(accountId, assetId, causeCode, availableDeltaMinor, heldDeltaMinor,
                availableAfterMinor, heldAfterMinor, referenceId);
        }

        @Override
        public void onApiKeyCreated(
            final long accountId, final long clientRequestId, final long timestampNs, final long keyId,
            final short roleCode, final long replacedKeyId, final DirectBuffer buffer, final int saltOffset,
            final int keyHashOffset)
        {
            final byte[] salt = new byte[CommandWriter.SALT_LENGTH];
            final byte[] keyHash = new byte[CommandWriter.KEY_HASH_LENGTH];
            buffer.getBytes(saltOffset, salt);
            buffer.getBytes(keyHashOffset, keyHash);
            text = apiKeyCreated(accountId, clientRequestId, timestampNs, keyId, roleCode, replacedKeyId, salt,
                keyHash);
        }

        @Override
        public void onApiKeyRevoked(
            final long accountId, final long clientRequestId, final long timestampNs, final long keyId)
        {
            text = apiKeyRevoked(accountId, clientRequestId, timestampNs, keyId);
        }

        @Override
        public void onUnknownEvent(
            final int schemaId, final int version, final int templateId,
            final DirectBuffer buffer, final int offset, final int length)
        {
            if (schemaId != MessageHeaderDecoder.SCHEMA_ID || version != MessageHeaderDecoder.SCHEMA_VERSION)
            {
                text = "BadEvent schema=" + schemaId + " version=" + version + " template=" + templateId;
            }
            else
            {
                text = "BadEvent template=" + templateId + " length=" + length;
            }
        }

        @Override
        public void onMalformedEvent(
            final int error, final int templateId, final int blockLength,
            final DirectBuffer buffer, final int offset, final int length)
        {
            if (error == EventAdapter.TRUNCATED_HEADER)
            {
                text = "BadEvent length=" + length;
            }
            else
            {
                text = badBlock(templateId, blockLength, length);
            }
        }
    }
}
