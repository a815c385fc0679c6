package io.ordo.gateway;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.ordo.read.OpenOrderProjection;
import io.ordo.read.StatementProjection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ordo orders --data DIR [--account A] [--as-of-sequence N]}: open orders as of a past sequence (or now),
 * from the output journal's events alone. Read only.
 * <p>
 * Runs on the calling thread.
 */
@Command(
    name = "orders",
    mixinStandardHelpOptions = true,
    description = {
        "Prints the open orders (of one account, or all) as they were after the command of sequence N (default: the "
            + "journal's end), from the output journal in DIR: order id, account, instrument, side, price, open "
            + "quantity and the sequence that placed it.",
        "Exit codes: 0 printed; 1 no data directory, a damaged journal, or the directory in use by a server; "
            + "2 bad arguments." })
public final class OrdersCommand implements Callable<Integer>
{
    @Option(names = "--data", paramLabel = "DIR", required = true, description = "The data directory.")
    private Path dataDirectory;

    @Option(names = "--account", paramLabel = "A", description = "Only this account's orders.")
    private Long accountId;

    @Option(names = "--instrument", paramLabel = "I", description = "Only this instrument's orders.")
    private Integer instrumentId;

    @Option(names = "--as-of-sequence", paramLabel = "N", defaultValue = "" + Long.MAX_VALUE,
        description = "The orders open after this sequence's command (default: the journal's end).")
    private long asOfSequence;

    @Override
    public Integer call()
    {
        final OpenOrderProjection orders = new OpenOrderProjection(asOfSequence);
        ProgressReporter.readHistory("orders", dataDirectory, 1, asOfSequence, orders::onRecord);
        final List<OpenOrderProjection.OpenOrder> open =
            orders.openOrders(accountId == null ? StatementProjection.ANY_ACCOUNT : accountId);
        System.out.printf(Locale.ROOT, "open orders as of sequence %d%n", orders.lastSequence());
        System.out.printf(Locale.ROOT, "%12s  %12s  %10s  %4s  %18s  %18s  %10s%n", "order", "account", "instrument",
            "side", "price", "open quantity", "placed at");
        long printed = 0;
        for (final OpenOrderProjection.OpenOrder order : open)
        {
            if (instrumentId == null || order.instrumentId() == instrumentId)
            {
                System.out.printf(Locale.ROOT, "%12d  %12d  %10d  %4s  %18d  %18d  %10d%n", order.orderId(),
                    order.accountId(), order.instrumentId(), order.sideCode() == 1 ? "BUY" : "SELL",
                    order.priceMinor(), order.remainingQuantityMinor(), order.acceptedSequence());
                printed++;
            }
        }
        System.out.printf(Locale.ROOT, "%,d open orders%n", printed);
        return 0;
    }
}
