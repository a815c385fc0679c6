package io.ordo.gateway.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.ordo.client.ApiKeyFile;
import io.ordo.client.CommandResult;
import io.ordo.client.OrdoClient;
import io.ordo.client.SessionErrorException;
import io.ordo.journal.EngineConfig;
import io.ordo.journal.JournalException;
import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.SessionErrorCode;
import io.ordo.protocol.codec.SessionErrorDecoder;
import io.ordo.protocol.codec.SessionEventsDecoder;
import io.ordo.protocol.codec.Side;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.ordo.gateway.server.RawSession.errorCode;
import static io.ordo.gateway.server.RawSession.templateId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Specification of the gateway under pressure and across restarts: a full input ring answers {@code BUSY} and
 * takes nothing it cannot finish; a client that loses its server sends its unanswered commands again and each is
 * applied once; a second server on the same data directory is refused.
 */
class GatewayResilienceTest
{
    @TempDir
    Path dir;

    @Test
    void shouldAnswerBusyWhenTheInputRingIsFullAndAnswerEveryCommandOnce() throws Exception
    {
        try (Venue venue = new Venue(dir, engine -> engine.inputRingSize(4), gateway -> { }))
        {
            final ApiKeyFile trader = venue.traderKey(1);
            final int commands = 2_000;
            try (RawSession session = new RawSession(venue.port()).logIn(trader))
            {
                // All at once, without reading: the I/O thread takes them faster than the engine applies them.
                final java.io.ByteArrayOutputStream burst = new java.io.ByteArrayOutputStream();
                for (int i = 1; i <= commands; i++)
                {
                    final byte[] place = placeOrder(i);
                    burst.write(RawSession.lengthPrefix(place.length));
                    burst.write(place);
                }
                session.raw(burst.toByteArray());

                final Set<Long> answered = new HashSet<>();
                int busy = 0;
                int applied = 0;
                while (answered.size() < commands)
                {
                    final UnsafeBuffer frame = session.read();
                    if (templateId(frame) == SessionErrorDecoder.TEMPLATE_ID)
                    {
                        assertThat(errorCode(frame)).isEqualTo(SessionErrorCode.BUSY);
                        assertThat(answered.add(RawSession.errorRequestId(frame))).isTrue();
                        busy++;
                    }
                    else if (templateId(frame) == SessionEventsDecoder.TEMPLATE_ID)
                    {
                        final long requestId = RawSession.getLong(frame, RawSession.HEADER +
                            SessionEventsDecoder.BLOCK_LENGTH + SessionEventsDecoder.eventsHeaderLength() +
                            RawSession.HEADER + Long.BYTES);
                        assertThat(answered.add(requestId)).as("one answer per command").isTrue();
                        applied++;
                    }
                }
                System.out.printf("BUSY test: %d commands, %d applied, %d answered BUSY%n", commands, applied, busy);
                assertThat(busy).as("a ring of 4 cannot take 2,000 at once").isPositive();
                assertThat(applied).isPositive();
            }
        }
    }

    @Test
    void shouldCompleteEveryCommandOfAClientThroughBusyAnswersAndApplyEachOnce() throws Exception
    {
        final int orders = 2_000;
        try (Venue venue = new Venue(dir, engine -> engine.inputRingSize(4), gateway -> { }))
        {
            final OrdoClient trader = venue.connect(venue.traderKey(1), null);
            final List<CompletableFuture<CommandResult>> placed = new ArrayList<>();
            for (int i = 0; i < orders; i++)
            {
                placed.add(trader.placeOrder(Venue.BTC_USD, Side.BUY, OrderKind.GTC, 1_000, 1_000));
            }
            final Set<Long> orderIds = new HashSet<>();
            for (final CompletableFuture<CommandResult> future : placed)
            {
                final CommandResult result = future.get(60, TimeUnit.SECONDS);
                assertThat(result.accepted()).as(String.valueOf(result)).isTrue();
                orderIds.add(result.orderId());
            }
            venue.closeClients();
            venue.gateway.close();

            assertThat(orderIds).hasSize(orders);
            assertThat(venue.gateway.engine().blp().openOrderCount()).as("each applied once").isEqualTo(orders);
            venue.gateway = null;
        }
    }

    @Test
    void shouldSendUnansweredCommandsAgainAfterTheServerRestartsAndApplyEachOnce() throws Exception
    {
        final int orders = 300;
        final List<CompletableFuture<CommandResult>> placed = new ArrayList<>();
        try (Venue venue = new Venue(dir))
        {
            final OrdoClient trader = venue.connect(venue.traderKey(1), null);
            for (int i = 0; i < orders; i++)
            {
                placed.add(trader.placeOrder(Venue.BTC_USD, Side.BUY, OrderKind.GTC, 1_000 + 10 * (i % 50), 1_000));
            }
            // Stop while commands are in flight: some taken and answered, some taken and unanswered, some refused.
            venue.gateway.close();
            venue.start();

            final Set<Long> orderIds = new HashSet<>();
            int duplicates = 0;
            for (final CompletableFuture<CommandResult> future : placed)
            {
                final CommandResult result = future.get(30, TimeUnit.SECONDS);
                assertThat(result.accepted()).as(String.valueOf(result)).isTrue();
                assertThat(orderIds.add(result.orderId())).as("one order per command").isTrue();
                duplicates += result.duplicate() ? 1 : 0;
            }
            System.out.printf("restart test: %d orders, %d answered as duplicates after the reconnect%n",
                orders, duplicates);
            assertThat(trader.cancelAll(0).join().accepted()).isTrue();
            venue.closeClients();
            venue.gateway.close();
            assertThat(venue.gateway.engine().blp().openOrderCount()).isZero();
            venue.gateway = null;
        }
    }

    @Test
    void shouldRefuseEvenTheRightKeyFromAnAddressThatFailedTooOftenUntilItEarnsAnotherTry() throws Exception
    {
        try (Venue venue = new Venue(dir, engine -> { }, gateway -> gateway.loginLimit(3, 2_000)))
        {
            final ApiKeyFile right = venue.traderKey(1);
            final ApiKeyFile wrong = new ApiKeyFile(1, right.key().substring(0, right.key().length() - 2) +
                (right.key().endsWith("00") ? "11" : "00"));
            for (int i = 0; i < 3; i++)
            {
                assertThatThrownBy(() -> venue.connect(wrong, null)).isInstanceOf(SessionErrorException.class);
            }

            assertThatThrownBy(() -> venue.connect(right, null)).as("throttled: refused unchecked")
                .isInstanceOf(SessionErrorException.class)
                .satisfies(e -> assertThat(((SessionErrorException)e).code()).isEqualTo(SessionErrorCode.LOGIN_FAILED));
            Thread.sleep(2_200);
            assertThat(venue.connect(right, null).placeOrder(Venue.BTC_USD, Side.BUY, OrderKind.GTC, 1_000, 1_000)
                .join().accepted()).as("one refill later").isTrue();
        }
    }

    @Test
    void shouldCloseASessionThatDoesNotReadAndServeTheOthers() throws Exception
    {
        try (Venue venue = new Venue(dir, engine -> { }, gateway -> gateway.maxQueuedFrames(64)
            .maxPendingOutboundBytes(64 * 1024).writeWaterMarks(8 * 1024, 32 * 1024)))
        {
            final ApiKeyFile slow = venue.traderKey(1);
            try (RawSession session = new RawSession(venue.port(), 4 * 1024).logIn(slow))
            {
                // The session reads nothing while 30,000 deposits each send it a BalanceChanged (about 3 MB),
                // 500 at a time so that the operator's own session stays well within the bounds.
                final long sentNs = System.nanoTime();
                for (int batch = 0; batch < 60; batch++)
                {
                    final List<CompletableFuture<CommandResult>> deposits = new ArrayList<>();
                    for (int i = 0; i < 500; i++)
                    {
                        deposits.add(venue.operator.deposit(1, Venue.USD, 1));
                    }
                    for (final CompletableFuture<CommandResult> deposit : deposits)
                    {
                        assertThat(deposit.get(60, TimeUnit.SECONDS).accepted()).isTrue();
                    }
                }
                final long answeredNs = System.nanoTime();

                assertThat(session.closedByServer()).as("closed as a slow consumer, not buffered for").isTrue();
                System.out.printf("slow consumer test: deposits answered in %d ms, close seen %d ms later%n",
                    (answeredNs - sentNs) / 1_000_000, (System.nanoTime() - answeredNs) / 1_000_000);
            }
            assertThat(venue.connect(venue.traderKey(2), null).placeOrder(Venue.BTC_USD, Side.BUY, OrderKind.GTC,
                1_000, 1_000).join().accepted()).as("everybody else is served").isTrue();
            assertThat(venue.gateway.unexpectedErrors()).isZero();
        }
    }

    @Test
    void shouldRefuseASecondServerOnTheSameDataDirectory() throws Exception
    {
        try (Venue venue = new Venue(dir))
        {
            assertThatThrownBy(() -> Gateway.start(new EngineConfig().dataDirectory(dir), new GatewayConfig()
                .listen(new java.net.InetSocketAddress("127.0.0.1", 0)), dir.resolve("operator.key")))
                .isInstanceOf(JournalException.class).hasMessageContaining("in use by process");
        }
    }

    private static byte[] placeOrder(final long requestId)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final int length = new CommandWriter().placeOrder(buffer, 0, 1, requestId, 0, Venue.BTC_USD, Side.BUY,
            OrderKind.GTC, 1_000, 1_000, 0);
        return java.util.Arrays.copyOf(buffer.byteArray(), length);
    }
}
