package io.ordo.journal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** For tests: every record of a journal (sequence and payload, in hex), checked as {@link JournalReader} reads. */
final class OutputRecords
{
    private OutputRecords()
    {
    }

    static List<String> of(final Path journal)
    {
        final List<String> records = new ArrayList<>();
        try (JournalReader reader = new JournalReader(journal, "journal"))
        {
            while (reader.next())
            {
                records.add(reader.sequence() + ":" + HexFormat.of().formatHex(reader.payload().byteArray(), 0,
                    reader.length()));
            }
        }
        return records;
    }
}
