package io.ordo.gateway;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.ordo.read.OpenOrderProjection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ordo book --data DIR --instrument I [--as-of-sequence N]}: an instrument's L2 book as it was after a past
 * sequence (or now), rebuilt from the output journal's events alone. Read only.
 * <p>
 * Runs on the calling thread.
 */
@Command(
    name = "book",
    mixinStandardHelpOptions = true,
    description = {
        "Prints an instrument's L2 book (price levels: total open quantity and order count, bids best first, then "
            + "asks best first) as it was after the command of sequence N (default: the journal's end), rebuilt "
            + "from the output journal in DIR by replaying its events.",
        "Exit codes: 0 printed; 1 no data directory, a damaged journal, or the directory in use by a server; "
            + "2 bad arguments." })
public final class BookCommand implements Callable<Integer>
{
    @Option(names = "--data", paramLabel = "DIR", required = true, description = "The data directory.")
    private Path dataDirectory;

    @Option(names = "--instrument", paramLabel = "I", required = true, description = "The instrument.")
    private int instrumentId;

    @Option(names = "--as-of-sequence", paramLabel = "N", defaultValue = "" + Long.MAX_VALUE,
        description = "The book after this sequence's command (default: the journal's end).")
    private long asOfSequence;

    @Option(names = "--depth", paramLabel = "D", defaultValue = "20",
        description = "Levels per side (default: ${DEFAULT-VALUE}; 0 for all).")
    private int depth;

    @Override
    public Integer call()
    {
        final OpenOrderProjection orders = new OpenOrderProjection(asOfSequence);
        ProgressReporter.readHistory("book", dataDirectory, 1, asOfSequence, orders::onRecord);
        final List<OpenOrderProjection.Level> bids = orders.bids(instrumentId);
        final List<OpenOrderProjection.Level> asks = orders.asks(instrumentId);
        System.out.printf(Locale.ROOT, "book of instrument %d as of sequence %d: %d bid levels, %d ask levels%n",
            instrumentId, orders.lastSequence(), bids.size(), asks.size());
        System.out.printf(Locale.ROOT, "%6s  %18s  %18s  %8s%n", "side", "price", "quantity", "orders");
        // Asks from the worst shown down to the best, so that the two best prices meet in the middle.
        final List<OpenOrderProjection.Level> shownAsks = new ArrayList<>(asks.subList(0, limit(asks.size())));
        Collections.reverse(shownAsks);
        print("ask", shownAsks);
        print("bid", bids.subList(0, limit(bids.size())));
        return 0;
    }

    private int limit(final int levels)
    {
        return depth <= 0 ? levels : Math.min(depth, levels);
    }

    private static void print(final String side, final List<OpenOrderProjection.Level> levels)
    {
        for (final OpenOrderProjection.Level level : levels)
        {
            System.out.printf(Locale.ROOT, "%6s  %18d  %18d  %8d%n", side, level.priceMinor(), level.quantityMinor(),
                level.orderCount());
        }
    }
}
