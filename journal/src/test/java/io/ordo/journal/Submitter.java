package io.ordo.journal;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.ordo.protocol.CommandWriter;
import io.ordo.workload.TestCommand;
import io.ordo.journal.pipeline.ResultListener;
import org.agrona.ExpandableArrayBuffer;

/**
 * Test helper: submits test commands to an engine and keeps each command's events (by sequence), so a test can
 * wait for all results and look at them. Submit from one thread.
 */
final class Submitter implements ResultListener
{
    final ConcurrentHashMap<Long, byte[]> results = new ConcurrentHashMap<>();
    private final AtomicLong delivered = new AtomicLong();
    private final CommandWriter writer = new CommandWriter();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
    private long submitted;

    @Override
    public void onResult(final long sequence, final org.agrona.DirectBuffer events, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        events.getBytes(offset, bytes);
        results.put(sequence, bytes);
        delivered.incrementAndGet();
    }

    void submit(final Engine engine, final List<TestCommand> commands)
    {
        for (final TestCommand command : commands)
        {
            engine.submit(buffer, 0, command.encode(writer, buffer), this);
            submitted++;
        }
    }

    void awaitAll() throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (delivered.get() < submitted)
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("only " + delivered.get() + " of " + submitted + " results in 60 s");
            }
            Thread.sleep(1);
        }
    }
}
