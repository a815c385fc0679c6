package io.ordo.journal;

import java.nio.file.Path;

import io.ordo.journal.pipeline.ThreadAffinity;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of the journal pretoucher: it touches the pages ahead of a journal's write position, at most as
 * far ahead as asked, never changes a byte the journal writes (appending goes on meanwhile), and touches nothing
 * while the file system has no room above the reserve.
 */
class JournalPretoucherTest
{
    private static final long AHEAD_BYTES = 4L << 20;
    private static final int PAGE_BYTES = 4096;
    private static final int RECORDS = 40_000;

    @TempDir
    Path dir;

    private ChronicleJournal open(final Path journal)
    {
        return new ChronicleJournal(DataDirectory.openQueue(journal, false), Durability.MAPPED, 0,
            JournalRecord.GENESIS_CHECKSUM, 0, Recovery.RECORDS_PER_DOCUMENT);
    }

    private static void appendAll(final ChronicleJournal journal)
    {
        appendAll(journal, RECORDS);
    }

    private static int lengthOf(final int sequence)
    {
        return 40 + sequence % 60 + (sequence % 997 == 0 ? 70_000 : 0);
    }

    /** Records of 40 to 99 bytes, and every 997th one of more than 64 KiB, a batch of them every 100. */
    private static void appendAll(final ChronicleJournal journal, final int records)
    {
        final ExpandableArrayBuffer payload = new ExpandableArrayBuffer();
        for (int sequence = 1; sequence <= records; sequence++)
        {
            final int length = lengthOf(sequence);
            for (int i = 0; i < length; i++)
            {
                payload.putByte(i, (byte)(sequence + i));
            }
            journal.append(sequence, payload, 0, length);
            if (sequence % 100 == 0)
            {
                journal.endOfBatch();
            }
        }
        journal.endOfBatch();
    }

    private static void awaitRounds(final JournalPretoucher pretoucher, final long rounds)
    {
        final long target = pretoucher.rounds() + rounds;
        while (pretoucher.rounds() < target)
        {
            Thread.onSpinWait();
        }
    }

    @Test
    void shouldTouchAheadOfTheJournalWhileItAppendsWithoutChangingAByte()
    {
        // given
        final Path journalPath = dir.resolve("input");
        final long endPosition;
        try (ChronicleJournal journal = open(journalPath);
            JournalPretoucher pretoucher = new JournalPretoucher(AHEAD_BYTES, 0, ThreadAffinity.NONE, journal))
        {
            // when: the journal appends some 3 MB while the pretoucher runs
            appendAll(journal);
            endPosition = journal.pretouchFence().writePosition();
            awaitRounds(pretoucher, 3);

            // then: the pages up to the ahead limit past the last document are touched, none beyond it
            assertThat(pretoucher.failure()).isNull();
            assertThat(pretoucher.pagesZeroFilled()).as("pages zero-filled past the journal's reach").isPositive();
            final long touchedTo = pretoucher.pagesTouched() * PAGE_BYTES;
            assertThat(pretoucher.pagesTouched()).as("pages touched").isPositive();
            if (com.sun.jna.Platform.isLinux())
            {
                assertThat(pretoucher.windowsWithoutReadahead()).as("windows mapped without readahead").isPositive();
            }
            assertThat(touchedTo).as("bytes touched, the last document at %,d", endPosition)
                .isLessThanOrEqualTo(endPosition + AHEAD_BYTES + PAGE_BYTES);
        }

        // and: every record reads back intact, its chain and payload included
        assertIntact(journalPath, RECORDS);
    }

    @Test
    void shouldNeverZeroFillWhatTheJournalWritesWhileItAppends()
    {
        // given: a pretoucher that zero-fills most of what is ahead, the journal writing some 150 MB past it
        final Path journalPath = dir.resolve("output");
        final int records = 1_000_000;
        try (ChronicleJournal journal = open(journalPath);
            JournalPretoucher pretoucher = new JournalPretoucher(AHEAD_BYTES, 0, ThreadAffinity.NONE, journal))
        {
            // when
            appendAll(journal, records);
            awaitRounds(pretoucher, 1);

            // then
            assertThat(pretoucher.failure()).isNull();
            assertThat(pretoucher.pagesZeroFilled()).as("pages zero-filled").isGreaterThan(10_000);
        }

        // and: not a byte of any record was zeroed
        assertIntact(journalPath, records);
    }

    private static void assertIntact(final Path journalPath, final int records)
    {
        try (JournalReader reader = new JournalReader(journalPath, "input journal"))
        {
            for (int sequence = 1; sequence <= records; sequence++)
            {
                assertThat(reader.next()).isTrue();
                assertThat(reader.sequence()).isEqualTo(sequence);
                assertThat(reader.length()).isEqualTo(lengthOf(sequence));
                assertThat(reader.payload().getByte(reader.length() - 1))
                    .isEqualTo((byte)(sequence + reader.length() - 1));
            }
            assertThat(reader.next()).isFalse();
        }
    }

    @Test
    void shouldTouchNothingWhileTheFileSystemHasNoRoomAboveTheReserve()
    {
        // given: a reserve larger than the free space
        final long reserve = dir.toFile().getUsableSpace() + (1L << 30);
        try (ChronicleJournal journal = open(dir.resolve("input"));
            JournalPretoucher pretoucher = new JournalPretoucher(AHEAD_BYTES, reserve, ThreadAffinity.NONE, journal))
        {
            // when
            appendAll(journal);
            awaitRounds(pretoucher, 3);

            // then
            assertThat(pretoucher.pagesTouched()).isZero();
            assertThat(pretoucher.failure()).isNull();
        }
    }
}
