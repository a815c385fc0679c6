package io.ordo.journal;

import io.ordo.core.codec.BalanceChangedDecoder;
import io.ordo.core.codec.CancelAllDecoder;
import io.ordo.core.codec.CancelOrderDecoder;
import io.ordo.core.codec.CommandAcceptedDecoder;
import io.ordo.core.codec.CommandRejectedDecoder;
import io.ordo.core.codec.CreateAssetDecoder;
import io.ordo.core.codec.CreateInstrumentDecoder;
import io.ordo.core.codec.DepositDecoder;
import io.ordo.core.codec.HaltInstrumentDecoder;
import io.ordo.core.codec.MessageHeaderDecoder;
import io.ordo.core.codec.OpenAccountDecoder;
import io.ordo.core.codec.OrderAcceptedDecoder;
import io.ordo.core.codec.OrderCancelledDecoder;
import io.ordo.core.codec.OrderExpiredDecoder;
import io.ordo.core.codec.OrderReplacedDecoder;
import io.ordo.core.codec.PlaceOrderDecoder;
import io.ordo.core.codec.ReplaceOrderDecoder;
import io.ordo.core.codec.ResumeInstrumentDecoder;
import io.ordo.core.codec.TakeSnapshotDecoder;
import io.ordo.core.codec.TradeDecoder;
import io.ordo.core.codec.TransferDecoder;
import io.ordo.core.codec.WithdrawDecoder;
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
