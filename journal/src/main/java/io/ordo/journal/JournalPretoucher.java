package io.ordo.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

import io.ordo.journal.pipeline.ThreadAffinity;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the page faults of the journals' memory-mapped files off the journalling threads: a thread of its own
 * touches the pages of each journal's cycle file ahead of where the journal writes, so that the journal's first
 * write to a page finds it in place. On this machine's ext4 the first write into each 8 MiB of a file stalled
 * about 21 ms, on the thread that journals (docs/performance.md, "AppendStallProbe"); Chronicle's own pretoucher
 * is not in its open-source build.
 * <p>
 * A touch is a compare-and-set of 0 to 0 on the first int of a page, through a mapping of its own: it never changes
 * a byte, whatever the journal writes at the same moment, and it makes the kernel allocate and dirty the page. The
 * mapping has the kernel's readahead turned off ({@link MappedReadahead}), so that a touch brings in its own page,
 * not the device's whole readahead window in one uninterruptible fault.
 * <p>
 * Past the journal's reach (where it will not write before it says so, see {@link PretouchFence}) the pages are
 * zero-filled instead, 64 KiB at a time with a positional write of zeros: the file's holes are then allocated
 * without being read in and faulted first, about a third of a touch's cost here (docs/performance.md,
 * "Zero-filling ahead"). Each zero-fill is claimed through the journal's fence first, so it never overlaps a byte
 * the journal writes, and the journal waits for one under way below its new reach. Either way it stays inside the
 * file's current size (Chronicle grows it; this never does), and it works at most {@code aheadBytes} past the
 * journal's write position.
 * <p>
 * Safe on a filling disk: a page faulted in on a full file system makes the JVM fault (SIGBUS), which the JVM
 * does not turn into an exception everywhere. So it touches only while the file system has more than the journals'
 * reserve ({@link DiskSpaceGuard}) plus twice {@code aheadBytes} free, asking again after each MiB touched; below
 * that it waits, and the journal, which refuses appends at the reserve, takes its own faults as before. A fault it
 * gets all the same, as an {@link InternalError}, stops it for good (logged once); the journals go on without it.
 * <p>
 * Threading: an Agrona {@link Agent} on a thread of its own ({@link AgentRunner}, sleeping 2 ms between rounds);
 * {@link #close()} from the engine's closing thread stops it and waits for it,
 * before the data directory's lock is released (a repair may then truncate the files it maps). It reads what each
 * {@link ChronicleJournal} publishes through its {@link ChronicleJournal#pretouchFence()}; it allocates only when a
 * journal moves to a new cycle file.
 */
final class JournalPretoucher implements Agent, AutoCloseable
{
    /** How far ahead of the write position a journal's pages are touched. */
    static final long DEFAULT_AHEAD_BYTES = 8L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(JournalPretoucher.class);
    private static final long PAGE_BYTES = 4096;
    private static final long WINDOW_BYTES = 64L << 20;
    private static final long CHECK_EVERY_BYTES = 1L << 20;
    /** Most bytes zero-filled under one claim: how long the journal waits at worst if it catches up. */
    private static final long ZERO_FILL_BYTES = 64L << 10;
    private static final long IDLE_NS = 2_000_000;

    private final Lane[] lanes;
    private final long aheadBytes;
    private final long reserveBytes;
    private final AgentRunner runner;
    private final AtomicLong pagesTouched = new AtomicLong();
    private final AtomicLong pagesZeroFilled = new AtomicLong();
    /** Zeros to write, read only. */
    private final ByteBuffer zeros = ByteBuffer.allocateDirect((int)ZERO_FILL_BYTES);
    private final AtomicLong rounds = new AtomicLong();
    private final AtomicLong windowsWithoutReadahead = new AtomicLong();
    private volatile Throwable failure;
    private long bytesSinceCheck = CHECK_EVERY_BYTES;

    /**
     * Starts touching ahead of the given journals.
     *
     * @param aheadBytes   how far ahead of each journal's write position (rounded to pages).
     * @param reserveBytes the journals' free-space reserve; touching stops below it plus twice {@code aheadBytes}.
     * @param affinity     keeps the touching thread off the BLP's CPU, if it has one.
     */
    JournalPretoucher(
        final long aheadBytes, final long reserveBytes, final ThreadAffinity affinity,
        final ChronicleJournal... journals)
    {
        if (aheadBytes <= 0)
        {
            throw new IllegalArgumentException("aheadBytes must be > 0: " + aheadBytes);
        }
        this.aheadBytes = aheadBytes;
        this.reserveBytes = reserveBytes;
        this.lanes = new Lane[journals.length];
        for (int i = 0; i < journals.length; i++)
        {
            lanes[i] = new Lane(journals[i]);
        }
        runner = new AgentRunner(new SleepingIdleStrategy(IDLE_NS),
            error -> LOG.warn("journal pretouching failed a round: {}", error.toString()), null, this);
        AgentRunner.startOnThread(runner, task ->
        {
            final Thread thread = new Thread(affinity.offBlpCpu(task));
            thread.setDaemon(true);
            return thread;
        });
    }

    /** @return pages touched so far, for tests and counters. */
    long pagesTouched()
    {
        return pagesTouched.get();
    }

    /** @return pages of {@link #pagesTouched()} that were zero-filled rather than touched, for tests. */
    long pagesZeroFilled()
    {
        return pagesZeroFilled.get();
    }

    /** @return windows mapped with the kernel's readahead turned off ({@link MappedReadahead}), for tests. */
    long windowsWithoutReadahead()
    {
        return windowsWithoutReadahead.get();
    }

    /** @return rounds over all journals done so far, for tests to wait for. */
    long rounds()
    {
        return rounds.get();
    }

    /** @return the fault that stopped touching, or null. */
    Throwable failure()
    {
        return failure;
    }

    /** Stops touching and waits for the thread, which unmaps what it mapped. Idempotent. */
    @Override
    public void close()
    {
        runner.close();
    }

    @Override
    public String roleName()
    {
        return "ordo-journal-pretoucher";
    }

    @Override
    public int doWork()
    {
        final long before = pagesTouched.get();
        try
        {
            for (final Lane lane : lanes)
            {
                lane.touchAhead();
            }
        }
        catch (final InternalError e)
        {
            failure = e;
            LOG.warn("journal pretouching stopped (the journals go on without it): {}", e.toString());
            throw new AgentTerminationException(e);
        }
        rounds.lazySet(rounds.get() + 1);
        return (int)Math.min(Integer.MAX_VALUE, pagesTouched.get() - before);
    }

    @Override
    public void onClose()
    {
        for (final Lane lane : lanes)
        {
            lane.release();
        }
    }

    /** @return whether the file system has room enough to touch another MiB. */
    private boolean roomToTouch(final Path file)
    {
        if (bytesSinceCheck < CHECK_EVERY_BYTES)
        {
            return true;
        }
        if (file.toFile().getUsableSpace() < reserveBytes + 2 * aheadBytes)
        {
            return false;
        }
        bytesSinceCheck = 0;
        return true;
    }

    /** One journal: its current cycle file, a window of it mapped, and how far it is touched or zero-filled. */
    private final class Lane
    {
        private final PretouchFence fence;
        private final UnsafeBuffer window = new UnsafeBuffer(0, 0);
        private PretouchFence.CycleFile file;
        private FileChannel channel;
        private MappedByteBuffer mapped;
        private long windowStart;
        private long touchedTo;

        Lane(final ChronicleJournal journal)
        {
            this.fence = journal.pretouchFence();
        }

        void touchAhead()
        {
            final PretouchFence.CycleFile current = fence.file();
            final long position = fence.writePosition();
            if (current == null || position < 0)
            {
                return;
            }
            try
            {
                if (current != file)
                {
                    release();
                    channel = FileChannel.open(current.path, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    file = current;
                    touchedTo = 0;
                }
                final long size = channel.size();
                long at = Math.max(touchedTo, (position & ~(PAGE_BYTES - 1)) + PAGE_BYTES);
                final long to = Math.min(position + aheadBytes, size);
                while (at < to && roomToTouch(file.path))
                {
                    final long reach = fence.reach(file);
                    if (reach >= 0 && at >= reach)
                    {
                        at = zeroFill(at, Math.min(Math.min(size, pageAlignUp(to)), at + ZERO_FILL_BYTES));
                    }
                    else
                    {
                        touch(at, size);
                        at += PAGE_BYTES;
                    }
                }
                touchedTo = Math.max(touchedTo, at);
            }
            catch (final IOException e)
            {
                // The file went (a roll, the engine closing): start again with what the journal publishes next.
                release();
            }
        }

        private static long pageAlignUp(final long offset)
        {
            return (offset + PAGE_BYTES - 1) & ~(PAGE_BYTES - 1);
        }

        /** Touches one page through the mapping: safe wherever the journal writes, as it changes no byte. */
        private void touch(final long at, final long size) throws IOException
        {
            if (mapped == null || at >= windowStart + window.capacity())
            {
                map(at, size);
            }
            window.compareAndSetInt((int)(at - windowStart), 0, 0);
            bytesSinceCheck += PAGE_BYTES;
            pagesTouched.lazySet(pagesTouched.get() + 1);
        }

        /**
         * Writes zeros into {@code [from, to)} of the file, a hole the journal has not reached: the kernel then
         * allocates the pages without reading them in first. Only under a claim of the {@link PretouchFence}.
         *
         * @return where touching goes on: {@code to}, or {@code from} if the journal has meanwhile reached it.
         */
        private long zeroFill(final long from, final long to) throws IOException
        {
            if (!fence.claim(file, from))
            {
                return from;
            }
            try
            {
                long at = from;
                while (at < to)
                {
                    zeros.clear().limit((int)(to - at));
                    at += channel.write(zeros, at);
                }
            }
            finally
            {
                fence.withdraw();
            }
            final long pages = (to - from) / PAGE_BYTES;
            bytesSinceCheck += to - from;
            pagesTouched.lazySet(pagesTouched.get() + pages);
            pagesZeroFilled.lazySet(pagesZeroFilled.get() + pages);
            return to;
        }

        /** Maps the window of the file that holds {@code at}, never past the file's size (no growing it). */
        private void map(final long at, final long size) throws IOException
        {
            unmap();
            final long start = at & ~(WINDOW_BYTES - 1);
            mapped = channel.map(FileChannel.MapMode.READ_WRITE, start, Math.min(WINDOW_BYTES, size - start));
            window.wrap(mapped);
            windowStart = start;
            // Page by page, not 8 MiB of readahead inside one touch (see MappedReadahead).
            if (MappedReadahead.turnOff(window.addressOffset(), window.capacity()))
            {
                windowsWithoutReadahead.lazySet(windowsWithoutReadahead.get() + 1);
            }
        }

        private void unmap()
        {
            if (mapped != null)
            {
                IoUtil.unmap(mapped);
                mapped = null;
                window.wrap(0, 0);
            }
        }

        void release()
        {
            unmap();
            // Nothing is written through the channel itself.
            CloseHelper.quietClose(channel);
            channel = null;
            file = null;
        }
    }
}
