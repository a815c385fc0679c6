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
    private static final long AHEAD_BYTES = 1L << 20;
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
        final ExpandableArrayBuffer payload = new ExpandableArrayBuffer();
        for (int sequence = 1; sequence <= RECORDS; sequence++)
        {
            final int length = 40 + sequence % 60;
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
            endPosition = journal.pretouchPosition();
            awaitRounds(pretoucher, 3);

            // then: the pages up to the ahead limit past the last document are touched, none beyond it
            assertThat(pretoucher.failure()).isNull();
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
        try (JournalReader reader = new JournalReader(journalPath, "input journal"))
        {
            for (int sequence = 1; sequence <= RECORDS; sequence++)
            {
                assertThat(reader.next()).isTrue();
                assertThat(reader.sequence()).isEqualTo(sequence);
                assertThat(reader.length()).isEqualTo(40 + sequence % 60);
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
