package io.ordo.journal;

import java.io.IOException;
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
            final Path temp = root.resolve(METADATA_FILE + ".tmp");
            writeMetadata(temp, properties);
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
        final Properties properties = readMetadata(metadata());
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

    /**
     * Writes the settings file: a comment, the settings as sorted {@code key=value} lines, then
     * {@code checksum=} the CRC-32C (8 hex digits) of every byte before that line.
     */
    private static void writeMetadata(final Path file, final Properties properties) throws IOException
    {
        final StringBuilder text = new StringBuilder(
            "# Ordo data directory: do not edit (the checksum covers every byte above it)\n");
        for (final String key : new java.util.TreeSet<>(properties.stringPropertyNames()))
        {
            text.append(key).append('=').append(properties.getProperty(key)).append('\n');
        }
        final byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        final String line = CHECKSUM + "=" + crcOf(body, body.length) + "\n";
        try (java.io.OutputStream out = Files.newOutputStream(file))
        {
            out.write(body);
            out.write(line.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /**
     * Reads the settings file, checking its checksum over every byte before the checksum line, which must be the
     * file's last.
     *
     * @throws JournalException if it cannot be read or was changed.
     */
    private static Properties readMetadata(final Path file)
    {
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(file);
        }
        catch (final IOException e)
        {
            throw new JournalException("cannot read " + file + ": " + e, e);
        }
        final String text = new String(bytes, StandardCharsets.ISO_8859_1);
        final int line = text.lastIndexOf("\n" + CHECKSUM + "=");
        final int end = line + 2 + CHECKSUM.length() + 8;
        final String stored = line < 0 || end + 1 != bytes.length || bytes[end] != '\n' ? null :
            text.substring(line + 2 + CHECKSUM.length(), end);
        final String expected = line < 0 ? crcOf(bytes, bytes.length) : crcOf(bytes, line + 1);
        if (!expected.equals(stored))
        {
            throw new JournalException(file + " was changed after it was created (" +
                (stored == null ? "no checksum as its last line" : "checksum " + stored) + ", its contents give " +
                expected + "): these settings decide outcomes, and a replay must use the ones the journals were " +
                "written with; restore the file from a copy");
        }
        final Properties properties = new Properties();
        try
        {
            properties.load(new java.io.StringReader(new String(bytes, 0, line + 1, StandardCharsets.UTF_8)));
        }
        catch (final IOException | IllegalArgumentException e)
        {
            throw new JournalException("cannot read " + file + ": " + e, e);
        }
        return properties;
    }

    private static String crcOf(final byte[] bytes, final int length)
    {
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return String.format("%08x", (int)crc.getValue());
    }

    /** For tests: changes the settings file and its checksum (as a build of another schema would write it). */
    static void rewriteMetadata(final Path metadata, final java.util.function.Consumer<Properties> change)
        throws IOException
    {
        final Properties properties = readMetadata(metadata);
        change.accept(properties);
        writeMetadata(metadata, properties);
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
