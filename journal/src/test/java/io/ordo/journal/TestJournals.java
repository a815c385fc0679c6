package io.ordo.journal;

import java.nio.file.Path;
import java.util.function.IntPredicate;

import org.agrona.ExpandableArrayBuffer;

/**
 * Writes journals of made-up records for the reader's tests: sequences from 1, payloads that differ in length and
 * bytes from one sequence to the next ({@link #fillPayload}), batches ended where the caller says.
 */
final class TestJournals
{
    private TestJournals()
    {
    }

    /**
     * @param endOfBatchAfter whether a batch (a Chronicle document) ends after the record of a sequence.
     */
    static void write(
        final Path journal, final int records, final int recordsPerDocument, final IntPredicate endOfBatchAfter)
    {
        try (ChronicleJournal writer = new ChronicleJournal(DataDirectory.openQueue(journal, false),
            Durability.MAPPED, 0, JournalRecord.GENESIS_CHECKSUM, DiskSpaceGuard.DEFAULT_RESERVE_BYTES,
            recordsPerDocument))
        {
            final ExpandableArrayBuffer payload = new ExpandableArrayBuffer();
            for (int sequence = 1; sequence <= records; sequence++)
            {
                writer.append(sequence, payload, 0, fillPayload(payload, sequence));
                if (endOfBatchAfter.test(sequence))
                {
                    writer.endOfBatch();
                }
            }
        }
    }

    /** @return the length of the payload of a sequence, written into {@code payload}. */
    static int fillPayload(final ExpandableArrayBuffer payload, final int sequence)
    {
        final int length = 1 + sequence % 97;
        for (int i = 0; i < length; i++)
        {
            payload.putByte(i, (byte)(sequence * 31 + i));
        }
        return length;
    }
}
