package io.ordo.journal;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.function.Function;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Specification of batched documents: the records of one batch share a Chronicle document (at most
 * {@code recordsPerDocument} of them), each keeps its sequence and chained checksum, a reader reads them one by one
 * and can continue from a mark inside a document, an event tail and a follower's position resume inside a document,
 * and a batch whose document was never completed (a crash before the end of the batch) is not part of the
 * journal.
 */
class BatchedJournalTest
{
    private static final int RECORDS_PER_DOCUMENT = 256;
    private static final int FIRST_BATCH = 300;
    private static final int RECORDS = 600;

    @TempDir
    Path dir;

    private Path journal;
    private long[][] notedPositions;

    @BeforeEach
    void writeTwoBatches()
    {
        journal = dir.resolve("input");
        TestJournals.write(journal, RECORDS, RECORDS_PER_DOCUMENT,
            sequence -> sequence == FIRST_BATCH || sequence == RECORDS);
    }

    private static void assertPayloadOf(final JournalReader reader)
    {
        final ExpandableArrayBuffer expected = new ExpandableArrayBuffer();
        final int length = TestJournals.fillPayload(expected, (int)reader.sequence());
        assertThat(reader.length()).isEqualTo(length);
        for (int i = 0; i < length; i++)
        {
            assertThat(reader.payload().getByte(i)).isEqualTo(expected.getByte(i));
        }
    }

    @Test
    void shouldPutTheRecordsOfABatchIntoDocumentsOfAtMostTheLimit()
    {
        // when: Chronicle's documents are counted
        int documents = 0;
        try (SingleChronicleQueue queue = DataDirectory.openQueue(journal, true);
            ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext context = tailer.readingDocument())
                {
                    if (!context.isPresent())
                    {
                        break;
                    }
                    documents++;
                }
            }
        }

        // then: each batch of 300 is a full document of 256 and one of the remaining 44
        assertThat(documents).isEqualTo(4);
    }

    @Test
    void shouldReadEveryRecordOfTheBatchesInOrderWithItsPayload()
    {
        try (JournalReader reader = new JournalReader(journal, "input journal"))
        {
            for (int sequence = 1; sequence <= RECORDS; sequence++)
            {
                assertThat(reader.next()).isTrue();
                assertThat(reader.sequence()).isEqualTo(sequence);
                assertPayloadOf(reader);
            }
            assertThat(reader.next()).isFalse();
            assertThat(reader.recordsRead()).isEqualTo(RECORDS);
        }
    }

    @Test
    void shouldContinueFromAMarkInsideADocument()
    {
        // given: a mark just after sequence 100, in the middle of the first document
        final JournalReader.Mark mark;
        try (JournalReader reader = new JournalReader(journal, "input journal"))
        {
            while (reader.next() && reader.sequence() < 100)
            {
                // reads up to sequence 100
            }
            mark = reader.mark();
        }

        // when
        try (JournalReader reader = new JournalReader(journal, "input journal"))
        {
            reader.seek(mark);

            // then: the records after it follow, chain checked
            for (int sequence = 101; sequence <= RECORDS; sequence++)
            {
                assertThat(reader.next()).isTrue();
                assertThat(reader.sequence()).isEqualTo(sequence);
                assertPayloadOf(reader);
            }
            assertThat(reader.next()).isFalse();
        }
    }

    @Test
    void shouldEndTheJournalBeforeABatchWhoseDocumentWasNeverCompleted() throws Exception
    {
        // given: the last document's header as a crash in the middle of the batch leaves it, not complete
        final long lastDocumentHeader = recordPositionOf(557) - 4;
        final Path file = fileOf(557);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(lastDocumentHeader);
            raf.writeInt(Integer.reverseBytes(JournalReader.NOT_COMPLETE));
        }

        // when
        final Recovery.JournalEnd end = Recovery.JournalEnd.of(journal, "input journal");

        // then: the journal ends with the batch before it, intact
        assertThat(end.damage).isNull();
        assertThat(end.lastSequence).isEqualTo(556);
        assertThat(end.records).isEqualTo(556);
    }

    @Test
    void shouldReportARecordBrokenInsideADocumentWithItsPositionAndSequence() throws Exception
    {
        // given: a payload byte of sequence 200 flipped, in the middle of the first document
        final long position = recordPositionOf(200);
        final Path file = fileOf(200);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(position + JournalRecord.HEADER_LENGTH);
            final int value = raf.read();
            raf.seek(position + JournalRecord.HEADER_LENGTH);
            raf.write(value ^ 0xff);
        }

        // when
        final Throwable thrown;
        try (JournalReader reader = new JournalReader(journal, "input journal"))
        {
            thrown = catchThrowable(reader::readToEnd);
            assertThat(reader.lastIntactSequence()).isEqualTo(199);
        }

        // then
        assertThat(thrown).isInstanceOf(JournalException.class)
            .hasMessageContaining("input journal damaged at " + file + ", position " + position +
                " (record 200, after sequence 199)")
            .hasMessageContaining("the record was changed");
    }

    @Test
    void shouldReportBytesLeftAfterTheLastRecordOfADocumentAsDamage() throws Exception
    {
        // given: sequence 556, the last record of the third document, rewritten 4 bytes shorter with a checksum
        // that holds, so that 4 bytes of the document are left over after it
        final long position = recordPositionOf(556);
        final int previousChecksum = checksumOf(555);
        final ExpandableArrayBuffer payload = new ExpandableArrayBuffer();
        final int shorter = TestJournals.fillPayload(payload, 556) - 4;
        final int checksum = new JournalRecord().checksum(previousChecksum, 556, payload, 0, shorter);
        final Path file = fileOf(556);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(position + JournalRecord.CHECKSUM_OFFSET);
            raf.writeInt(Integer.reverseBytes(checksum));
            raf.writeInt(Integer.reverseBytes(shorter));
        }

        // when
        final Throwable thrown;
        try (JournalReader reader = new JournalReader(journal, "input journal"))
        {
            thrown = catchThrowable(reader::readToEnd);
            assertThat(reader.lastIntactSequence()).isEqualTo(556);
        }

        // then
        assertThat(thrown).isInstanceOf(JournalException.class)
            .hasMessageContaining("(record 557, after sequence 556)")
            .hasMessageContaining("the document's last 4 bytes, shorter than a record's 16-byte header");
    }

    @Test
    void shouldDeliverEveryRecordAfterAnyResumePointThroughAnEventTail()
    {
        final long[] resumePoints = {0, 1, 100, 255, 256, 257, 299, 300, 301, 420, 556, 557, 599, 600};
        try (SingleChronicleQueue queue = DataDirectory.openQueue(journal, false))
        {
            for (final long after : resumePoints)
            {
                // when
                final TailRecords records = new TailRecords();
                final int checksumBefore;
                final int seekDocuments;
                try (EventTail tail = new EventTail(queue, after, null, "output journal"))
                {
                    checksumBefore = tail.lastChecksum();
                    seekDocuments = tail.seekDocumentsRead();
                    while (tail.poll(records, 64) > 0)
                    {
                        // until caught up
                    }
                }

                // then: the records after it, each once, in order, with their events
                assertThat(checksumBefore).as("checksum at %d", after)
                    .isEqualTo(after == 0 ? JournalRecord.GENESIS_CHECKSUM : checksumOf(after));
                assertThat(records.sequences).as("after %d", after).hasSize((int)(RECORDS - after));
                for (int i = 0; i < records.sequences.size(); i++)
                {
                    final long sequence = after + 1 + i;
                    assertThat(records.sequences.get(i)).isEqualTo(sequence);
                    final ExpandableArrayBuffer expected = new ExpandableArrayBuffer();
                    final byte[] bytes = new byte[TestJournals.fillPayload(expected, (int)sequence)];
                    expected.getBytes(0, bytes);
                    assertThat(records.events(sequence)).isEqualTo(bytes);
                }
                assertThat(seekDocuments).as("documents the seek read, after %d", after).isLessThanOrEqualTo(8);
            }
        }
    }

    @Test
    void shouldRefuseAResumePointBeyondTheLastRecordOfABatchedJournal()
    {
        try (SingleChronicleQueue queue = DataDirectory.openQueue(journal, false))
        {
            final Throwable refused = catchThrowable(() -> new EventTail(queue, RECORDS + 1, null, "output journal"));
            assertThat(refused).isInstanceOf(ResumeRefusedException.class).hasMessageContaining(
                String.valueOf(RECORDS));
        }
    }

    @Test
    void shouldResumeAfterAFollowersPositionInsideADocumentOrAtTheNextDocument()
    {
        final long[][] noted = new long[RECORDS + 1][];
        for (int sequence = 1; sequence <= RECORDS; sequence++)
        {
            noted[sequence] = notedPosition(sequence);
        }
        final String fileName = fileOf(1).getFileName().toString();
        for (final int after : new int[] {1, 100, 255, 256, 257, 299, 300, 301, 420, 555, 556, 557, 599})
        {
            // given: where a follower noted the record: its document; and, as one record per document had it, the
            // document after the record when the record is its document's last
            final boolean lastOfDocument = noted[after][1] != noted[after + 1][1];
            final long[] positions = lastOfDocument ? new long[] {noted[after][1], noted[after + 1][1]} :
                new long[] {noted[after][1]};
            for (final long position : positions)
            {
                // when
                try (JournalReader reader = new JournalReader(journal, "output journal"))
                {
                    reader.seekAfter(after, (int)noted[after][0], fileName, position);

                    // then
                    assertThat(reader.next()).as("after %d from %d", after, position).isTrue();
                    assertThat(reader.sequence()).isEqualTo(after + 1);
                    assertPayloadOf(reader);
                    assertThat(reader.readToEnd()).isEqualTo(RECORDS);
                }
            }
        }
    }

    @Test
    void shouldRefuseAFollowersPositionWhoseChecksumIsAnotherJournals()
    {
        final long[] noted = notedPosition(300);
        try (JournalReader reader = new JournalReader(journal, "output journal"))
        {
            reader.seekAfter(300, (int)noted[0] ^ 1, fileOf(300).getFileName().toString(), noted[1]);
            final Throwable thrown = catchThrowable(reader::next);
            assertThat(thrown).isInstanceOf(JournalException.class).hasMessageContaining("after sequence 300")
                .hasMessageContaining("checksum");
        }
    }

    /** @return checksum and document position of the record of a sequence. */
    private long[] notedPosition(final long sequence)
    {
        if (notedPositions == null)
        {
            notedPositions = new long[RECORDS + 1][];
            try (JournalReader reader = new JournalReader(journal, "input journal"))
            {
                while (reader.next())
                {
                    notedPositions[(int)reader.sequence()] = new long[] {reader.checksum(), reader.documentPosition()};
                }
            }
        }
        return notedPositions[(int)sequence];
    }

    private int checksumOf(final long sequence)
    {
        return recordAt(sequence, JournalReader::checksum);
    }

    private long recordPositionOf(final long sequence)
    {
        return recordAt(sequence, JournalReader::recordPosition);
    }

    private Path fileOf(final long sequence)
    {
        return recordAt(sequence, JournalReader::file);
    }

    /** @return what {@code what} says of the record of a sequence, read from the journal's start. */
    private <T> T recordAt(final long sequence, final Function<JournalReader, T> what)
    {
        try (JournalReader reader = new JournalReader(journal, "input journal"))
        {
            while (reader.next())
            {
                if (reader.sequence() == sequence)
                {
                    return what.apply(reader);
                }
            }
        }
        throw new AssertionError("no sequence " + sequence);
    }
}
