package io.ordo.journal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import io.ordo.core.BlpConfig;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

/**
 * The layout of a data directory, and its identity card {@value #METADATA_FILE}: which message schema the
 * journals are written in and the BLP settings that change outcomes (so a replay uses the same ones).
 * <pre>
 *   DIR/ordo-data.properties   schema id and version, request window capacity
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
     * Creates the directory for a new engine, or checks that an existing one was written by this schema version
     * with the same outcome-changing settings.
     *
     * @return the settings the directory was created with (for an existing one, its recorded values win where
     *         the caller has no opinion: the request window capacity).
     */
    public BlpConfig openForWriting(final BlpConfig config)
    {
        try
        {
            if (!exists())
            {
                Files.createDirectories(root);
                Files.createDirectories(snapshots());
                final Properties properties = new Properties();
                properties.setProperty(SCHEMA_ID, Integer.toString(MessageHeaderDecoder.SCHEMA_ID));
                properties.setProperty(SCHEMA_VERSION, Integer.toString(MessageHeaderDecoder.SCHEMA_VERSION));
                properties.setProperty(WINDOW, Integer.toString(config.requestWindowCapacity()));
                final Path temp = root.resolve(METADATA_FILE + ".tmp");
                try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8))
                {
                    properties.store(writer, "Ordo data directory: do not edit");
                }
                Files.move(temp, metadata(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                return config;
            }
            return openForReading(config);
        }
        catch (final IOException e)
        {
            throw new JournalException("cannot create data directory " + root + ": " + e, e);
        }
    }

    /**
     * Checks an existing directory.
     *
     * @return a config with the directory's outcome-changing settings and the caller's others.
     * @throws JournalException if the directory is not a data directory or was written by another schema.
     */
    public BlpConfig openForReading(final BlpConfig config)
    {
        if (!exists())
        {
            throw new JournalException("not an Ordo data directory: " + root + " (no " + METADATA_FILE + ")");
        }
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(metadata(), StandardCharsets.UTF_8))
        {
            properties.load(reader);
        }
        catch (final IOException e)
        {
            throw new JournalException("cannot read " + metadata() + ": " + e, e);
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
