package io.ordo.protocol;

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
 * The frame checks of a command, in one place for every reader that takes commands (the BLP's command adapter,
 * the gateway): in this order, the first that fails decides the verdict.
 * <ol>
 *     <li>shorter than the header: {@code MALFORMED}, command type {@code UNKNOWN};</li>
 *     <li>schema id or version not this build's: {@code MALFORMED}, {@code UNKNOWN} (a template id means nothing
 *     under a foreign schema);</li>
 *     <li>template id not a command: {@code UNKNOWN_COMMAND}, {@code UNKNOWN};</li>
 *     <li>block length shorter than the template's, or frame shorter than header plus block length:
 *     {@code MALFORMED}, the template's command type.</li>
 * </ol>
 * A block longer than its template's passes; the extra bytes are ignored. A verdict packs the reject reason
 * ({@link Codes#OK} when the frame passed) and the command type in one int, so that checking allocates nothing.
 * <p>
 * Stateless and thread safe.
 */
public final class CommandFrames
{
    /** Block length of each command, by template id (index 0 is not a command). */
    private static final int[] BLOCK_LENGTHS = {
        0,
        CreateAssetDecoder.BLOCK_LENGTH,
        CreateInstrumentDecoder.BLOCK_LENGTH,
        OpenAccountDecoder.BLOCK_LENGTH,
        DepositDecoder.BLOCK_LENGTH,
        WithdrawDecoder.BLOCK_LENGTH,
        TransferDecoder.BLOCK_LENGTH,
        PlaceOrderDecoder.BLOCK_LENGTH,
        CancelOrderDecoder.BLOCK_LENGTH,
        ReplaceOrderDecoder.BLOCK_LENGTH,
        CancelAllDecoder.BLOCK_LENGTH,
        HaltInstrumentDecoder.BLOCK_LENGTH,
        ResumeInstrumentDecoder.BLOCK_LENGTH,
        TakeSnapshotDecoder.BLOCK_LENGTH,
        CreateApiKeyDecoder.BLOCK_LENGTH,
        RevokeApiKeyDecoder.BLOCK_LENGTH,
    };
    private static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;

    private CommandFrames()
    {
    }

    /** @return whether the template id is one of this schema's commands. */
    public static boolean isCommand(final int templateId)
    {
        return templateId >= 1 && templateId < BLOCK_LENGTHS.length;
    }

    /**
     * Checks one frame.
     *
     * @param buffer holding the frame.
     * @param offset of the message header.
     * @param length of the frame in bytes.
     * @return the verdict: read it with {@link #reason(int)} and {@link #commandType(int)}.
     */
    public static int check(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER_LENGTH)
        {
            return verdict(Codes.MALFORMED, Codes.CMD_UNKNOWN);
        }
        final int schemaId = buffer.getShort(offset + MessageHeaderDecoder.schemaIdEncodingOffset(),
            MessageHeaderDecoder.BYTE_ORDER) & 0xFFFF;
        final int version = buffer.getShort(offset + MessageHeaderDecoder.versionEncodingOffset(),
            MessageHeaderDecoder.BYTE_ORDER) & 0xFFFF;
        if (schemaId != MessageHeaderDecoder.SCHEMA_ID || version != MessageHeaderDecoder.SCHEMA_VERSION)
        {
            return verdict(Codes.MALFORMED, Codes.CMD_UNKNOWN);
        }
        final int templateId = buffer.getShort(offset + MessageHeaderDecoder.templateIdEncodingOffset(),
            MessageHeaderDecoder.BYTE_ORDER) & 0xFFFF;
        if (!isCommand(templateId))
        {
            return verdict(Codes.UNKNOWN_COMMAND, Codes.CMD_UNKNOWN);
        }
        final int blockLength = buffer.getShort(offset + MessageHeaderDecoder.blockLengthEncodingOffset(),
            MessageHeaderDecoder.BYTE_ORDER) & 0xFFFF;
        if (blockLength < BLOCK_LENGTHS[templateId] || length < HEADER_LENGTH + blockLength)
        {
            return verdict(Codes.MALFORMED, (byte)templateId);
        }
        return verdict(Codes.OK, (byte)templateId);
    }

    /** @return the reject reason of a verdict, {@link Codes#OK} when the frame passed. */
    public static byte reason(final int verdict)
    {
        return (byte)verdict;
    }

    /** @return the command type of a verdict ({@link Codes#CMD_UNKNOWN} when the template is not known). */
    public static byte commandType(final int verdict)
    {
        return (byte)(verdict >>> 8);
    }

    private static int verdict(final byte reason, final byte commandType)
    {
        return (reason & 0xFF) | ((commandType & 0xFF) << 8);
    }
}
