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
 * <p>
 * Not thread safe: one appending thread (the journaller or the output journaller), which must also close it.
 */
public final class ChronicleJournal implements CommandJournal, EventJournal
{
    private final SingleChronicleQueue queue;
    private ExcerptAppender appender;
    private final Durability durability;
    private final JournalRecord record = new JournalRecord();
    private long lastSequence;
    private int lastChecksum;
    private boolean dirty;

    /**
     * @param queue        to append to (this journal closes it).
     * @param durability   when to force to disk.
     * @param lastSequence of the journal's last record (0 if empty): appends must be higher.
     * @param lastChecksum of the journal's last record ({@link JournalRecord#GENESIS_CHECKSUM} if empty).
     */
    ChronicleJournal(
        final SingleChronicleQueue queue, final Durability durability, final long lastSequence, final int lastChecksum)
    {
        this.queue = queue;
        this.durability = durability;
        this.lastSequence = lastSequence;
        this.lastChecksum = lastChecksum;
    }

    @Override
    public long append(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        if (sequence <= lastSequence)
        {
            throw new IllegalStateException("journal " + path() + ": sequence " + sequence +
                " does not follow the last record's " + lastSequence);
        }
        if (appender == null)
        {
            // Created on the appending thread: Chronicle appenders check that one thread uses them.
            appender = queue.createAppender();
        }
        final int checksum = record.checksum(lastChecksum, sequence, buffer, offset, length);
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
            appender.sync();
        }
        dirty = false;
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
