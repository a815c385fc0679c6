package io.ordo.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.ordo.core.BlpConfig;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The one repair Ordo does, and only when the operator asks: setting aside a torn last record (a write cut short
 * by a crash), which start-up refuses. The journal is copied without that record into a new queue, and the
 * original is kept beside it as {@code input.torn-<sequence>}; output records for sequences the input journal no
 * longer holds are set aside the same way. Damage anywhere but the last record is not repaired: that journal
 * needs restoring from a copy.
 * <p>
 * Offline: the engine must not be running on the directory. Runs on the calling thread.
 */
public final class JournalRepair
{
    private JournalRepair()
    {
    }

    /**
     * @return what was done, for the operator.
     * @throws JournalException if the damage is not just a torn last record.
     */
    public static String truncateTornTail(final DataDirectory directory) throws IOException
    {
        directory.openExisting(new BlpConfig());
        try (DataDirectoryLock lock = directory.lockForWriting())
        {
            return truncateTornTailLocked(directory);
        }
    }

    private static String truncateTornTailLocked(final DataDirectory directory) throws IOException
    {
        directory.openExisting(new BlpConfig());
        final StringBuilder report = new StringBuilder();
        final long inputLast = keepIntactPrefix(directory.inputJournal(), "input journal", true, Long.MAX_VALUE,
            report);
        keepIntactPrefix(directory.outputJournal(), "output journal", false, inputLast, report);
        if (report.length() == 0)
        {
            report.append("nothing to repair: both journals are intact to their last record");
        }
        return report.toString();
    }

    /**
     * @return the last intact sequence kept.
     */
    private static long keepIntactPrefix(
        final Path path, final String name, final boolean consecutive, final long maxSequence,
        final StringBuilder report) throws IOException
    {
        long intact = 0;
        long intactRecords = 0;
        String damage = null;
        try (SingleChronicleQueue queue = DataDirectory.openQueue(path, true);
            JournalReader reader = new JournalReader(queue, name, consecutive))
        {
            reader.toStart();
            try
            {
                while (reader.next())
                {
                    if (reader.sequence() > maxSequence)
                    {
                        damage = name + " holds sequence " + reader.sequence() + " beyond the input journal's " +
                            maxSequence;
                        break;
                    }
                    intact = reader.sequence();
                    intactRecords++;
                }
            }
            catch (final JournalException e)
            {
                if (reader.hasMoreRecords())
                {
                    throw new JournalException(e.getMessage() + ". Records follow it, so this is not a torn " +
                        "last write: not repaired; restore " + path + " from a copy");
                }
                damage = e.getMessage();
            }
        }
        if (damage == null)
        {
            return intact;
        }

        final Path repaired = path.resolveSibling(path.getFileName() + ".repair-tmp");
        final Path setAside = path.resolveSibling(path.getFileName() + ".torn-" + (intact + 1));
        copyRecords(path, repaired, intactRecords);
        Files.move(path, setAside, StandardCopyOption.ATOMIC_MOVE);
        Files.move(repaired, path, StandardCopyOption.ATOMIC_MOVE);
        report.append(name).append(": ").append(damage).append("\n  kept ").append(intactRecords)
            .append(" records (to sequence ").append(intact).append(") in ").append(path)
            .append("; the original is kept as ").append(setAside).append('\n');
        return intact;
    }

    private static void copyRecords(final Path from, final Path to, final long records)
    {
        try (SingleChronicleQueue source = DataDirectory.openQueue(from, true);
            SingleChronicleQueue target = DataDirectory.openQueue(to, false);
            ExcerptTailer tailer = source.createTailer();
            ExcerptAppender appender = target.createAppender())
        {
            final byte[] buffer = new byte[1 << 16];
            for (long i = 0; i < records; i++)
            {
                try (DocumentContext in = tailer.readingDocument())
                {
                    final Bytes<?> bytes = in.wire().bytes();
                    final int length = (int)bytes.readRemaining();
                    final byte[] record = length <= buffer.length ? buffer : new byte[length];
                    bytes.read(record, 0, length);
                    try (DocumentContext out = appender.writingDocument())
                    {
                        out.wire().bytes().write(record, 0, length);
                    }
                }
            }
        }
    }
}
