package io.ordo.gateway.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.ordo.client.ApiKeyFile;
import io.ordo.client.CommandResult;
import io.ordo.client.MarketDataListener;
import io.ordo.client.OrdoClient;
import io.ordo.client.OrderBook;
import io.ordo.protocol.codec.BookSnapshotDecoder;
import io.ordo.protocol.codec.BookUpdateDecoder;
import io.ordo.protocol.codec.HeartbeatEncoder;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.protocol.codec.MessageHeaderEncoder;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.SessionErrorDecoder;
import io.ordo.protocol.codec.Side;
import io.ordo.protocol.codec.Stream;
import io.ordo.protocol.codec.SubscribeEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class MarketDataSlowConsumerTest
{
    private static final int ORDERS = 20_000;
    /** Orders in flight at a time: their outcomes stay well within the seller's own (small) bounds. */
    private static final int BATCH = 50;

    @TempDir
    Path dir;

    @Test
    void shouldMoveASubscriberThatFellBehindToASnapshotInsteadOfBufferingOrClosingIt() throws Exception
    {
        subscriberThatReadsNothingWhile(ORDERS);
    }

    /** The long variant (-Psoak): ten times the orders, a book of 200,000 levels. */
    @Test
    @Tag("slow")
    void shouldRecoverASubscriberThatFellBehindThroughALongFlood() throws Exception
    {
        subscriberThatReadsNothingWhile(10 * ORDERS);
    }

    private void subscriberThatReadsNothingWhile(final int orderCount) throws Exception
    {
        // The idle timeout is not under test here: a slow machine must not turn the watcher's silence while it
        // catches up (or a flood that outlasts 15 s) into an IDLE_TIMEOUT that reads as a slow-consumer close.
        try (Venue venue = new Venue(dir, engine -> { }, gateway -> gateway.maxQueuedFrames(64)
            .maxPendingOutboundBytes(64 * 1024).writeWaterMarks(8 * 1024, 32 * 1024).idleTimeoutMs(600_000)))
        {
            final ApiKeyFile watcherKey = venue.traderKey(2);
            final OrdoClient seller = venue.connect(venue.traderKey(1), null);
            try (RawSession watcher = new RawSession(venue.port(), 4 * 1024).logIn(watcherKey))
            {
                watcher.frame(subscribeBook(77));
                // It reads nothing while every one of 20,000 orders changes the book (about 1.4 MB of updates).
                long longestBatchMs = 0;
                for (int batch = 0; batch < orderCount / BATCH; batch++)
                {
                    final long batchStartNs = System.nanoTime();
                    // It sends (a heartbeat per batch) but reads nothing.
                    watcher.frame(heartbeat());
                    final List<CompletableFuture<CommandResult>> orders = new ArrayList<>();
                    for (int i = 0; i < BATCH; i++)
                    {
                        orders.add(seller.placeOrder(Venue.BTC_USD, Side.SELL, OrderKind.GTC,
                            30_000 + 10L * (batch * BATCH + i), 1_000));
                    }
                    for (final CompletableFuture<CommandResult> order : orders)
                    {
                        final CommandResult placed = order.get(60, TimeUnit.SECONDS);
                        assertThat(placed.accepted()).isTrue();
                        assertThat(placed.duplicate()).as("the seller is never cut off: a resend").isFalse();
                    }
                    longestBatchMs = Math.max(longestBatchMs, (System.nanoTime() - batchStartNs) / 1_000_000);
                }
                final long finalSequence = venue.gateway.books().book(Venue.BTC_USD).sequence();

                final TreeMap<Long, long[]> bids = new TreeMap<>(Collections.reverseOrder());
                final TreeMap<Long, long[]> asks = new TreeMap<>();
                long bookSequence = -1;
                int updatesApplied = 0;
                int gaps = 0;
                int recoverySnapshots = 0;
                final MessageHeaderDecoder header = new MessageHeaderDecoder();
                while (bookSequence != finalSequence)
                {
                    final UnsafeBuffer frame = watcher.read();
                    header.wrap(frame, 0);
                    if (header.templateId() == SessionErrorDecoder.TEMPLATE_ID)
                    {
                        final SessionErrorDecoder error = new SessionErrorDecoder().wrapAndApplyHeader(frame, 0,
                            header);
                        throw new AssertionError("the watcher got a session error (it must not be closed): " +
                            error.code() + ", detail " + error.detail() + ", after " + updatesApplied +
                            " updates, at book sequence " + bookSequence + " of " + finalSequence +
                            "; longest batch of orders " + longestBatchMs + " ms");
                    }
                    if (header.templateId() == BookSnapshotDecoder.TEMPLATE_ID)
                    {
                        final BookSnapshotDecoder snapshot = new BookSnapshotDecoder().wrapAndApplyHeader(frame, 0,
                            header);
                        recoverySnapshots += snapshot.clientRequestId() == 0 ? 1 : 0;
                        bids.clear();
                        asks.clear();
                        bookSequence = snapshot.sequence();
                        for (final BookSnapshotDecoder.BidsDecoder level : snapshot.bids())
                        {
                            bids.put(level.price(), new long[] {level.quantity(), level.orderCount()});
                        }
                        for (final BookSnapshotDecoder.AsksDecoder level : snapshot.asks())
                        {
                            asks.put(level.price(), new long[] {level.quantity(), level.orderCount()});
                        }
                    }
                    else if (header.templateId() == BookUpdateDecoder.TEMPLATE_ID)
                    {
                        final BookUpdateDecoder update = new BookUpdateDecoder().wrapAndApplyHeader(frame, 0, header);
                        if (update.sequence() <= bookSequence)
                        {
                            continue;
                        }
                        if (update.previousSequence() != bookSequence)
                        {
                            gaps++;
                            bookSequence = -1;
                            continue;
                        }
                        for (final BookUpdateDecoder.LevelsDecoder level : update.levels())
                        {
                            final TreeMap<Long, long[]> side = level.side() == Side.BUY ? bids : asks;
                            if (level.quantity() == 0)
                            {
                                side.remove(level.price());
                            }
                            else
                            {
                                side.put(level.price(), new long[] {level.quantity(), level.orderCount()});
                            }
                        }
                        bookSequence = update.sequence();
                        updatesApplied++;
                    }
                }
                System.out.printf("slow market data test: %d orders, %d updates applied, %d gaps, %d recovery " +
                    "snapshots, longest batch of orders %d ms%n", orderCount, updatesApplied, gaps, recoverySnapshots,
                    longestBatchMs);
                assertThat(recoverySnapshots).as("the server sent a fresh snapshot on its own").isPositive();
                assertThat(venue.gateway.counters().marketDataRecoveries.get())
                    .as("the counter of subscriptions sent to snapshot recovery")
                    .isGreaterThanOrEqualTo(recoverySnapshots);
                assertThat(venue.gateway.counters().slowConsumerDisconnects.get()).as("nobody cut off").isZero();
                assertThat(updatesApplied).as("updates dropped, not buffered").isLessThan(orderCount);
                final StringBuilder rebuilt = new StringBuilder();
                bids.forEach((price, level) -> rebuilt.append("B ").append(price).append(' ').append(level[0])
                    .append(' ').append(level[1]).append('\n'));
                asks.forEach((price, level) -> rebuilt.append("A ").append(price).append(' ').append(level[0])
                    .append(' ').append(level[1]).append('\n'));
                assertThat(rebuilt.toString()).isEqualTo(MarketDataTest.levels(venue.gateway.books()
                    .book(Venue.BTC_USD)));
                assertThat(asks).hasSize(orderCount);
            }
        }
    }

    @Test
    void shouldLetTheClientLibraryRecoverItsBookOnItsOwnAfterItFellBehind() throws Exception
    {
        try (Venue venue = new Venue(dir, engine -> { }, gateway -> gateway.maxQueuedFrames(64)
            .maxPendingOutboundBytes(64 * 1024).writeWaterMarks(8 * 1024, 32 * 1024)))
        {
            final OrdoClient seller = venue.connect(venue.traderKey(1), null);
            final CountDownLatch flooded = new CountDownLatch(1);
            final AtomicInteger booksSeen = new AtomicInteger();
            final OrdoClient watcher = venue.connect(venue.traderKey(2), null);
            final OrderBook book = watcher.subscribeBook(Venue.BTC_USD, new MarketDataListener()
            {
                @Override
                public void onBook(final int instrumentId, final OrderBook changed)
                {
                    // The reader thread stalls on the first update until the flood is over.
                    if (booksSeen.incrementAndGet() == 2)
                    {
                        try
                        {
                            flooded.await();
                        }
                        catch (final InterruptedException e)
                        {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            });
            MarketDataTest.awaitUntil(() -> booksSeen.get() == 1, "the snapshot");
            for (int batch = 0; batch < ORDERS / BATCH; batch++)
            {
                final List<CompletableFuture<CommandResult>> orders = new ArrayList<>();
                for (int i = 0; i < BATCH; i++)
                {
                    orders.add(seller.placeOrder(Venue.BTC_USD, Side.SELL, OrderKind.GTC,
                        30_000 + 10L * (batch * BATCH + i), 1_000));
                }
                for (final CompletableFuture<CommandResult> order : orders)
                {
                    final CommandResult placed = order.get(60, TimeUnit.SECONDS);
                    assertThat(placed.accepted()).isTrue();
                    assertThat(placed.duplicate()).as("the seller is never cut off: a resend").isFalse();
                }
            }
            flooded.countDown();
            final long finalSequence = venue.gateway.books().book(Venue.BTC_USD).sequence();
            MarketDataTest.awaitUntil(() -> book.sequence() == finalSequence, "the client's book to catch up");
            System.out.printf("slow client test: %d orders, the listener saw %d books%n", ORDERS, booksSeen.get());
            assertThat(MarketDataTest.levels(book)).isEqualTo(MarketDataTest.levels(venue.gateway.books()
                .book(Venue.BTC_USD)));
            assertThat(booksSeen.get()).as("updates were dropped, and a snapshot sent instead").isLessThan(ORDERS);
        }
    }

    private static byte[] heartbeat()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RawSession.HEADER + HeartbeatEncoder.BLOCK_LENGTH]);
        new HeartbeatEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).timestampNs(0);
        return buffer.byteArray();
    }

    private static byte[] subscribeBook(final long requestId)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RawSession.HEADER + SubscribeEncoder.BLOCK_LENGTH]);
        new SubscribeEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .clientRequestId(requestId).stream(Stream.BOOK).instrumentId(Venue.BTC_USD);
        return buffer.byteArray();
    }
}
