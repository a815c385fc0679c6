package io.ordo.gateway;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.ordo.read.BalanceProjection;
import io.ordo.read.ValueTimeBalanceProjection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
    @Option(names = "--data", paramLabel = "DIR", required = true, description = "The data directory.")
    private Path dataDirectory;

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
