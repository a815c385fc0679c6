package io.ordo.journal.index;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.ordo.journal.JournalException;
import io.ordo.journal.ReadPosition;
import org.agrona.collections.MutableLong;

/**
 * Reads a data directory's {@link AccountIndex} as its last checkpoint left it: which records name an account,
 * and where they are in the output journal. The entries file is mapped read only, up to the checkpoint's count;
 * entries written after it are ignored.
 * <p>
 * Not thread safe; one reader thread. Read only: take the data directory's reader lock (a
 * {@link io.ordo.journal.HistoryReader}) for as long as it is used, so that no engine appends meanwhile.
 */
public final class AccountIndexReader implements AutoCloseable
{
    /** Entries per mapped segment (a multiple of the entry length, under 2 GiB). */
    private static final long SEGMENT_BYTES = (long)AccountIndex.ENTRY_LENGTH << 25;

    private final IndexHeads heads;
    private final FileChannel channel;
    private final MappedByteBuffer[] segments;

    private AccountIndexReader(final IndexHeads heads, final FileChannel channel, final MappedByteBuffer[] segments)
    {
        this.heads = heads;
        this.channel = channel;
        this.segments = segments;
    }

    /** @return whether a data directory has an index checkpoint to read. */
    public static boolean exists(final Path dataDirectory)
    {
        return Files.isRegularFile(AccountIndex.directoryOf(dataDirectory).resolve(AccountIndex.HEADS_FILE));
    }

    /**
     * @throws JournalException if the index is damaged, naming the file and what to do.
     */
    public static AccountIndexReader open(final Path dataDirectory)
    {
        final Path directory = AccountIndex.directoryOf(dataDirectory);
        final IndexHeads heads = IndexHeads.read(directory.resolve(AccountIndex.HEADS_FILE),
            AccountIndex.remedy(directory));
        final Path entries = directory.resolve(AccountIndex.ENTRIES_FILE);
        final long bytes = heads.entryCount * AccountIndex.ENTRY_LENGTH;
        try
        {
            final FileChannel channel = FileChannel.open(entries, StandardOpenOption.READ);
            if (channel.size() < bytes)
            {
                channel.close();
                throw new JournalException("the account index " + entries + " is damaged: " + channel.size() +
                    " bytes, its checkpoint counts " + heads.entryCount + " entries of " + AccountIndex.ENTRY_LENGTH +
                    " bytes; " + AccountIndex.remedy(directory));
            }
            final MappedByteBuffer[] segments = new MappedByteBuffer[(int)((bytes + SEGMENT_BYTES - 1) /
                SEGMENT_BYTES)];
            for (int i = 0; i < segments.length; i++)
            {
                final long start = i * SEGMENT_BYTES;
                segments[i] = channel.map(FileChannel.MapMode.READ_ONLY, start, Math.min(SEGMENT_BYTES,
                    bytes - start));
                segments[i].order(ByteOrder.LITTLE_ENDIAN);
            }
            return new AccountIndexReader(heads, channel, segments);
        }
        catch (final IOException e)
        {
            throw new JournalException("cannot read the account index " + entries + ": " + e + "; " +
                AccountIndex.remedy(directory), e);
        }
    }

    /** @return the last record the index holds, and where the journal goes on after it. */
    public ReadPosition position()
    {
        return heads.position;
    }

    public long entryCount()
    {
        return heads.entryCount;
    }

    public int accountCount()
    {
        return heads.accountCount;
    }

    /**
     * @return the records that name {@code accountId} and lie in {@code [fromSequence, toSequence]}, in sequence
     *         order.
     */
    public AccountRecords recordsOf(final long accountId, final long fromSequence, final long toSequence)
    {
        final int slot = java.util.Arrays.binarySearch(heads.accounts, 0, heads.accountCount, accountId);
        final AccountRecords records = new AccountRecords();
        if (slot < 0)
        {
            return records;
        }
        final MutableLong place = new MutableLong();
        long entry = heads.lastEntries[slot];
        while (entry >= 0)
        {
            if (entry >= heads.entryCount)
            {
                throw new JournalException("the account index is damaged: account " + accountId + " points at " +
                    "entry " + entry + " of " + heads.entryCount);
            }
            final long sequence = readEntry(entry, place);
            if (sequence < fromSequence)
            {
                break;
            }
            if (sequence <= toSequence)
            {
                records.add(sequence, heads.fileNames.get((int)(place.get() >>> AccountIndex.POSITION_BITS)),
                    place.get() & AccountIndex.POSITION_MASK);
            }
            entry = previousOf(entry);
        }
        records.reverse();
        return records;
    }

    @Override
    public void close()
    {
        try
        {
            channel.close();
        }
        catch (final IOException e)
        {
            throw new JournalException("cannot close the account index: " + e, e);
        }
    }

    private long readEntry(final long entry, final MutableLong place)
    {
        final long at = entry * AccountIndex.ENTRY_LENGTH;
        final MappedByteBuffer segment = segments[(int)(at / SEGMENT_BYTES)];
        final int offset = (int)(at % SEGMENT_BYTES);
        place.set(segment.getLong(offset + 8));
        return segment.getLong(offset);
    }

    private long previousOf(final long entry)
    {
        final long at = entry * AccountIndex.ENTRY_LENGTH;
        return segments[(int)(at / SEGMENT_BYTES)].getLong((int)(at % SEGMENT_BYTES) + 16);
    }
}
