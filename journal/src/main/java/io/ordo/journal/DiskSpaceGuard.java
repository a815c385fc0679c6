package io.ordo.journal;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Stops a journal before its file system is full. Chronicle Queue writes through a memory-mapped file, and a write
 * to a page the file system has no room for does not fail with an error code: the process gets SIGBUS, the JVM
 * turns it into an {@link InternalError} somewhere in the middle of the write, and the record is left torn and the
 * queue's write lock held. So the journal asks for the usable space of its file system ahead of the writes and
 * refuses the next append, before anything of it is written, once the space is below a reserve.
 * <p>
 * Asking is a system call (about half a microsecond): it is made at the first append and then once every
 * {@value #CHECK_INTERVAL_BYTES} bytes appended, so between two checks a journal writes at most that much more
 * (plus one record). {@link File#getUsableSpace()} is used because, unlike
 * {@link java.nio.file.FileStore#getUsableSpace()}, it allocates nothing.
 * <p>
 * Not thread safe: owned by the journal's appending thread. {@link #checkAtStart} may be called from any thread.
 */
public final class DiskSpaceGuard
{
    /**
     * The default reserve: far more than the 2 MiB two journals write between checks; the rest is room for what the
     * checks do not see (Chronicle's index pages and a new day's file, other writers on the file system, a
     * snapshot being written), for the restart (recovery may write a ring of missing output records) and for the
     * operator.
     */
    public static final long DEFAULT_RESERVE_BYTES = 64L << 20;
    /** A journal checks the free space again after appending this many bytes. */
    public static final long CHECK_INTERVAL_BYTES = 1L << 20;
    /** Chronicle's header and the {@link JournalRecord} header (sequence, checksum, length) of each record. */
    static final int RECORD_OVERHEAD_BYTES = 4 + 16;

    private final Path directory;
    private final File file;
    private final long reserveBytes;
    private long bytesUntilCheck;

    /**
     * @param directory    of the journal (any directory on its file system).
     * @param reserveBytes free space to keep; 0 for none.
     */
    DiskSpaceGuard(final Path directory, final long reserveBytes)
    {
        if (reserveBytes < 0)
        {
            throw new IllegalArgumentException("reserveBytes must be >= 0: " + reserveBytes);
        }
        this.directory = directory;
        this.file = directory.toFile();
        this.reserveBytes = reserveBytes;
    }

    /**
     * Called before a record of {@code lengthBytes} is written.
     *
     * @param lastSequence of the journal's last record, for the message.
     * @throws JournalException if the check is due and the free space is below the reserve; nothing of the record
     *                          has been written then.
     */
    void beforeAppend(final int lengthBytes, final long lastSequence)
    {
        if (bytesUntilCheck <= 0)
        {
            final long usableBytes = file.getUsableSpace();
            if (usableBytes < reserveBytes)
            {
                throw new JournalException(message(directory, usableBytes, reserveBytes) + "; free space, then " +
                    "restart (this journal ends intact at sequence " + lastSequence + ": nothing after it was " +
                    "acknowledged)");
            }
            bytesUntilCheck = CHECK_INTERVAL_BYTES;
        }
        bytesUntilCheck -= lengthBytes + RECORD_OVERHEAD_BYTES;
    }

    /**
     * Refuses to start an engine on a file system with less free space than the reserve.
     *
     * @param directory    the data directory (it exists: the engine checks it first).
     * @param reserveBytes free space to keep.
     * @throws JournalException if the free space is below the reserve.
     */
    static void checkAtStart(final Path directory, final long reserveBytes)
    {
        final long usableBytes = directory.toFile().getUsableSpace();
        if (usableBytes < reserveBytes)
        {
            throw new JournalException(message(directory, usableBytes, reserveBytes) + "; free space, then start " +
                "again");
        }
    }

    private static String message(final Path directory, final long usableBytes, final long reserveBytes)
    {
        return String.format(Locale.ROOT, "no space left on device for %s: %.1f MiB free, below the %.1f MiB reserve",
            directory, usableBytes / (double)(1 << 20), reserveBytes / (double)(1 << 20));
    }
}
