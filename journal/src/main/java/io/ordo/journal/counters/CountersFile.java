package io.ordo.journal.counters;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

/**
 * The engine's live counters in a memory-mapped file of the data directory, {@code counters.dat}, the way Aeron
 * exposes its counters in its CnC file: a header, then Agrona's counters metadata and values buffers. The engine
 * writes the values with ordered stores; {@code ordo stat} maps the file read only from another process and reads
 * them without touching the engine (no lock, no socket).
 * <p>
 * Header (little-endian): magic {@code 0x4F52_4443} ("ORDC") int at 0, layout version int at 4, metadata length
 * int at 8, values length int at 12, the writer's process id long at 16, its start time (epoch ms) long at 24. The
 * metadata buffer starts at {@link #HEADER_LENGTH}, the values buffer after it.
 * <p>
 * Created and written by the engine's starting thread and its pipeline threads (one writer per counter); read
 * from anywhere.
 */
public final class CountersFile implements AutoCloseable
{
    public static final String FILE = "counters.dat";
    static final int MAGIC = 0x4F52_4443;
    static final int VERSION = 1;
    static final int HEADER_LENGTH = 4096;
    /** Room for this many counters (each takes a values slot and a metadata record). */
    static final int MAX_COUNTERS = 256;
    static final int VALUES_LENGTH = MAX_COUNTERS * CountersReader.COUNTER_LENGTH;
    static final int METADATA_LENGTH = MAX_COUNTERS * CountersReader.METADATA_LENGTH;

    private final MappedByteBuffer mapped;
    private final UnsafeBuffer header;
    private final UnsafeBuffer metadata;
    private final UnsafeBuffer values;
    private boolean closed;

    private CountersFile(final MappedByteBuffer mapped, final int metadataLength, final int valuesLength)
    {
        this.mapped = mapped;
        this.header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        this.metadata = new UnsafeBuffer(mapped, HEADER_LENGTH, metadataLength);
        this.values = new UnsafeBuffer(mapped, HEADER_LENGTH + metadataLength, valuesLength);
    }

    /** The engine's: a new file (replacing the last run's), stamped with this process and its start time. */
    public static CountersFile create(final Path dataDirectory, final long startTimeMs)
    {
        final File file = dataDirectory.resolve(FILE).toFile();
        IoUtil.deleteIfExists(file);
        final MappedByteBuffer mapped = IoUtil.mapNewFile(file, HEADER_LENGTH + METADATA_LENGTH + VALUES_LENGTH);
        final CountersFile counters = new CountersFile(mapped, METADATA_LENGTH, VALUES_LENGTH);
        counters.header.putLong(16, ProcessHandle.current().pid());
        counters.header.putLong(24, startTimeMs);
        counters.header.putInt(8, METADATA_LENGTH);
        counters.header.putInt(12, VALUES_LENGTH);
        counters.header.putInt(4, VERSION);
        counters.header.putIntOrdered(0, MAGIC);
        return counters;
    }

    /**
     * A reader's view of the file of a running (or the last) engine.
     *
     * @throws IllegalArgumentException if there is no such file or it is not one of these.
     */
    public static CountersFile openForReading(final Path dataDirectory)
    {
        final Path path = dataDirectory.resolve(FILE);
        if (!Files.isRegularFile(path))
        {
            throw new IllegalArgumentException("no counters in " + dataDirectory + " (" + path + " does not exist): " +
                "the engine writes them while it runs; start it with `ordo server --data " + dataDirectory + "`");
        }
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(path.toFile(), FILE);
        final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, Math.min(HEADER_LENGTH, mapped.capacity()));
        final int metadataLength = mapped.capacity() >= 16 ? header.getInt(8) : -1;
        final int valuesLength = mapped.capacity() >= 16 ? header.getInt(12) : -1;
        if (mapped.capacity() < HEADER_LENGTH || header.getIntVolatile(0) != MAGIC || header.getInt(4) != VERSION ||
            metadataLength <= 0 || valuesLength <= 0 ||
            (long)HEADER_LENGTH + metadataLength + valuesLength > mapped.capacity())
        {
            IoUtil.unmap(mapped);
            throw new IllegalArgumentException(path + " is not an Ordo counters file of layout version " + VERSION +
                " (being created, damaged, or written by another build): start the server again to rewrite it");
        }
        return new CountersFile(mapped, metadataLength, valuesLength);
    }

    /** @return the process that wrote the file. */
    public long pid()
    {
        return header.getLong(16);
    }

    /** @return when that process started, epoch ms. */
    public long startTimeMs()
    {
        return header.getLong(24);
    }

    UnsafeBuffer metadataBuffer()
    {
        return metadata;
    }

    UnsafeBuffer valuesBuffer()
    {
        return values;
    }

    /** @return a reader of the counters (labels and values). */
    public CountersReader reader()
    {
        return new CountersReader(metadata, values);
    }

    /** Unmaps the file: nothing may read or write its counters afterwards. Idempotent. */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            IoUtil.unmap(mapped);
        }
    }
}
