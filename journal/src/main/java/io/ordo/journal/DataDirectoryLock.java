package io.ordo.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock on a data directory, an operating-system file lock on {@code DIR/ordo.lock} held for as long as the
 * directory is in use: exclusive for whatever writes or repairs it (the engine, {@code recover}, {@code repair}),
 * shared for readers ({@code verify}, {@code replay}), so that nothing reads a directory while something writes
 * it, and two writers never meet. The exclusive holder writes its process id into the file, for the message of
 * the one refused. The operating system releases the lock when the process dies, so a killed engine leaves no
 * stale lock behind.
 * <p>
 * A reader never writes: if the file does not exist (a directory no writer of this build has opened) it reads
 * without a lock.
 * <p>
 * Not thread safe; taken and released by the thread that opens and closes the directory.
 */
public final class DataDirectoryLock implements AutoCloseable
{
    public static final String FILE = "ordo.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(final FileChannel channel, final FileLock lock)
    {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the exclusive lock, creating the lock file if needed, and records this process's id in it.
     *
     * @throws JournalException "data directory D is in use by process N" if anything else holds a lock on it.
     */
    static DataDirectoryLock exclusive(final Path root)
    {
        return take(root, false);
    }

    /**
     * Takes a shared lock if the lock file exists.
     *
     * @return the lock, or null if there is no lock file.
     * @throws JournalException "data directory D is in use by process N" if a writer holds it.
     */
    static DataDirectoryLock shared(final Path root)
    {
        return take(root, true);
    }

    private static DataDirectoryLock take(final Path root, final boolean shared)
    {
        final Path file = root.resolve(FILE);
        FileChannel channel = null;
        try
        {
            channel = shared ? FileChannel.open(file, StandardOpenOption.READ) :
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            final FileLock lock = tryLock(channel, shared);
            if (lock == null)
            {
                throw inUse(root, channel, shared || !heldByReaders(channel));
            }
            if (!shared)
            {
                final byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(pid), 0);
            }
            return new DataDirectoryLock(channel, lock);
        }
        catch (final IOException e)
        {
            closeQuietly(channel);
            if (shared && e instanceof NoSuchFileException)
            {
                return null;
            }
            throw new JournalException("cannot lock data directory " + root + " (" + file + "): " + e, e);
        }
        catch (final RuntimeException e)
        {
            closeQuietly(channel);
            throw e;
        }
    }

    private static FileLock tryLock(final FileChannel channel, final boolean shared) throws IOException
    {
        try
        {
            return channel.tryLock(0, Long.MAX_VALUE, shared);
        }
        catch (final OverlappingFileLockException e)
        {
            // This JVM holds it already (a second engine on the same directory in one process).
            return null;
        }
    }

    /** After an exclusive lock was refused: whether only readers hold the file (a shared lock is granted). */
    private static boolean heldByReaders(final FileChannel channel) throws IOException
    {
        final FileLock probe = tryLock(channel, true);
        if (probe == null)
        {
            return false;
        }
        probe.release();
        return true;
    }

    private static JournalException inUse(final Path root, final FileChannel channel, final boolean byWriter)
        throws IOException
    {
        final ByteBuffer content = ByteBuffer.allocate(32);
        channel.read(content, 0);
        final String pid = new String(content.array(), 0, Math.max(0, content.position()),
            StandardCharsets.US_ASCII).trim();
        final String holder = !byWriter || pid.isEmpty() || !pid.chars().allMatch(Character::isDigit) ?
            "another process reading it (verify or replay)" : "process " + pid +
            (pid.equals(Long.toString(ProcessHandle.current().pid())) ? " (this one)" : "");
        return new JournalException("data directory " + root + " is in use by " + holder + ": stop it first, or " +
            "wait for it to finish (" + root.resolve(FILE) + " is locked)");
    }

    private static void closeQuietly(final FileChannel channel)
    {
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignored)
            {
                // Closing releases the lock, if any; nothing else to do.
            }
        }
    }

    /** Releases the lock. The exclusive holder's process id stays in the file (harmless: only a lock counts). */
    @Override
    public void close()
    {
        try
        {
            lock.release();
        }
        catch (final IOException ignored)
        {
            // The channel's close below releases it too.
        }
        closeQuietly(channel);
    }
}
