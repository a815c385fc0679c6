package io.ordo.journal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.zip.CRC32C;

import io.ordo.core.BlpConfig;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

/**
 * The layout of a data directory, and its identity card {@value #METADATA_FILE}: which message schema the
 * journals are written in and the BLP settings that change outcomes (so a replay uses the same ones).
 * <pre>
 *   DIR/ordo-data.properties   schema id and version, request window capacity, checksum of these
 *   DIR/ordo.lock              the lock ({@link DataDirectoryLock}): who uses the directory
 *   DIR/input/                 input journal (Chronicle Queue): stamped commands
 *   DIR/output/                output journal (Chronicle Queue): the events of each command
 *   DIR/snapshots/             snapshot-&lt;sequence&gt;.snap, the newest few
 * </pre>
 * A directory written with another schema version is refused with a message saying so: there is no upcasting.
 * <p>
 * Not thread safe; used while starting or by the offline tools.
 */
public final class DataDirectory
{
    public static final String METADATA_FILE = "ordo-data.properties";
    private static final String SCHEMA_ID = "schema.id";
    private static final String SCHEMA_VERSION = "schema.version";
    private static final String WINDOW = "blp.requestWindowCapacity";
    private static final String CHECKSUM = "checksum";

    private final Path root;

    public DataDirectory(final Path root)
    {
        this.root = root;
    }

    public Path root()
    {
        return root;
    }

    public Path inputJournal()
    {
        return root.resolve("input");
    }

    public Path outputJournal()
    {
        return root.resolve("output");
    }

    public Path snapshots()
    {
        return root.resolve("snapshots");
    }

    public Path metadata()
    {
        return root.resolve(METADATA_FILE);
    }

    public boolean exists()
    {
        return Files.isRegularFile(metadata());
    }

    /**
     * Creates a data directory for a new engine: the directory must not exist, or be empty. An existing data
     * directory is opened instead ({@link #openForWriting}).
     *
     * @return the settings the directory holds.
     * @throws JournalException if the path exists and is neither empty nor a data directory.
     */
    public BlpConfig create(final BlpConfig config)
    {
        if (exists())
        {
            return openExisting(config);
        }
        try
        {
            if (Files.exists(root) && (!Files.isDirectory(root) || !isEmpty(root)))
            {
                throw new JournalException(root + " is not an Ordo data directory (no " + METADATA_FILE + ") and " +
                    "is not empty: Ordo creates a data directory only in a new or empty directory; name another one");
            }
            Files.createDirectories(root);
            Files.createDirectories(snapshots());
            final Properties properties = new Properties();
            properties.setProperty(SCHEMA_ID, Integer.toString(MessageHeaderDecoder.SCHEMA_ID));
            properties.setProperty(SCHEMA_VERSION, Integer.toString(MessageHeaderDecoder.SCHEMA_VERSION));
            properties.setProperty(WINDOW, Integer.toString(config.requestWindowCapacity()));
            properties.setProperty(CHECKSUM, checksumOf(properties));
            final Path temp = root.resolve(METADATA_FILE + ".tmp");
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8))
            {
                properties.store(writer, "Ordo data directory: do not edit (the checksum covers every setting)");
            }
            Files.move(temp, metadata(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return config;
        }
        catch (final IOException e)
        {
            throw new JournalException("cannot create data directory " + root + ": " + e, e);
        }
    }

    private static boolean isEmpty(final Path directory) throws IOException
    {
        try (java.util.stream.Stream<Path> entries = Files.list(directory))
        {
            return entries.findAny().isEmpty();
        }
    }

    /**
     * Checks an existing directory.
     *
     * @return a config with the directory's outcome-changing settings and the caller's others.
     * @throws JournalException if the directory is not a data directory, its settings file was edited, or it was
     *                          written by another schema.
     */
    public BlpConfig openExisting(final BlpConfig config)
    {
        if (!exists())
        {
            throw new JournalException("not an Ordo data directory: " + root.toAbsolutePath() + " (no " +
                METADATA_FILE + "); check the path, or create one with './ordo init --data " +
                root.toAbsolutePath() + "'");
        }
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(metadata(), StandardCharsets.UTF_8))
        {
            properties.load(reader);
        }
        catch (final IOException | IllegalArgumentException e)
        {
            throw new JournalException("cannot read " + metadata() + ": " + e, e);
        }
        final String checksum = properties.getProperty(CHECKSUM);
        final String expected = checksumOf(properties);
        if (!expected.equals(checksum))
        {
            throw new JournalException(metadata() + " was changed after it was created (" +
                (checksum == null ? "no checksum" : "checksum " + checksum) + ", its settings give " + expected +
                "): these settings decide outcomes, and a replay must use the ones the journals were written " +
                "with; restore the file from a copy");
        }
        final int schemaId = intProperty(properties, SCHEMA_ID);
        final int schemaVersion = intProperty(properties, SCHEMA_VERSION);
        if (schemaId != MessageHeaderDecoder.SCHEMA_ID || schemaVersion != MessageHeaderDecoder.SCHEMA_VERSION)
        {
            throw new JournalException("journals in " + root + " were written with message schema " + schemaId +
                " version " + schemaVersion + "; this build reads schema " + MessageHeaderDecoder.SCHEMA_ID +
                " version " + MessageHeaderDecoder.SCHEMA_VERSION + " and does not upcast. Replay them with the " +
                "build that wrote them (" + metadata() + ")");
        }
        final int window = intProperty(properties, WINDOW);
        return new BlpConfig().requestWindowCapacity(window).orderPoolCapacity(config.orderPoolCapacity())
            .errorHandler(config.errorHandler());
    }

    /** For tests: changes the settings file and its checksum (as a build of another schema would write it). */
    static void rewriteMetadata(final Path metadata, final java.util.function.Consumer<Properties> change)
        throws IOException
    {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(metadata, StandardCharsets.UTF_8))
        {
            properties.load(reader);
        }
        change.accept(properties);
        properties.setProperty(CHECKSUM, checksumOf(properties));
        try (Writer writer = Files.newBufferedWriter(metadata, StandardCharsets.UTF_8))
        {
            properties.store(writer, null);
        }
    }

    /** @return CRC-32C, in hex, of every property but the checksum, as sorted {@code key=value} lines. */
    private static String checksumOf(final Properties properties)
    {
        final StringBuilder canonical = new StringBuilder();
        for (final String key : new java.util.TreeSet<>(properties.stringPropertyNames()))
        {
            if (!CHECKSUM.equals(key))
            {
                canonical.append(key).append('=').append(properties.getProperty(key)).append('\n');
            }
        }
        final CRC32C crc = new CRC32C();
        crc.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", (int)crc.getValue());
    }

    /** Takes the writer's lock: see {@link DataDirectoryLock}. */
    public DataDirectoryLock lockForWriting()
    {
        return DataDirectoryLock.exclusive(root);
    }

    /** Takes a reader's lock, or none if no writer of this build ever opened the directory. */
    public DataDirectoryLock lockForReading()
    {
        return DataDirectoryLock.shared(root);
    }

    private int intProperty(final Properties properties, final String key)
    {
        final String value = properties.getProperty(key);
        try
        {
            return Integer.parseInt(value == null ? "" : value.trim());
        }
        catch (final NumberFormatException e)
        {
            throw new JournalException(metadata() + ": property " + key + " must be an integer, found " + value);
        }
    }

    /** Opens one of the journals (Chronicle Queue); the caller closes it. */
    static SingleChronicleQueue openQueue(final Path path, final boolean readOnly)
    {
        ChronicleLogHandler.install();
        return SingleChronicleQueueBuilder.binary(path).readOnly(readOnly).build();
    }
}
