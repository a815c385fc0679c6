package io.ordo.gateway.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import io.ordo.client.ApiKeyFile;
import io.ordo.client.CommandResult;
import io.ordo.client.MarketDataListener;
import io.ordo.client.OrdoClient;
import io.ordo.client.OrderBook;
import io.ordo.journal.EventTail;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class MarketDataTest
{
    @TempDir
    Path dir;
    private Venue venue;

    @BeforeEach
    void startVenue() throws Exception
    {
        venue = new Venue(dir);
    }

    @AfterEach
    void closeVenue()
    {
        if (venue != null)
        {
            venue.close();
        }
    }

    @Test
    void shouldSendASnapshotThenUpdatesWithTradesAndTopOfBook() throws Exception
    {
        final OrdoClient seller = venue.connect(venue.traderKey(1), null);
        final OrdoClient buyer = venue.connect(venue.traderKey(2), null);
        final List<String> trades = new CopyOnWriteArrayList<>();
        final List<String> tops = new CopyOnWriteArrayList<>();
        final MarketDataListener listener = new MarketDataListener()
        {
            @Override
            public void onTrade(final int instrumentId, final long tradeId, final long price, final long quantity,
                final Side aggressorSide, final long timestampNs)
            {
                trades.add(price + "x" + quantity + " " + aggressorSide);
            }

            @Override
            public void onTopOfBook(final int instrumentId, final long sequence, final long bidPrice,
                final long bidQuantity, final long askPrice, final long askQuantity)
            {
                tops.add(bidPrice + "/" + bidQuantity + " " + askPrice + "/" + askQuantity);
            }
        };
        final OrderBook book = venue.operator.subscribeBook(Venue.BTC_USD, listener);
        venue.operator.subscribeTop(Venue.BTC_USD, listener);
        awaitUntil(() -> tops.size() == 1, "the first top of book");
        assertThat(tops).containsExactly("0/0 0/0");

        final long first = place(seller, Side.SELL, OrderKind.GTC, 20_000, 3_000).orderId();
        final long second = place(seller, Side.SELL, OrderKind.GTC, 20_000, 2_000).orderId();
        final long bid = place(buyer, Side.BUY, OrderKind.GTC, 19_000, 1_000).orderId();
        place(buyer, Side.BUY, OrderKind.IOC, 20_000, 4_000);
        awaitUntil(() -> trades.size() == 2 && book.asks().size() == 1, "the fills");
        assertThat(book.asks()).containsExactly(new OrderBook.Level(20_000, 1_000, 1));
        assertThat(book.bids()).containsExactly(new OrderBook.Level(19_000, 1_000, 1));
        assertThat(trades).containsExactly("20000x3000 BUY", "20000x1000 BUY");

        assertThat(seller.replaceOrder(second, 21_000, 1_000).join().accepted()).isTrue();
        final CommandResult cancelled = buyer.cancelOrder(bid).join();
        assertThat(cancelled.accepted()).isTrue();
        awaitUntil(() -> book.sequence() == cancelled.sequence(), "the cancel's update");
        assertThat(book.bids()).isEmpty();
        assertThat(book.asks()).containsExactly(new OrderBook.Level(21_000, 1_000, 1));
        awaitUntil(() -> tops.get(tops.size() - 1).equals("0/0 21000/1000"), "the last top of book");
        assertThat(tops).containsExactly("0/0 0/0", "0/0 20000/3000", "0/0 20000/5000", "19000/1000 20000/5000",
            "19000/1000 20000/1000", "19000/1000 21000/1000", "0/0 21000/1000");
        assertThat(first).isPositive();
    }

    @Test
    void shouldKeepEverySubscribersBookEqualToTheEnginesAndToAReplayOfTheOutputJournal() throws Exception
    {
        final long seed = Long.getLong("ordo.test.seed", System.nanoTime());
        System.out.println("MarketDataTest seed " + seed);
        final Random random = new Random(seed);
        final OrdoClient[] traders = {venue.connect(venue.traderKey(1), null), venue.connect(venue.traderKey(2), null)};
        final OrderBook early = venue.operator.subscribeBook(Venue.BTC_USD, new MarketDataListener() { });
        final List<List<Long>> open = List.of(new ArrayList<>(), new ArrayList<>());
        OrderBook late = null;
        long lastSequence = 0;
        for (int i = 0; i < 600; i++)
        {
            final int t = random.nextInt(2);
            final List<Long> orders = open.get(t);
            final int action = random.nextInt(10);
            final CommandResult result;
            if (action < 2 && !orders.isEmpty())
            {
                result = traders[t].cancelOrder(orders.remove(random.nextInt(orders.size()))).join();
            }
            else if (action < 4 && !orders.isEmpty())
            {
                result = traders[t].replaceOrder(orders.get(random.nextInt(orders.size())),
                    (1_950 + random.nextInt(100)) * 10L, (1 + random.nextInt(5)) * 1_000L).join();
            }
            else
            {
                final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                final OrderKind kind = random.nextInt(5) == 0 ? OrderKind.IOC : OrderKind.GTC;
                result = traders[t].placeOrder(Venue.BTC_USD, side, kind, (1_950 + random.nextInt(100)) * 10L,
                    (1 + random.nextInt(5)) * 1_000L).join();
                if (result.accepted() && kind == OrderKind.GTC)
                {
                    orders.add(result.orderId());
                }
            }
            lastSequence = Math.max(lastSequence, result.sequence());
            if (i == 300)
            {
                final OrdoClient watcher = venue.connect(venue.traderKey(1), null);
                late = watcher.subscribeBook(Venue.BTC_USD, new MarketDataListener() { });
            }
        }
        final long last = lastSequence;
        final OrderBook lateBook = late;

        // Every command is journaled (each result came back, and results follow the journal): the replay holds
        // them all. The gateway answers a command before it projects the command into its books, so the books and
        // the subscribers are waited for up to the replay's last change of the book.
        final BookProjection replayed = new BookProjection();
        try (EventTail tail = venue.gateway.engine().openEventTail(0))
        {
            while (tail.poll(replayed::onCommand, 1_000) > 0)
            {
                // all of it
            }
        }
        final long lastChange = replayed.book(Venue.BTC_USD).sequence();
        awaitUntil(() -> venue.gateway.books().book(Venue.BTC_USD).sequence() == lastChange &&
            early.sequence() == lastChange && lateBook.sequence() == lastChange, "the subscribers to catch up");
        assertThat(early.sequence()).isLessThanOrEqualTo(last);
        final String fromReplay = levels(replayed.book(Venue.BTC_USD));
        assertThat(levels(venue.gateway.books().book(Venue.BTC_USD))).isEqualTo(fromReplay);
        assertThat(levels(early)).isEqualTo(fromReplay);
        assertThat(levels(lateBook)).isEqualTo(fromReplay);

        venue.close();
        final StringBuilder engine = new StringBuilder();
        final java.util.TreeMap<Long, long[]> bids = new java.util.TreeMap<>(java.util.Collections.reverseOrder());
        final java.util.TreeMap<Long, long[]> asks = new java.util.TreeMap<>();
        venue.gateway.engine().blp().forEachOpenOrder((orderId, accountId, instrumentId, sideCode, kindCode, price,
            remaining, held) ->
        {
            final long[] level = (sideCode == 1 ? bids : asks).computeIfAbsent(price, p -> new long[2]);
            level[0] += remaining;
            level[1]++;
        });
        bids.forEach((price, level) -> engine.append("B ").append(price).append(' ').append(level[0]).append(' ')
            .append(level[1]).append('\n'));
        asks.forEach((price, level) -> engine.append("A ").append(price).append(' ').append(level[0]).append(' ')
            .append(level[1]).append('\n'));
        assertThat(fromReplay).as("the engine's own book, seed " + seed).isEqualTo(engine.toString());
        venue = null;
    }

    @Test
    void shouldSeedTheBooksFromTheRecoveredStateAfterARestart() throws Exception
    {
        final OrdoClient seller = venue.connect(venue.traderKey(1), null);
        place(seller, Side.SELL, OrderKind.GTC, 20_000, 3_000);
        final CommandResult last = place(seller, Side.SELL, OrderKind.GTC, 20_010, 1_000);
        venue.close();
        venue.start();
        venue.operator = venue.connect(ApiKeyFile.read(dir.resolve("operator.key")), null);
        final OrdoClient watcher = venue.connect(venue.traderKey(2), null);
        final OrderBook book = watcher.subscribeBook(Venue.BTC_USD, new MarketDataListener() { });
        awaitUntil(() -> book.asks().size() == 2, "the snapshot");
        assertThat(book.asks()).containsExactly(new OrderBook.Level(20_000, 3_000, 1),
            new OrderBook.Level(20_010, 1_000, 1));
        assertThat(book.sequence()).isGreaterThan(last.sequence());
    }

    private static CommandResult place(final OrdoClient client, final Side side, final OrderKind kind,
        final long price, final long quantity)
    {
        final CommandResult result = client.placeOrder(Venue.BTC_USD, side, kind, price, quantity).join();
        assertThat(result.accepted()).as(String.valueOf(result)).isTrue();
        return result;
    }

    static String levels(final L2Book book)
    {
        final L2Book.Copy copy = new L2Book.Copy();
        assertThat(book.copy(copy, Integer.MAX_VALUE)).isTrue();
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < copy.bidCount; i++)
        {
            text.append("B ").append(copy.bidPrices[i]).append(' ').append(copy.bidQuantities[i]).append(' ')
                .append(copy.bidOrderCounts[i]).append('\n');
        }
        for (int i = 0; i < copy.askCount; i++)
        {
            text.append("A ").append(copy.askPrices[i]).append(' ').append(copy.askQuantities[i]).append(' ')
                .append(copy.askOrderCounts[i]).append('\n');
        }
        return text.toString();
    }

    static String levels(final OrderBook book)
    {
        final StringBuilder text = new StringBuilder();
        book.bids().forEach(l -> text.append("B ").append(l.price()).append(' ').append(l.quantity()).append(' ')
            .append(l.orderCount()).append('\n'));
        book.asks().forEach(l -> text.append("A ").append(l.price()).append(' ').append(l.quantity()).append(' ')
            .append(l.orderCount()).append('\n'));
        return text.toString();
    }

    static void awaitUntil(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
