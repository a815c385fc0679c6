package io.ordo.journal;

import java.nio.file.Path;

import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A journal writes a record straight into the mapped chunk it has in hand when the whole record fits there, and
 * through Chronicle's writes (which map the next chunk) when it does not: records that straddle chunk boundaries
 * read back intact, sequence, checksum chain and payload, in a journal several chunks long.
 */
class ChunkCrossingJournalTest
{
    private static final int RECORDS_PER_DOCUMENT = 16;

    @TempDir
    Path dir;

    private static int fillPayload(final ExpandableArrayBuffer payload, final int sequence)
    {
        // Lengths that do not divide a chunk, so that records land across its end at odd offsets.
        final int length = 1_000 + (sequence * 7_919) % 6_007;
        for (int i = 0; i < length; i++)
        {
            payload.putByte(i, (byte)(sequence * 131 + i * 7));
        }
        return length;
    }

    @Test
    void shouldReadBackEveryRecordOfAJournalLongerThanItsMappedChunks()
    {
        // given: more than two chunks' worth of records
        final Path journal = dir.resolve("output");
        final long chunkBytes;
        try (SingleChronicleQueue queue = DataDirectory.openQueue(journal, false))
        {
            chunkBytes = queue.blockSize();
        }
        final ExpandableArrayBuffer payload = new ExpandableArrayBuffer();
        long written = 0;
        int records = 0;
        try (ChronicleJournal writer = new ChronicleJournal(DataDirectory.openQueue(journal, false),
            Durability.MAPPED, 0, JournalRecord.GENESIS_CHECKSUM, DiskSpaceGuard.DEFAULT_RESERVE_BYTES,
            RECORDS_PER_DOCUMENT))
        {
            while (written < 2 * chunkBytes + chunkBytes / 2)
            {
                records++;
                final int length = fillPayload(payload, records);
                writer.append(records, payload, 0, length);
                written += JournalRecord.HEADER_LENGTH + length;
                if (records % RECORDS_PER_DOCUMENT == 5)
                {
                    writer.endOfBatch();
                }
            }
            writer.endOfBatch();
        }

        // when / then: each record as written, its checksum verified by the reader
        final ExpandableArrayBuffer expected = new ExpandableArrayBuffer();
        try (JournalReader reader = new JournalReader(journal, "output journal"))
        {
            for (int sequence = 1; sequence <= records; sequence++)
            {
                assertThat(reader.next()).isTrue();
                assertThat(reader.sequence()).isEqualTo(sequence);
                final int length = fillPayload(expected, sequence);
                assertThat(reader.length()).isEqualTo(length);
                for (int i = 0; i < length; i++)
                {
                    if (reader.payload().getByte(i) != expected.getByte(i))
                    {
                        assertThat(reader.payload().getByte(i)).as("byte %d of record %d", i, sequence)
                            .isEqualTo(expected.getByte(i));
                    }
                }
            }
            assertThat(reader.next()).isFalse();
        }
    }
}
