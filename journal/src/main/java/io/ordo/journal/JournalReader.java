package io.ordo.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * Reads the {@link JournalRecord}s of one journal in order, straight from its Chronicle Queue cycle files
 * ({@code *.cq4}, in name order), and checks each against the chain: its checksum must follow from the previous
 * record's, and its sequence must be exactly one more. A data document holds one record or several back to back
 * (a batch, see {@link ChronicleJournal}), which must fill it exactly. It checks the files' structure too, so that
 * every command that reads a journal (start-up, replay, verify, repair) gives the same verdict on the same bytes
 * and none can crash on them:
 * <ul>
 *   <li>every document header (4 bytes, little-endian: bit 31 "not complete", bit 30 "metadata", 30 bits of
 *       length; documents start at multiples of 4) must describe a document inside the file;</li>
 *   <li>after the last document comes a zero header or Chronicle's end-of-file marker, and nothing but zero
 *       bytes to the file's end (garbage in the free space, or a file cut short, is damage);</li>
 *   <li>the journal starts at sequence 1, or later if its earlier day files were archived: then its first record
 *       is the base of the chain, and a reader needs a snapshot at or after the sequence before it;</li>
 *   <li>a "not complete" header may only be the very last thing in the journal: a write cut short by a crash,
 *       which was never acknowledged (results wait for the journal), and which Chronicle's next append
 *       replaces.</li>
 * </ul>
 * The files are mapped read only, within their size: a reader never writes, never depends on Chronicle's index or
 * its {@code metadata.cq4t}, and never touches a byte past a file's end (the mapped-memory fault that made
 * Chronicle's own reader crash on a damaged file). A record or structure that fails a check is reported with a
 * {@link JournalException} naming the file, the byte position of the document in it, and what was expected and
 * found.
 * <p>
 * Not thread safe; one reader per thread. Read only: the files must not be written meanwhile (the data directory's
 * lock sees to that).
 */
final class JournalReader implements AutoCloseable
{
    static final int NOT_COMPLETE = 0x8000_0000;
    static final int META_DATA = 0x4000_0000;
    static final int LENGTH_MASK = 0x3FFF_FFFF;
    static final int END_OF_DATA = NOT_COMPLETE | META_DATA;
    private static final long WINDOW_BYTES = 1L << 28;
    private static final long PAGE = 4096;
    private static final int FREE_SPACE_CHUNK = 1 << 20;

    private final Path journal;
    private final String name;
    private final JournalRecord record = new JournalRecord();
    private final ExpandableArrayBuffer payload = new ExpandableArrayBuffer(256);
    private final UnsafeBuffer window = new UnsafeBuffer(0, 0);
    /** The current record's payload where it lies in the mapping; see {@link #payloadView()}. */
    private final UnsafeBuffer payloadView = new UnsafeBuffer(0, 0);
    private final boolean verifyChecksums;
    private final UnsafeBuffer freeSpace = new UnsafeBuffer(ByteBuffer.allocateDirect(FREE_SPACE_CHUNK));
    private final List<Path> files = new ArrayList<>();
    private final ChronicleIndexCheck index = new ChronicleIndexCheck();

    private int fileIndex = -1;
    private FileChannel channel;
    private MappedByteBuffer mapped;
    /** A view of {@link #mapped} whose position and limit the checksum moves. */
    private ByteBuffer checksumView;
    private long windowStart;
    private long fileSize;
    private long position;
    private boolean ended;

    private long previousSequence;
    private int previousChecksum = JournalRecord.GENESIS_CHECKSUM;
    private long sequence;
    private int checksum;
    private int length;
    /** The current data document's length, after its 4-byte header. */
    private int documentLength;
    private long documentPosition;
    /** Where the next record of the current document starts; equal to {@link #documentEnd} after its last. */
    private long recordCursor;
    private long documentEnd;
    private long recordStart;
    /** Whether {@link #payload} still lacks the current record's payload (copied when asked, or before unmapping). */
    private boolean payloadPending;
    /** After {@link #seekAfter}: the records up to this sequence in the first document read are passed over. */
    private long skipThrough;
    private boolean skipPending;
    private boolean skipping;
    private Path file;
    private long recordsRead;
    private long firstSequence = 1;

    /**
     * @param journal              the journal's directory (a missing one is an empty journal).
     * @param name                 of the journal in messages, e.g. "input journal".
     */
    JournalReader(final Path journal, final String name)
    {
        this(journal, name, true);
    }

    /**
     * @param verifyChecksums false to check everything but the checksums, for a reader that another reader of the
     *                        same journal, ahead of it, checks for ({@link JournalCheckAhead}): it still reads each
     *                        record's stored checksum as the chain's link.
     */
    JournalReader(final Path journal, final String name, final boolean verifyChecksums)
    {
        this.journal = journal;
        this.verifyChecksums = verifyChecksums;
        this.name = name;
        if (Files.isDirectory(journal))
        {
            try (Stream<Path> list = Files.list(journal))
            {
                list.filter(p -> p.getFileName().toString().endsWith(".cq4") && Files.isRegularFile(p)).sorted()
                    .forEach(files::add);
            }
            catch (final IOException e)
            {
                throw new JournalException("cannot list " + name + " " + journal + ": " + e, e);
            }
        }
    }

    /**
     * Where a reader stood just after one record: {@link #seek} continues from there, chain included.
     *
     * @param nextPosition   where the next document starts.
     * @param document       where the record's document starts (its header).
     * @param recordCursor   where the next record of the record's document starts ({@code documentEnd} if none).
     * @param documentEnd    where the record's document ends.
     */
    record Mark(long sequence, int checksum, int fileIndex, long nextPosition, long document, long recordCursor,
        long documentEnd, long recordsRead)
    {
    }

    /** @return the place just after the record read last. */
    Mark mark()
    {
        return new Mark(previousSequence, previousChecksum, fileIndex, position, documentPosition, recordCursor,
            documentEnd, recordsRead);
    }

    /**
     * Continues reading just after a marked record of this journal (taken by a reader of the same files), with its
     * checksum as the base of the chain.
     */
    void seek(final Mark mark)
    {
        toStart();
        fileIndex = mark.fileIndex() - 1;
        if (!openNextFile())
        {
            throw new IllegalStateException("no file " + mark.fileIndex() + " in " + journal);
        }
        position = mark.nextPosition();
        skipPending = false;
        skipping = false;
        documentPosition = mark.document();
        recordCursor = mark.recordCursor();
        documentEnd = mark.documentEnd();
        if (recordCursor < documentEnd)
        {
            ensureMapped(recordCursor, (int)(documentEnd - recordCursor));
            file = files.get(fileIndex);
        }
        index.disable();
        previousSequence = mark.sequence();
        previousChecksum = mark.checksum();
        recordsRead = mark.recordsRead();
        firstSequence = 0;
    }

    /**
     * Continues reading after a record a follower of this journal noted down ({@link ReadPosition}): its sequence and
     * checksum, its cycle file's name and where its document starts there (or, as positions of journals with a
     * document per record were noted, where the next document starts). The records of that first document up to
     * the sequence are passed over.
     *
     * @throws JournalException if the journal has no such file (archived, or another journal's).
     */
    void seekAfter(final long sequence, final int checksum, final String fileName, final long documentPosition)
    {
        for (int i = 0; i < files.size(); i++)
        {
            if (files.get(i).getFileName().toString().equals(fileName))
            {
                seek(new Mark(sequence, checksum, i, documentPosition, 0, 0, 0, Math.max(1, sequence)));
                skipThrough = sequence;
                skipPending = true;
                return;
            }
        }
        throw new JournalException(name + " " + journal + " has no file " + fileName + " (the record after " +
            "sequence " + sequence + " was to follow in it): it was archived or removed");
    }

    /** Moves back to the first record, with the chain starting from genesis. */
    void toStart()
    {
        closeFile();
        fileIndex = -1;
        ended = false;
        recordCursor = 0;
        documentEnd = 0;
        skipPending = false;
        skipping = false;
        previousSequence = 0;
        previousChecksum = JournalRecord.GENESIS_CHECKSUM;
        recordsRead = 0;
        firstSequence = 1;
    }

    /**
     * Reads the next record.
     *
     * @return false at the end of the journal.
     * @throws JournalException if the record or the file's structure is damaged, or the record breaks the chain or
     *                          the sequence.
     */
    boolean next()
    {
        long recordSequence;
        int recordChecksum;
        int payloadLength;
        long offset;
        do
        {
            if (recordCursor >= documentEnd)
            {
                if (!nextDataDocument())
                {
                    return false;
                }
                recordCursor = documentPosition + 4;
                documentEnd = recordCursor + documentLength;
                skipping = skipPending;
                skipPending = false;
            }
            recordStart = recordCursor;
            final long left = documentEnd - recordStart;
            if (left < JournalRecord.HEADER_LENGTH)
            {
                recordCursor = documentEnd;
                throw damaged((recordStart == documentPosition + 4 ? "record of " : "the document's last ") + left +
                    " bytes, shorter than a record's " + JournalRecord.HEADER_LENGTH + "-byte header");
            }
            offset = recordStart - windowStart;
            recordSequence = window.getLong((int)offset, JournalRecord.ORDER);
            recordChecksum = window.getInt((int)offset + JournalRecord.CHECKSUM_OFFSET, JournalRecord.ORDER);
            payloadLength = window.getInt((int)offset + JournalRecord.LENGTH_OFFSET, JournalRecord.ORDER);
            if (payloadLength < 0 || payloadLength > left - JournalRecord.HEADER_LENGTH)
            {
                recordCursor = documentEnd;
                throw damaged("payload length field says " + payloadLength + " bytes, the document holds " +
                    (left - JournalRecord.HEADER_LENGTH) + " after the record's header");
            }
            recordCursor = recordStart + JournalRecord.HEADER_LENGTH + payloadLength;
        }
        while (skipping && recordSequence <= skipThrough);
        skipping = false;
        payloadView.wrap(window, (int)offset + JournalRecord.HEADER_LENGTH, payloadLength);
        payloadPending = true;
        final boolean archivedStart = recordsRead == 0 && recordSequence > 1;
        if (archivedStart)
        {
            // The journal's earlier files were archived: its first record is the base of the chain from here on.
            // Whoever reads it needs a snapshot at or after the sequence before it (see firstSequence()).
            firstSequence = recordSequence;
        }
        else if (recordSequence != previousSequence + 1)
        {
            throw damaged("sequence " + recordSequence + " after " + previousSequence + " (expected " +
                (previousSequence + 1) + "): a record is missing, inserted or out of order");
        }
        if (verifyChecksums && !archivedStart && recordChecksum != record.checksum(previousChecksum, recordSequence,
            checksumView, (int)offset + JournalRecord.HEADER_LENGTH, payloadLength))
        {
            throw damaged(String.format("checksum 0x%08x, expected 0x%08x from the previous record's " +
                "0x%08x: the record was changed, or one before it was inserted or removed", recordChecksum,
                record.checksum(previousChecksum, recordSequence, payloadView, 0, payloadLength), previousChecksum));
        }
        sequence = recordSequence;
        checksum = recordChecksum;
        length = payloadLength;
        previousSequence = recordSequence;
        previousChecksum = recordChecksum;
        recordsRead++;
        return true;
    }

    /**
     * After {@link #next()} threw: whether the journal holds any document after the one of the damaged record, as
     * far as its structure can still be followed. If not, the damage is in the journal's last document (its last
     * record, or a batch of records): a torn write, or a file cut short.
     */
    boolean hasMoreRecords()
    {
        try
        {
            return nextDataDocument();
        }
        catch (final JournalException e)
        {
            return false;
        }
    }

    /**
     * Reads every remaining record.
     *
     * @return the number of records read by this reader since the start.
     */
    long readToEnd()
    {
        while (next())
        {
            // checks each record
        }
        return recordsRead;
    }

    /** Moves to the next data document, checking the structure on the way; sets its position and length. */
    private boolean nextDataDocument()
    {
        while (!ended)
        {
            if (channel == null && !openNextFile())
            {
                ended = true;
                return false;
            }
            if (position + 4 > fileSize)
            {
                throw structure(position, "the file ends at byte " + fileSize + " without an end marker after the " +
                    "last document: it was cut short (truncated)");
            }
            final int header = readHeader(position);
            if (header == END_OF_DATA)
            {
                checkIndex(position);
                checkZeroFrom(position + 4);
                closeFile();
                continue;
            }
            if (header == 0 || (header & NOT_COMPLETE) != 0)
            {
                final boolean lastFile = fileIndex == files.size() - 1;
                if (!lastFile && header != 0)
                {
                    throw structure(position, "an unfinished document, in a file that later files follow");
                }
                checkIndex(position);
                checkZeroFrom(lastFile ? afterTornWrite(position) : position);
                closeFile();
                if (lastFile)
                {
                    ended = true;
                    return false;
                }
                continue;
            }
            final int documentLength = header & LENGTH_MASK;
            if (position + 4 + documentLength > fileSize)
            {
                throw structure(position, String.format("a document header (0x%08x) says %d bytes, past the " +
                    "file's end at byte %d: the file was cut short, or the header is damaged", header, documentLength,
                    fileSize));
            }
            final long start = position;
            position = (position + 4 + documentLength + 3) & ~3L;
            if ((header & META_DATA) != 0)
            {
                // Read, not touched through the mapping: Chronicle's index documents are mostly unwritten (holes),
                // and a hole touched through a mapping on a full tmpfs faults.
                final int read = 4 + documentLength <= FREE_SPACE_CHUNK ? readFreeSpace(start, 4 + documentLength) : 0;
                final String indexDamage = read == 4 + documentLength ?
                    index.onMetadataDocument(start, freeSpace, 0, documentLength) : null;
                if (indexDamage != null)
                {
                    throw indexDamaged(start, indexDamage);
                }
            }
            else
            {
                ensureMapped(start, 4 + documentLength);
                index.onDataDocument(start);
                documentPosition = start;
                this.documentLength = documentLength;
                file = files.get(fileIndex);
                return true;
            }
        }
        return false;
    }

    /**
     * A header at the start of a page may lie in a hole (the free space): it is read, not touched through the
     * mapping (a hole touched through a mapping on a full tmpfs faults). Other headers share a page with the
     * document before them.
     */
    private int readHeader(final long at)
    {
        if ((at & (PAGE - 1)) == 0)
        {
            return readFreeSpace(at, 4) == 4 ? freeSpace.getInt(0, JournalRecord.ORDER) : 0;
        }
        ensureMapped(at, 4);
        return window.getInt((int)(at - windowStart), JournalRecord.ORDER);
    }

    private boolean openNextFile()
    {
        if (fileIndex + 1 >= files.size())
        {
            return false;
        }
        fileIndex++;
        final Path next = files.get(fileIndex);
        try
        {
            channel = FileChannel.open(next, StandardOpenOption.READ);
            fileSize = channel.size();
        }
        catch (final IOException e)
        {
            throw new JournalException("cannot read " + name + " file " + next + ": " + e, e);
        }
        position = 0;
        windowStart = 0;
        mapped = null;
        index.reset();
        return true;
    }

    /** Maps the window so that it holds {@code [from, from + bytes)} of the current file. */
    private void ensureMapped(final long from, final int bytes)
    {
        if (mapped != null && from >= windowStart && from + bytes <= windowStart + window.capacity())
        {
            return;
        }
        unmap();
        final long start = from & ~(PAGE - 1);
        final long size = Math.min(Math.max(WINDOW_BYTES, from + bytes - start), fileSize - start);
        try
        {
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, start, size);
        }
        catch (final IOException e)
        {
            throw new JournalException("cannot map " + name + " file " + files.get(fileIndex) + ": " + e, e);
        }
        windowStart = start;
        window.wrap(mapped);
        checksumView = mapped.duplicate();
    }

    /**
     * At the end of the journal's data (a zero or "not complete" header at {@code end}): a crash while appending
     * may have left the document being written there, unfinished, behind a header that does not count it; it was
     * never acknowledged, and the next append overwrites it. It holds records that continue the sequence, each as
     * long as its own length field says; the walk stops at the first that does not.
     *
     * @return where the free space after them starts (which must be zero to the file's end).
     */
    private long afterTornWrite(final long end)
    {
        long recordStart = end + 4;
        long expectedSequence = previousSequence + 1;
        while (recordStart + JournalRecord.HEADER_LENGTH <= fileSize &&
            readFreeSpace(recordStart, JournalRecord.HEADER_LENGTH) == JournalRecord.HEADER_LENGTH)
        {
            final long tornSequence = freeSpace.getLong(JournalRecord.SEQUENCE_OFFSET, JournalRecord.ORDER);
            final int tornLength = freeSpace.getInt(JournalRecord.LENGTH_OFFSET, JournalRecord.ORDER);
            if (tornSequence != expectedSequence || tornLength < 0 ||
                recordStart + JournalRecord.HEADER_LENGTH + tornLength > fileSize)
            {
                // Zeros after the last torn record; anything else is garbage, which checkZeroFrom names.
                return recordStart;
            }
            recordStart += JournalRecord.HEADER_LENGTH + tornLength;
            expectedSequence++;
        }
        return recordStart;
    }

    private void checkIndex(final long endOfData)
    {
        final String damage = index.check(endOfData);
        if (damage != null)
        {
            throw indexDamaged(endOfData, damage);
        }
    }

    private JournalIndexException indexDamaged(final long at, final String what)
    {
        return new JournalIndexException(structure(at, what + " (the records are intact, but Chronicle's " +
            "appender and tailers use the index)").getMessage());
    }

    /**
     * The free space after the last document must be zero to the file's end. Read with positional reads, not the
     * mapping: touching a hole of a mapped file on a full tmpfs faults (the file system must allocate a page for
     * it), where reading it returns zeros.
     */
    private void checkZeroFrom(final long from)
    {
        long at = from;
        while (at < fileSize)
        {
            final int read = readFreeSpace(at, (int)Math.min(FREE_SPACE_CHUNK, fileSize - at));
            int offset = 0;
            while (offset + 8 <= read && freeSpace.getLong(offset) == 0)
            {
                offset += 8;
            }
            while (offset < read)
            {
                final byte value = freeSpace.getByte(offset);
                if (value != 0)
                {
                    throw structure(at + offset, String.format("non-zero byte 0x%02x after the end of the data at " +
                        "byte %d: garbage in the free space, or records a damaged header hides", value, from));
                }
                offset++;
            }
            at += read;
        }
    }

    /** Reads {@code length} bytes of the current file at {@code at} into {@link #freeSpace}; returns how many. */
    private int readFreeSpace(final long at, final int length)
    {
        final ByteBuffer buffer = freeSpace.byteBuffer();
        buffer.clear().limit(length);
        try
        {
            int read = 0;
            while (read < length)
            {
                final int n = channel.read(buffer, at + read);
                if (n < 0)
                {
                    break;
                }
                read += n;
            }
            return read;
        }
        catch (final IOException e)
        {
            throw new JournalException("cannot read " + name + " file " + files.get(fileIndex) + ": " + e, e);
        }
    }

    private JournalException structure(final long at, final String what)
    {
        return new JournalException(name + " damaged at " + files.get(fileIndex) + ", position " + at + " (after " +
            recordsRead + " intact records, the last sequence " + previousSequence + "): " + what);
    }

    private JournalException damaged(final String what)
    {
        return new JournalException(name + " damaged at " + where() + ": " + what);
    }

    /**
     * @return the place of the record just read: file, byte position of the record (after its document's 4-byte
     *         header), record number.
     */
    String whereRead()
    {
        return String.format("%s, position %d, record %d", file, recordStart, recordsRead);
    }

    /** @return the place of a record that failed its checks: file, byte position, its number, the one before. */
    String where()
    {
        return String.format("%s, position %d (record %d, after sequence %d)", file, recordStart,
            recordsRead + 1, previousSequence);
    }

    long sequence()
    {
        return sequence;
    }

    int checksum()
    {
        return checksum;
    }

    /**
     * @return a copy of the payload of the record read last (also of one that failed its checks); it stays valid
     *         until the next record is read.
     */
    ExpandableArrayBuffer payload()
    {
        if (payloadPending)
        {
            payload.checkLimit(payloadView.capacity());
            payload.putBytes(0, payloadView, 0, payloadView.capacity());
            payloadPending = false;
        }
        return payload;
    }

    /**
     * @return the payload of the record read last, where it lies in the mapped file, without a copy: valid only
     *         until this reader's next call other than {@link #payload()} (it may unmap the file).
     */
    DirectBuffer payloadView()
    {
        return payloadView;
    }

    int length()
    {
        return length;
    }

    /** @return the file of the record just read. */
    Path file()
    {
        return file;
    }

    /**
     * @return the byte position, in its file, of the document that holds the record just read (of its 4-byte
     *         header): where a follower resumes after the record ({@link ReadPosition}).
     */
    long documentPosition()
    {
        return documentPosition;
    }

    /**
     * @return the byte position, in its file, of the record just read (the first of a document starts after the
     *         document's 4-byte header).
     */
    long recordPosition()
    {
        return recordStart;
    }

    /**
     * @return the sequence of the journal's first record once read: 1, or more if its earlier files were archived
     *         (that record is then taken as it is: the link to the one before it cannot be checked).
     */
    long firstSequence()
    {
        return firstSequence;
    }

    /** @return records read and checked since the start. */
    long recordsRead()
    {
        return recordsRead;
    }

    /** @return the last intact record's sequence (0 before the first). */
    long lastIntactSequence()
    {
        return previousSequence;
    }

    /** @return the last intact record's checksum ({@link JournalRecord#GENESIS_CHECKSUM} before the first). */
    int lastIntactChecksum()
    {
        return previousChecksum;
    }

    private void unmap()
    {
        if (mapped != null)
        {
            payload(); // the record read last keeps its payload
            payloadView.wrap(0, 0);
            checksumView = null;
            IoUtil.unmap(mapped);
            mapped = null;
        }
    }

    private void closeFile()
    {
        unmap();
        // Read only: nothing is lost if closing fails.
        CloseHelper.quietClose(channel);
        channel = null;
    }

    @Override
    public void close()
    {
        closeFile();
    }
}
