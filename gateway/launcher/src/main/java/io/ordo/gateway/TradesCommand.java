package io.ordo.gateway;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.ordo.protocol.EventAdapter;
import io.ordo.protocol.EventListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ordo trades --data DIR [--instrument I] [--account A] [--from-time T] [--to-time T]}: the trades of the
 * output journal, by instrument, account and recorded time or sequence range. Read only.
 * <p>
 * Runs on the calling thread.
 */
@Command(
    name = "trades",
    mixinStandardHelpOptions = true,
    description = {
        "Prints the trades in the output journal in DIR: sequence, time (UTC), trade id, instrument, price, "
            + "quantity, aggressor side, maker and taker (account/order) and their fees (minor units); filtered by "
            + "instrument, account (maker or taker), a time range (the sequencer's recorded time) and a sequence "
            + "range.",
        "Exit codes: 0 printed (also when none matched); 1 no data directory, a damaged journal, or the directory "
            + "in use by a server; 2 bad arguments." })
public final class TradesCommand implements Callable<Integer>
{
    @Option(names = "--data", paramLabel = "DIR", required = true, description = "The data directory.")
    private Path dataDirectory;

    @Option(names = "--instrument", paramLabel = "I", description = "Only this instrument's trades.")
    private Integer instrumentId;

    @Option(names = "--account", paramLabel = "A", description = "Only trades of this account (maker or taker).")
    private Long accountId;

    @Mixin
    private RecordedTimeOptions time;

    @Option(names = "--from-sequence", paramLabel = "N", defaultValue = "1", description = "First sequence.")
    private long fromSequence;

    @Option(names = "--to-sequence", paramLabel = "M", defaultValue = "" + Long.MAX_VALUE,
        description = "Last sequence (default: the journal's end).")
    private long toSequence;

    private long sequence;
    private long printed;

    @Override
    public Integer call()
    {
        System.out.printf(Locale.ROOT, "%10s  %-30s  %8s  %10s  %14s  %14s  %4s  %22s  %22s  %10s  %10s%n",
            "sequence", "time (UTC)", "trade", "instrument", "price", "quantity", "aggr", "maker (account/order)",
            "taker (account/order)", "maker fee", "taker fee");
        final EventAdapter adapter = new EventAdapter(new EventListener()
        {
            @Override
            public void onTrade(final long tradeId, final long timestampNs, final int instrument,
                final short aggressorSideCode, final long makerOrderId, final long takerOrderId,
                final long makerAccountId, final long takerAccountId, final long priceMinor, final long quantityMinor,
                final long makerFeeMinor, final long takerFeeMinor, final long makerRemainingQuantityMinor,
                final long takerRemainingQuantityMinor)
            {
                if ((instrumentId == null || instrument == instrumentId) &&
                    (accountId == null || makerAccountId == accountId || takerAccountId == accountId) &&
                    time.contains(timestampNs))
                {
                    System.out.printf(Locale.ROOT, "%10d  %-30s  %8d  %10d  %14d  %14d  %4s  %22s  %22s  %10d  %10d%n",
                        sequence, Instant.ofEpochSecond(0, timestampNs), tradeId, instrument, priceMinor,
                        quantityMinor, aggressorSideCode == 1 ? "BUY" : "SELL", makerAccountId + "/" + makerOrderId,
                        takerAccountId + "/" + takerOrderId, makerFeeMinor, takerFeeMinor);
                    printed++;
                }
            }
        });
        ProgressReporter.readHistory("trades", dataDirectory, fromSequence, toSequence, (recordSequence, events,
            offset, length) ->
        {
            sequence = recordSequence;
            adapter.onEvents(events, offset, length);
        });
        System.out.printf(Locale.ROOT, "%,d trades%n", printed);
        return 0;
    }
}
