package io.ordo.journal;

import java.nio.file.Path;

import io.ordo.journal.pipeline.CommandJournal;
import io.ordo.journal.pipeline.EventJournal;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Appends {@link JournalRecord}s to a Chronicle Queue, continuing the checksum chain and the sequence from where
 * the journal ends. Serves as the input journal ({@link CommandJournal}) and as the output journal
 * ({@link EventJournal}).
 * <p>
 * Several records may share one Chronicle document (up to {@code recordsPerDocument}, and
 * {@link #MAX_DOCUMENT_BYTES}): the document is opened by the first append of a batch and completed by
 * {@link #endOfBatch()}, so Chronicle's per-document work (write lock, header, index) is paid once per batch, as
 * LMAX's journaller and Chronicle's own batched appends amortise it; each record keeps its own sequence and chained
 * checksum. Until {@link #endOfBatch()} the records of the open document are not complete: a crash loses them, and
 * nothing of them may be applied or acknowledged before (the pipeline gates on the end of the batch).
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
    /** A view of the record being written, in the mapped file. */
    private final UnsafeBuffer mapped = new UnsafeBuffer(0, 0);
    private final int recordsPerDocument;
    private DocumentContext document;
    private long documentStart;
    private int documentRecords;
    private long documentIndex;
    private long lastSequence;
    private int lastChecksum;
    private boolean dirty;
    /** For the {@link JournalPretoucher}: the cycle file written, where in it, and what it may zero-fill. */
    private final PretouchFence pretouchFence = new PretouchFence();
    private int pretouchCycle = Integer.MIN_VALUE;

    /** Most bytes of records in one document: a batch larger than this continues in the next document. */
    static final int MAX_DOCUMENT_BYTES = 1 << 16;

    /**
     * A journal with one record per document that keeps {@link DiskSpaceGuard#DEFAULT_RESERVE_BYTES} free.
     */
    ChronicleJournal(
        final SingleChronicleQueue queue, final Durability durability, final long lastSequence, final int lastChecksum)
    {
        this(queue, durability, lastSequence, lastChecksum, DiskSpaceGuard.DEFAULT_RESERVE_BYTES, 1);
    }

    /**
     * @param queue                 to append to (this journal closes it).
     * @param durability            when to force to disk.
     * @param lastSequence          of the journal's last record (0 if empty): appends must be higher.
     * @param lastChecksum          of the journal's last record ({@link JournalRecord#GENESIS_CHECKSUM} if empty).
     * @param diskSpaceReserveBytes free space below which appends are refused; see {@link DiskSpaceGuard}.
     * @param recordsPerDocument    most records one document holds (1: a document per record).
     */
    ChronicleJournal(
        final SingleChronicleQueue queue, final Durability durability, final long lastSequence, final int lastChecksum,
        final long diskSpaceReserveBytes, final int recordsPerDocument)
    {
        if (recordsPerDocument < 1)
        {
            throw new IllegalArgumentException("recordsPerDocument must be >= 1: " + recordsPerDocument);
        }
        this.recordsPerDocument = recordsPerDocument;
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
            if (document == null)
            {
                openDocument();
            }
            final Bytes<?> bytes = document.wire().bytes();
            final long position = bytes.writePosition();
            final int recordLength = JournalRecord.HEADER_LENGTH + length;
            pretouchFence.writerReaches(position + recordLength);
            final BytesStore<?, ?> store = bytes.bytesStore();
            if (store != null && store.inside(position, recordLength) &&
                position + recordLength <= bytes.writeLimit())
            {
                // The usual case: the whole record lies in the mapped chunk in hand, so it is written straight to
                // its memory, the payload in one copy, instead of four checked writes through Chronicle's Bytes.
                mapped.wrap(store.addressForWrite(position), recordLength);
                mapped.putLong(JournalRecord.SEQUENCE_OFFSET, sequence, JournalRecord.ORDER);
                mapped.putInt(JournalRecord.CHECKSUM_OFFSET, checksum, JournalRecord.ORDER);
                mapped.putInt(JournalRecord.LENGTH_OFFSET, length, JournalRecord.ORDER);
                mapped.putBytes(JournalRecord.HEADER_LENGTH, buffer, offset, length);
                bytes.writeSkip(recordLength);
            }
            else
            {
                // The record crosses into the next chunk (Chronicle's writes map it), or is longer than a document
                // may be (they refuse it).
                writeThroughBytes(bytes, sequence, checksum, buffer, offset, length);
            }
            documentRecords++;
            lastSequence = sequence;
            lastChecksum = checksum;
            dirty = true;
            if (documentRecords >= recordsPerDocument || bytes.writePosition() - documentStart >= MAX_DOCUMENT_BYTES)
            {
                completeDocument();
            }
        }
        catch (final InternalError e)
        {
            abandonDocument();
            throw mappedWriteFault(e);
        }
        catch (final RuntimeException e)
        {
            abandonDocument();
            throw e;
        }
        return documentIndex;
    }

    private static void writeThroughBytes(
        final Bytes<?> bytes, final long sequence, final int checksum, final DirectBuffer buffer, final int offset,
        final int length)
    {
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

    private void openDocument()
    {
        if (appender == null)
        {
            // Created on the appending thread: Chronicle appenders check that one thread uses them.
            appender = queue.createAppender();
        }
        document = appender.writingDocument();
        documentStart = document.wire().bytes().writePosition();
        if (appender.cycle() != pretouchCycle)
        {
            // A new cycle file: the only allocation, once a roll.
            pretouchCycle = appender.cycle();
            pretouchFence.writerFile(appender.currentFile().toPath());
        }
        pretouchFence.writerPosition(documentStart);
        pretouchFence.writerReaches(documentStart);
        documentIndex = document.index();
        documentRecords = 0;
    }

    /** Completes the open document's header: its records are then in the journal. */
    private void completeDocument()
    {
        final DocumentContext completed = document;
        document = null;
        completed.close();
    }

    /**
     * After a failed write: the open document is given up (its header never says complete, so a reader sees a
     * torn write at the journal's end, never applied nor acknowledged); the exception then stops the pipeline.
     */
    private void abandonDocument()
    {
        final DocumentContext abandoned = document;
        document = null;
        if (abandoned != null)
        {
            try
            {
                abandoned.rollbackOnClose();
                abandoned.close();
            }
            catch (final RuntimeException | InternalError ignored)
            {
                // Already failing: the first fault is the one reported.
            }
        }
    }

    @Override
    public void endOfBatch()
    {
        if (document != null)
        {
            try
            {
                completeDocument();
            }
            catch (final InternalError e)
            {
                throw mappedWriteFault(e);
            }
        }
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

    /** @return what the {@link JournalPretoucher} reads of this journal's writing, and claims through. */
    PretouchFence pretouchFence()
    {
        return pretouchFence;
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
            if (document != null)
            {
                completeDocument();
            }
            if (dirty && durability == Durability.SYNC)
            {
                appender.sync();
            }
            appender.close();
        }
        queue.close();
    }
}
