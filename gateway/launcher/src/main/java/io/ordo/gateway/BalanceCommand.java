package io.ordo.gateway;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import io.ordo.client.StatementPage;
import io.ordo.read.BalanceProjection;
import io.ordo.read.ValueTimeBalanceProjection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ordo balance --data DIR [--account A] [--as-of-sequence N] [--as-of-value-time T] [--known-at-time T]}:
 * balances as of a past sequence (or now), from the output journal's events alone; with a value time, the balances
 * as of that business time as the ledger knew them at the sequence or recorded time (bitemporal: a back-valued
 * deposit recorded today counts towards yesterday as known today, not as known yesterday). Read only; refused while
 * a server holds the directory.
 * <p>
 * Runs on the calling thread.
 */
@Command(
    name = "balance",
    mixinStandardHelpOptions = true,
    description = {
        "Prints the balances (available and held, minor units) of one account, or of every account, as they were "
            + "after the command of sequence N (default: the journal's end), from the output journal in DIR.",
        "With --as-of-value-time T: the balances as of value time T (when deposits, withdrawals and transfers "
            + "count for the business; their value time, else the time they were recorded), counting only what "
            + "was known at sequence N and, with --known-at-time, recorded by then.",
        "Exit codes: 0 printed; 1 no data directory, a damaged journal, or the directory in use by a server; "
            + "2 bad arguments." })
public final class BalanceCommand implements Callable<Integer>
{
    @Option(names = "--data", paramLabel = "DIR", description = "The data directory (or --connect to a server).")
    private Path dataDirectory;

    @Option(names = "--connect", paramLabel = "HOST:PORT", description = "Ask a running server instead of reading "
        + "DIR (needs --account; a trader key may read its own account only): the balances follow from the "
        + "account's statement lines, which carry both times.")
    private String connect;

    @Option(names = "--key-file", paramLabel = "FILE", defaultValue = "data/operator.key",
        description = "With --connect: the API key to log in with (default: ${DEFAULT-VALUE}).")
    private Path keyFile;

    @Spec
    private CommandSpec spec;

    @Option(names = "--account", paramLabel = "A", description = "Only this account.")
    private Long accountId;

    @Option(names = "--as-of-sequence", paramLabel = "N", defaultValue = "" + Long.MAX_VALUE,
        description = "The balances after this sequence's command (default: the journal's end); with a value "
            + "time, what was known at this sequence.")
    private long asOfSequence;

    @Option(names = "--as-of-value-time", paramLabel = "T", converter = InstantNs.class,
        description = "The balances as of this value time (UTC, e.g. 2026-12-02T00:00:00Z), inclusive.")
    private Long asOfValueTimeNs;

    @Option(names = "--known-at-time", paramLabel = "T", converter = InstantNs.class,
        description = "Count only commands recorded at or before T (UTC).")
    private Long knownAtTimeNs;

    @Override
    public Integer call()
    {
        if (connect != null)
        {
            return printFromServer();
        }
        if (dataDirectory == null)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --data DIR or --connect HOST:PORT");
        }
        if (asOfValueTimeNs != null || knownAtTimeNs != null)
        {
            return printBitemporal();
        }
        final BalanceProjection balances = new BalanceProjection(asOfSequence);
        ProgressReporter.readHistory("balance", dataDirectory, 1, asOfSequence, balances::onRecord);
        System.out.printf(Locale.ROOT, "balances as of sequence %d%n", balances.lastSequence());
        System.out.printf(Locale.ROOT, "%12s  %8s  %20s  %20s%n", "account", "asset", "available", "held");
        final long[] rows = new long[1];
        balances.forEachBalance(rowPrinter(rows));
        System.out.printf(Locale.ROOT, "%,d balances%n", rows[0]);
        return 0;
    }

    private int printBitemporal()
    {
        final ValueTimeBalanceProjection balances = new ValueTimeBalanceProjection(
            asOfValueTimeNs == null ? Long.MAX_VALUE : asOfValueTimeNs, asOfSequence,
            knownAtTimeNs == null ? Long.MAX_VALUE : knownAtTimeNs);
        ProgressReporter.readHistory("balance", dataDirectory, 1, asOfSequence, balances::onRecord);
        System.out.printf(Locale.ROOT, "balances as of value time %s, as known at sequence %d (recorded %s)%n",
            asOfValueTimeNs == null ? "any" : Instant.ofEpochSecond(0, asOfValueTimeNs), balances.lastKnownSequence(),
            Instant.ofEpochSecond(0, balances.lastKnownTimestampNs()));
        System.out.printf(Locale.ROOT, "%12s  %8s  %20s  %20s%n", "account", "asset", "available", "held");
        final long[] rows = new long[1];
        balances.forEachBalance(rowPrinter(rows));
        System.out.printf(Locale.ROOT, "%,d balances; %,d balance changes counted, %,d known but valued later%n",
            rows[0], balances.changesCounted(), balances.changesValuedLater());
        return 0;
    }

    /**
     * From the server's statement lines of the account up to the sequence: the last line per asset, or with a value
     * time the sum of the deltas of the lines known (recorded by --known-at-time) and valued by then, as
     * {@link ValueTimeBalanceProjection} sums them from the journal.
     */
    private int printFromServer()
    {
        if (accountId == null)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--connect needs --account");
        }
        final List<StatementPage.Line> lines = RemoteStatement.read(connect, keyFile, accountId, 0, 1, asOfSequence);
        final boolean bitemporal = asOfValueTimeNs != null || knownAtTimeNs != null;
        final long valueLimitNs = asOfValueTimeNs == null ? Long.MAX_VALUE : asOfValueTimeNs;
        final long knownLimitNs = knownAtTimeNs == null ? Long.MAX_VALUE : knownAtTimeNs;
        final TreeMap<Integer, long[]> balances = new TreeMap<>();
        long lastSequence = 0;
        for (final StatementPage.Line line : lines)
        {
            if (line.timestampNs() > knownLimitNs)
            {
                continue;
            }
            lastSequence = line.sequence();
            final long[] balance = balances.computeIfAbsent(line.assetId(), asset -> new long[2]);
            if (!bitemporal)
            {
                balance[0] = line.availableAfter();
                balance[1] = line.heldAfter();
            }
            else if (line.valueTimeNs() <= valueLimitNs)
            {
                balance[0] = Math.addExact(balance[0], line.availableDelta());
                balance[1] = Math.addExact(balance[1], line.heldDelta());
            }
        }
        System.out.printf(Locale.ROOT, "balances of account %d %s, from the server at %s (its last line known: " +
            "sequence %d)%n", accountId, bitemporal ? "as of value time " + (asOfValueTimeNs == null ? "any" :
            Instant.ofEpochSecond(0, asOfValueTimeNs)) : "as of sequence " + (asOfSequence == Long.MAX_VALUE ?
            "the end" : asOfSequence), connect, lastSequence);
        System.out.printf(Locale.ROOT, "%12s  %8s  %20s  %20s%n", "account", "asset", "available", "held");
        final long[] rows = new long[1];
        final BalanceProjection.BalanceRowVisitor printer = rowPrinter(rows);
        balances.forEach((asset, balance) ->
        {
            if (balance[0] != 0 || balance[1] != 0)
            {
                printer.onBalance(accountId, asset, balance[0], balance[1]);
            }
        });
        System.out.printf(Locale.ROOT, "%,d balances%n", rows[0]);
        return 0;
    }

    private BalanceProjection.BalanceRowVisitor rowPrinter(final long[] rows)
    {
        return (account, asset, available, held) ->
        {
            if (accountId == null || accountId == account)
            {
                System.out.printf(Locale.ROOT, "%12d  %8d  %20d  %20d%n", account, asset, available, held);
                rows[0]++;
            }
        };
    }
}
