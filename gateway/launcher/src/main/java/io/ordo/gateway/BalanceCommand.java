package io.ordo.gateway;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.ordo.read.BalanceProjection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ordo balance --data DIR [--account A] [--as-of-sequence N]}: balances as of a past sequence (or now), from
 * the output journal's events alone. Read only; refused while a server holds the directory.
 * <p>
 * Runs on the calling thread.
 */
@Command(
    name = "balance",
    mixinStandardHelpOptions = true,
    description = {
        "Prints the balances (available and held, minor units) of one account, or of every account, as they were "
            + "after the command of sequence N (default: the journal's end), from the output journal in DIR.",
        "Exit codes: 0 printed; 1 no data directory, a damaged journal, or the directory in use by a server; "
            + "2 bad arguments." })
public final class BalanceCommand implements Callable<Integer>
{
    @Option(names = "--data", paramLabel = "DIR", required = true, description = "The data directory.")
    private Path dataDirectory;

    @Option(names = "--account", paramLabel = "A", description = "Only this account.")
    private Long accountId;

    @Option(names = "--as-of-sequence", paramLabel = "N", defaultValue = "" + Long.MAX_VALUE,
        description = "The balances after this sequence's command (default: the journal's end).")
    private long asOfSequence;

    @Override
    public Integer call()
    {
        final BalanceProjection balances = new BalanceProjection(asOfSequence);
        ProgressReporter.readHistory("balance", dataDirectory, 1, asOfSequence, balances::onRecord);
        System.out.printf(Locale.ROOT, "balances as of sequence %d%n", balances.lastSequence());
        System.out.printf(Locale.ROOT, "%12s  %8s  %20s  %20s%n", "account", "asset", "available", "held");
        final long[] rows = new long[1];
        balances.forEachBalance((account, asset, available, held) ->
        {
            if (accountId == null || accountId == account)
            {
                System.out.printf(Locale.ROOT, "%12d  %8d  %20d  %20d%n", account, asset, available, held);
                rows[0]++;
            }
        });
        System.out.printf(Locale.ROOT, "%,d balances%n", rows[0]);
        return 0;
    }
}
