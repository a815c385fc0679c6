package io.ordo.journal;

import java.io.RandomAccessFile;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of the check that runs ahead of a replay: it passes the records of an intact journal up to its
 * last, stops just before the first record that fails a check and names it, keeps within its lead of the replaying
 * reader, and a reader that skips the checksums reads the same records and payloads as one that checks them.
 */
class JournalCheckAheadTest
{
    private static final int RECORDS_PER_DOCUMENT = 256;
    private static final int RECORDS = (int)JournalCheckAhead.MAX_LEAD_RECORDS * 3;

    @TempDir
    Path dir;

    private Path journal;

    @BeforeEach
    void writeJournal()
    {
        journal = dir.resolve("input");
        TestJournals.write(journal, RECORDS, RECORDS_PER_DOCUMENT, sequence -> sequence % 1_000 == 0 ||
            sequence == RECORDS);
    }

    @Test
    void shouldPassEveryRecordOfAnIntactJournal()
    {
        try (JournalCheckAhead check = new JournalCheckAhead(journal, "input journal", null))
        {
            check.start();
            check.replayRead(RECORDS);

            assertThat(check.awaitChecked(RECORDS)).isTrue();
            assertThat(check.awaitEnd()).isNull();
            assertThat(check.awaitChecked(RECORDS + 1)).as("there is no record after the last").isFalse();
        }
    }

    @Test
    void shouldStopJustBeforeTheFirstRecordWhoseChecksumFailsAndNameIt() throws Exception
    {
        // given: a payload byte of record 1,000 flipped
        flipPayloadByteOf(1_000);

        try (JournalCheckAhead check = new JournalCheckAhead(journal, "input journal", null))
        {
            // when
            check.start();

            // then
            assertThat(check.awaitChecked(999)).isTrue();
            assertThat(check.awaitChecked(1_000)).isFalse();
            assertThat(check.awaitEnd()).isInstanceOf(JournalException.class).hasMessageContaining("checksum")
                .hasMessageContaining("(record 1000, after sequence 999)");
        }
    }

    @Test
    void shouldKeepWithinItsLeadOfTheReplayingReader() throws Exception
    {
        try (JournalCheckAhead check = new JournalCheckAhead(journal, "input journal", null))
        {
            // given: a replay that has read nothing yet
            check.start();

            // when: the check reaches its lead, and is given time to run on
            assertThat(check.awaitChecked(JournalCheckAhead.MAX_LEAD_RECORDS)).isTrue();
            Thread.sleep(200);

            // then: it has not gone further than its lead (and the last publication's records)
            assertThat(check.checkedThrough())
                .isLessThanOrEqualTo(JournalCheckAhead.MAX_LEAD_RECORDS + JournalCheckAhead.PUBLISH_EVERY);

            // and when the replay reads on, so does the check
            check.replayRead(RECORDS / 2 - RECORDS / 2 % 1024);
            assertThat(check.awaitChecked(RECORDS / 2)).isTrue();
        }
    }

    @Test
    void shouldReadTheSameRecordsWithoutCheckingChecksumsAsWithChecking()
    {
        try (JournalReader checking = new JournalReader(journal, "input journal");
            JournalReader trusting = new JournalReader(journal, "input journal", false))
        {
            while (checking.next())
            {
                assertThat(trusting.next()).isTrue();
                assertThat(trusting.sequence()).isEqualTo(checking.sequence());
                assertThat(trusting.checksum()).isEqualTo(checking.checksum());
                assertThat(trusting.length()).isEqualTo(checking.length());
                for (int i = 0; i < checking.length(); i++)
                {
                    assertThat(trusting.payloadView().getByte(i)).isEqualTo(checking.payload().getByte(i));
                }
            }
            assertThat(trusting.next()).isFalse();
            assertThat(checking.recordsRead()).isEqualTo(RECORDS);
        }
    }

    @Test
    void shouldReadAFlippedPayloadByteWhenNotCheckingChecksums() throws Exception
    {
        // given
        flipPayloadByteOf(1_000);

        // then: only the checking reader, the check ahead's, finds it
        try (JournalReader trusting = new JournalReader(journal, "input journal", false))
        {
            assertThat(trusting.readToEnd()).isEqualTo(RECORDS);
        }
    }

    private void flipPayloadByteOf(final long sequence) throws Exception
    {
        final long position;
        final Path file;
        try (JournalReader reader = new JournalReader(journal, "input journal"))
        {
            while (reader.next() && reader.sequence() < sequence)
            {
                // up to the record
            }
            position = reader.recordPosition();
            file = reader.file();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            final long target = position + JournalRecord.HEADER_LENGTH;
            raf.seek(target);
            final int value = raf.read();
            raf.seek(target);
            raf.write(value ^ 0x04);
        }
    }
}
