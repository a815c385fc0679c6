package io.ordo.journal.pipeline;

import com.lmax.disruptor.DataProvider;
import com.lmax.disruptor.EventHandler;

/**
 * Two handlers of one ring on one thread, in order: the first handles a run of events, then the second handles the
 * same run. A run ends at the end of the Disruptor's batch or after {@link #MAX_RUN} events, and the first handler
 * sees the end of each run as an end of batch (where a journal syncs, in sync mode), so the second never sees an
 * event before the first has finished with it, as if it were gated by it on a thread of its own. The ring's slots of
 * a run stay this handler's until it returns from the run's last event (the Disruptor moves its sequence only
 * then), so the second handler reads them unchanged.
 * <p>
 * If the first handler throws, the second does not see the run; if the second throws, the rest of its run is not
 * handled. Either stops the thread (see {@link Pipeline}).
 * <p>
 * Owned by the ring's one handler thread.
 *
 * @param <T> the ring's slot type.
 */
final class ChainedHandler<T> implements EventHandler<T>
{
    /** Longest run: bounds how long the second step of the first command of a long batch waits for the first step. */
    static final int MAX_RUN = 256;

    private final EventHandler<T> first;
    private final EventHandler<T> second;
    private final DataProvider<T> ring;
    private long runStart = -1;

    ChainedHandler(final EventHandler<T> first, final EventHandler<T> second, final DataProvider<T> ring)
    {
        this.first = first;
        this.second = second;
        this.ring = ring;
    }

    @Override
    public void onEvent(final T event, final long sequence, final boolean endOfBatch) throws Exception
    {
        if (runStart < 0)
        {
            runStart = sequence;
        }
        final boolean endOfRun = endOfBatch || sequence - runStart + 1 >= MAX_RUN;
        first.onEvent(event, sequence, endOfRun);
        if (endOfRun)
        {
            final long start = runStart;
            runStart = -1;
            for (long s = start; s < sequence; s++)
            {
                second.onEvent(ring.get(s), s, false);
            }
            second.onEvent(event, sequence, true);
        }
    }
}
