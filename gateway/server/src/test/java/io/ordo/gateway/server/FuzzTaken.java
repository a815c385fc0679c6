package io.ordo.gateway.server;

import java.nio.ByteOrder;

import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.codec.ApiKeyCreatedDecoder;
import io.ordo.protocol.codec.CreateApiKeyDecoder;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A command the engine took during the fuzz campaign, as the BLP saw it: the bytes sent, stamped with the
 * session's key id as the gateway stamps them, and for an admin's {@code CreateApiKey} the salt and hash the
 * gateway drew (known from the {@code ApiKeyCreated} answer; until then a non-zero stand-in, which no check but
 * "all zero" looks at). With the outcome and input journal sequence seen on the wire, when the answer came.
 * <p>
 * Not thread safe; owned by the campaign's thread.
 */
final class FuzzTaken
{
    static final int UNKNOWN = -1;
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;

    final byte[] message;
    /** The template of the outcome event seen on the wire, or {@link #UNKNOWN} when the answer was lost. */
    int outcomeTemplate = UNKNOWN;
    /** The reject reason seen on the wire (for a {@code CommandRejected}), else {@link #UNKNOWN}. */
    int rejectReason = UNKNOWN;
    /** The input journal sequence the answer named, or {@link #UNKNOWN}. */
    long sequence = UNKNOWN;

    FuzzTaken(final FuzzFrame frame, final long sessionKeyId, final boolean admin)
    {
        message = new byte[frame.messageLength()];
        frame.message().getBytes(0, message);
        final UnsafeBuffer buffer = new UnsafeBuffer(message);
        CommandWriter.stampSessionKeyId(buffer, 0, sessionKeyId);
        if (admin && frame.templateId() == CreateApiKeyDecoder.TEMPLATE_ID)
        {
            buffer.setMemory(HEADER + CreateApiKeyDecoder.saltEncodingOffset(), CommandWriter.SALT_LENGTH, (byte)0x5A);
            buffer.setMemory(HEADER + CreateApiKeyDecoder.keyHashEncodingOffset(), CommandWriter.KEY_HASH_LENGTH,
                (byte)0x5A);
        }
    }

    /** The key the gateway drew, from the accepted command's {@code ApiKeyCreated} (at {@code offset}). */
    void onKeyCreated(final UnsafeBuffer events, final int offset)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(message);
        buffer.putBytes(HEADER + CreateApiKeyDecoder.saltEncodingOffset(), events,
            offset + HEADER + ApiKeyCreatedDecoder.saltEncodingOffset(), CommandWriter.SALT_LENGTH);
        buffer.putBytes(HEADER + CreateApiKeyDecoder.keyHashEncodingOffset(), events,
            offset + HEADER + ApiKeyCreatedDecoder.keyHashEncodingOffset(), CommandWriter.KEY_HASH_LENGTH);
    }

    int templateId()
    {
        return new UnsafeBuffer(message).getShort(MessageHeaderDecoder.templateIdEncodingOffset(),
            ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
    }
}
