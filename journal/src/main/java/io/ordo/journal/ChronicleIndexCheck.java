package io.ordo.journal;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.collections.LongArrayList;

/**
 * Checks Chronicle Queue's index of one cycle file against the documents {@link JournalReader} walked, so that a
 * damaged index is found like damaged records (Ordo never reads through the index, but Chronicle's appender and
 * any Chronicle tailer do). Chronicle keeps, in metadata documents of the file, an {@code index2index} array of
 * the positions of {@code index} documents, each an array of the positions of every {@value #SPACING}th data
 * document. The arrays are binary-wire long arrays: a field name ({@code 0xB9}, length, name), padding
 * ({@code 0x8F}, or {@code 0x8E} and a 4-byte length), then {@code 0x8D}, capacity and used count (8 bytes each,
 * little-endian) and the values.
 * <p>
 * Not thread safe; one per {@link JournalReader}, reset for each file.
 */
final class ChronicleIndexCheck
{
    /** Chronicle's index spacing for the roll cycle Ordo uses ({@code FAST_DAILY}): every 256th document. */
    static final int SPACING = 256;

    private static final int FIELD_NAME = 0xB9;
    private static final int PADDING = 0x8F;
    private static final int PADDING32 = 0x8E;
    private static final int LONG_ARRAY = 0x8D;
    private static final byte[] INDEX2INDEX = "index2index".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] INDEX = "index".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final LongArrayList sampledPositions = new LongArrayList();
    private final LongArrayList indexDocuments = new LongArrayList();
    private final LongArrayList indexEntries = new LongArrayList();
    private final LongArrayList index2index = new LongArrayList();
    private long dataDocuments;
    private boolean enabled = true;

    /** For a file read from the middle (after a seek): its index cannot be checked, and is not. */
    void disable()
    {
        enabled = false;
    }

    void reset()
    {
        enabled = true;
        sampledPositions.clear();
        indexDocuments.clear();
        indexEntries.clear();
        index2index.clear();
        dataDocuments = 0;
    }

    /** A data document at {@code position} (its header's). */
    void onDataDocument(final long position)
    {
        if (dataDocuments++ % SPACING == 0)
        {
            sampledPositions.addLong(position);
        }
    }

    /**
     * A metadata document: remembers the index arrays it holds.
     *
     * @param buffer holding the document, its 4-byte header at {@code offset}.
     * @return null, or what is wrong with an index document.
     */
    String onMetadataDocument(final long position, final DirectBuffer buffer, final int offset, final int length)
    {
        int at = offset + 4;
        final int end = offset + 4 + length;
        if (length < 2 || (buffer.getByte(at) & 0xFF) != FIELD_NAME)
        {
            return null;
        }
        final int nameLength = buffer.getByte(at + 1) & 0xFF;
        at += 2;
        final boolean isIndex2Index = nameIs(buffer, at, nameLength, end, INDEX2INDEX);
        final boolean isIndex = !isIndex2Index && nameIs(buffer, at, nameLength, end, INDEX);
        if (!isIndex2Index && !isIndex)
        {
            return null;
        }
        at += nameLength;
        while (at < end && (buffer.getByte(at) & 0xFF) != LONG_ARRAY)
        {
            final int token = buffer.getByte(at) & 0xFF;
            if (token == PADDING)
            {
                at++;
            }
            else if (token == PADDING32 && at + 5 <= end)
            {
                at += 5 + buffer.getInt(at + 1, ByteOrder.LITTLE_ENDIAN);
            }
            else
            {
                return "an index document without its array (byte 0x" + Integer.toHexString(token) + ")";
            }
        }
        if (at + 17 > end)
        {
            return "an index document whose array is cut short";
        }
        final long capacity = buffer.getLong(at + 1, ByteOrder.LITTLE_ENDIAN);
        final long used = buffer.getLong(at + 9, ByteOrder.LITTLE_ENDIAN);
        if (capacity < 0 || used < 0 || used > capacity || at + 17 + used * Long.BYTES > end)
        {
            return "an index array of capacity " + capacity + " with " + used + " entries, which its document " +
                "of " + length + " bytes cannot hold";
        }
        final LongArrayList target = isIndex2Index ? index2index : indexEntries;
        if (isIndex)
        {
            indexDocuments.addLong(position);
        }
        for (int i = 0; i < used; i++)
        {
            target.addLong(buffer.getLong(at + 17 + i * Long.BYTES, ByteOrder.LITTLE_ENDIAN));
        }
        // Unused slots are zero; the first may hold an entry whose count a crash kept from being written.
        final long slots = Math.min(capacity, (end - at - 17) / Long.BYTES);
        for (long i = used + 1; i < slots; i++)
        {
            if (buffer.getLong(at + 17 + (int)i * Long.BYTES, ByteOrder.LITTLE_ENDIAN) != 0)
            {
                return "an index array of " + used + " entries with a non-zero value in its unused slot " + i;
            }
        }
        return null;
    }

    private static boolean nameIs(
        final DirectBuffer buffer, final int at, final int nameLength, final int end, final byte[] name)
    {
        if (nameLength != name.length || at + nameLength > end)
        {
            return false;
        }
        for (int i = 0; i < nameLength; i++)
        {
            if (buffer.getByte(at + i) != name[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * At the file's end: the index must point at the index documents found, in order, and each entry at the data
     * document it stands for. The entry for a last document a crash cut short may be there or not, and an entry
     * may be 0 (counted, its value never written: Chronicle reads it as "not indexed").
     *
     * @param endOfData where the file's data ends (a torn record's header may sit there).
     * @return null, or what is wrong.
     */
    String check(final long endOfData)
    {
        if (!enabled)
        {
            return null;
        }
        int documents = 0;
        for (int i = 0; i < index2index.size(); i++)
        {
            final long value = index2index.getLong(i);
            if (value == 0)
            {
                continue;
            }
            if (documents >= indexDocuments.size() || indexDocuments.getLong(documents) != value)
            {
                return "Chronicle's index2index entry " + i + " says an index document at position " + value +
                    ", the file has " + (documents < indexDocuments.size() ?
                    "it at " + indexDocuments.getLong(documents) : "no more");
            }
            documents++;
        }
        if (documents != indexDocuments.size())
        {
            return "Chronicle's index2index lists " + documents + " index documents, the file holds " +
                indexDocuments.size();
        }
        final int entries = indexEntries.size();
        final int sampled = sampledPositions.size();
        for (int k = 0; k < entries; k++)
        {
            final long value = indexEntries.getLong(k);
            // A kill between Chronicle counting an entry and writing its value leaves the entry 0 (seen in
            // CrashRecoveryTest). Chronicle reads 0 as "not indexed", scans from the entry before, and keeps the 0
            // when it appends again, so a 0 entry is a crash's trace, not damage, wherever it now sits.
            final boolean matches = value == 0 || (k < sampled ? value == sampledPositions.getLong(k) :
                k == sampled && value == endOfData);
            if (!matches)
            {
                return "Chronicle's index entry " + k + " says document " + ((long)k * SPACING) + " is at position " +
                    value + ", the file has it " + (k < sampled ? "at " + sampledPositions.getLong(k) : "nowhere");
            }
        }
        if (entries < sampled - 1)
        {
            return "Chronicle's index has " + entries + " entries, the file's " + dataDocuments + " documents need " +
                sampled;
        }
        return null;
    }
}
