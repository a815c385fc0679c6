package io.ordo.gateway.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import io.ordo.client.ApiKeyFile;
import io.ordo.core.BlpConfig;
import io.ordo.journal.DataDirectory;
import io.ordo.protocol.ApiKeyText;
import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.codec.CommandAcceptedDecoder;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.RejectReason;
import io.ordo.protocol.codec.SessionErrorDecoder;
import io.ordo.protocol.codec.SessionEventsDecoder;
import io.ordo.protocol.codec.Side;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway under a seeded campaign of random and broken frames ({@link FuzzCampaign}): every frame gets a typed
 * answer or a disconnect, never silence on a live connection; no defect reaches the I/O threads, and Netty's leak
 * detector (at {@code PARANOID}) reports no buffer; the server still trades afterwards; and nothing the engine
 * rejected changed its state.
 * <p>
 * The state check ({@link FuzzStateCheck}) can fail, and says why: the engine writes a snapshot just before the
 * campaign and one just after. The campaign runs one connection at a time and keeps every command the engine took,
 * in order, so snapshot A plus those commands must give snapshot B's state hash, with the outcome seen on the wire
 * for each and no input journal sequence unaccounted for: a frame refused with a {@code SessionError} that reached
 * the engine anyway breaks that. Then snapshot A plus only the accepted commands, once both BLPs' request windows
 * are flushed (rejected commands are remembered there, by design), must give the same hash as all of them: a
 * rejected command that moved a balance, an order, an id, a key or an instrument leaves a difference and fails it.
 * Leaving out one accepted order instead must change the hash, which shows the comparison is not blind.
 * <p>
 * Re-run one campaign: {@code -Dtest=GatewayFuzzTest -Dordo.seed=N [-Dordo.fuzz.frames=M]}; the seed decides
 * every frame (the login limit does not refill during a campaign, so no answer depends on the clock). The
 * {@code slow} variant ({@code -Psoak}) runs {@code ordo.soak.fuzz.rounds} campaigns (10) of
 * {@code ordo.soak.fuzz.frames} frames (200,000) each, seeds 1,000 and up (or from {@code ordo.seed}), every round
 * on a new data directory.
 */
class GatewayFuzzTest
{
    private static final long DEFAULT_SEED = 20_261_202L;
    private static final int READ_TIMEOUT_MS = 10_000;
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    /** Holds every command of a campaign (of at most about 100,000 taken), and is quick to flush in the check. */
    private static final int REQUEST_WINDOW = 1 << 18;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldAnswerEveryFuzzedFrameAndLeaveTheStateToTheAcceptedCommands() throws Exception
    {
        final String seedProperty = System.getProperty("ordo.seed");
        final long seed = seedProperty == null || seedProperty.isBlank() ? DEFAULT_SEED :
            Long.parseLong(seedProperty.trim());
        campaign(dir, seed, Long.getLong("ordo.fuzz.frames", 100_000));
    }

    @Test
    @Tag("slow")
    @Timeout(value = 2, unit = TimeUnit.HOURS)
    void shouldAnswerEveryFuzzedFrameOfLongCampaigns() throws Exception
    {
        final int rounds = Integer.getInteger("ordo.soak.fuzz.rounds", 10);
        final long frames = Long.getLong("ordo.soak.fuzz.frames", 200_000);
        final long firstSeed = Long.getLong("ordo.seed", 1_000);
        for (int round = 0; round < rounds; round++)
        {
            campaign(Files.createDirectory(dir.resolve("round-" + round)), firstSeed + round, frames);
        }
    }

    private static void campaign(final Path data, final long seed, final long frames) throws Exception
    {
        System.out.println("GatewayFuzzTest: seed " + seed + " (re-run with -Dordo.seed=" + seed + "), " + frames +
            " frames");
        final long startNs = System.nanoTime();
        // The login limit never refills within a campaign, so that the server's answers, and so the frames drawn
        // after them, depend on the seed alone: each flood address has its 5 checked failures, then is refused.
        try (ResourceWatch watch = new ResourceWatch().watchLeaks();
            Venue venue = new Venue(data,
            engine -> engine.snapshotsToKeep(16).blpConfig(new BlpConfig().requestWindowCapacity(REQUEST_WINDOW)),
            gateway -> gateway.failedLoginDelayMs(2).loginLimit(5, 3_600_000)))
        {
            final ApiKeyFile operator = ApiKeyFile.read(data.resolve("operator.key"));
            final ApiKeyFile trader1 = venue.traderKey(1);
            final ApiKeyFile trader2 = venue.traderKey(2);
            final Snapshot before = snapshot(venue.port(), operator, -1);

            final FuzzCampaign campaign = new FuzzCampaign(seed, venue.port(),
                venue.gateway.config().maxFrameLength(), READ_TIMEOUT_MS, operator, trader1, trader2);
            campaign.run(frames);
            final Snapshot after = snapshot(venue.port(), operator, -2);
            final long campaignNs = System.nanoTime() - startNs;

            assertServerStillTrades(venue, trader1);
            final Gateway gateway = venue.gateway;
            venue.close();
            final FuzzTally tally = campaign.tally();
            System.out.println(tally.summary(seed, gateway.unexpectedErrors()));
            System.out.println(tally.kinds());

            watch.provokeLeakReports();
            assertThat(watch.leaks).as("buffers Netty's leak detector (PARANOID) reports").isEmpty();
            assertThat(tally.anomalies).as("seed %d: anomalies", seed).isEmpty();
            assertThat(tally.frames).isGreaterThanOrEqualTo(frames);
            assertThat(tally.count(FuzzTally.Outcome.SUBSCRIBED)).as("subscriptions the gateway took and answered")
                .isPositive();
            assertThat(tally.count(FuzzTally.Outcome.UNANSWERED)).as("frames with no answer on a live connection")
                .isZero();
            assertThat(tally.notClosed + tally.unexpectedCloses + tally.strayAnswers + tally.setupFailures).isZero();
            assertThat(gateway.unexpectedErrors()).as("defects on the I/O threads").isZero();
            assertThat(gateway.engine().failure()).isNull();
            assertThat(gateway.engine().blp().internalErrorCount()).as("BLP internal errors").isZero();
            for (final RejectReason reason : new RejectReason[] {RejectReason.MALFORMED, RejectReason.UNKNOWN_COMMAND,
                RejectReason.INTERNAL_ERROR})
            {
                assertThat(tally.rejections(reason)).as("%s reaching a client (the gateway answers those itself)",
                    reason).isZero();
            }

            assertThat(campaign.taken().size()).as("commands taken, all within the request window (so that no " +
                "eviction order differs between the BLPs of the state check)").isLessThan(REQUEST_WINDOW);
            final long checkStartNs = System.nanoTime();
            final FuzzStateCheck.Result check = new FuzzStateCheck(new DataDirectory(data).snapshots(),
                before.sequence, after.sequence, campaign.taken(), after.command).run();
            System.out.printf("fuzz state: %d commands taken between sequences %d and %d (%d accepted, %d rejected);" +
                " snapshot B hash %016x reproduced; without the rejected commands, request windows flushed: %016x " +
                "(before the flush %016x); one accepted order left out: %016x; campaign %d ms, check %d ms%n",
                check.taken(), before.sequence, after.sequence, check.accepted(), check.rejected(), check.hashB(),
                check.hashAfterFlush(), check.hashWithoutRejectedBeforeFlush(), check.hashWithOneAcceptedLeftOut(),
                TimeUnit.NANOSECONDS.toMillis(campaignNs), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() -
                checkStartNs));
        }
    }

    /** A snapshot the engine takes at a known sequence, asked for by an admin session over the wire. */
    private record Snapshot(long sequence, byte[] command)
    {
    }

    private static Snapshot snapshot(final int port, final ApiKeyFile operator, final long requestId)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandWriter.MIN_COMMAND_LENGTH]);
        final int length = new CommandWriter().takeSnapshot(buffer, 0, 0, requestId, 0);
        try (FuzzConnection connection = new FuzzConnection(InetAddress.getByName("127.0.0.1"), port,
            READ_TIMEOUT_MS))
        {
            final byte[] hello = FuzzFrames.hello().wire;
            final byte[] login = FuzzFrames.login(operator).wire;
            final byte[] command = FuzzFrame.of(FuzzFrame.Kind.VALID_COMMAND, buffer, length).wire;
            connection.write(hello, hello.length);
            connection.write(login, login.length);
            connection.write(command, command.length);
            UnsafeBuffer answer;
            while ((answer = connection.read()) != null)
            {
                final int templateId = answer.getShort(MessageHeaderDecoder.templateIdEncodingOffset(),
                    ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
                if (templateId == SessionEventsDecoder.TEMPLATE_ID)
                {
                    final int outcome = answer.getShort(HEADER + SessionEventsDecoder.BLOCK_LENGTH +
                        SessionEventsDecoder.eventsHeaderLength() + MessageHeaderDecoder.templateIdEncodingOffset(),
                        ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
                    assertThat(outcome).as("the TakeSnapshot accepted").isEqualTo(CommandAcceptedDecoder.TEMPLATE_ID);
                    CommandWriter.stampSessionKeyId(buffer, 0, ApiKeyText.keyId(operator.key()));
                    return new Snapshot(answer.getLong(HEADER + SessionEventsDecoder.sequenceEncodingOffset(),
                        ByteOrder.LITTLE_ENDIAN), Arrays.copyOf(buffer.byteArray(), length));
                }
                if (templateId == SessionErrorDecoder.TEMPLATE_ID)
                {
                    throw new AssertionError("the TakeSnapshot refused: " + RawSession.errorCode(answer));
                }
            }
            throw new AssertionError("no answer to the TakeSnapshot: " + connection.end());
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertServerStillTrades(final Venue venue, final ApiKeyFile trader) throws Exception
    {
        // The campaign may have halted the market or moved the account's funds: the operator puts both right.
        venue.operator.resumeInstrument(Venue.BTC_USD).join();
        assertThat(venue.operator.deposit(1, Venue.USD, 1_000_000_000L).join().accepted()).isTrue();
        assertThat(venue.connect(trader, null).placeOrder(Venue.BTC_USD, Side.BUY, OrderKind.GTC, 1_000, 1_000)
            .join().accepted()).as("a fresh client logs in and trades").isTrue();
    }
}
