package io.ordo.gateway;

import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import io.ordo.journal.DataDirectory;
import io.ordo.journal.index.AccountHistory;
import io.ordo.read.StatementLine;
import io.ordo.read.StatementProjection;
import io.ordo.client.StatementPage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ordo statement --data DIR --account A}: an account's passbook from the output journal (the event store)
 * alone: every change of its balances, with the cause, the command (sequence, time, account, request id) and the
 * balances after it, and whether every line follows from the one before. Read only; refused while a server holds
 * the directory.
 * <p>
 * Runs on the calling thread.
 */
@Command(
    name = "statement",
    mixinStandardHelpOptions = true,
    description = {
        "Prints an account's statement from the output journal in DIR (through the index by account when DIR has "
            + "one: see `ordo index`): every balance change of the account (of one "
            + "asset with --asset), with its cause (DEPOSIT, WITHDRAWAL, TRANSFER, ORDER_HOLD, ORDER_RELEASE, TRADE, "
            + "FEE), the sequence and time of the command that caused it, the reference (order, trade or "
            + "counterparty account) and the available and held balances after it, and the value time when the "
            + "command gave one of its own; then the closing balances. Amounts in minor units.",
        "Exit codes: 0 printed, every line explained by the one before; 3 a line does not follow from the one "
            + "before (history does not explain a balance: run `ordo verify`); 1 no data directory, a damaged "
            + "journal, or the directory in use by a server; 2 bad arguments." })
public final class StatementCommand implements Callable<Integer>
{
    /** Exit code when history does not explain a balance. */
    static final int UNEXPLAINED = 3;
    private static final long[] ZERO = {0, 0, 0};

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "The data directory (or --connect to a server).")
    private Path dataDirectory;

    @Option(names = "--connect", paramLabel = "HOST:PORT", description = "Ask a running server over the wire " +
        "instead of reading DIR: a trader key may read its own account only.")
    private String connect;

    @Option(names = "--key-file", paramLabel = "FILE", defaultValue = "data/operator.key",
        description = "With --connect: the API key to log in with (default: ${DEFAULT-VALUE}).")
    private Path keyFile;

    @Option(names = "--account", paramLabel = "A", required = true, description = "The account.")
    private long accountId;

    @Option(names = "--asset", paramLabel = "X", description = "Only this asset's balance.")
    private Integer assetId;

    @Option(names = "--from-sequence", paramLabel = "N", defaultValue = "1",
        description = "First sequence (default: ${DEFAULT-VALUE}); the first line of each balance opens it.")
    private long fromSequence;

    @Option(names = "--to-sequence", paramLabel = "M", defaultValue = "" + Long.MAX_VALUE,
        description = "Last sequence (default: the journal's end).")
    private long toSequence;

    @Mixin
    private RecordedTimeOptions time;

    @Option(names = "--no-index", description = "Read the whole journal, each record checked against the chain, "
        + "instead of the account's records through the index.")
    private boolean noIndex;

    @Override
    public Integer call()
    {
        // Buffered: System.out flushes at every line, which costs more than reading a statement's records.
        final PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false,
            StandardCharsets.UTF_8);
        try
        {
            return print(out);
        }
        finally
        {
            out.flush();
        }
    }

    private int print(final PrintStream out)
    {
        if (connect != null)
        {
            return printFromServer(out);
        }
        if (dataDirectory == null)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --data DIR or --connect HOST:PORT");
        }
        out.printf(Locale.ROOT, "statement of account %d%s, %s%n", accountId,
            assetId == null ? "" : ", asset " + assetId, range());
        out.printf(Locale.ROOT, "%10s  %-30s  %-13s  %18s  %18s  %20s  %18s  %10s  %s%n", "sequence", "time (UTC)",
            "cause", "available delta", "held delta", "available after", "held after", "reference", "command");
        final TreeMap<Integer, StatementLine> closing = new TreeMap<>();
        final StatementProjection statement = new StatementProjection(accountId,
            assetId == null ? StatementProjection.ANY_ASSET : assetId, fromSequence, toSequence, line ->
            {
                closing.put(line.assetId(), line);
                print(out, line);
            }).timeRange(time.fromNs(), time.toNs());
        final long last;
        final String how;
        if (noIndex)
        {
            last = ProgressReporter.readHistory("statement", dataDirectory, fromSequence, toSequence,
                statement::onRecord);
            how = "the whole journal read (--no-index)";
        }
        else
        {
            final AccountHistory.Result result;
            try (ProgressReporter progress = ProgressReporter.start("statement", dataDirectory, "records"))
            {
                result = AccountHistory.read(new DataDirectory(dataDirectory), accountId, fromSequence, toSequence,
                    statement::onRecord, progress, warning -> System.err.println("ordo statement: " + warning));
            }
            last = result.lastSequence();
            how = !result.indexed() ? "the whole journal read (no account index: `ordo index --data " +
                dataDirectory + "` builds one)" : String.format(Locale.ROOT, "%,d records read through the " +
                "account index (up to sequence %d), %,d after it", result.recordsFetched(), result.indexPosition(),
                result.recordsScanned());
        }
        out.printf(Locale.ROOT, "%,d lines up to sequence %d; %s%n", statement.lineCount(), Math.min(last, toSequence),
            how);
        closing.forEach((asset, line) -> out.printf(Locale.ROOT,
            "closing balance of asset %d: available %d, held %d (as of sequence %d)%n", asset,
            line.availableAfterMinor(), line.heldAfterMinor(), line.sequence()));
        if (statement.unexplainedLines() > 0)
        {
            out.printf(Locale.ROOT, "NOT EXPLAINED: %,d lines do not follow from the line before; run `ordo verify " +
                "--data %s`%n", statement.unexplainedLines(), dataDirectory);
            return UNEXPLAINED;
        }
        out.println("explained: every line follows from the one before" +
            (fromSequence <= 1 && !time.hasFrom() ? ", from a zero opening balance" : ""));
        return 0;
    }

    /** The statement as the server reads it from its event store (QueryStatement pages), explained line by line. */
    private int printFromServer(final PrintStream out)
    {
        if (time.given() || noIndex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--from-time, --to-time and --no-index read a data directory; over --connect give sequences");
        }
        final List<StatementPage.Line> lines = RemoteStatement.read(connect, keyFile, accountId,
            assetId == null ? 0 : assetId, fromSequence, toSequence);
        out.printf(Locale.ROOT, "statement of account %d%s, %s, from the server at %s%n", accountId,
            assetId == null ? "" : ", asset " + assetId, range(), connect);
        out.printf(Locale.ROOT, "%10s  %-30s  %-13s  %18s  %18s  %20s  %18s  %10s%n", "sequence", "time (UTC)",
            "cause", "available delta", "held delta", "available after", "held after", "reference");
        final TreeMap<Integer, long[]> closing = new TreeMap<>();
        long unexplained = 0;
        for (final StatementPage.Line line : lines)
        {
            final long[] before = closing.getOrDefault(line.assetId(), fromSequence <= 1 ? ZERO : null);
            if (before != null && (line.availableAfter() - line.availableDelta() != before[0] ||
                line.heldAfter() - line.heldDelta() != before[1]))
            {
                unexplained++;
            }
            closing.put(line.assetId(), new long[] {line.availableAfter(), line.heldAfter(), line.sequence()});
            out.printf(Locale.ROOT, "%10d  %-30s  %-13s  %+18d  %+18d  %20d  %18d  %10d%s%n", line.sequence(),
                Instant.ofEpochSecond(0, line.timestampNs()), line.cause(), line.availableDelta(), line.heldDelta(),
                line.availableAfter(), line.heldAfter(), line.referenceId(),
                line.valueTimeNs() == line.timestampNs() ? "" : "  value " +
                Instant.ofEpochSecond(0, line.valueTimeNs()));
        }
        out.printf(Locale.ROOT, "%,d lines%n", lines.size());
        closing.forEach((asset, after) -> out.printf(Locale.ROOT,
            "closing balance of asset %d: available %d, held %d (as of sequence %d)%n", asset, after[0], after[1],
            after[2]));
        if (unexplained > 0)
        {
            out.printf(Locale.ROOT, "NOT EXPLAINED: %,d lines do not follow from the line before%n", unexplained);
            return UNEXPLAINED;
        }
        out.println("explained: every line follows from the one before" +
            (fromSequence <= 1 ? ", from a zero opening balance" : ""));
        return 0;
    }

    private String range()
    {
        return "sequences " + fromSequence + " to " + (toSequence == Long.MAX_VALUE ? "the end" : toSequence) +
            time.describe();
    }

    private static void print(final PrintStream out, final StatementLine line)
    {
        out.printf(Locale.ROOT, "%10d  %-30s  %-13s  %+18d  %+18d  %20d  %18d  %10d  account %d request %d%s%n",
            line.sequence(), Instant.ofEpochSecond(0, line.timestampNs()), line.causeName(),
            line.availableDeltaMinor(), line.heldDeltaMinor(), line.availableAfterMinor(), line.heldAfterMinor(),
            line.referenceId(), line.commandAccountId(), line.clientRequestId(),
            line.valueTimeNs() == line.timestampNs() ? "" : " value " + Instant.ofEpochSecond(0, line.valueTimeNs()));
    }
}
