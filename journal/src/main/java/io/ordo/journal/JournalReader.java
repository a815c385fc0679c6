package io.ordo.journal;

import java.io.File;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.ExpandableArrayBuffer;

/**
 * Reads the {@link JournalRecord}s of one journal in order and checks each against the chain: its checksum must
 * follow from the previous record's, and (optionally) its sequence must be exactly one more. A record that does
 * not is reported with a {@link JournalException} naming the file, the byte position in it, the Chronicle index,
 * and what was expected and found.
 * <p>
 * Not thread safe; owns a tailer of the queue, so it must be used on one thread.
 */
final class JournalReader implements AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final JournalRecord record = new JournalRecord();
    private final ExpandableArrayBuffer payload = new ExpandableArrayBuffer(256);
    private final boolean consecutiveSequences;
    private final String name;

    private long previousSequence;
    private int previousChecksum = JournalRecord.GENESIS_CHECKSUM;
    private boolean chainKnown = true;

    private long sequence;
    private int checksum;
    private int length;
    private long index;
    private long filePosition;
    private File file;
    private long recordsRead;

    /**
     * @param name                 of the journal in messages, e.g. "input journal".
     * @param consecutiveSequences whether each record's sequence must be the previous one's plus one.
     */
    JournalReader(final SingleChronicleQueue queue, final String name, final boolean consecutiveSequences)
    {
        this.queue = queue;
        this.name = name;
        this.consecutiveSequences = consecutiveSequences;
        this.tailer = queue.createTailer();
    }

    /**
     * Positions the reader on the record at a Chronicle index (from a snapshot) and reads it without checking its
     * chain link, whose predecessor it has not seen: its checksum becomes the base for the records after it.
     *
     * @return true if there is a record at that index with that sequence.
     */
    boolean startAt(final long chronicleIndex, final long expectedSequence)
    {
        if (!tailer.moveToIndex(chronicleIndex))
        {
            return false;
        }
        chainKnown = false;
        if (!next())
        {
            return false;
        }
        return sequence == expectedSequence;
    }

    /** Moves back to the first record, with the chain starting from genesis. */
    void toStart()
    {
        tailer.toStart();
        chainKnown = true;
        previousSequence = 0;
        previousChecksum = JournalRecord.GENESIS_CHECKSUM;
        recordsRead = 0;
    }

    /**
     * Reads the next record.
     *
     * @return false at the end of the journal.
     * @throws JournalException if the record is damaged or breaks the chain or the sequence.
     */
    boolean next()
    {
        try
        {
            return readNext();
        }
        catch (final JournalException e)
        {
            throw e;
        }
        catch (final RuntimeException e)
        {
            // Chronicle could not read the queue where the record should be (e.g. a damaged document header).
            throw damaged("unreadable: " + e);
        }
    }

    private boolean readNext()
    {
        try (DocumentContext context = tailer.readingDocument())
        {
            if (!context.isPresent())
            {
                return false;
            }
            final Bytes<?> bytes = context.wire().bytes();
            index = context.index();
            filePosition = bytes.readPosition();
            file = tailer.currentFile();
            final long available = bytes.readRemaining();
            if (available < JournalRecord.HEADER_LENGTH)
            {
                throw damaged("record of " + available + " bytes, shorter than its " + JournalRecord.HEADER_LENGTH +
                    "-byte header");
            }
            sequence = bytes.readLong();
            checksum = bytes.readInt();
            length = bytes.readInt();
            if (length < 0 || length != available - JournalRecord.HEADER_LENGTH)
            {
                throw damaged("payload length field says " + length + " bytes, the record holds " +
                    (available - JournalRecord.HEADER_LENGTH));
            }
            payload.checkLimit(length);
            bytes.read(payload.byteArray(), 0, length);
        }
        if (chainKnown)
        {
            if (consecutiveSequences ? sequence != previousSequence + 1 : sequence <= previousSequence)
            {
                throw damaged("sequence " + sequence + " after " + previousSequence + " (expected " +
                    (consecutiveSequences ? "" + (previousSequence + 1) : "more than " + previousSequence) +
                    "): a record is missing, inserted or out of order");
            }
            final int expected = record.checksum(previousChecksum, sequence, payload, 0, length);
            if (expected != checksum)
            {
                throw damaged(String.format("checksum 0x%08x, expected 0x%08x from the previous record's " +
                    "0x%08x: the record was changed, or one before it was inserted or removed",
                    checksum, expected, previousChecksum));
            }
        }
        chainKnown = true;
        previousSequence = sequence;
        previousChecksum = checksum;
        recordsRead++;
        return true;
    }

    /**
     * After {@link #next()} threw: whether the journal holds any record after the damaged one. If not, the damage
     * is a torn last write.
     */
    boolean hasMoreRecords()
    {
        try (DocumentContext context = tailer.readingDocument())
        {
            if (context.isPresent())
            {
                context.rollbackOnClose();
                return true;
            }
            return false;
        }
    }

    private JournalException damaged(final String what)
    {
        return new JournalException(name + " damaged at " + where() + ": " + what);
    }

    /** @return the place of the record just read: file, byte position, Chronicle index, its sequence. */
    String whereRead()
    {
        return String.format("%s, position %d, index 0x%x, record %d", file, filePosition, index, recordsRead);
    }

    /** @return the place of a record that failed its checks: file, byte position, Chronicle index, sequence. */
    String where()
    {
        return String.format("%s, position %d, index 0x%x (record %d read, after sequence %d)",
            file, filePosition, index, recordsRead + 1, previousSequence);
    }

    long sequence()
    {
        return sequence;
    }

    int checksum()
    {
        return checksum;
    }

    ExpandableArrayBuffer payload()
    {
        return payload;
    }

    int length()
    {
        return length;
    }

    /**
     * Reads the last record of a journal (header and payload) without checking its chain: recovery checks the
     * records it replays, {@code verify} all of them.
     *
     * @return false if the journal is empty.
     */
    boolean readLast()
    {
        try
        {
            return readLastBackwards();
        }
        catch (final RuntimeException | AssertionError e)
        {
            // Chronicle's index points past the data (a truncated file): find the last record by reading forwards.
            return readLastForwards();
        }
    }

    private boolean readLastBackwards()
    {
        try (ExcerptTailer backwards = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd())
        {
            try (DocumentContext context = backwards.readingDocument())
            {
                if (!context.isPresent())
                {
                    return false;
                }
                file = backwards.currentFile();
                return readRaw(context);
            }
        }
    }

    private boolean readLastForwards()
    {
        boolean found = false;
        try (ExcerptTailer forwards = queue.createTailer().toStart())
        {
            while (true)
            {
                try (DocumentContext context = forwards.readingDocument())
                {
                    if (!context.isPresent())
                    {
                        return found;
                    }
                    file = forwards.currentFile();
                    found = readRaw(context);
                }
            }
        }
    }

    /** Reads one document's record without checks beyond its own length fields. */
    private boolean readRaw(final DocumentContext context)
    {
        final Bytes<?> bytes = context.wire().bytes();
        index = context.index();
        filePosition = bytes.readPosition();
        if (bytes.readRemaining() < JournalRecord.HEADER_LENGTH)
        {
            throw damaged("last record of " + bytes.readRemaining() + " bytes, shorter than its header");
        }
        sequence = bytes.readLong();
        checksum = bytes.readInt();
        length = bytes.readInt();
        if (length < 0 || length != bytes.readRemaining())
        {
            throw damaged("last record's payload length field says " + length + " bytes, it holds " +
                bytes.readRemaining());
        }
        payload.checkLimit(length);
        bytes.read(payload.byteArray(), 0, length);
        return true;
    }

    @Override
    public void close()
    {
        tailer.close();
    }
}
