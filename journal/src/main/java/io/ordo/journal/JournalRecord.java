package io.ordo.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

import org.agrona.DirectBuffer;

/**
 * Layout of one record, the body of one Chronicle Queue document, in both journals. Little-endian.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                    Sequence (8 bytes)                         |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                    Chained Checksum                           |
 *  +---------------------------------------------------------------+
 *  |                    Payload Length                             |
 *  +---------------------------------------------------------------+
 *  |                    Payload ...                               ...
 *  +---------------------------------------------------------------+
 * </pre>
 * Sequence: the input sequence (in the output journal, of the command whose events the record holds). Payload: the
 * stamped command (input journal), or all of a command's events back to back (output journal).
 * <p>
 * Chained checksum: CRC-32C over the previous record's checksum (4 bytes, little-endian; 0 before the first
 * record), then sequence, payload length and payload. Changing, inserting, removing or reordering a record breaks
 * the chain at that record. It guards against accidents and casual tampering, not against someone who rewrites
 * the whole tail and recomputes it: for that, keep the last checksum (printed by {@code verify}) somewhere else.
 * <p>
 * Not thread safe: one instance per thread; reusable, allocation free.
 */
final class JournalRecord
{
    static final int SEQUENCE_OFFSET = 0;
    static final int CHECKSUM_OFFSET = 8;
    static final int LENGTH_OFFSET = 12;
    static final int HEADER_LENGTH = 16;
    /** Checksum "before" the first record of a journal. */
    static final int GENESIS_CHECKSUM = 0;
    static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private final CRC32C crc = new CRC32C();
    private final byte[] scratch = new byte[HEADER_LENGTH];
    private byte[] copy = new byte[256];

    /**
     * @return the chained checksum of a record.
     */
    int checksum(
        final int previousChecksum, final long sequence, final DirectBuffer payload, final int offset, final int length)
    {
        startChecksum(previousChecksum, sequence, length);
        final byte[] array = payload.byteArray();
        if (array != null)
        {
            crc.update(array, payload.wrapAdjustment() + offset, length);
        }
        else
        {
            if (copy.length < length)
            {
                copy = new byte[Math.max(length, copy.length * 2)];
            }
            payload.getBytes(offset, copy, 0, length);
            crc.update(copy, 0, length);
        }
        return (int)crc.getValue();
    }

    /**
     * @param mapped a direct buffer (a view of a mapped file) whose position and limit this may move.
     * @return the chained checksum of a record whose payload is at {@code offset} in {@code mapped}, read in place.
     */
    int checksum(
        final int previousChecksum, final long sequence, final ByteBuffer mapped, final int offset, final int length)
    {
        startChecksum(previousChecksum, sequence, length);
        mapped.limit(offset + length).position(offset);
        crc.update(mapped);
        return (int)crc.getValue();
    }

    /** Starts the checksum with what precedes a record's payload in it: previous checksum, sequence, length. */
    private void startChecksum(final int previousChecksum, final long sequence, final int length)
    {
        putInt(scratch, 0, previousChecksum);
        putLong(scratch, 4, sequence);
        putInt(scratch, 12, length);
        crc.reset();
        crc.update(scratch, 0, HEADER_LENGTH);
    }

    private static void putInt(final byte[] bytes, final int index, final int value)
    {
        bytes[index] = (byte)value;
        bytes[index + 1] = (byte)(value >>> 8);
        bytes[index + 2] = (byte)(value >>> 16);
        bytes[index + 3] = (byte)(value >>> 24);
    }

    private static void putLong(final byte[] bytes, final int index, final long value)
    {
        putInt(bytes, index, (int)value);
        putInt(bytes, index + 4, (int)(value >>> 32));
    }
}
