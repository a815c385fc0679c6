package io.ordo.journal.pipeline;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The pipeline's first failure: the handler threads of both rings may fail at the same time (a disk that fills up
 * fails both journals), and exactly the first to report is kept, by a compare-and-set, so that
 * {@link Pipeline#failure()} names the step that stopped the pipeline and never changes once set. Every later
 * failure is only counted.
 * <p>
 * Safe for any number of reporting and reading threads.
 */
final class FirstFailure
{
    private final AtomicReference<Throwable> first = new AtomicReference<>();
    private final AtomicLong later = new AtomicLong();

    /**
     * @return true if this is the first failure, now recorded; false if one was recorded before (this one is
     *         counted).
     */
    boolean onFailure(final Throwable failure)
    {
        if (first.compareAndSet(null, failure))
        {
            return true;
        }
        later.incrementAndGet();
        return false;
    }

    /** @return the first failure reported, or null if none was. */
    Throwable failure()
    {
        return first.get();
    }

    /** @return how many failures were reported after the first. */
    long laterFailures()
    {
        return later.get();
    }
}
