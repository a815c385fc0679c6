package io.ordo.journal;

import java.nio.file.Path;

import io.ordo.journal.pipeline.CommandJournal;
import io.ordo.journal.pipeline.EventJournal;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;

/**
 * Appends {@link JournalRecord}s to a Chronicle Queue, continuing the checksum chain and the sequence from where
 * the journal ends. Serves as the input journal ({@link CommandJournal}) and as the output journal
 * ({@link EventJournal}).
 * A {@link DiskSpaceGuard} refuses an append before any of it is written once the file system is nearly full; a
 * mapped write that faults all the same (SIGBUS, seen as an {@link InternalError}) becomes a {@link JournalException}
 * that says so.
 * <p>
 * Not thread safe: one appending thread (the journaller or the output journaller), which must also close it.
 */
public final class ChronicleJournal implements CommandJournal, EventJournal
{
    private final SingleChronicleQueue queue;
    private ExcerptAppender appender;
    private final Durability durability;
    private final DiskSpaceGuard diskSpaceGuard;
    private final JournalRecord record = new JournalRecord();
    private long lastSequence;
    private int lastChecksum;
    private boolean dirty;

    /**
     * A journal that keeps {@link DiskSpaceGuard#DEFAULT_RESERVE_BYTES} free.
     */
    ChronicleJournal(
        final SingleChronicleQueue queue, final Durability durability, final long lastSequence, final int lastChecksum)
    {
        this(queue, durability, lastSequence, lastChecksum, DiskSpaceGuard.DEFAULT_RESERVE_BYTES);
    }

    /**
     * @param queue                 to append to (this journal closes it).
     * @param durability            when to force to disk.
     * @param lastSequence          of the journal's last record (0 if empty): appends must be higher.
     * @param lastChecksum          of the journal's last record ({@link JournalRecord#GENESIS_CHECKSUM} if empty).
     * @param diskSpaceReserveBytes free space below which appends are refused; see {@link DiskSpaceGuard}.
     */
    ChronicleJournal(
        final SingleChronicleQueue queue, final Durability durability, final long lastSequence, final int lastChecksum,
        final long diskSpaceReserveBytes)
    {
        this.queue = queue;
        this.durability = durability;
        this.lastSequence = lastSequence;
        this.lastChecksum = lastChecksum;
        this.diskSpaceGuard = new DiskSpaceGuard(queue.file().toPath(), diskSpaceReserveBytes);
    }

    @Override
    public long append(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        if (sequence <= lastSequence)
        {
            throw new IllegalStateException("journal " + path() + ": sequence " + sequence +
                " does not follow the last record's " + lastSequence);
        }
        // Before anything of the record is written, appender creation included (it can write a new day's file).
        diskSpaceGuard.beforeAppend(length, lastSequence);
        final int checksum = record.checksum(lastChecksum, sequence, buffer, offset, length);
        try
        {
            if (appender == null)
            {
                // Created on the appending thread: Chronicle appenders check that one thread uses them.
                appender = queue.createAppender();
            }
            try (DocumentContext context = appender.writingDocument())
            {
                final Bytes<?> bytes = context.wire().bytes();
                bytes.writeLong(sequence);
                bytes.writeInt(checksum);
                bytes.writeInt(length);
                final byte[] array = buffer.byteArray();
                if (array != null)
                {
                    bytes.write(array, buffer.wrapAdjustment() + offset, length);
                }
                else
                {
                    for (int i = 0; i < length; i++)
                    {
                        bytes.writeByte(buffer.getByte(offset + i));
                    }
                }
            }
        }
        catch (final InternalError e)
        {
            throw mappedWriteFault(e);
        }
        lastSequence = sequence;
        lastChecksum = checksum;
        dirty = true;
        return appender.lastIndexAppended();
    }

    @Override
    public void endOfBatch()
    {
        if (durability == Durability.SYNC && dirty)
        {
            try
            {
                appender.sync();
            }
            catch (final InternalError e)
            {
                throw mappedWriteFault(e);
            }
        }
        dirty = false;
    }

    /**
     * The last line of defence, for a disk that filled faster than the {@link DiskSpaceGuard} looks (another
     * process writing to it) or a reserve of 0: the JVM reports a fault of a memory-mapped access (SIGBUS) as an
     * InternalError. Any other InternalError is rethrown as it is.
     */
    private RuntimeException mappedWriteFault(final InternalError e)
    {
        final String message = e.getMessage();
        if (message == null || !message.contains("unsafe memory access"))
        {
            throw e;
        }
        return new JournalException("no space left on device for " + path() + " (a write to the memory-mapped " +
            "journal faulted); free space, then restart (nothing after sequence " + lastSequence + " was " +
            "acknowledged); if the restart finds the last record torn, set it aside with ./ordo repair", e);
    }

    /** Lets another thread append from now on (recovery appends on the starting thread, then the pipeline). */
    void handOver()
    {
        if (appender != null)
        {
            appender.singleThreadedCheckReset();
        }
    }

    public long lastSequence()
    {
        return lastSequence;
    }

    public Path path()
    {
        return queue.file().toPath();
    }

    /** @return the journal's queue, for tailers of other threads, which must be closed before this journal. */
    SingleChronicleQueue queue()
    {
        return queue;
    }

    @Override
    public void close()
    {
        if (appender != null)
        {
            // Closed by the thread that stopped the pipeline, after the appending thread has finished.
            appender.singleThreadedCheckReset();
            if (dirty && durability == Durability.SYNC)
            {
                appender.sync();
            }
            appender.close();
        }
        queue.close();
    }
}
