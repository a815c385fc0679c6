package io.ordo.journal.index;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.ordo.journal.Engine;
import io.ordo.journal.pipeline.EventCursor;
import io.ordo.journal.pipeline.ResultListener;
import io.ordo.workload.CommandStream;
import io.ordo.workload.DemoWorkload;
import io.ordo.workload.OpenOrders;
import io.ordo.workload.TrackingEventSink;
import org.agrona.DirectBuffer;

/**
 * Drives an engine with the demo workload in chunks, each chunk's results fed back to the generator (which cancels
 * and replaces the orders it saw accepted) before the next chunk; across engine restarts with one instance.
 * Test helper; one thread submits, the dispatcher thread delivers results.
 */
final class DemoRun implements ResultListener
{
    private static final int CHUNK = 1_024;

    private final OpenOrders openOrders = new OpenOrders(4 * DemoWorkload.TARGET_OPEN_ORDERS);
    private final TrackingEventSink tracking = new TrackingEventSink(openOrders);
    private final DemoWorkload workload;
    private final CommandStream chunk = new CommandStream();
    private final EventCursor cursor = new EventCursor();
    private final AtomicLong results = new AtomicLong();
    private long submitted;

    DemoRun(final long seed, final long totalCommands)
    {
        workload = new DemoWorkload(seed, totalCommands, openOrders);
    }

    /** Submits up to {@code commands} more and waits for their results. */
    void run(final Engine engine, final long commands)
    {
        final long until = submitted + commands;
        while (submitted < until)
        {
            chunk.clear();
            if (workload.generate(chunk, (int)Math.min(CHUNK, until - submitted)) == 0)
            {
                return;
            }
            for (int i = 0; i < chunk.count(); i++)
            {
                engine.submit(chunk.commands(), chunk.offset(i), chunk.length(i), this);
                submitted++;
            }
            while (results.get() < submitted)
            {
                LockSupport.parkNanos(50_000);
            }
        }
    }

    @Override
    public void onResult(final long sequence, final DirectBuffer events, final int offset, final int length)
    {
        cursor.wrap(events, offset, length);
        while (cursor.next())
        {
            tracking.onEvent(cursor.buffer(), cursor.offset(), cursor.length());
        }
        results.incrementAndGet();
    }
}
