package io.ordo.core;

import java.nio.ByteOrder;

import io.ordo.protocol.CommandFrames;
import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.Codes;
import io.ordo.protocol.codec.CancelAllDecoder;
import io.ordo.protocol.codec.CancelOrderDecoder;
import io.ordo.protocol.codec.CreateApiKeyDecoder;
import io.ordo.protocol.codec.CreateAssetDecoder;
import io.ordo.protocol.codec.CreateInstrumentDecoder;
import io.ordo.protocol.codec.DepositDecoder;
import io.ordo.protocol.codec.HaltInstrumentDecoder;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.protocol.codec.OpenAccountDecoder;
import io.ordo.protocol.codec.PlaceOrderDecoder;
import io.ordo.protocol.codec.ReplaceOrderDecoder;
import io.ordo.protocol.codec.ResumeInstrumentDecoder;
import io.ordo.protocol.codec.RevokeApiKeyDecoder;
import io.ordo.protocol.codec.TakeSnapshotDecoder;
import io.ordo.protocol.codec.TransferDecoder;
import io.ordo.protocol.codec.WithdrawDecoder;
import org.agrona.DirectBuffer;

/**
 * Decodes one command frame into {@link CommandListener} calls with its fields as primitives: the BLP's only
 * decoder of commands. A frame is an SBE message header followed by the command's block, little-endian; every
 * command's block begins with the same four fields, which go to {@link CommandListener#onCommandHeader} once per
 * frame, and the rest of the block to the listener method of the command's type:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |         Block Length          |          Template Id          |
 *  +-------------------------------+-------------------------------+
 *  |           Schema Id           |            Version            |
 *  +-------------------------------+-------------------------------+
 *  |                          Account Id                           |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                       Client Request Id                       |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                         Timestamp Ns                          |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                        Session Key Id                         |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Fields of the command type                   ...
 *  +---------------------------------------------------------------+
 * </pre>
 * The frame checks are {@link CommandFrames#check}'s; a frame that fails them is reported with
 * {@link CommandListener#onFrameRejected(byte, byte)} and nothing else is called.
 * <p>
 * Not thread safe; owned by the BLP thread. Allocates only in its constructor.
 */
final class CommandAdapter
{
    private static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int VERSION = MessageHeaderDecoder.SCHEMA_VERSION;
    private static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;

    private final CommandListener listener;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final CreateAssetDecoder createAsset = new CreateAssetDecoder();
    private final CreateInstrumentDecoder createInstrument = new CreateInstrumentDecoder();
    private final DepositDecoder deposit = new DepositDecoder();
    private final WithdrawDecoder withdraw = new WithdrawDecoder();
    private final TransferDecoder transfer = new TransferDecoder();
    private final PlaceOrderDecoder placeOrder = new PlaceOrderDecoder();
    private final CancelOrderDecoder cancelOrder = new CancelOrderDecoder();
    private final ReplaceOrderDecoder replaceOrder = new ReplaceOrderDecoder();
    private final CancelAllDecoder cancelAll = new CancelAllDecoder();
    private final HaltInstrumentDecoder haltInstrument = new HaltInstrumentDecoder();
    private final ResumeInstrumentDecoder resumeInstrument = new ResumeInstrumentDecoder();
    private final CreateApiKeyDecoder createApiKey = new CreateApiKeyDecoder();
    private final RevokeApiKeyDecoder revokeApiKey = new RevokeApiKeyDecoder();

    CommandAdapter(final CommandListener listener)
    {
        this.listener = listener;
    }

    /**
     * Checks one frame and calls the listener: {@code onFrameRejected}, or {@code onCommandHeader} and then, if it
     * returns true, the method of the command's type.
     *
     * @param buffer holding the frame.
     * @param offset of the message header.
     * @param length of the frame in bytes.
     */
    void onCommand(final DirectBuffer buffer, final int offset, final int length)
    {
        final int verdict = CommandFrames.check(buffer, offset, length);
        final byte reason = CommandFrames.reason(verdict);
        if (reason != Codes.OK)
        {
            listener.onFrameRejected(CommandFrames.commandType(verdict), reason);
            return;
        }
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        final int blockLength = header.blockLength();
        final long accountId = buffer.getLong(offset + CommandWriter.ACCOUNT_ID_OFFSET, BYTE_ORDER);
        final long clientRequestId = buffer.getLong(offset + CommandWriter.CLIENT_REQUEST_ID_OFFSET, BYTE_ORDER);
        final long timestampNs = buffer.getLong(offset + CommandWriter.TIMESTAMP_OFFSET, BYTE_ORDER);
        final long sessionKeyId = buffer.getLong(offset + CommandWriter.SESSION_KEY_ID_OFFSET, BYTE_ORDER);
        if (listener.onCommandHeader((byte)templateId, accountId, clientRequestId, timestampNs, sessionKeyId))
        {
            dispatch(templateId, buffer, offset + HEADER_LENGTH, blockLength);
        }
    }

    private void dispatch(final int templateId, final DirectBuffer buffer, final int offset, final int blockLength)
    {
        switch (templateId)
        {
            case PlaceOrderDecoder.TEMPLATE_ID:
            {
                final PlaceOrderDecoder d = placeOrder.wrap(buffer, offset, blockLength, VERSION);
                listener.onPlaceOrder(
                    d.instrumentId(), (byte)d.sideRaw(), (byte)d.kindRaw(), d.price(), d.quantity(), d.quoteBudget());
                break;
            }
            case ReplaceOrderDecoder.TEMPLATE_ID:
            {
                final ReplaceOrderDecoder d = replaceOrder.wrap(buffer, offset, blockLength, VERSION);
                listener.onReplaceOrder(d.orderId(), d.newPrice(), d.newQuantity());
                break;
            }
            case CancelOrderDecoder.TEMPLATE_ID:
            {
                final CancelOrderDecoder d = cancelOrder.wrap(buffer, offset, blockLength, VERSION);
                listener.onCancelOrder(d.orderId());
                break;
            }
            case CancelAllDecoder.TEMPLATE_ID:
            {
                final CancelAllDecoder d = cancelAll.wrap(buffer, offset, blockLength, VERSION);
                listener.onCancelAll(d.instrumentId());
                break;
            }
            case DepositDecoder.TEMPLATE_ID:
            {
                final DepositDecoder d = deposit.wrap(buffer, offset, blockLength, VERSION);
                listener.onDeposit(d.assetId(), d.amount(), d.valueTimeNs());
                break;
            }
            case WithdrawDecoder.TEMPLATE_ID:
            {
                final WithdrawDecoder d = withdraw.wrap(buffer, offset, blockLength, VERSION);
                listener.onWithdraw(d.assetId(), d.amount(), d.valueTimeNs());
                break;
            }
            case TransferDecoder.TEMPLATE_ID:
            {
                final TransferDecoder d = transfer.wrap(buffer, offset, blockLength, VERSION);
                listener.onTransfer(d.toAccountId(), d.assetId(), d.amount(), d.valueTimeNs());
                break;
            }
            case OpenAccountDecoder.TEMPLATE_ID:
                listener.onOpenAccount();
                break;
            case CreateAssetDecoder.TEMPLATE_ID:
            {
                final CreateAssetDecoder d = createAsset.wrap(buffer, offset, blockLength, VERSION);
                listener.onCreateAsset(d.assetId(), d.scale());
                break;
            }
            case CreateInstrumentDecoder.TEMPLATE_ID:
            {
                final CreateInstrumentDecoder d = createInstrument.wrap(buffer, offset, blockLength, VERSION);
                listener.onCreateInstrument(d.instrumentId(), d.baseAssetId(), d.quoteAssetId(), d.makerFeePpm(),
                    d.takerFeePpm(), d.lotSize(), d.tickSize(), d.minQuantity(), d.maxQuantity(), d.minPrice(),
                    d.maxPrice());
                break;
            }
            case HaltInstrumentDecoder.TEMPLATE_ID:
            {
                final HaltInstrumentDecoder d = haltInstrument.wrap(buffer, offset, blockLength, VERSION);
                listener.onHaltInstrument(d.instrumentId());
                break;
            }
            case ResumeInstrumentDecoder.TEMPLATE_ID:
            {
                final ResumeInstrumentDecoder d = resumeInstrument.wrap(buffer, offset, blockLength, VERSION);
                listener.onResumeInstrument(d.instrumentId());
                break;
            }
            case TakeSnapshotDecoder.TEMPLATE_ID:
                listener.onTakeSnapshot();
                break;
            case CreateApiKeyDecoder.TEMPLATE_ID:
            {
                final CreateApiKeyDecoder d = createApiKey.wrap(buffer, offset, blockLength, VERSION);
                listener.onCreateApiKey((byte)d.roleRaw(), d.replacesKeyId(), buffer,
                    offset + CreateApiKeyDecoder.saltEncodingOffset(),
                    offset + CreateApiKeyDecoder.keyHashEncodingOffset());
                break;
            }
            case RevokeApiKeyDecoder.TEMPLATE_ID:
            {
                final RevokeApiKeyDecoder d = revokeApiKey.wrap(buffer, offset, blockLength, VERSION);
                listener.onRevokeApiKey(d.keyId());
                break;
            }
            default:
                // Unreachable while CommandFrames knows exactly the templates handled above.
                listener.onFrameRejected(Codes.CMD_UNKNOWN, Codes.UNKNOWN_COMMAND);
                break;
        }
    }
}
