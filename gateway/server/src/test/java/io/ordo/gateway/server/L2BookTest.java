package io.ordo.gateway.server;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sequence lock of {@link L2Book}: a reader on another thread never copies a book between two changes of one
 * command, while the writer keeps adding and removing levels (and growing its arrays).
 */
class L2BookTest
{
    @Test
    void shouldNeverCopyAHalfWrittenBook() throws Exception
    {
        final L2Book book = new L2Book(1);
        final AtomicBoolean done = new AtomicBoolean();
        final AtomicInteger copied = new AtomicInteger();
        final Thread writer = new Thread(() ->
        {
            // Command n: one more ask level at 1000 + n, and the bid level moved; so a book at sequence n has n asks.
            for (int n = 1; n <= 200_000; n++)
            {
                // Every 1,000 commands the writer waits for a copy: however the threads are scheduled, the reader
                // copies all along (the copies in between race the writer), not only once the writer is done.
                while (n % 1_000 == 0 && copied.get() < n / 1_000)
                {
                    Thread.onSpinWait();
                }
                book.open();
                book.change((short)2, 1_000L + n, 5, 1);
                if (n > 1)
                {
                    book.change((short)1, n - 1, -7, -1);
                }
                book.change((short)1, n, 7, 1);
                book.close(n);
            }
            done.set(true);
        });
        writer.start();
        final L2Book.Copy copy = new L2Book.Copy();
        int copies = 0;
        while (!done.get())
        {
            if (book.copy(copy, 16))
            {
                copies++;
                copied.set(copies);
                assertThat(copy.askCount).isEqualTo((int)copy.sequence);
                assertThat(copy.bidCount).isEqualTo(copy.sequence == 0 ? 0 : 1);
                for (int i = 0; i < copy.askCount; i++)
                {
                    if (copy.askPrices[i] != 1_001L + i)
                    {
                        throw new AssertionError("ask " + i + " of a copy at sequence " + copy.sequence + " is " +
                            copy.askPrices[i]);
                    }
                }
            }
        }
        writer.join();
        System.out.println("L2BookTest: " + copies + " consistent copies");
        assertThat(copies).isGreaterThanOrEqualTo(200);
    }
}
