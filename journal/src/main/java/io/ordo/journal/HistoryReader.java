package io.ordo.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongConsumer;

import io.ordo.core.BlpConfig;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A read session on a data directory's output journal, the event store, for the read side: the directory's reader
 * lock is held from {@link #open} to {@link #close}, so that no engine writes meanwhile (a running server makes it
 * refuse with the lock's message). Three ways in:
 * <ul>
 *   <li>{@link #read}: records from the start, each checked against the chain as {@code verify} checks them;</li>
 *   <li>{@link #readAfter}: records after a follower's {@link ReadPosition}, without reading what came before; the
 *       first one's link to the position's checksum is checked, so a position taken on another journal is
 *       refused;</li>
 *   <li>{@link #fetch}: one record at a known place (what an index points at), its sequence and length checked;
 *       its chain link is not (that needs the record before it: {@code ordo verify} checks the whole chain).</li>
 * </ul>
 * Damage is a {@link JournalException} naming the file and position.
 * <p>
 * Not thread safe: one session, one thread.
 */
public final class HistoryReader implements AutoCloseable
{
    /** Records between two calls of a progress listener. */
    public static final int PROGRESS_EVERY = 1 << 16;
    private static final int DOCUMENT_HEADER = 4;

    private final DataDirectory directory;
    private final DataDirectoryLock lock;
    private final JournalReader output;
    private final Map<String, FileChannel> files = new HashMap<>();
    private final ByteBuffer header = ByteBuffer.allocate(JournalRecord.HEADER_LENGTH)
        .order(JournalRecord.ORDER);
    private final UnsafeBuffer fetched = new UnsafeBuffer(new byte[256]);
    private ByteBuffer fetchBuffer = ByteBuffer.wrap(fetched.byteArray());
    private int fetchedLength;

    private HistoryReader(final DataDirectory directory, final DataDirectoryLock lock, final JournalReader output)
    {
        this.directory = directory;
        this.lock = lock;
        this.output = output;
    }

    /**
     * @throws IllegalArgumentException if there is no data directory.
     * @throws JournalException         if the directory is in use by a writer, or of another schema.
     */
    public static HistoryReader open(final DataDirectory directory)
    {
        if (!directory.exists())
        {
            throw new IllegalArgumentException("no data directory at " + directory.root() +
                ": create one with `ordo init --data " + directory.root() + "` or run `ordo server --data " +
                directory.root() + "`");
        }
        final DataDirectoryLock lock = directory.lockForReading();
        try
        {
            // Refuses a directory of another schema or settings file damage, with the file named.
            directory.openExisting(new BlpConfig());
            return new HistoryReader(directory, lock, new JournalReader(directory.outputJournal(), "output journal"));
        }
        catch (final RuntimeException e)
        {
            if (lock != null)
            {
                lock.close();
            }
            throw e;
        }
    }

    /**
     * Opens the output journal of a directory that a running engine of this process holds, without a lock (the
     * engine holds it), for {@link #fetch}ing records the engine has journaled and an index has named. Not for
     * {@link #read} or {@link #readAfter}, which read to the journal's end while the engine appends: read the live
     * part through an {@link EventTail}.
     */
    public static HistoryReader openBesideEngine(final DataDirectory directory)
    {
        return new HistoryReader(directory, null, new JournalReader(directory.outputJournal(), "output journal"));
    }

    public DataDirectory directory()
    {
        return directory;
    }

    /**
     * @param fromSequence first sequence handed over (records before it are read and checked, not delivered).
     * @param toSequence   last sequence handed over; reading stops after it.
     * @param progress     told the records read so far every {@link #PROGRESS_EVERY} records, and at the end.
     * @return the last sequence read.
     */
    public long read(final long fromSequence, final long toSequence, final EventTailListener listener,
        final LongConsumer progress)
    {
        output.toStart();
        long last = 0;
        long records = 0;
        while (output.next())
        {
            last = output.sequence();
            if (++records % PROGRESS_EVERY == 0)
            {
                progress.accept(records);
            }
            if (last >= fromSequence)
            {
                listener.onRecord(last, output.payload(), 0, output.length());
            }
            if (last >= toSequence)
            {
                break;
            }
        }
        progress.accept(records);
        return last;
    }

    /**
     * Hands over every record after {@code after} to the journal's end.
     *
     * @return the last sequence read ({@code after.sequence()} if there is none after it).
     * @throws JournalException if the journal does not go on from {@code after} (another journal's position, an
     *                          archived file, damage).
     */
    public long readAfter(final ReadPosition after, final LocatedRecordListener listener, final LongConsumer progress)
    {
        if (after.sequence() == 0)
        {
            output.toStart();
        }
        else
        {
            output.seekAfter(after.sequence(), after.checksum(), after.fileName(), after.documentPosition());
        }
        long last = after.sequence();
        long records = 0;
        while (output.next())
        {
            last = output.sequence();
            if (++records % PROGRESS_EVERY == 0)
            {
                progress.accept(records);
            }
            listener.onRecord(last, output.checksum(), output.payload(), 0, output.length(), output.file(),
                output.recordPosition(), output.documentPosition());
        }
        progress.accept(records);
        return last;
    }

    /**
     * Reads the record of {@code sequence} at a place an index noted: cycle file {@code fileName} of the output
     * journal, byte {@code recordPosition}.
     *
     * @return the record's events, valid until the next fetch; their length is {@link #fetchedLength()}.
     * @throws JournalException if the file is missing, or what is there is not that record.
     */
    public DirectBuffer fetch(final String fileName, final long recordPosition, final long sequence)
    {
        final FileChannel channel = channel(fileName);
        final String where = directory.outputJournal().resolve(fileName) + " at byte " + recordPosition;
        try
        {
            header.clear();
            if (recordPosition < DOCUMENT_HEADER || readFully(channel, header, recordPosition) < header.capacity())
            {
                throw new JournalException("output journal " + where + ": no record there (the file ends " +
                    "before), expected sequence " + sequence);
            }
            final long found = header.getLong(JournalRecord.SEQUENCE_OFFSET);
            final int length = header.getInt(JournalRecord.LENGTH_OFFSET);
            if (found != sequence || length < 0)
            {
                throw new JournalException(String.format("output journal %s: expected the record of sequence %d, " +
                    "found sequence %d, length %d", where, sequence, found, length));
            }
            if (fetchBuffer.capacity() < length)
            {
                fetched.wrap(new byte[Math.max(length, fetchBuffer.capacity() * 2)]);
                fetchBuffer = ByteBuffer.wrap(fetched.byteArray());
            }
            fetchBuffer.clear().limit(length);
            if (readFully(channel, fetchBuffer, recordPosition + JournalRecord.HEADER_LENGTH) < length)
            {
                throw new JournalException("output journal " + where + ": the record of sequence " + sequence +
                    " is cut short");
            }
            fetchedLength = length;
            return fetched;
        }
        catch (final IOException e)
        {
            throw new JournalException("cannot read output journal " + where + ": " + e, e);
        }
    }

    /** @return the length of the events {@link #fetch} returned last. */
    public int fetchedLength()
    {
        return fetchedLength;
    }

    @Override
    public void close()
    {
        try
        {
            for (final FileChannel channel : files.values())
            {
                channel.close();
            }
        }
        catch (final IOException e)
        {
            throw new JournalException("cannot close output journal file: " + e, e);
        }
        finally
        {
            output.close();
            if (lock != null)
            {
                lock.close();
            }
        }
    }

    private FileChannel channel(final String fileName)
    {
        FileChannel channel = files.get(fileName);
        if (channel == null)
        {
            final Path file = directory.outputJournal().resolve(fileName);
            if (!Files.isRegularFile(file))
            {
                throw new JournalException("output journal file " + file + " is missing (archived or removed)");
            }
            try
            {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            }
            catch (final IOException e)
            {
                throw new JournalException("cannot read output journal file " + file + ": " + e, e);
            }
            files.put(fileName, channel);
        }
        return channel;
    }

    private static int readFully(final FileChannel channel, final ByteBuffer buffer, final long position)
        throws IOException
    {
        int read = 0;
        while (buffer.hasRemaining())
        {
            final int n = channel.read(buffer, position + read);
            if (n < 0)
            {
                break;
            }
            read += n;
        }
        return read;
    }
}
