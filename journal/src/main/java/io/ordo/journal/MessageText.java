package io.ordo.journal;

import io.ordo.protocol.codec.BalanceChangedDecoder;
import io.ordo.protocol.codec.CancelAllDecoder;
import io.ordo.protocol.codec.CancelOrderDecoder;
import io.ordo.protocol.codec.CommandAcceptedDecoder;
import io.ordo.protocol.codec.CommandRejectedDecoder;
import io.ordo.protocol.codec.CreateAssetDecoder;
import io.ordo.protocol.codec.CreateInstrumentDecoder;
import io.ordo.protocol.codec.DepositDecoder;
import io.ordo.protocol.codec.HaltInstrumentDecoder;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.protocol.codec.OpenAccountDecoder;
import io.ordo.protocol.codec.OrderAcceptedDecoder;
import io.ordo.protocol.codec.OrderCancelledDecoder;
import io.ordo.protocol.codec.OrderExpiredDecoder;
import io.ordo.protocol.codec.OrderReplacedDecoder;
import io.ordo.protocol.codec.PlaceOrderDecoder;
import io.ordo.protocol.codec.ReplaceOrderDecoder;
import io.ordo.protocol.codec.ResumeInstrumentDecoder;
import io.ordo.protocol.codec.TakeSnapshotDecoder;
import io.ordo.protocol.codec.TradeDecoder;
import io.ordo.protocol.codec.TransferDecoder;
import io.ordo.protocol.codec.WithdrawDecoder;
import org.agrona.DirectBuffer;

/**
 * Renders one encoded command or event as text, with the generated decoders' own {@code toString()}: for
 * {@code verify}'s divergence reports and the operator. Allocates; never on the hot path.
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
            return render(buffer, offset, header);
        }
        catch (final RuntimeException e)
        {
            return "frame of " + length + " bytes: " + header + " (" + e + ")";
        }
    }

    private static String render(final DirectBuffer buffer, final int offset, final MessageHeaderDecoder header)
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
            case CommandAcceptedDecoder.TEMPLATE_ID:
                return new CommandAcceptedDecoder().wrapAndApplyHeader(buffer, offset, header).toString();
            case CommandRejectedDecoder.TEMPLATE_ID:
                return new CommandRejectedDecoder().wrapAndApplyHeader(buffer, offset, header).toString();
            case OrderAcceptedDecoder.TEMPLATE_ID:
                return new OrderAcceptedDecoder().wrapAndApplyHeader(buffer, offset, header).toString();
            case OrderCancelledDecoder.TEMPLATE_ID:
                return new OrderCancelledDecoder().wrapAndApplyHeader(buffer, offset, header).toString();
            case OrderExpiredDecoder.TEMPLATE_ID:
                return new OrderExpiredDecoder().wrapAndApplyHeader(buffer, offset, header).toString();
            case OrderReplacedDecoder.TEMPLATE_ID:
                return new OrderReplacedDecoder().wrapAndApplyHeader(buffer, offset, header).toString();
            case TradeDecoder.TEMPLATE_ID:
                return new TradeDecoder().wrapAndApplyHeader(buffer, offset, header).toString();
            case BalanceChangedDecoder.TEMPLATE_ID:
                return new BalanceChangedDecoder().wrapAndApplyHeader(buffer, offset, header).toString();
            default:
                return "unknown template: " + header;
        }
    }
}
