package io.ordo.journal;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.ExpandableArrayBuffer;

/**
 * A live tail of the output journal (the event store) from a resume point: every later command's record (its
 * sequence and its events back to back, as the {@link io.ordo.journal.pipeline.ResultListener} got them), first
 * from history, then as the engine appends, in sequence order, each exactly once. For drop copies and other
 * followers that resume after the last sequence they have. Opened by {@link Engine#openEventTail(long)}:
 * <pre>
 *   EventTail tail = engine.openEventTail(lastSequenceTheClientHas);   // may refuse: ResumeRefusedException
 *   ...
 *   int delivered = tail.poll(listener, 64);                          // 0 when caught up; never waits
 * </pre>
 * <b>Positioning.</b> {@link RecordSeek}: through Chronicle's index ({@code moveToIndex}), reading O(log files +
 * log documents per file) documents, and checking that the document it lands on holds the resume point. A document
 * holds a batch of records ({@link ChronicleJournal}); the tail passes over the records of the first document up to
 * the resume point.
 * <p>
 * <b>Resume points.</b> {@code afterSequence} is the last sequence the caller has; 0 means from sequence 1. It
 * must lie between the journal's first record - 1 and its last record when the tail is opened, else
 * {@link ResumeRefusedException}: {@link ResumeRefusedException.Reason#HISTORY_ARCHIVED} if the records after it
 * were in cycle files since archived (0 on such a journal too: silently starting later would be a gap), and
 * {@link ResumeRefusedException.Reason#BEYOND_JOURNAL} if it was never journaled (a client of another engine or of
 * a wiped data directory; not clamped, since whatever the client holds after the journal's end is not what this
 * engine journaled). Resuming at the last record is allowed: the tail then delivers only what comes next.
 * <p>
 * <b>What is delivered.</b> Only complete records: Chronicle's tailer does not return a document whose header
 * still says "not complete" (the one being appended). A record can be delivered a moment before its submitter's
 * result listener runs (the dispatcher follows the journaller), and, with {@link Durability#SYNC}, before it is
 * forced to disk; the output journal is a function of the input journal, which is on disk before the command is
 * applied, so recovery after a crash writes the same record again. Each record is checked on the way: its
 * sequence must be one more than the last delivered and its checksum must follow from the previous record's
 * ({@link JournalRecord}; one CRC-32C of the record, the chain's base being the record at the resume point, or
 * none for a journal's first record after archived files). A break throws a {@link JournalException} naming the
 * file and the sequences, and every later poll throws it again: the tail never skips past damage. Cycle rolls
 * are followed by the tailer.
 * <p>
 * <b>Closing.</b> {@link #close()} releases the tailer; {@link Engine#close()} closes every tail still open before
 * it closes the journal (a tailer touching the journal's memory after it is unmapped, or after the data directory's
 * lock is released and a repair truncates a file, would crash the JVM). It waits for a {@code poll} in progress on
 * another thread to return (bounded by that poll's {@code maxRecords}); after it, {@code poll} throws
 * {@link IllegalStateException} saying the engine closed the tail. Neither may be called from a listener of a tail
 * polled on another thread (it would wait for itself); from this tail's own listener, {@code close} ends the poll
 * after the current record.
 * <p>
 * <b>Threading.</b> Confined to the thread that opened it: {@link #poll} from another thread throws
 * {@link IllegalStateException} (Chronicle tailers are single threaded). {@link #close()} may come from any thread.
 * {@code poll} never waits for records and does bounded work (at most {@code maxRecords} records); it does not
 * lock, but reading history that is not in the page cache takes page faults (disk reads), and crossing into the
 * next cycle file maps it. Opening a tail does file I/O too: the seek reads a few documents and may map a few
 * cycle files.
 * <p>
 * <b>Allocation.</b> None per record in steady state: each document is copied (one copy, to check the checksums
 * of its records) into a buffer of the tail's, which grows only for a document longer than any before; records
 * are handed over from there. Per poll: two uncontended atomic
 * operations and a read of a volatile per record.
 */
public final class EventTail implements AutoCloseable
{
    private static final int INITIAL_CAPACITY = 1024;
    private static final int DOCUMENT_HEADER = 4;
    private static final long CLOSE_WAIT_NS = 50_000;
    private static final int OPEN = 0;
    private static final int POLLING = 1;
    private static final int CLOSED = 2;
    private static final int CLOSED_BY_ENGINE = 3;

    private final ExcerptTailer tailer;
    private final EventTails tails;
    private final String name;
    private final Thread owner;
    private final AtomicInteger state = new AtomicInteger(OPEN);
    private final JournalRecord record = new JournalRecord();
    /** A copy of the document being delivered: its records back to back. */
    private final ExpandableArrayBuffer document = new ExpandableArrayBuffer(INITIAL_CAPACITY);
    private final int seekDocumentsRead;
    private int documentLength;
    private int cursor;
    private long documentStart;
    private int eventsOffset;
    /** Records up to this sequence in the first document read (the resume point's) are passed over. */
    private final long skipThrough;
    private boolean firstDocument;
    private boolean readAnyDocument;

    private long lastDelivered;
    private int lastChecksum;
    private boolean checkLink;
    private int length;
    private int cycle = Integer.MIN_VALUE;
    private Path file;
    private long recordPosition;
    private JournalException failure;

    /**
     * Positions a new tailer of {@code queue} after {@code afterSequence}; see {@link RecordSeek#seekAfter}. The
     * queue stays the caller's, and must stay open until this tail is closed.
     *
     * @param name of the journal in messages, e.g. "output journal /data/output".
     */
    EventTail(final SingleChronicleQueue queue, final long afterSequence, final EventTails tails, final String name)
    {
        this.tails = tails;
        this.name = name;
        this.owner = Thread.currentThread();
        this.tailer = queue.createTailer();
        try
        {
            final RecordSeek seek = new RecordSeek(queue, tailer, name);
            seek.seekAfter(afterSequence);
            this.lastDelivered = afterSequence;
            this.skipThrough = afterSequence;
            this.lastChecksum = seek.baseChecksum();
            this.checkLink = seek.checkFirstLink();
            this.seekDocumentsRead = seek.documentsRead();
        }
        catch (final RuntimeException e)
        {
            tailer.close();
            throw e;
        }
    }

    /**
     * Delivers the next records in sequence order, at most {@code maxRecords}; never waits for more.
     *
     * @return how many were delivered; 0 when the tail has caught up with the journal.
     * @throws JournalException      if a record breaks the sequence or the checksum chain (then on every call).
     * @throws IllegalStateException if the tail is closed, or called from another thread than the one that opened
     *                               it.
     */
    public int poll(final EventTailListener listener, final int maxRecords)
    {
        if (Thread.currentThread() != owner)
        {
            throw new IllegalStateException("an event tail is confined to the thread that opened it, " +
                owner.getName() + "; polled from " + Thread.currentThread().getName());
        }
        if (maxRecords < 1)
        {
            throw new IllegalArgumentException("maxRecords must be >= 1: " + maxRecords);
        }
        if (!state.compareAndSet(OPEN, POLLING))
        {
            throw closed();
        }
        int delivered = 0;
        try
        {
            if (failure != null)
            {
                throw failure;
            }
            while (delivered < maxRecords && state.get() == POLLING && readNext())
            {
                delivered++;
                listener.onRecord(lastDelivered, document, eventsOffset, length);
            }
        }
        finally
        {
            if (!state.compareAndSet(POLLING, OPEN))
            {
                // The listener closed this tail.
                release();
            }
        }
        return delivered;
    }

    /**
     * @return the sequence of the last record delivered; before the first, the resume point the tail was opened
     *         with. A record handed to a listener that threw counts as delivered.
     */
    public long lastDelivered()
    {
        return lastDelivered;
    }

    /**
     * @return the chained checksum of the last record delivered; before the first, that of the record at the resume
     *         point ({@link JournalRecord#GENESIS_CHECKSUM} at the journal's start): what a follower that stored
     *         the checksum of its last sequence compares, to know it resumes on the journal it followed.
     */
    public int lastChecksum()
    {
        return lastChecksum;
    }

    /** @return the cycle file of the last record delivered (null before the first); valid in the listener. */
    public Path lastFile()
    {
        return file;
    }

    /**
     * @return the byte position, in {@link #lastFile()}, of the last record delivered (as {@link JournalReader}
     *         counts it: the first of a document starts after the document's 4-byte header); valid in the listener.
     */
    public long lastRecordPosition()
    {
        return recordPosition;
    }

    /**
     * @return the byte position, in {@link #lastFile()}, of the document (its header) that holds the last record
     *         delivered: where a follower resumes after it ({@link ReadPosition}); valid in the listener.
     */
    public long lastDocumentPosition()
    {
        return documentStart - DOCUMENT_HEADER;
    }

    /** @return true once closed, by its owner or by {@link Engine#close()}. */
    public boolean isClosed()
    {
        return state.get() >= CLOSED;
    }

    /** Releases the tailer. Idempotent; from any thread (waits for a poll in progress on another thread). */
    @Override
    public void close()
    {
        close(CLOSED);
    }

    /** What {@link Engine#close()} calls: {@code poll} then says the engine closed it. */
    void closeByEngine()
    {
        close(CLOSED_BY_ENGINE);
    }

    /** For tests: documents the seek read when the tail was opened. */
    int seekDocumentsRead()
    {
        return seekDocumentsRead;
    }

    private void close(final int closedState)
    {
        while (true)
        {
            final int current = state.get();
            if (current >= CLOSED)
            {
                return;
            }
            if (current == POLLING && Thread.currentThread() == owner)
            {
                // From this tail's listener: the poll releases the tailer on its way out.
                state.set(closedState);
                return;
            }
            if (current == OPEN && state.compareAndSet(OPEN, closedState))
            {
                release();
                return;
            }
            LockSupport.parkNanos(CLOSE_WAIT_NS);
        }
    }

    /** Called by the one thread that moved the state to closed, while nobody polls. */
    private void release()
    {
        // Created by the owner; the state's atomic moves order its last use before this.
        tailer.singleThreadedCheckReset();
        tailer.close();
        if (tails != null)
        {
            tails.remove(this);
        }
    }

    private IllegalStateException closed()
    {
        return new IllegalStateException(state.get() == CLOSED_BY_ENGINE ?
            "event tail of the " + name + " closed: the engine was closed (Engine.close closes every open tail)" :
            "event tail of the " + name + " closed");
    }

    /**
     * Reads and checks the next record, from the document copied last or the next one.
     *
     * @return false if the journal holds no complete record after the last delivered yet.
     */
    private boolean readNext()
    {
        long sequence;
        int checksum;
        int payloadLength;
        int offset;
        do
        {
            if (cursor >= documentLength && !readDocument())
            {
                return false;
            }
            final int left = documentLength - cursor;
            if (left < JournalRecord.HEADER_LENGTH)
            {
                throw fail("the document's last " + left + " bytes after sequence " + lastDelivered +
                    ", shorter than a record's " + JournalRecord.HEADER_LENGTH + "-byte header");
            }
            sequence = document.getLong(cursor + JournalRecord.SEQUENCE_OFFSET, JournalRecord.ORDER);
            checksum = document.getInt(cursor + JournalRecord.CHECKSUM_OFFSET, JournalRecord.ORDER);
            payloadLength = document.getInt(cursor + JournalRecord.LENGTH_OFFSET, JournalRecord.ORDER);
            if (payloadLength < 0 || payloadLength > left - JournalRecord.HEADER_LENGTH)
            {
                throw fail("the record of sequence " + sequence + " says " + payloadLength + " bytes of events, " +
                    "its document holds " + (left - JournalRecord.HEADER_LENGTH) + " after its header");
            }
            recordPosition = documentStart + cursor;
            offset = cursor + JournalRecord.HEADER_LENGTH;
            cursor = offset + payloadLength;
        }
        while (firstDocument && sequence <= skipThrough);
        if (sequence != lastDelivered + 1)
        {
            throw fail("sequence " + sequence + " after " + lastDelivered + " (expected " + (lastDelivered + 1) +
                "): a record is missing, inserted or out of order");
        }
        if (checkLink)
        {
            final int expected = record.checksum(lastChecksum, sequence, document, offset, payloadLength);
            if (expected != checksum)
            {
                throw fail(String.format("the record of sequence %d has checksum 0x%08x, expected 0x%08x from " +
                    "the previous record's 0x%08x: the record was changed, or one before it was inserted or removed",
                    sequence, checksum, expected, lastChecksum));
            }
        }
        checkLink = true;
        lastChecksum = checksum;
        lastDelivered = sequence;
        eventsOffset = offset;
        length = payloadLength;
        return true;
    }

    /**
     * Copies the next complete document into {@link #document}.
     *
     * @return false if there is none yet.
     */
    private boolean readDocument()
    {
        try (DocumentContext context = tailer.readingDocument())
        {
            if (!context.isPresent())
            {
                return false;
            }
            final Bytes<?> bytes = context.wire().bytes();
            final long start = bytes.readPosition();
            final long remaining = bytes.readRemaining();
            if (remaining > Integer.MAX_VALUE - DOCUMENT_HEADER)
            {
                throw fail("a document of " + remaining + " bytes after sequence " + lastDelivered);
            }
            final int bytesInDocument = (int)remaining;
            document.checkLimit(bytesInDocument);
            bytes.read(start, document.byteArray(), 0, bytesInDocument);
            if (tailer.cycle() != cycle)
            {
                cycle = tailer.cycle();
                file = tailer.currentFile().toPath();
            }
            firstDocument = !readAnyDocument;
            readAnyDocument = true;
            documentStart = start;
            documentLength = bytesInDocument;
            cursor = 0;
            return true;
        }
    }

    private JournalException fail(final String what)
    {
        failure = new JournalException(name + " damaged at " + tailer.currentFile() + ", index 0x" +
            Long.toHexString(tailer.lastReadIndex()) + ": " + what);
        return failure;
    }
}
