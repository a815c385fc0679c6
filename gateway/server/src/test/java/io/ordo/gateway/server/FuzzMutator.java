package io.ordo.gateway.server;

import java.nio.ByteOrder;
import java.util.SplittableRandom;

import io.ordo.protocol.codec.CreateApiKeyDecoder;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.protocol.codec.PlaceOrderDecoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Breaks a well-formed message in one of the ways of {@link FuzzFrame.Kind}: bit flips, truncation, a foreign schema
 * id or version, a block length too short or too long, an enum code no version defines, an extreme number in a
 * field, a template id that is no command, a message longer than the gateway's command limit. Works in place on a
 * buffer of at least {@link #CAPACITY} bytes and returns the new length.
 * <p>
 * Not thread safe; owned by the campaign's thread.
 */
final class FuzzMutator
{
    static final int CAPACITY = 4096;
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int PREFIX_END = HEADER + 32;
    private static final int[] TEMPLATES_THAT_ARE_NO_COMMAND = {0, 16, 17, 99, 100, 101, 102, 105, 107, 110, 111,
        200, 201, 202, 204, 205, 207, 208, 210, 213, 214, 215, 216, 255, 256, 1024, 32767, 32768, 65534, 65535};
    private static final long[] EXTREMES = {0, -1, -1_000, 1, 999, Long.MIN_VALUE, Long.MAX_VALUE,
        Long.MAX_VALUE / 1_000, Long.MIN_VALUE / 1_000, 1L << 62, -(1L << 62), Integer.MAX_VALUE, Integer.MIN_VALUE,
        0xFFFF_FFFFL, 999_999_999_990L, 1_000_000_010L, 5};

    private final SplittableRandom random;

    FuzzMutator(final SplittableRandom random)
    {
        this.random = random;
    }

    int mutate(final FuzzFrame.Kind kind, final UnsafeBuffer message, final int length)
    {
        switch (kind)
        {
            case BIT_FLIP:
                return flipBits(message, length);
            case TRUNCATED:
                return random.nextInt(5) == 0 ? random.nextInt(HEADER) : HEADER + random.nextInt(length - HEADER);
            case WRONG_SCHEMA:
                putUnsignedShort(message, MessageHeaderDecoder.schemaIdEncodingOffset(),
                    not(MessageHeaderDecoder.SCHEMA_ID));
                return length;
            case WRONG_VERSION:
                putUnsignedShort(message, MessageHeaderDecoder.versionEncodingOffset(),
                    random.nextBoolean() ? random.nextInt(2) : not(MessageHeaderDecoder.SCHEMA_VERSION));
                return length;
            case SHORT_BLOCK:
                putUnsignedShort(message, MessageHeaderDecoder.blockLengthEncodingOffset(),
                    random.nextInt(Math.max(1, blockLength(message))));
                return length;
            case LONG_BLOCK:
                return longBlock(message, length);
            case INVALID_ENUM:
                return invalidEnum(message, length);
            case EXTREME_VALUE:
                return extremeValue(message, length);
            case UNKNOWN_TEMPLATE:
                putUnsignedShort(message, MessageHeaderDecoder.templateIdEncodingOffset(),
                    TEMPLATES_THAT_ARE_NO_COMMAND[random.nextInt(TEMPLATES_THAT_ARE_NO_COMMAND.length)]);
                return length;
            case COMMAND_TOO_LONG:
                return tooLong(message, length);
            default:
                throw new IllegalArgumentException("not a mutation: " + kind);
        }
    }

    private int flipBits(final UnsafeBuffer message, final int length)
    {
        for (int i = 0, flips = 1 + random.nextInt(4); i < flips; i++)
        {
            final int index = random.nextInt(length);
            message.putByte(index, (byte)(message.getByte(index) ^ (1 << random.nextInt(8))));
        }
        return length;
    }

    /** Either extra bytes the block length counts (the gateway takes them), or a block longer than the frame. */
    private int longBlock(final UnsafeBuffer message, final int length)
    {
        final int extra = 1 + random.nextInt(64);
        putUnsignedShort(message, MessageHeaderDecoder.blockLengthEncodingOffset(), blockLength(message) + extra);
        if (random.nextBoolean())
        {
            fillRandom(message, length, extra);
            return length + extra;
        }
        final int shortOf = random.nextInt(extra);
        fillRandom(message, length, shortOf);
        return length + shortOf;
    }

    private int invalidEnum(final UnsafeBuffer message, final int length)
    {
        final int templateId = message.getShort(MessageHeaderDecoder.templateIdEncodingOffset(),
            ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int code = random.nextBoolean() ? 0 : 6 + random.nextInt(250);
        if (templateId == PlaceOrderDecoder.TEMPLATE_ID)
        {
            message.putByte(HEADER + (random.nextBoolean() ? PlaceOrderDecoder.sideEncodingOffset() :
                PlaceOrderDecoder.kindEncodingOffset()), (byte)code);
            return length;
        }
        if (templateId == CreateApiKeyDecoder.TEMPLATE_ID)
        {
            message.putByte(HEADER + CreateApiKeyDecoder.roleEncodingOffset(), (byte)(code == 0 ? 3 : code));
            return length;
        }
        return extremeValue(message, length);
    }

    /** An extreme 64-bit number written over the fields after the common prefix, or over the account id. */
    private int extremeValue(final UnsafeBuffer message, final int length)
    {
        final long value = random.nextInt(4) == 0 ? random.nextLong() : EXTREMES[random.nextInt(EXTREMES.length)];
        final int index = length - Long.BYTES <= PREFIX_END || random.nextInt(8) == 0 ? HEADER :
            PREFIX_END + random.nextInt(length - Long.BYTES - PREFIX_END + 1);
        message.putLong(index, value, ByteOrder.LITTLE_ENDIAN);
        return length;
    }

    /** Longer than the input ring's slot (256 bytes), up to the frame limit, the block length counting it or not. */
    private int tooLong(final UnsafeBuffer message, final int length)
    {
        final int newLength = 257 + random.nextInt(CAPACITY - 257 + 1);
        fillRandom(message, length, newLength - length);
        if (random.nextBoolean())
        {
            putUnsignedShort(message, MessageHeaderDecoder.blockLengthEncodingOffset(), newLength - HEADER);
        }
        return newLength;
    }

    void fillRandom(final UnsafeBuffer buffer, final int offset, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            buffer.putByte(offset + i, (byte)random.nextInt(256));
        }
    }

    private int not(final int value)
    {
        int other;
        do
        {
            other = random.nextInt(4) == 0 ? random.nextInt(65536) : random.nextInt(16);
        }
        while (other == value);
        return other;
    }

    private static int blockLength(final UnsafeBuffer message)
    {
        return message.getShort(MessageHeaderDecoder.blockLengthEncodingOffset(), ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
    }

    private static void putUnsignedShort(final UnsafeBuffer buffer, final int index, final int value)
    {
        buffer.putShort(index, (short)value, ByteOrder.LITTLE_ENDIAN);
    }
}
