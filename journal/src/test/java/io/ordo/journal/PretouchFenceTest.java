package io.ordo.journal;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of the fence between a journal's writes and the pretoucher's zero-fills: a zero-fill is granted
 * only at or past the journal's reach in the file it writes, and a journal that reaches a range being zero-filled
 * waits until the zero-fill ends.
 */
class PretouchFenceTest
{
    private static final Path FILE = Path.of("20261207.cq4");
    private static final Path NEXT_FILE = Path.of("20261208.cq4");

    @Test
    void shouldGrantNoZeroFillBeforeTheJournalHasPublishedAReach()
    {
        // given
        final PretouchFence fence = new PretouchFence();
        fence.writerFile(FILE);

        // when, then
        assertThat(fence.claim(fence.file(), 1L << 30)).isFalse();
    }

    @Test
    void shouldGrantAZeroFillOnlyAtOrPastTheReach()
    {
        // given: the journal writes at 10,000, so it reaches that plus the headroom
        final PretouchFence fence = new PretouchFence();
        fence.writerFile(FILE);
        fence.writerReaches(10_000);
        final long reach = fence.reach(fence.file());

        // when, then
        assertThat(reach).isEqualTo(10_000 + PretouchFence.HEADROOM_BYTES);
        assertThat(fence.claim(fence.file(), reach - 4096)).as("below the reach").isFalse();
        assertThat(fence.claim(fence.file(), reach)).as("at the reach").isTrue();
        fence.withdraw();
    }

    @Test
    void shouldGrantNoZeroFillInAFileTheJournalHasLeft()
    {
        // given: the journal moved on to its next cycle file, whose offsets start again from 0
        final PretouchFence fence = new PretouchFence();
        fence.writerFile(FILE);
        fence.writerReaches(10_000);
        final PretouchFence.CycleFile left = fence.file();
        fence.writerFile(NEXT_FILE);
        fence.writerReaches(100);

        // when, then
        assertThat(fence.claim(left, 1L << 30)).as("the file left behind").isFalse();
        assertThat(fence.reach(left)).isEqualTo(-1);
        assertThat(fence.claim(fence.file(), 100 + PretouchFence.HEADROOM_BYTES)).as("the new file").isTrue();
        fence.withdraw();
    }

    @Test
    void shouldMakeTheJournalWaitWhileAZeroFillRunsBelowItsNewReach() throws InterruptedException
    {
        // given: a zero-fill granted just past the journal's reach
        final PretouchFence fence = new PretouchFence();
        fence.writerFile(FILE);
        fence.writerReaches(0);
        assertThat(fence.claim(fence.file(), PretouchFence.HEADROOM_BYTES)).isTrue();
        final AtomicBoolean reached = new AtomicBoolean();

        // when: the journal is about to write past it
        final Thread writer = new Thread(() ->
        {
            fence.writerReaches(2 * PretouchFence.HEADROOM_BYTES);
            reached.set(true);
        });
        writer.start();
        while (fence.writerWaits() == 0)
        {
            Thread.onSpinWait();
        }

        // then: it waits until the zero-fill ends, and no later zero-fill is granted below its new reach
        assertThat(reached).isFalse();
        fence.withdraw();
        writer.join();
        assertThat(reached).isTrue();
        assertThat(fence.claim(fence.file(), 2 * PretouchFence.HEADROOM_BYTES)).isFalse();
    }
}
