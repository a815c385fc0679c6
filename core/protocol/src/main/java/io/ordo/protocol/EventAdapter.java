package io.ordo.protocol;

import io.ordo.protocol.codec.ApiKeyCreatedDecoder;
import io.ordo.protocol.codec.ApiKeyRevokedDecoder;
import io.ordo.protocol.codec.BalanceChangedDecoder;
import io.ordo.protocol.codec.CommandAcceptedDecoder;
import io.ordo.protocol.codec.CommandRejectedDecoder;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.protocol.codec.OrderAcceptedDecoder;
import io.ordo.protocol.codec.OrderCancelledDecoder;
import io.ordo.protocol.codec.OrderExpiredDecoder;
import io.ordo.protocol.codec.OrderReplacedDecoder;
import io.ordo.protocol.codec.TradeDecoder;
import org.agrona.DirectBuffer;

/**
 * Decodes Ordo events and calls an {@link EventListener}: the one decoder of the event stream, for every reader
 * (the BLP's event sinks, the journal's tools, tests, the client, read models and market data).
 * <p>
 * An event is an SBE message header followed by the event's block (Ordo events have no groups or variable data):
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |         Block Length          |          Template Id          |
 *  +-------------------------------+-------------------------------+
 *  |           Schema Id           |            Version            |
 *  +-------------------------------+-------------------------------+
 *  |                     Block (Block Length bytes)               ...
 *  +---------------------------------------------------------------+
 * </pre>
 * The adapter checks, in this order: the header fits; schema id and version are this schema's
 * ({@link EventListener#onUnknownEvent} otherwise); the template id is an event
 * ({@link EventListener#onUnknownEvent} otherwise); the block is at least the template's block length and fits
 * in the event ({@link EventListener#onMalformedEvent} otherwise). A longer block is accepted: its extra bytes are
 * skipped. Bad input is reported, never thrown; a listener's own exception propagates to the caller.
 * <p>
 * Allocation free: the flyweights are wrapped once per event and reused; enums are passed as raw codes.
 * <p>
 * Not thread safe: one adapter per reading thread.
 */
public final class EventAdapter
{
    /** The bytes are shorter than a message header. */
    public static final int TRUNCATED_HEADER = 1;

    /** The header's block length runs past the end of the bytes. */
    public static final int TRUNCATED_BLOCK = 2;

    /** The header's block length is shorter than the template's block in this schema version. */
    public static final int SHORT_BLOCK = 3;

    /** A header field that could not be read. */
    public static final int NULL_VALUE = -1;

    /** Length of the message header in front of every event. */
    public static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final CommandAcceptedDecoder commandAccepted = new CommandAcceptedDecoder();
    private final CommandRejectedDecoder commandRejected = new CommandRejectedDecoder();
    private final OrderAcceptedDecoder orderAccepted = new OrderAcceptedDecoder();
    private final OrderCancelledDecoder orderCancelled = new OrderCancelledDecoder();
    private final OrderExpiredDecoder orderExpired = new OrderExpiredDecoder();
    private final OrderReplacedDecoder orderReplaced = new OrderReplacedDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final BalanceChangedDecoder balanceChanged = new BalanceChangedDecoder();
    private final ApiKeyCreatedDecoder apiKeyCreated = new ApiKeyCreatedDecoder();
    private final ApiKeyRevokedDecoder apiKeyRevoked = new ApiKeyRevokedDecoder();
    private final EventListener listener;

    /**
     * @param listener called for every event decoded, and for everything that is not an event.
     */
    public EventAdapter(final EventListener listener)
    {
        if (null == listener)
        {
            throw new NullPointerException("listener must not be null");
        }
        this.listener = listener;
    }

    /** @return the listener this adapter calls. */
    public EventListener listener()
    {
        return listener;
    }

    /**
     * Decodes exactly one event, header and block, and calls the listener once: the event's {@code onXxx} method,
     * or {@link EventListener#onUnknownEvent} or {@link EventListener#onMalformedEvent}. Bytes after the block are
     * ignored.
     *
     * @param buffer holding the event.
     * @param offset of its message header.
     * @param length of the event in bytes, header included.
     * @return true if the event was decoded and passed to its {@code onXxx} method, false if it was reported.
     */
    public boolean onEvent(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER_LENGTH)
        {
            listener.onMalformedEvent(TRUNCATED_HEADER, NULL_VALUE, NULL_VALUE, buffer, offset, length);
            return false;
        }

        header.wrap(buffer, offset);
        final int schemaId = header.schemaId();
        final int version = header.version();
        final int templateId = header.templateId();
        if (schemaId != MessageHeaderDecoder.SCHEMA_ID || version != MessageHeaderDecoder.SCHEMA_VERSION)
        {
            listener.onUnknownEvent(schemaId, version, templateId, buffer, offset, length);
            return false;
        }

        final int blockLength = header.blockLength();
        final int blockOffset = offset + HEADER_LENGTH;
        switch (templateId)
        {
            case CommandAcceptedDecoder.TEMPLATE_ID:
                if (isBlockValid(CommandAcceptedDecoder.BLOCK_LENGTH, templateId, blockLength, buffer, offset, length))
                {
                    onCommandAccepted(buffer, blockOffset, blockLength, version);
                    return true;
                }
                return false;

            case CommandRejectedDecoder.TEMPLATE_ID:
                if (isBlockValid(CommandRejectedDecoder.BLOCK_LENGTH, templateId, blockLength, buffer, offset, length))
                {
                    onCommandRejected(buffer, blockOffset, blockLength, version);
                    return true;
                }
                return false;

            case OrderAcceptedDecoder.TEMPLATE_ID:
                if (isBlockValid(OrderAcceptedDecoder.BLOCK_LENGTH, templateId, blockLength, buffer, offset, length))
                {
                    onOrderAccepted(buffer, blockOffset, blockLength, version);
                    return true;
                }
                return false;

            case OrderCancelledDecoder.TEMPLATE_ID:
                if (isBlockValid(OrderCancelledDecoder.BLOCK_LENGTH, templateId, blockLength, buffer, offset, length))
                {
                    onOrderCancelled(buffer, blockOffset, blockLength, version);
                    return true;
                }
                return false;

            case OrderExpiredDecoder.TEMPLATE_ID:
                if (isBlockValid(OrderExpiredDecoder.BLOCK_LENGTH, templateId, blockLength, buffer, offset, length))
                {
                    onOrderExpired(buffer, blockOffset, blockLength, version);
                    return true;
                }
                return false;

            case OrderReplacedDecoder.TEMPLATE_ID:
                if (isBlockValid(OrderReplacedDecoder.BLOCK_LENGTH, templateId, blockLength, buffer, offset, length))
                {
                    onOrderReplaced(buffer, blockOffset, blockLength, version);
                    return true;
                }
                return false;

            case TradeDecoder.TEMPLATE_ID:
                if (isBlockValid(TradeDecoder.BLOCK_LENGTH, templateId, blockLength, buffer, offset, length))
                {
                    onTrade(buffer, blockOffset, blockLength, version);
                    return true;
                }
                return false;

            case BalanceChangedDecoder.TEMPLATE_ID:
                if (isBlockValid(BalanceChangedDecoder.BLOCK_LENGTH, templateId, blockLength, buffer, offset, length))
                {
                    onBalanceChanged(buffer, blockOffset, blockLength, version);
                    return true;
                }
                return false;

            case ApiKeyCreatedDecoder.TEMPLATE_ID:
                if (isBlockValid(ApiKeyCreatedDecoder.BLOCK_LENGTH, templateId, blockLength, buffer, offset, length))
                {
                    onApiKeyCreated(buffer, blockOffset, blockLength, version);
                    return true;
                }
                return false;

            case ApiKeyRevokedDecoder.TEMPLATE_ID:
                if (isBlockValid(ApiKeyRevokedDecoder.BLOCK_LENGTH, templateId, blockLength, buffer, offset, length))
                {
                    onApiKeyRevoked(buffer, blockOffset, blockLength, version);
                    return true;
                }
                return false;

            default:
                listener.onUnknownEvent(schemaId, version, templateId, buffer, offset, length);
                return false;
        }
    }

    /**
     * Walks events stored back to back (the events of one command, as an output journal record or a result holds
     * them), each framed by its header's block length, and calls {@link #onEvent} for each. A tail too short to be
     * an event is reported to {@link EventListener#onMalformedEvent} and ends the walk.
     *
     * @param buffer holding the events.
     * @param offset of the first event's message header.
     * @param length of all the events in bytes.
     * @return the number of events framed and passed to {@link #onEvent}, known or not.
     */
    public int onEvents(final DirectBuffer buffer, final int offset, final int length)
    {
        final int end = offset + length;
        int position = offset;
        int events = 0;
        while (position < end)
        {
            final int remaining = end - position;
            if (remaining < HEADER_LENGTH)
            {
                listener.onMalformedEvent(TRUNCATED_HEADER, NULL_VALUE, NULL_VALUE, buffer, position, remaining);
                break;
            }
            header.wrap(buffer, position);
            final int blockLength = header.blockLength();
            final int eventLength = HEADER_LENGTH + blockLength;
            if (eventLength > remaining)
            {
                listener.onMalformedEvent(
                    TRUNCATED_BLOCK, header.templateId(), blockLength, buffer, position, remaining);
                break;
            }
            onEvent(buffer, position, eventLength);
            events++;
            position += eventLength;
        }
        return events;
    }

    private boolean isBlockValid(
        final int templateBlockLength, final int templateId, final int blockLength,
        final DirectBuffer buffer, final int offset, final int length)
    {
        if (blockLength < templateBlockLength)
        {
            listener.onMalformedEvent(SHORT_BLOCK, templateId, blockLength, buffer, offset, length);
            return false;
        }
        if (length - HEADER_LENGTH < blockLength)
        {
            listener.onMalformedEvent(TRUNCATED_BLOCK, templateId, blockLength, buffer, offset, length);
            return false;
        }
        return true;
    }

    private void onCommandAccepted(
        final DirectBuffer buffer, final int blockOffset, final int blockLength, final int version)
    {
        final CommandAcceptedDecoder d = commandAccepted.wrap(buffer, blockOffset, blockLength, version);
        listener.onCommandAccepted(d.accountId(), d.clientRequestId(), d.timestampNs(), d.commandTypeRaw(),
            d.valueTimeNs());
    }

    private void onCommandRejected(
        final DirectBuffer buffer, final int blockOffset, final int blockLength, final int version)
    {
        final CommandRejectedDecoder d = commandRejected.wrap(buffer, blockOffset, blockLength, version);
        listener.onCommandRejected(
            d.accountId(), d.clientRequestId(), d.timestampNs(), d.orderId(), d.commandTypeRaw(), d.reasonRaw(),
            d.originalReasonRaw());
    }

    private void onOrderAccepted(
        final DirectBuffer buffer, final int blockOffset, final int blockLength, final int version)
    {
        final OrderAcceptedDecoder d = orderAccepted.wrap(buffer, blockOffset, blockLength, version);
        listener.onOrderAccepted(
            d.accountId(), d.clientRequestId(), d.timestampNs(), d.orderId(), d.instrumentId(), d.sideRaw(),
            d.kindRaw(), d.price(), d.quantity(), d.quoteBudget(), d.heldAmount());
    }

    private void onOrderCancelled(
        final DirectBuffer buffer, final int blockOffset, final int blockLength, final int version)
    {
        final OrderCancelledDecoder d = orderCancelled.wrap(buffer, blockOffset, blockLength, version);
        listener.onOrderCancelled(
            d.accountId(), d.clientRequestId(), d.timestampNs(), d.orderId(), d.instrumentId(), d.reasonRaw(),
            d.remainingQuantity());
    }

    private void onOrderExpired(
        final DirectBuffer buffer, final int blockOffset, final int blockLength, final int version)
    {
        final OrderExpiredDecoder d = orderExpired.wrap(buffer, blockOffset, blockLength, version);
        listener.onOrderExpired(
            d.accountId(), d.clientRequestId(), d.timestampNs(), d.orderId(), d.instrumentId(), d.reasonRaw(),
            d.remainingQuantity());
    }

    private void onOrderReplaced(
        final DirectBuffer buffer, final int blockOffset, final int blockLength, final int version)
    {
        final OrderReplacedDecoder d = orderReplaced.wrap(buffer, blockOffset, blockLength, version);
        listener.onOrderReplaced(
            d.accountId(), d.clientRequestId(), d.timestampNs(), d.orderId(), d.instrumentId(), d.priorityKeptRaw(),
            d.oldPrice(), d.oldQuantity(), d.newPrice(), d.newQuantity());
    }

    private void onTrade(final DirectBuffer buffer, final int blockOffset, final int blockLength, final int version)
    {
        final TradeDecoder d = trade.wrap(buffer, blockOffset, blockLength, version);
        listener.onTrade(
            d.tradeId(), d.timestampNs(), d.instrumentId(), d.aggressorSideRaw(), d.makerOrderId(), d.takerOrderId(),
            d.makerAccountId(), d.takerAccountId(), d.price(), d.quantity(), d.makerFee(), d.takerFee(),
            d.makerRemainingQuantity(), d.takerRemainingQuantity());
    }

    private void onBalanceChanged(
        final DirectBuffer buffer, final int blockOffset, final int blockLength, final int version)
    {
        final BalanceChangedDecoder d = balanceChanged.wrap(buffer, blockOffset, blockLength, version);
        listener.onBalanceChanged(
            d.accountId(), d.assetId(), d.causeRaw(), d.availableDelta(), d.heldDelta(), d.availableAfter(),
            d.heldAfter(), d.referenceId());
    }

    private void onApiKeyCreated(
        final DirectBuffer buffer, final int blockOffset, final int blockLength, final int version)
    {
        final ApiKeyCreatedDecoder d = apiKeyCreated.wrap(buffer, blockOffset, blockLength, version);
        listener.onApiKeyCreated(d.accountId(), d.clientRequestId(), d.timestampNs(), d.keyId(), d.roleRaw(),
            d.replacedKeyId(), buffer, blockOffset + ApiKeyCreatedDecoder.saltEncodingOffset(),
            blockOffset + ApiKeyCreatedDecoder.keyHashEncodingOffset());
    }

    private void onApiKeyRevoked(
        final DirectBuffer buffer, final int blockOffset, final int blockLength, final int version)
    {
        final ApiKeyRevokedDecoder d = apiKeyRevoked.wrap(buffer, blockOffset, blockLength, version);
        listener.onApiKeyRevoked(d.accountId(), d.clientRequestId(), d.timestampNs(), d.keyId());
    }
}
