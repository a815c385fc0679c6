package io.ordo.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Snapshot files in a directory: {@code snapshot-<sequence, 20 digits>.snap}, each the BLP snapshot of
 * {@code io.ordo.core} (with its own magic, versions and CRC) inside a file header. Little-endian.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 Magic "ORDOSNPF" (8 bytes)                    |
 *  +---------------------------------------------------------------+
 *  |                 File Format Version                           |
 *  +---------------------------------------------------------------+
 *  |                 Header Length (48)                            |
 *  +---------------------------------------------------------------+
 *  |                 Sequence (8 bytes): state after this command  |
 *  +---------------------------------------------------------------+
 *  |                 Input Journal Index (8 bytes): not read       |
 *  +---------------------------------------------------------------+
 *  |                 Body Length (8 bytes)                         |
 *  +---------------------------------------------------------------+
 *  |                 CRC-32C of bytes 0..39 and the body           |
 *  +---------------------------------------------------------------+
 *  |                 Reserved (0)                                  |
 *  +---------------------------------------------------------------+
 *  |                 Body: BLP snapshot ...                       ...
 *  +---------------------------------------------------------------+
 * </pre>
 * Written to {@code .tmp}, forced to disk, atomically renamed, and the directory forced; then all but the newest
 * {@code keep} are deleted. A reader sees a whole snapshot or none.
 * <p>
 * Not thread safe: one writer at a time (the snapshot writer thread), readers while nothing writes.
 */
public final class SnapshotStore
{
    static final long MAGIC = 0x46504E534F44524FL; // "ORDOSNPF" read as a little-endian long
    static final int FORMAT_VERSION = 1;
    static final int HEADER_LENGTH = 48;
    static final int CRC_OFFSET = 40;
    private static final Pattern NAME = Pattern.compile("snapshot-(\\d{20})\\.snap");

    private final Path directory;
    private final int keep;

    /**
     * @param keep how many of the newest snapshots to keep (at least 1).
     */
    public SnapshotStore(final Path directory, final int keep)
    {
        if (keep < 1)
        {
            throw new IllegalArgumentException("keep must be >= 1: " + keep);
        }
        this.directory = directory;
        this.keep = keep;
    }

    /** One snapshot file, loaded and checked. */
    public static final class Snapshot
    {
        public final Path file;
        public final long sequence;
        public final long journalIndex;
        public final DirectBuffer body;
        public final int bodyLength;

        Snapshot(final Path file, final long sequence, final long journalIndex, final DirectBuffer body,
            final int bodyLength)
        {
            this.file = file;
            this.sequence = sequence;
            this.journalIndex = journalIndex;
            this.body = body;
            this.bodyLength = bodyLength;
        }
    }

    /** @return the sequence a snapshot file's name gives, or -1 if it is not a snapshot file's name. */
    static long sequenceOf(final Path file)
    {
        final Matcher matcher = NAME.matcher(file.getFileName().toString());
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : -1;
    }

    public static String fileName(final long sequence)
    {
        return String.format("snapshot-%020d.snap", sequence);
    }

    /**
     * Writes a snapshot durably and prunes old ones. If the write fails (a full disk), the temporary file is deleted.
     *
     * @return the file written.
     */
    public Path write(final long sequence, final long journalIndex, final byte[] body, final int bodyLength)
        throws IOException
    {
        Files.createDirectories(directory);
        final ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(MAGIC).putInt(FORMAT_VERSION).putInt(HEADER_LENGTH)
            .putLong(sequence).putLong(journalIndex).putLong(bodyLength);
        final CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, CRC_OFFSET);
        crc.update(body, 0, bodyLength);
        header.putInt((int)crc.getValue()).putInt(0).flip();

        final Path target = directory.resolve(fileName(sequence));
        final Path temp = directory.resolve(fileName(sequence) + ".tmp");
        try (FileChannel channel = FileChannel.open(temp,
            StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
        {
            while (header.hasRemaining())
            {
                channel.write(header);
            }
            final ByteBuffer bodyBuffer = ByteBuffer.wrap(body, 0, bodyLength);
            while (bodyBuffer.hasRemaining())
            {
                channel.write(bodyBuffer);
            }
            channel.force(true);
        }
        catch (final IOException e)
        {
            // A full disk, typically: the part written would only take space that the journals need.
            try
            {
                Files.deleteIfExists(temp);
            }
            catch (final IOException deleteFailure)
            {
                e.addSuppressed(deleteFailure);
            }
            throw e;
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory();
        prune();
        return target;
    }

    private void forceDirectory()
    {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ))
        {
            channel.force(true);
        }
        catch (final IOException e)
        {
            // Not every platform can open a directory; the rename is still atomic there.
        }
    }

    private void prune() throws IOException
    {
        final List<Path> files = list();
        for (int i = keep; i < files.size(); i++)
        {
            Files.deleteIfExists(files.get(i));
        }
    }

    /** @return the snapshot files, newest (highest sequence) first. Temp files are ignored. */
    public List<Path> list() throws IOException
    {
        final List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(directory))
        {
            return files;
        }
        try (Stream<Path> stream = Files.list(directory))
        {
            stream.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).forEach(files::add);
        }
        files.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
        return files;
    }

    /**
     * Loads and checks one snapshot file.
     *
     * @throws JournalException naming the file, field, position, expected and found value if it is damaged.
     */
    public static Snapshot load(final Path file)
    {
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(file);
        }
        catch (final IOException e)
        {
            throw new JournalException("cannot read snapshot " + file + ": " + e, e);
        }
        if (bytes.length < HEADER_LENGTH)
        {
            throw new JournalException("snapshot " + file + " damaged: " + bytes.length +
                " bytes, shorter than its " + HEADER_LENGTH + "-byte header");
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        final long magic = buffer.getLong(0, order);
        if (magic != MAGIC)
        {
            throw new JournalException(String.format("snapshot %s damaged at position 0: magic 0x%016x, " +
                "expected 0x%016x", file, magic, MAGIC));
        }
        final int version = buffer.getInt(8, order);
        if (version != FORMAT_VERSION)
        {
            throw new JournalException("snapshot " + file + " at position 8: file format version " + version +
                ", this build reads " + FORMAT_VERSION);
        }
        final long sequence = buffer.getLong(16, order);
        final long journalIndex = buffer.getLong(24, order);
        final long bodyLength = buffer.getLong(32, order);
        if (bodyLength != bytes.length - HEADER_LENGTH)
        {
            throw new JournalException("snapshot " + file + " damaged at position 32: body length " + bodyLength +
                ", the file holds " + (bytes.length - HEADER_LENGTH) + " bytes after the header (truncated?)");
        }
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, CRC_OFFSET);
        crc.update(bytes, HEADER_LENGTH, (int)bodyLength);
        final int stored = buffer.getInt(CRC_OFFSET, order);
        if (stored != (int)crc.getValue())
        {
            throw new JournalException(String.format("snapshot %s damaged: CRC-32C at position %d is 0x%08x, " +
                "the contents give 0x%08x", file, CRC_OFFSET, stored, (int)crc.getValue()));
        }
        final Matcher matcher = NAME.matcher(file.getFileName().toString());
        if (matcher.matches() && Long.parseLong(matcher.group(1)) != sequence)
        {
            throw new JournalException("snapshot " + file + ": its name says sequence " + matcher.group(1) +
                ", its header " + sequence);
        }
        return new Snapshot(file, sequence, journalIndex, new UnsafeBuffer(bytes, HEADER_LENGTH, (int)bodyLength),
            (int)bodyLength);
    }

    public Path directory()
    {
        return directory;
    }
}
