package io.ordo.journal.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import io.ordo.journal.JournalException;
import io.ordo.journal.ReadPosition;

/**
 * The account index's checkpoint file, {@value AccountIndex#HEADS_FILE}: the position the index has reached, how many
 * entries of {@value AccountIndex#ENTRIES_FILE} are part of it, the journal's cycle files the entries point into,
 * and each account's last entry (sorted by account, so the same index gives the same bytes). Little-endian:
 * <pre>
 *   magic "ORDOAIX1" (8), version (4), file count (4), account count (4), position checksum (4),
 *   position sequence (8), position's document (8; see ReadPosition), entry count (8), position file id (4),
 *   file names (length 4, UTF-8 bytes) ..., accounts (account 8, last entry 8) ..., CRC-32C of all before (4)
 * </pre>
 * Written whole to a temporary file, forced, and renamed over the old one: a crash leaves the old checkpoint or
 * the new one, never a mix; a file that fails its checks is refused, with its name and what to do.
 * <p>
 * Not thread safe.
 */
final class IndexHeads
{
    static final long MAGIC = ByteBuffer.wrap("ORDOAIX1".getBytes(StandardCharsets.US_ASCII))
        .order(ByteOrder.LITTLE_ENDIAN).getLong();
    static final int VERSION = 1;
    private static final int FIXED_LENGTH = 56;

    ReadPosition position = ReadPosition.START;
    long entryCount;
    final List<String> fileNames = new ArrayList<>();
    long[] accounts = new long[0];
    long[] lastEntries = new long[0];
    int accountCount;

    private ByteBuffer buffer = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);

    /** Reads and checks a heads file. */
    static IndexHeads read(final Path file, final String remedy)
    {
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(file);
        }
        catch (final IOException e)
        {
            throw new JournalException("cannot read the account index " + file + ": " + e + "; " + remedy, e);
        }
        final ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < FIXED_LENGTH + 4 || in.getLong(0) != MAGIC)
        {
            throw damaged(file, "not an account index checkpoint (" + bytes.length + " bytes, no ORDOAIX1 magic)",
                remedy);
        }
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int)crc.getValue() != in.getInt(bytes.length - 4))
        {
            throw damaged(file, "its checksum does not match its contents", remedy);
        }
        final int version = in.getInt(8);
        if (version != VERSION)
        {
            throw damaged(file, "version " + version + ", this build reads version " + VERSION, remedy);
        }
        final IndexHeads heads = new IndexHeads();
        final int fileCount = in.getInt(12);
        heads.accountCount = in.getInt(16);
        final int checksum = in.getInt(20);
        final long sequence = in.getLong(24);
        final long next = in.getLong(32);
        heads.entryCount = in.getLong(40);
        final int positionFile = in.getInt(48);
        in.position(FIXED_LENGTH);
        for (int i = 0; i < fileCount; i++)
        {
            final byte[] name = new byte[in.getInt()];
            in.get(name);
            heads.fileNames.add(new String(name, StandardCharsets.UTF_8));
        }
        heads.accounts = new long[heads.accountCount];
        heads.lastEntries = new long[heads.accountCount];
        for (int i = 0; i < heads.accountCount; i++)
        {
            heads.accounts[i] = in.getLong();
            heads.lastEntries[i] = in.getLong();
        }
        heads.position = sequence == 0 ? ReadPosition.START :
            new ReadPosition(sequence, checksum, heads.fileNames.get(positionFile), next);
        return heads;
    }

    /** Writes this checkpoint atomically over {@code file}. */
    void write(final Path file, final int positionFileId)
    {
        int length = FIXED_LENGTH + 4 + accountCount * 16;
        for (final String name : fileNames)
        {
            length += 4 + name.getBytes(StandardCharsets.UTF_8).length;
        }
        if (buffer.capacity() < length)
        {
            buffer = ByteBuffer.allocate(Math.max(length, buffer.capacity() * 2)).order(ByteOrder.LITTLE_ENDIAN);
        }
        buffer.clear();
        buffer.putLong(MAGIC).putInt(VERSION).putInt(fileNames.size()).putInt(accountCount)
            .putInt(position.checksum()).putLong(position.sequence()).putLong(position.documentPosition())
            .putLong(entryCount).putInt(positionFileId).putInt(0);
        for (final String name : fileNames)
        {
            final byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            buffer.putInt(bytes.length).put(bytes);
        }
        for (int i = 0; i < accountCount; i++)
        {
            buffer.putLong(accounts[i]).putLong(lastEntries[i]);
        }
        final CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, buffer.position());
        buffer.putInt((int)crc.getValue());
        buffer.flip();
        final Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING))
        {
            while (buffer.hasRemaining())
            {
                channel.write(buffer);
            }
            channel.force(true);
        }
        catch (final IOException e)
        {
            throw new JournalException("cannot write the account index checkpoint " + temporary + ": " + e, e);
        }
        try
        {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ))
            {
                directory.force(true);
            }
        }
        catch (final IOException e)
        {
            throw new JournalException("cannot replace the account index checkpoint " + file + ": " + e, e);
        }
    }

    private static JournalException damaged(final Path file, final String what, final String remedy)
    {
        return new JournalException("the account index " + file + " is damaged: " + what + "; " + remedy);
    }
}
