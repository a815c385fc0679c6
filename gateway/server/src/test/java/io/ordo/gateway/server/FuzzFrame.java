package io.ordo.gateway.server;

import java.nio.ByteOrder;

import io.ordo.protocol.CommandFrames;
import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.protocol.codec.Stream;
import io.ordo.protocol.codec.UnsubscribeDecoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One frame of the fuzz campaign as it goes on the wire: a 4-byte little-endian length prefix and the bytes after
 * it, which are the whole message unless the prefix is oversized (then a few bytes of a message that never ends).
 * Reads the header fields the gateway dispatches on, where the message has them.
 * <p>
 * Immutable once built; owned by the campaign's thread.
 */
final class FuzzFrame
{
    static final int PREFIX = 4;
    static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;

    /** What the frame was made to be. */
    enum Kind
    {
        VALID_COMMAND, BIT_FLIP, TRUNCATED, WRONG_SCHEMA, WRONG_VERSION, SHORT_BLOCK, LONG_BLOCK, INVALID_ENUM,
        EXTREME_VALUE, UNKNOWN_TEMPLATE, COMMAND_TOO_LONG, DUPLICATE, RANDOM_GARBAGE, HEADER_AND_GARBAGE,
        OVERSIZED_LENGTH, NEGATIVE_LENGTH, MAX_LENGTH, TINY, HEARTBEAT, QUERY, MUTATED_QUERY, REPEATED_LOGIN,
        GARBAGE_AFTER_VALID, HELLO_MUTATED, BEFORE_HELLO, BEFORE_LOGIN, LOGIN_MUTATED, LOGIN_FLOOD,
        FLOOD_TRAILER, HELLO, LOGIN, SUBSCRIBE, MUTATED_SUBSCRIBE, UNSUBSCRIBE
    }

    final Kind kind;
    final byte[] wire;
    /** The length prefix, unsigned. */
    final long declaredLength;
    private final UnsafeBuffer message;

    private FuzzFrame(final Kind kind, final byte[] wire, final long declaredLength)
    {
        this.kind = kind;
        this.wire = wire;
        this.declaredLength = declaredLength;
        this.message = new UnsafeBuffer(wire, PREFIX, wire.length - PREFIX);
    }

    /** A whole message with its true length. */
    static FuzzFrame of(final Kind kind, final UnsafeBuffer source, final int length)
    {
        final byte[] wire = new byte[PREFIX + length];
        putPrefix(wire, length);
        source.getBytes(0, wire, PREFIX, length);
        return new FuzzFrame(kind, wire, length);
    }

    /** A prefix that promises {@code declaredLength} bytes, followed by only {@code following} of them. */
    static FuzzFrame oversized(final Kind kind, final long declaredLength, final byte[] following)
    {
        final byte[] wire = new byte[PREFIX + following.length];
        putPrefix(wire, (int)declaredLength);
        System.arraycopy(following, 0, wire, PREFIX, following.length);
        return new FuzzFrame(kind, wire, declaredLength);
    }

    private static void putPrefix(final byte[] wire, final int length)
    {
        wire[0] = (byte)length;
        wire[1] = (byte)(length >>> 8);
        wire[2] = (byte)(length >>> 16);
        wire[3] = (byte)(length >>> 24);
    }

    /** @return the message (valid only when the prefix is not oversized). */
    UnsafeBuffer message()
    {
        return message;
    }

    int messageLength()
    {
        return wire.length - PREFIX;
    }

    boolean hasHeader()
    {
        return declaredLength >= HEADER && messageLength() >= HEADER;
    }

    int templateId()
    {
        return hasHeader() ? message.getShort(MessageHeaderDecoder.templateIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN)
            & 0xFFFF : -1;
    }

    int schemaId()
    {
        return hasHeader() ? message.getShort(MessageHeaderDecoder.schemaIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN)
            & 0xFFFF : -1;
    }

    int version()
    {
        return hasHeader() ? message.getShort(MessageHeaderDecoder.versionEncodingOffset(), ByteOrder.LITTLE_ENDIAN)
            & 0xFFFF : -1;
    }

    int blockLength()
    {
        return hasHeader() ? message.getShort(MessageHeaderDecoder.blockLengthEncodingOffset(),
            ByteOrder.LITTLE_ENDIAN) & 0xFFFF : -1;
    }

    /**
     * @return whether the gateway takes this frame as an {@code Unsubscribe}, which it does not answer: version 2,
     * a block and a frame long enough, a stream code the schema defines (docs/protocol.md).
     */
    boolean isWellFormedUnsubscribe()
    {
        if (templateId() != UnsubscribeDecoder.TEMPLATE_ID || version() != UnsubscribeDecoder.SCHEMA_VERSION ||
            blockLength() < UnsubscribeDecoder.BLOCK_LENGTH || messageLength() < HEADER + blockLength())
        {
            return false;
        }
        final int stream = message.getByte(HEADER + UnsubscribeDecoder.streamEncodingOffset()) & 0xFF;
        return stream == Stream.BOOK.value() || stream == Stream.TOP.value() || stream == Stream.DROP_COPY.value();
    }

    boolean isCommandTemplate()
    {
        return schemaId() == MessageHeaderDecoder.SCHEMA_ID && CommandFrames.isCommand(templateId());
    }

    /** @return the command's account id, as the gateway would read it, or 0 when the message is too short. */
    long accountId()
    {
        return messageLength() >= CommandWriter.ACCOUNT_ID_OFFSET + Long.BYTES ?
            message.getLong(CommandWriter.ACCOUNT_ID_OFFSET, ByteOrder.LITTLE_ENDIAN) : 0;
    }

    /** @return the command's request id, as the gateway would read it, or 0 when the message is too short. */
    long clientRequestId()
    {
        return messageLength() >= CommandWriter.CLIENT_REQUEST_ID_OFFSET + Long.BYTES ?
            message.getLong(CommandWriter.CLIENT_REQUEST_ID_OFFSET, ByteOrder.LITTLE_ENDIAN) : 0;
    }
}
