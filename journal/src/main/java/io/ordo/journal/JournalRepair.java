package io.ordo.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.ordo.core.BlpConfig;

/**
 * The one repair Ordo does, and only when the operator asks: setting aside a damaged last record (a write torn by
 * a crash, a file cut short), which start-up refuses. A journal with such a tail is copied without it into a new
 * queue, and the original is kept beside it as {@code input.torn-<sequence>} (or {@code output.torn-<sequence>});
 * output records for sequences the input journal no longer holds are set aside the same way.
 * <p>
 * Output records beyond the input journal's intact end mean that the commands they answer may have been
 * acknowledged (results wait for the output journal): repair refuses to discard those unless told so explicitly
 * ({@code discardAcknowledged}), and says exactly which sequences it sets aside and whether any may have been
 * acknowledged. Damage anywhere but at a journal's end is not repaired: the input journal needs restoring from a
 * copy, the output journal restoring or rebuilding.
 * <p>
 * Offline: takes the data directory's exclusive lock. Runs on the calling thread.
 */
public final class JournalRepair
{
    private JournalRepair()
    {
    }

    /** As {@link #truncateTornTail(DataDirectory, boolean)}, refusing to discard acknowledged commands. */
    public static String truncateTornTail(final DataDirectory directory) throws IOException
    {
        return truncateTornTail(directory, false);
    }

    /**
     * @param discardAcknowledged whether commands that may have been acknowledged may be set aside.
     * @return what was done, for the operator.
     * @throws JournalException if the damage is not at the journals' ends, or if repairing would discard commands
     *                          that may have been acknowledged and that was not allowed.
     */
    public static String truncateTornTail(final DataDirectory directory, final boolean discardAcknowledged)
        throws IOException
    {
        directory.openExisting(new BlpConfig());
        try (DataDirectoryLock lock = directory.lockForWriting())
        {
            return repairLocked(directory, discardAcknowledged);
        }
    }

    private static String repairLocked(final DataDirectory directory, final boolean discardAcknowledged)
        throws IOException
    {
        final Recovery.JournalEnd output = Recovery.JournalEnd.of(directory.outputJournal(), "output journal");
        final Recovery.JournalEnd input = Recovery.JournalEnd.of(directory.inputJournal(), "input journal");
        if (input.damage != null && !input.damageIsLast)
        {
            throw new JournalException(input.damage.getMessage() + ". Records follow it, so this is not a torn " +
                "last write: not repaired; restore " + directory.inputJournal() + " from a copy");
        }
        if (output.damage != null && !output.damageIsLast)
        {
            throw new JournalException(output.damage.getMessage() + ". Records follow it, so this is not a torn " +
                "last write: not repaired; restore " + directory.outputJournal() + " from a copy, or rebuild it " +
                "from the input journal (move it aside and start the engine: every output record is written anew)");
        }
        final long keepInput = input.lastSequence;
        final boolean atRisk = output.lastSequence > keepInput;
        if (atRisk && !discardAcknowledged)
        {
            throw new JournalException("not repaired: the input journal " + directory.inputJournal() + " is intact " +
                "to sequence " + keepInput + (input.damage == null ? "" : " (" + input.damage.getMessage() + ")") +
                ", but the output journal holds events up to sequence " + output.lastSequence + ": the commands at " +
                Recovery.range(keepInput + 1, output.lastSequence) + " may have been acknowledged, and repair " +
                "would discard them. Restore the input journal from a copy; or, accepting their loss, run again " +
                "with --discard-acknowledged");
        }
        final long keepOutput = Math.min(output.lastSequence, keepInput);
        final StringBuilder report = new StringBuilder();
        if (input.damage != null)
        {
            final Path aside = keepPrefix(directory.inputJournal(), "input journal", keepInput);
            report.append("input journal: set aside the damaged record after sequence ").append(keepInput)
                .append(atRisk ? "" : " (no events for it in the output journal: it was never acknowledged)")
                .append("\n  damage: ").append(input.damage.getMessage())
                .append("\n  kept ").append(input.records).append(" records (sequences 1 to ").append(keepInput)
                .append(") in ").append(directory.inputJournal()).append("; the original is kept as ").append(aside)
                .append('\n');
        }
        if (output.damage != null || atRisk)
        {
            final Path aside = keepPrefix(directory.outputJournal(), "output journal", keepOutput);
            report.append("output journal: set aside ");
            if (atRisk)
            {
                report.append("the events of ").append(Recovery.range(keepInput + 1, output.lastSequence))
                    .append(", whose commands the input journal does not hold: they may have been acknowledged, " +
                        "and are discarded as asked (--discard-acknowledged)");
            }
            if (output.damage != null)
            {
                report.append(atRisk ? ", and " : "").append("the damaged record after sequence ")
                    .append(output.lastSequence).append(" (never acknowledged: results wait for it)")
                    .append("\n  damage: ").append(output.damage.getMessage());
            }
            report.append("\n  kept the records of sequences 1 to ").append(keepOutput).append(" in ")
                .append(directory.outputJournal()).append("; the original is kept as ").append(aside).append('\n');
        }
        if (report.length() == 0)
        {
            report.append("nothing to repair: both journals are intact to their last record (input sequence ")
                .append(keepInput).append(", output sequence ").append(output.lastSequence).append(')');
        }
        else
        {
            report.append("start the engine to continue from sequence ").append(keepInput).append(
                keepOutput < keepInput ? " (it writes the missing output records)" : "");
        }
        return report.toString();
    }

    /**
     * Copies a journal's records up to a sequence into a new queue that takes the journal's place.
     *
     * @return where the original was moved.
     */
    static Path keepPrefix(final Path journal, final String name, final long lastSequence) throws IOException
    {
        final Path repaired = journal.resolveSibling(journal.getFileName() + ".repair-tmp");
        final Path setAside = journal.resolveSibling(journal.getFileName() + ".torn-" + (lastSequence + 1));
        if (Files.exists(repaired) || Files.exists(setAside))
        {
            throw new JournalException("not repaired: " + (Files.exists(repaired) ? repaired : setAside) +
                " exists (from an earlier repair?): move it away first");
        }
        try (JournalReader probe = new JournalReader(journal, name))
        {
            if (probe.next() && probe.firstSequence() > 1)
            {
                throw new JournalException("not repaired: the " + name + " " + journal + " starts at sequence " +
                    probe.firstSequence() + " (its earlier files were archived); restore them, then repair");
            }
        }
        try (JournalReader reader = new JournalReader(journal, name);
            ChronicleJournal copy = new ChronicleJournal(DataDirectory.openQueue(repaired, false), Durability.SYNC,
                0, JournalRecord.GENESIS_CHECKSUM))
        {
            while (reader.lastIntactSequence() < lastSequence && reader.next())
            {
                copy.append(reader.sequence(), reader.payload(), 0, reader.length());
            }
            copy.endOfBatch();
        }
        Files.move(journal, setAside, StandardCopyOption.ATOMIC_MOVE);
        Files.move(repaired, journal, StandardCopyOption.ATOMIC_MOVE);
        return setAside;
    }
}
