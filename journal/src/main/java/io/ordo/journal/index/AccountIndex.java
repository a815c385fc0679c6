package io.ordo.journal.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import io.ordo.journal.JournalException;
import io.ordo.journal.ReadPosition;
import io.ordo.read.RecordAccounts;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Object2IntHashMap;

/**
 * The index by account, a read model of the output journal: for every account, the records that name it (see
 * {@link RecordAccounts}), as a chain of entries from its last back to its first, so that an account's statement
 * reads its own records and not the whole journal. In {@code DIR/index/}:
 * <pre>
 *   accounts.entries   24-byte entries, little-endian, appended in journal order: the record's sequence (8), its
 *                      place (8: cycle file id in the top 16 bits, byte position in the lower 48), the same
 *                      account's previous entry number (8; -1 for its first)
 *   accounts.heads     the checkpoint ({@link IndexHeads}): position, entry count, files, each account's last entry
 * </pre>
 * Entries are appended as records come; {@link #checkpoint()} forces them, then replaces the heads file
 * atomically. On opening, entries past the checkpoint's count (appended before a crash, never checkpointed) are cut
 * off and the records they came from are fed again: nothing is lost or filed twice. The same journal gives the same
 * bytes whether built in one go, live beside the engine, or in pieces across restarts and crashes.
 * <p>
 * Costs 24 bytes on disk per (record, account named) pair, plus 16 bytes per account in the checkpoint.
 * <p>
 * Not thread safe: one writer thread (the {@link Projector}'s, or {@code ordo index}'s); readers use
 * {@link AccountIndexReader} on the files, never this object.
 */
public final class AccountIndex implements Projection
{
    public static final String DIRECTORY = "index";
    public static final String ENTRIES_FILE = "accounts.entries";
    public static final String HEADS_FILE = "accounts.heads";
    static final int ENTRY_LENGTH = 24;
    static final int POSITION_BITS = 48;
    static final long POSITION_MASK = (1L << POSITION_BITS) - 1;
    private static final int WRITE_BUFFER_ENTRIES = 4096;

    private final Path entriesFile;
    private final Path headsFile;
    private final FileChannel entries;
    private final IndexHeads heads;
    private final Long2LongHashMap lastEntryByAccount = new Long2LongHashMap(-1);
    private final Object2IntHashMap<String> fileIds = new Object2IntHashMap<>(-1);
    private final RecordAccounts recordAccounts = new RecordAccounts();
    private final ByteBuffer pending = ByteBuffer.allocateDirect(WRITE_BUFFER_ENTRIES * ENTRY_LENGTH)
        .order(ByteOrder.LITTLE_ENDIAN);
    private long entryCount;
    private long writtenEntries;
    private long positionSequence;
    private int positionChecksum;
    private long positionDocument;
    private Path lastFile;
    private int lastFileId;
    private int positionFileId;
    private long appliedSinceCheckpoint;
    private boolean closed;

    private AccountIndex(final Path directory, final IndexHeads heads, final FileChannel entries)
    {
        this.entriesFile = directory.resolve(ENTRIES_FILE);
        this.headsFile = directory.resolve(HEADS_FILE);
        this.heads = heads;
        this.entries = entries;
        this.entryCount = heads.entryCount;
        this.writtenEntries = heads.entryCount;
        this.positionSequence = heads.position.sequence();
        this.positionChecksum = heads.position.checksum();
        this.positionDocument = heads.position.documentPosition();
        for (int i = 0; i < heads.fileNames.size(); i++)
        {
            fileIds.put(heads.fileNames.get(i), i);
            if (heads.position.sequence() > 0 && heads.fileNames.get(i).equals(heads.position.fileName()))
            {
                positionFileId = i;
            }
        }
        for (int i = 0; i < heads.accountCount; i++)
        {
            lastEntryByAccount.put(heads.accounts[i], heads.lastEntries[i]);
        }
    }

    /** @return {@code DIR/index} of a data directory. */
    public static Path directoryOf(final Path dataDirectory)
    {
        return dataDirectory.resolve(DIRECTORY);
    }

    /** @return what to tell an operator whose index cannot be used. */
    static String remedy(final Path indexDirectory)
    {
        return "delete " + indexDirectory + " (it is only an index: the next `ordo server` or `ordo index --data " +
            indexDirectory.getParent() + "` builds it again from the output journal)";
    }

    /**
     * Opens the index of a data directory, creating it if missing, at its last checkpoint.
     *
     * @throws JournalException if its files are damaged, naming the file and what to do.
     */
    public static AccountIndex open(final Path dataDirectory)
    {
        final Path directory = directoryOf(dataDirectory);
        final Path headsFile = directory.resolve(HEADS_FILE);
        final Path entriesFile = directory.resolve(ENTRIES_FILE);
        try
        {
            Files.createDirectories(directory);
            final IndexHeads heads = Files.exists(headsFile) ? IndexHeads.read(headsFile, remedy(directory)) :
                new IndexHeads();
            final FileChannel entries = FileChannel.open(entriesFile, StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
            final long checkpointed = heads.entryCount * ENTRY_LENGTH;
            if (entries.size() < checkpointed)
            {
                entries.close();
                throw new JournalException("the account index " + entriesFile + " is damaged: " + entries.size() +
                    " bytes, its checkpoint " + headsFile + " counts " + heads.entryCount + " entries of " +
                    ENTRY_LENGTH + " bytes; " + remedy(directory));
            }
            // Entries appended after the last checkpoint: their records come again from the position.
            entries.truncate(checkpointed);
            return new AccountIndex(directory, heads, entries);
        }
        catch (final IOException e)
        {
            throw new JournalException("cannot open the account index in " + directory + ": " + e, e);
        }
    }

    /** Deletes a data directory's index, for a rebuild from zero. */
    public static void delete(final Path dataDirectory)
    {
        final Path directory = directoryOf(dataDirectory);
        try
        {
            Files.deleteIfExists(directory.resolve(HEADS_FILE));
            Files.deleteIfExists(directory.resolve(HEADS_FILE + ".tmp"));
            Files.deleteIfExists(directory.resolve(ENTRIES_FILE));
        }
        catch (final IOException e)
        {
            throw new JournalException("cannot delete the account index in " + directory + ": " + e, e);
        }
    }

    @Override
    public ReadPosition position()
    {
        return positionSequence == 0 ? ReadPosition.START : new ReadPosition(positionSequence, positionChecksum,
            heads.fileNames.get(positionFileId), positionDocument);
    }

    /** @return entries filed so far (checkpointed or not). */
    public long entryCount()
    {
        return entryCount;
    }

    /** @return accounts with at least one entry. */
    public int accountCount()
    {
        return lastEntryByAccount.size();
    }

    @Override
    public void onRecord(final long sequence, final int checksum, final DirectBuffer events, final int offset,
        final int length, final Path file, final long recordPosition, final long documentPosition)
    {
        if (sequence != positionSequence + 1)
        {
            throw new IllegalStateException("the account index is at sequence " + positionSequence +
                ", was given " + sequence);
        }
        if (file != lastFile)
        {
            lastFile = file;
            lastFileId = fileId(file.getFileName().toString());
        }
        final long place = (long)lastFileId << POSITION_BITS | recordPosition;
        final int accounts = recordAccounts.collect(events, offset, length);
        for (int i = 0; i < accounts; i++)
        {
            final long account = recordAccounts.account(i);
            append(sequence, place, lastEntryByAccount.get(account));
            lastEntryByAccount.put(account, entryCount++);
        }
        positionSequence = sequence;
        positionChecksum = checksum;
        positionDocument = documentPosition;
        positionFileId = lastFileId;
        appliedSinceCheckpoint++;
    }

    /** @return records applied since the last checkpoint. */
    public long appliedSinceCheckpoint()
    {
        return appliedSinceCheckpoint;
    }

    @Override
    public void checkpoint()
    {
        flush();
        try
        {
            entries.force(false);
        }
        catch (final IOException e)
        {
            throw new JournalException("cannot force the account index " + entriesFile + ": " + e, e);
        }
        final int accounts = lastEntryByAccount.size();
        if (heads.accounts.length < accounts)
        {
            heads.accounts = new long[Math.max(accounts, heads.accounts.length * 2)];
            heads.lastEntries = new long[heads.accounts.length];
        }
        int i = 0;
        final Long2LongHashMap.KeyIterator keys = lastEntryByAccount.keySet().iterator();
        while (keys.hasNext())
        {
            heads.accounts[i++] = keys.nextValue();
        }
        // Sorted: the same index gives the same bytes, whatever the hash map's order.
        Arrays.sort(heads.accounts, 0, accounts);
        for (int j = 0; j < accounts; j++)
        {
            heads.lastEntries[j] = lastEntryByAccount.get(heads.accounts[j]);
        }
        heads.accountCount = accounts;
        heads.entryCount = entryCount;
        heads.position = position();
        heads.write(headsFile, positionFileId);
        appliedSinceCheckpoint = 0;
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            checkpoint();
        }
        finally
        {
            try
            {
                entries.close();
            }
            catch (final IOException e)
            {
                throw new JournalException("cannot close the account index " + entriesFile + ": " + e, e);
            }
        }
    }

    @Override
    public void discard()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            entries.close();
        }
        catch (final IOException e)
        {
            throw new JournalException("cannot close the account index " + entriesFile + ": " + e, e);
        }
    }

    /** Writes the pending entries and closes without a checkpoint: what a crash leaves behind (tests). */
    void crash()
    {
        flush();
        discard();
    }

    private int fileId(final String name)
    {
        int id = fileIds.getValue(name);
        if (id == -1)
        {
            id = heads.fileNames.size();
            if (id > 0xFFFF)
            {
                throw new JournalException("the account index " + headsFile + " cannot hold more than 65,536 " +
                    "journal files");
            }
            heads.fileNames.add(name);
            fileIds.put(name, id);
        }
        return id;
    }

    private void append(final long sequence, final long place, final long previousEntry)
    {
        if (!pending.hasRemaining())
        {
            flush();
        }
        pending.putLong(sequence).putLong(place).putLong(previousEntry);
    }

    private void flush()
    {
        pending.flip();
        final long entriesInBuffer = pending.remaining() / ENTRY_LENGTH;
        try
        {
            long at = writtenEntries * ENTRY_LENGTH;
            while (pending.hasRemaining())
            {
                at += entries.write(pending, at);
            }
        }
        catch (final IOException e)
        {
            throw new JournalException("cannot write the account index " + entriesFile + ": " + e, e);
        }
        writtenEntries += entriesInBuffer;
        pending.clear();
    }
}
