package io.ordo.gateway.server;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;

import io.ordo.client.ApiKeyFile;
import io.ordo.client.CommandResult;
import io.ordo.client.DropCopyListener;
import io.ordo.client.OrdoClient;
import io.ordo.protocol.EventAdapter;
import io.ordo.protocol.EventListener;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.SessionErrorCode;
import io.ordo.protocol.codec.Side;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.ordo.gateway.server.MarketDataTest.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

class DropCopyTest
{
    @TempDir
    Path dir;

    /** Records the sequences delivered and the accounts their events name. */
    private static final class Recorder implements DropCopyListener
    {
        final List<Long> sequences = new CopyOnWriteArrayList<>();
        final List<String> trades = new CopyOnWriteArrayList<>();
        final List<Long> accounts = new CopyOnWriteArrayList<>();
        final List<Long> subscribed = new CopyOnWriteArrayList<>();
        volatile SessionErrorCode refused;
        volatile long refusedDetail;
        private final EventAdapter adapter = new EventAdapter(new EventListener()
        {
            @Override
            public void onTrade(final long tradeId, final long timestampNs, final int instrumentId,
                final short aggressorSideCode, final long makerOrderId, final long takerOrderId,
                final long makerAccountId, final long takerAccountId, final long priceMinor, final long quantityMinor,
                final long makerFeeMinor, final long takerFeeMinor, final long makerRemainingQuantityMinor,
                final long takerRemainingQuantityMinor)
            {
                trades.add(makerAccountId + "/" + makerOrderId + " " + takerAccountId + "/" + (takerOrderId != 0));
                accounts.add(makerAccountId == 0 ? takerAccountId : makerAccountId);
            }

            @Override
            public void onBalanceChanged(final long accountId, final int assetId, final short causeCode,
                final long availableDeltaMinor, final long heldDeltaMinor, final long availableAfterMinor,
                final long heldAfterMinor, final long referenceId)
            {
                accounts.add(accountId);
            }
        });

        @Override
        public void onEvents(final long sequence, final DirectBuffer events, final int offset, final int length)
        {
            sequences.add(sequence);
            adapter.onEvents(events, offset, length);
        }

        @Override
        public void onSubscribed(final long afterSequence)
        {
            subscribed.add(afterSequence);
        }

        @Override
        public void onRefused(final SessionErrorCode code, final long detail)
        {
            refusedDetail = detail;
            refused = code;
        }
    }

    @Test
    void shouldDeliverEveryCommandOnceFromTheResumePointAcrossARestart() throws Exception
    {
        try (Venue venue = new Venue(dir))
        {
            final OrdoClient seller = venue.connect(venue.traderKey(1), null);
            final OrdoClient buyer = venue.connect(venue.traderKey(2), null);
            final Recorder all = new Recorder();
            final OrdoClient backOffice = venue.connect(ApiKeyFile.read(dir.resolve("operator.key")), null);
            backOffice.subscribeDropCopy(-1, 0, all);
            long last = trade(seller, buyer, 20);
            final long live = last;
            awaitUntil(() -> all.sequences.contains(live), "the history and live events");

            final Recorder resumed = new Recorder();
            final OrdoClient second = venue.connect(ApiKeyFile.read(dir.resolve("operator.key")), null);
            second.subscribeDropCopy(-1, 10, resumed);

            // A restart: both clients reconnect and resume after the last sequence each holds.
            venue.gateway.close();
            venue.start();
            last = trade(seller, buyer, 20);
            final long end = last;
            awaitUntil(() -> all.sequences.contains(end) && resumed.sequences.contains(end), "the events after");
            final long journaled = lastOf(venue);
            assertThat(all.sequences).as("every command once, in order")
                .isEqualTo(LongStream.rangeClosed(1, journaled).boxed().toList());
            assertThat(resumed.sequences).isEqualTo(LongStream.rangeClosed(11, journaled).boxed().toList());
            assertThat(all.subscribed).as("acknowledged on subscribe, then on each resubscribe after a reconnect")
                .hasSizeGreaterThanOrEqualTo(2).first().isEqualTo(0L);
            assertThat(resumed.subscribed).first().isEqualTo(10L);
        }
    }

    @Test
    void shouldGiveATraderItsOwnAccountOnlyWithTheCounterpartyHidden() throws Exception
    {
        try (Venue venue = new Venue(dir))
        {
            final ApiKeyFile sellerKey = venue.traderKey(1);
            final OrdoClient seller = venue.connect(sellerKey, null);
            final OrdoClient buyer = venue.connect(venue.traderKey(2), null);
            final long before = lastOf(venue);
            final Recorder own = new Recorder();
            final OrdoClient dropCopy = venue.connect(sellerKey, null);
            dropCopy.subscribeDropCopy(1, before, own);
            final long last = trade(seller, buyer, 3);
            awaitUntil(() -> own.trades.size() == 3, "the trades");
            assertThat(own.accounts).containsOnly(1L);
            // Account 1 is the maker: its own order id is there, the taker's account and order are zeroed.
            assertThat(own.trades).hasSize(3).allSatisfy(trade -> assertThat(trade).matches("1/[1-9][0-9]* 0/false"));

            final Recorder other = new Recorder();
            venue.connect(sellerKey, null).subscribeDropCopy(2, 0, other);
            awaitUntil(() -> other.refused != null, "the refusal");
            assertThat(other.refused).isEqualTo(SessionErrorCode.NOT_ALLOWED);
        }
    }

    @Test
    void shouldAcknowledgeASubscriptionToAQuietAccountAtOnce() throws Exception
    {
        try (Venue venue = new Venue(dir))
        {
            final long last = lastOf(venue);
            final Recorder quiet = new Recorder();
            // Account 2 has had no event since its deposit: no DropCopyEvents would come without the acknowledgement.
            venue.connect(venue.traderKey(2), null).subscribeDropCopy(2, last, quiet);
            awaitUntil(() -> !quiet.subscribed.isEmpty(), "the acknowledgement");
            assertThat(quiet.subscribed).containsExactly(last);
            assertThat(quiet.sequences).isEmpty();
            assertThat(quiet.refused).isNull();
        }
    }

    @Test
    void shouldRefuseAResumePointBeyondTheJournal() throws Exception
    {
        try (Venue venue = new Venue(dir))
        {
            final Recorder future = new Recorder();
            venue.operator.subscribeDropCopy(-1, lastOf(venue) + 1_000, future);
            awaitUntil(() -> future.refused != null, "the refusal");
            assertThat(future.refused).isEqualTo(SessionErrorCode.RESUME_REFUSED);
            assertThat(future.sequences).isEmpty();
            assertThat(future.subscribed).as("no acknowledgement of a refused subscription").isEmpty();
        }
    }

    /** Account 1 sells, account 2 buys it at once: one trade each. @return the last command's sequence. */
    private static long trade(final OrdoClient seller, final OrdoClient buyer, final int trades)
    {
        long last = 0;
        for (int i = 0; i < trades; i++)
        {
            final CompletableFuture<CommandResult> sell = seller.placeOrder(Venue.BTC_USD, Side.SELL, OrderKind.GTC,
                20_000, 1_000);
            assertThat(sell.join().accepted()).isTrue();
            final CommandResult buy = buyer.placeOrder(Venue.BTC_USD, Side.BUY, OrderKind.IOC, 20_000, 1_000).join();
            assertThat(buy.accepted()).isTrue();
            last = buy.sequence();
        }
        return last;
    }

    private static long lastOf(final Venue venue)
    {
        return venue.gateway.balances().asOfSequence();
    }
}
