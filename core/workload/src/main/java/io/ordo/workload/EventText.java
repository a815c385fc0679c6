package io.ordo.workload;

import io.ordo.protocol.codec.BalanceCause;
import io.ordo.protocol.codec.BalanceChangedDecoder;
import io.ordo.protocol.codec.CancelReason;
import io.ordo.protocol.codec.CommandAcceptedDecoder;
import io.ordo.protocol.codec.CommandRejectedDecoder;
import io.ordo.protocol.codec.CommandType;
import io.ordo.protocol.codec.ExpireReason;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.protocol.codec.OrderAcceptedDecoder;
import io.ordo.protocol.codec.OrderCancelledDecoder;
import io.ordo.protocol.codec.OrderExpiredDecoder;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.OrderReplacedDecoder;
import io.ordo.protocol.codec.RejectReason;
import io.ordo.protocol.codec.Side;
import io.ordo.protocol.codec.TradeDecoder;
import org.agrona.DirectBuffer;

/**
 * One canonical single-line text form per event type. The {@link ReferenceModel} builds its events with the
 * {@code format*} methods; {@link #decode(DirectBuffer, int, int)} turns an SBE event emitted by the BLP into the
 * same text by calling the same methods, so a differential comparison is a comparison of lists of strings.
 * <p>
 * Enum fields are taken as raw codes and printed by name, or as {@code ?code} when the code is not a known value,
 * so that a bad code in an event shows up in a diff instead of throwing.
 * <p>
 * Not thread safe: the decoders are reused; use one instance per thread.
 */
public final class EventText
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final CommandAcceptedDecoder commandAccepted = new CommandAcceptedDecoder();
    private final CommandRejectedDecoder commandRejected = new CommandRejectedDecoder();
    private final OrderAcceptedDecoder orderAccepted = new OrderAcceptedDecoder();
    private final OrderCancelledDecoder orderCancelled = new OrderCancelledDecoder();
    private final OrderExpiredDecoder orderExpired = new OrderExpiredDecoder();
    private final OrderReplacedDecoder orderReplaced = new OrderReplacedDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final BalanceChangedDecoder balanceChanged = new BalanceChangedDecoder();

    /**
     * Decodes one event emitted by the BLP into its canonical text. Anything that is not a well-formed Ordo event
     * becomes a {@code BadEvent} line describing what was found.
     */
    public String decode(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return "BadEvent length=" + length;
        }
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        final int blockLength = header.blockLength();
        final int version = header.version();
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID || version != MessageHeaderDecoder.SCHEMA_VERSION)
        {
            return "BadEvent schema=" + header.schemaId() + " version=" + version + " template=" + templateId;
        }
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int bodyLength = length - MessageHeaderDecoder.ENCODED_LENGTH;
        switch (templateId)
        {
            case CommandAcceptedDecoder.TEMPLATE_ID:
                if (blockTooShort(CommandAcceptedDecoder.BLOCK_LENGTH, blockLength, bodyLength))
                {
                    return badBlock(templateId, blockLength, length);
                }
                commandAccepted.wrap(buffer, bodyOffset, blockLength, version);
                return commandAccepted(
                    commandAccepted.accountId(), commandAccepted.clientRequestId(), commandAccepted.timestampNs(),
                    commandAccepted.commandTypeRaw());

            case CommandRejectedDecoder.TEMPLATE_ID:
                if (blockTooShort(CommandRejectedDecoder.BLOCK_LENGTH, blockLength, bodyLength))
                {
                    return badBlock(templateId, blockLength, length);
                }
                commandRejected.wrap(buffer, bodyOffset, blockLength, version);
                return commandRejected(
                    commandRejected.accountId(), commandRejected.clientRequestId(), commandRejected.timestampNs(),
                    commandRejected.orderId(), commandRejected.commandTypeRaw(), commandRejected.reasonRaw(),
                    commandRejected.originalReasonRaw());

            case OrderAcceptedDecoder.TEMPLATE_ID:
                if (blockTooShort(OrderAcceptedDecoder.BLOCK_LENGTH, blockLength, bodyLength))
                {
                    return badBlock(templateId, blockLength, length);
                }
                orderAccepted.wrap(buffer, bodyOffset, blockLength, version);
                return orderAccepted(
                    orderAccepted.accountId(), orderAccepted.clientRequestId(), orderAccepted.timestampNs(),
                    orderAccepted.orderId(), orderAccepted.instrumentId(), orderAccepted.sideRaw(),
                    orderAccepted.kindRaw(), orderAccepted.price(), orderAccepted.quantity(),
                    orderAccepted.quoteBudget(), orderAccepted.heldAmount());

            case OrderCancelledDecoder.TEMPLATE_ID:
                if (blockTooShort(OrderCancelledDecoder.BLOCK_LENGTH, blockLength, bodyLength))
                {
                    return badBlock(templateId, blockLength, length);
                }
                orderCancelled.wrap(buffer, bodyOffset, blockLength, version);
                return orderCancelled(
                    orderCancelled.accountId(), orderCancelled.clientRequestId(), orderCancelled.timestampNs(),
                    orderCancelled.orderId(), orderCancelled.instrumentId(), orderCancelled.reasonRaw(),
                    orderCancelled.remainingQuantity());

            case OrderExpiredDecoder.TEMPLATE_ID:
                if (blockTooShort(OrderExpiredDecoder.BLOCK_LENGTH, blockLength, bodyLength))
                {
                    return badBlock(templateId, blockLength, length);
                }
                orderExpired.wrap(buffer, bodyOffset, blockLength, version);
                return orderExpired(
                    orderExpired.accountId(), orderExpired.clientRequestId(), orderExpired.timestampNs(),
                    orderExpired.orderId(), orderExpired.instrumentId(), orderExpired.reasonRaw(),
                    orderExpired.remainingQuantity());

            case OrderReplacedDecoder.TEMPLATE_ID:
                if (blockTooShort(OrderReplacedDecoder.BLOCK_LENGTH, blockLength, bodyLength))
                {
                    return badBlock(templateId, blockLength, length);
                }
                orderReplaced.wrap(buffer, bodyOffset, blockLength, version);
                return orderReplaced(
                    orderReplaced.accountId(), orderReplaced.clientRequestId(), orderReplaced.timestampNs(),
                    orderReplaced.orderId(), orderReplaced.instrumentId(), orderReplaced.priorityKeptRaw(),
                    orderReplaced.oldPrice(), orderReplaced.oldQuantity(), orderReplaced.newPrice(),
                    orderReplaced.newQuantity());

            case TradeDecoder.TEMPLATE_ID:
                if (blockTooShort(TradeDecoder.BLOCK_LENGTH, blockLength, bodyLength))
                {
                    return badBlock(templateId, blockLength, length);
                }
                trade.wrap(buffer, bodyOffset, blockLength, version);
                return trade(
                    trade.tradeId(), trade.timestampNs(), trade.instrumentId(), trade.aggressorSideRaw(),
                    trade.makerOrderId(), trade.takerOrderId(), trade.makerAccountId(), trade.takerAccountId(),
                    trade.price(), trade.quantity(), trade.makerFee(), trade.takerFee(),
                    trade.makerRemainingQuantity(), trade.takerRemainingQuantity());

            case BalanceChangedDecoder.TEMPLATE_ID:
                if (blockTooShort(BalanceChangedDecoder.BLOCK_LENGTH, blockLength, bodyLength))
                {
                    return badBlock(templateId, blockLength, length);
                }
                balanceChanged.wrap(buffer, bodyOffset, blockLength, version);
                return balanceChanged(
                    balanceChanged.accountId(), balanceChanged.assetId(), balanceChanged.causeRaw(),
                    balanceChanged.availableDelta(), balanceChanged.heldDelta(), balanceChanged.availableAfter(),
                    balanceChanged.heldAfter(), balanceChanged.referenceId());

            default:
                return "BadEvent template=" + templateId + " length=" + length;
        }
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

    @SuppressWarnings("checkstyle:ParameterNumber")
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

    @SuppressWarnings("checkstyle:ParameterNumber")
    public static String orderReplaced(
        final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
        final int instrumentId, final int priorityKept, final long oldPrice, final long oldQuantity,
        final long newPrice, final long newQuantity)
    {
        return "OrderReplaced acct=" + accountId + " req=" + clientRequestId + " ts=" + timestampNs +
            " order=" + orderId + " instr=" + instrumentId + " kept=" + booleanName(priorityKept) +
            " oldPrice=" + oldPrice + " oldQty=" + oldQuantity + " newPrice=" + newPrice + " newQty=" + newQuantity;
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
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

    @SuppressWarnings("checkstyle:ParameterNumber")
    public static String balanceChanged(
        final long accountId, final int assetId, final int cause, final long availableDelta, final long heldDelta,
        final long availableAfter, final long heldAfter, final long referenceId)
    {
        return "BalanceChanged acct=" + accountId + " asset=" + assetId + " cause=" + causeName(cause) +
            " avail=" + signed(availableDelta) + " held=" + signed(heldDelta) +
            " availAfter=" + availableAfter + " heldAfter=" + heldAfter + " ref=" + referenceId;
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

    private static boolean blockTooShort(final int templateBlockLength, final int blockLength, final int bodyLength)
    {
        return blockLength < templateBlockLength || bodyLength < blockLength;
    }

    private static String badBlock(final int templateId, final int blockLength, final int length)
    {
        return "BadEvent template=" + templateId + " blockLength=" + blockLength + " length=" + length;
    }
}
