package io.ordo.gateway.server;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.internal.PlatformDependent;

/**
 * What a server may leak, measured in this JVM: live threads (by name), open file descriptors
 * ({@code /proc/self/fd}), the memory of Netty's allocators (the default one, which the gateway's channels use, and
 * {@link PooledByteBufAllocator#DEFAULT}, which its shutdown uses), Netty's own count of direct memory, and the
 * buffers Netty's leak detector reports. {@link #watchLeaks()} sets the detector to {@code PARANOID} (every buffer
 * tracked) and listens to the detector of {@link ByteBuf}s, which is created once, when Netty's buffer classes load,
 * and so can only be reached where it is ({@code AbstractByteBuf.leakDetector}).
 * <p>
 * Not thread safe, but for the leak listener, which Netty calls from any thread.
 */
final class ResourceWatch implements AutoCloseable
{
    /** One reading of everything watched. */
    record Reading(int threads, long fileDescriptors, long defaultDirect, long defaultHeap, long pooledDirect,
        long pooledHeap, long nettyDirect, Set<String> threadNames)
    {
        @Override
        public String toString()
        {
            return "threads=" + threads + " fds=" + fileDescriptors + " defaultAllocator(direct=" + defaultDirect +
                " heap=" + defaultHeap + ") pooledDefault(direct=" + pooledDirect + " heap=" + pooledHeap +
                ") nettyDirect=" + nettyDirect;
        }
    }

    final List<String> leaks = new CopyOnWriteArrayList<>();
    private final ResourceLeakDetector.Level previousLevel = ResourceLeakDetector.getLevel();
    private ResourceLeakDetector<?> detector;

    /** Tracks every buffer from now on and records each leak Netty reports. */
    ResourceWatch watchLeaks()
    {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        try
        {
            final Field field = Class.forName("io.netty.buffer.AbstractByteBuf").getDeclaredField("leakDetector");
            field.setAccessible(true);
            detector = (ResourceLeakDetector<?>)field.get(null);
        }
        catch (final ReflectiveOperationException e)
        {
            throw new IllegalStateException("cannot reach Netty's ByteBuf leak detector", e);
        }
        detector.setLeakListener((resourceType, records) -> leaks.add(resourceType + ": " + records));
        return this;
    }

    /**
     * Makes Netty look for leaks now: a leak is found when a buffer that was never released has been collected,
     * and reported at the next buffer tracked, so this collects garbage and tracks a few buffers.
     */
    void provokeLeakReports()
    {
        for (int i = 0; i < 5; i++)
        {
            System.gc();
            try
            {
                // The collector hands cleared references to the detector's queue on a thread of its own.
                Thread.sleep(20);
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
                return;
            }
            for (int b = 0; b < 16; b++)
            {
                ByteBufAllocator.DEFAULT.directBuffer(64).release();
                ByteBufAllocator.DEFAULT.heapBuffer(64).release();
            }
        }
    }

    /**
     * Drops a buffer unreleased on purpose and waits, up to the deadline, for Netty to report it: shows that this
     * watch sees leaks (then forgets that one).
     */
    boolean seesADeliberateLeak(final long deadlineMs) throws InterruptedException
    {
        System.out.println("ResourceWatch: one buffer leaked on purpose, to see that leaks are seen (Netty logs a " +
            "LEAK for it)");
        PooledByteBufAllocator.DEFAULT.heapBuffer(16).writeLong(1);
        final long deadlineNs = System.nanoTime() + deadlineMs * 1_000_000;
        while (leaks.isEmpty() && System.nanoTime() < deadlineNs)
        {
            provokeLeakReports();
            Thread.sleep(20);
        }
        final boolean seen = !leaks.isEmpty();
        leaks.clear();
        return seen;
    }

    static Reading read()
    {
        final ByteBufAllocatorMetric defaultMetric = ((ByteBufAllocatorMetricProvider)ByteBufAllocator.DEFAULT)
            .metric();
        final ByteBufAllocatorMetric pooled = PooledByteBufAllocator.DEFAULT.metric();
        // The threads Java code can see: the JVM's own (compiler threads, whose number the JVM varies) are not.
        final Set<String> threadNames = new TreeSet<>();
        Thread.getAllStackTraces().keySet().forEach(thread -> threadNames.add(thread.getName()));
        return new Reading(threadNames.size(), fileDescriptors(), defaultMetric.usedDirectMemory(),
            defaultMetric.usedHeapMemory(), pooled.usedDirectMemory(), pooled.usedHeapMemory(),
            PlatformDependent.usedDirectMemory(), threadNames);
    }

    static long fileDescriptors()
    {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd")))
        {
            return fds.count();
        }
        catch (final IOException e)
        {
            throw new IllegalStateException("cannot count this process's file descriptors: " + e, e);
        }
    }

    @Override
    public void close()
    {
        if (detector != null)
        {
            detector.setLeakListener(null);
        }
        ResourceLeakDetector.setLevel(previousLevel);
    }
}
