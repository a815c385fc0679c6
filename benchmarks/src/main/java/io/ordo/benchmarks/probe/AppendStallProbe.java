package io.ordo.benchmarks.probe;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Finds the stalls of a Chronicle Queue appender on its own, without Ordo's pipeline: appends documents of a given
 * size at a fixed rate (paced by spinning, so the pacing adds none) to a fresh queue in a directory of the file
 * system under test, and prints each append that took longer than a threshold, with the file position it wrote
 * at, and a summary line. With {@code --pretouch-mib}, another thread touches the pages of the cycle file that far
 * ahead of the write position first (a compare-and-set of 0 to 0 on each page, which never changes a byte), so
 * that the page faults of the mapped file happen on that thread instead.
 * <p>
 * A probe, not a product feature: the pretouching thread is not safe on a file system that fills up (a fault in
 * its compare-and-set may not become an exception). Single appending thread; the pretouching thread reads the
 * write position it publishes.
 */
@Command(name = "append-stall-probe", mixinStandardHelpOptions = true,
    description = "Appends to a Chronicle Queue at a fixed rate and prints the appends that stalled.")
public final class AppendStallProbe implements Callable<Integer>
{
    private static final long PAGE_BYTES = 4096;
    private static final long MAPPED_BYTES = 1L << 30;

    @Option(names = "--dir", defaultValue = "/tmp", description = "Directory on the file system under test.")
    Path parent;

    @Option(names = "--rate", defaultValue = "100000", description = "Documents per second.")
    int rate;

    @Option(names = "--bytes", defaultValue = "150", description = "Bytes per document.")
    int documentBytes;

    @Option(names = "--seconds", defaultValue = "6", description = "Length of the run.")
    int seconds;

    @Option(names = "--threshold-us", defaultValue = "1000", description = "Appends slower than this are printed.")
    long thresholdUs;

    @Option(names = "--pretouch-mib", defaultValue = "0", description = "Touch this far ahead on another thread.")
    int pretouchMib;

    private final AtomicLong writePosition = new AtomicLong();
    private final PrintStream out;

    AppendStallProbe(final PrintStream out)
    {
        this.out = out;
    }

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new AppendStallProbe(System.out)).execute(args));
    }

    @Override
    public Integer call() throws Exception
    {
        final Path directory = Files.createTempDirectory(parent, "append-stall-probe-");
        final byte[] document = new byte[documentBytes];
        final long documents = (long)rate * seconds;
        final long periodNs = 1_000_000_000L / rate;
        long slow = 0;
        long worstNs = 0;
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(directory).build();
            ExcerptAppender appender = queue.createAppender())
        {
            final Thread toucher = pretouchMib > 0 ? startPretouching(directory) : null;
            final long startNs = System.nanoTime();
            for (long i = 0; i < documents; i++)
            {
                final long dueNs = startNs + i * periodNs;
                while (System.nanoTime() < dueNs)
                {
                    Thread.onSpinWait();
                }
                final long beforeNs = System.nanoTime();
                final long position;
                try (DocumentContext context = appender.writingDocument())
                {
                    context.wire().bytes().write(document);
                    position = context.wire().bytes().writePosition();
                }
                final long tookNs = System.nanoTime() - beforeNs;
                writePosition.lazySet(position);
                if (tookNs > thresholdUs * 1_000 && i > 0)
                {
                    slow++;
                    out.printf(Locale.ROOT, "append %,d took %.1f ms at file position %,d (%.3f MiB) at %.2f s%n",
                        i, tookNs / 1e6, position, position / (double)(1 << 20), (beforeNs - startNs) / 1e9);
                }
                worstNs = i > 0 ? Math.max(worstNs, tookNs) : worstNs;
            }
            if (toucher != null)
            {
                toucher.interrupt();
                toucher.join();
            }
        }
        finally
        {
            IoUtil.delete(directory.toFile(), true);
        }
        out.printf(Locale.ROOT, "%,d appends of %d B at %,d/s under %s (pretouch %d MiB ahead): %,d over %,d us, " +
            "worst %.1f ms (the first append, which creates the file, not counted)%n", documents, documentBytes, rate,
            parent, pretouchMib, slow, thresholdUs, worstNs / 1e6);
        return 0;
    }

    private Thread startPretouching(final Path directory)
    {
        final Thread thread = new Thread(() -> pretouch(directory), "append-stall-probe-pretoucher");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void pretouch(final Path directory)
    {
        try
        {
            final File file = awaitCycleFile(directory);
            try (FileChannel channel = FileChannel.open(file.toPath(), StandardOpenOption.READ,
                StandardOpenOption.WRITE))
            {
                final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, MAPPED_BYTES);
                final UnsafeBuffer pages = new UnsafeBuffer(mapped);
                long touched = 0;
                while (!Thread.currentThread().isInterrupted())
                {
                    final long target = Math.min(MAPPED_BYTES,
                        (writePosition.get() & ~(PAGE_BYTES - 1)) + ((long)pretouchMib << 20));
                    for (; touched < target; touched += PAGE_BYTES)
                    {
                        pages.compareAndSetInt((int)touched, 0, 0);
                    }
                    Thread.sleep(1);
                }
                IoUtil.unmap(mapped);
            }
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
        catch (final IOException e)
        {
            out.println("pretouching stopped: " + e);
        }
    }

    private static File awaitCycleFile(final Path directory) throws InterruptedException
    {
        while (true)
        {
            final File[] files = directory.toFile().listFiles((dir, name) -> name.endsWith(".cq4"));
            if (files != null && files.length > 0)
            {
                return files[0];
            }
            Thread.sleep(1);
        }
    }
}
