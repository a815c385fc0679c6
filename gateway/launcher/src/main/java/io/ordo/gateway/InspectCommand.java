package io.ordo.gateway;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.ordo.read.EventRow;
import io.ordo.read.EventRowAdapter;
import io.ordo.read.RecordTimeRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ordo inspect --data DIR}: the output journal's events, one per line, as text or JSON lines, filtered by
 * sequence range, account, instrument and event type. Read only; refused while a server holds the directory.
 * <p>
 * Runs on the calling thread.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
        "Prints the events of the output journal in DIR, one per line: the sequence of the command that caused "
            + "it, the event type and its fields by name (amounts and prices in minor units). Filters combine: "
            + "a sequence range, an account (as the account, the maker or the taker), an instrument, event types.",
        "Exit codes: 0 printed (also when nothing matched); 1 no data directory, a damaged journal, or the "
            + "directory in use by a server; 2 bad arguments." })
public final class InspectCommand implements Callable<Integer>
{
    @Option(names = "--data", paramLabel = "DIR", required = true, description = "The data directory.")
    private Path dataDirectory;

    @Option(names = "--from-sequence", paramLabel = "N", defaultValue = "1", description = "First sequence.")
    private long fromSequence;

    @Option(names = "--to-sequence", paramLabel = "M", defaultValue = "" + Long.MAX_VALUE,
        description = "Last sequence (default: the journal's end).")
    private long toSequence;

    @Mixin
    private RecordedTimeOptions time;

    @Option(names = "--account", paramLabel = "A", description = "Only events that name this account.")
    private Long accountId;

    @Option(names = "--instrument", paramLabel = "I", description = "Only events of this instrument.")
    private Integer instrumentId;

    @Option(names = "--type", paramLabel = "TYPE", split = ",",
        description = "Only these event types (comma separated, any case): CommandAccepted, CommandRejected, "
            + "OrderAccepted, OrderCancelled, OrderExpired, OrderReplaced, Trade, BalanceChanged, ApiKeyCreated, "
            + "ApiKeyRevoked.")
    private List<String> types;

    @Option(names = "--json", description = "JSON lines: one object per event, {\"sequence\":N,\"type\":T,...}.")
    private boolean json;

    @Override
    public Integer call() throws IOException
    {
        final PrintStream out = System.out;
        final long[] printed = new long[1];
        // The generator must not close System.out when it closes.
        final JsonFactory factory = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
        try (JsonGenerator generator = json ? factory.createGenerator(out).setRootValueSeparator(null) : null)
        {
            final EventRowAdapter adapter = new EventRowAdapter(row ->
            {
                if (matches(row))
                {
                    printed[0]++;
                    if (generator == null)
                    {
                        out.println(row);
                    }
                    else
                    {
                        writeJson(generator, row);
                    }
                }
            });
            final RecordTimeRange inTime = new RecordTimeRange(time.fromNs(), time.toNs(), adapter);
            ProgressReporter.readHistory("inspect", dataDirectory, fromSequence, toSequence, inTime::onRecord);
        }
        if (!json)
        {
            out.printf(Locale.ROOT, "%,d events%n", printed[0]);
        }
        out.flush();
        return 0;
    }

    private boolean matches(final EventRow row)
    {
        if (types != null && types.stream().noneMatch(type -> type.trim().equalsIgnoreCase(row.type())))
        {
            return false;
        }
        return (accountId == null || row.namesAccount(accountId)) &&
            (instrumentId == null || row.namesInstrument(instrumentId));
    }

    private static void writeJson(final JsonGenerator generator, final EventRow row)
    {
        try
        {
            generator.writeStartObject();
            generator.writeNumberField("sequence", row.sequence());
            generator.writeStringField("type", row.type());
            for (int i = 0; i < row.fieldCount(); i++)
            {
                if (row.isEnum(i))
                {
                    generator.writeStringField(row.name(i), row.text(i));
                }
                else
                {
                    generator.writeNumberField(row.name(i), row.number(i));
                }
            }
            generator.writeEndObject();
            generator.writeRaw('\n');
            generator.flush();
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }
}
