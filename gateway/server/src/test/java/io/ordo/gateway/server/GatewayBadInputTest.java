package io.ordo.gateway.server;

import java.nio.file.Path;

import io.ordo.client.ApiKeyFile;
import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.codec.HelloAcceptedDecoder;
import io.ordo.protocol.codec.HelloEncoder;
import io.ordo.protocol.codec.MessageHeaderEncoder;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.SessionErrorCode;
import io.ordo.protocol.codec.SessionEventsDecoder;
import io.ordo.protocol.codec.Side;
import io.ordo.protocol.codec.SubscribeEncoder;
import io.ordo.protocol.codec.UnsubscribeEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.ordo.gateway.server.RawSession.errorCode;
import static io.ordo.gateway.server.RawSession.errorDetail;
import static io.ordo.gateway.server.RawSession.errorRequestId;
import static io.ordo.gateway.server.RawSession.templateId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of what the gateway does with frames no well-behaved client sends: each gets a typed
 * {@code SessionError}, and the connection is closed when the stream cannot be trusted any more (before the
 * handshake, an unknown version, a frame too long); the server stays up for everybody else.
 */
class GatewayBadInputTest
{
    @TempDir
    Path dir;

    private Venue venue;
    private ApiKeyFile trader;

    @BeforeEach
    void start() throws Exception
    {
        venue = new Venue(dir);
        trader = venue.traderKey(1);
    }

    @AfterEach
    void stop()
    {
        venue.close();
        assertThat(venue.gateway.unexpectedErrors()).as("no defect on the I/O threads").isZero();
    }

    @Test
    void shouldRefuseAnUnknownProtocolVersionNamingItsOwnAndClose() throws Exception
    {
        try (RawSession session = new RawSession(venue.port()))
        {
            final UnsafeBuffer answer = session.frame(RawSession.hello(HelloEncoder.SCHEMA_VERSION + 1)).read();

            assertThat(errorCode(answer)).isEqualTo(SessionErrorCode.UNSUPPORTED_VERSION);
            assertThat(errorDetail(answer)).isEqualTo(HelloEncoder.SCHEMA_VERSION);
            assertThat(session.closedByServer()).isTrue();
        }
        assertServerStillTrades();
    }

    @Test
    void shouldRequireHelloFirstAndLoginBeforeCommands() throws Exception
    {
        try (RawSession session = new RawSession(venue.port()))
        {
            assertThat(errorCode(session.frame(RawSession.login(trader)).read()))
                .isEqualTo(SessionErrorCode.HELLO_REQUIRED);
            assertThat(session.closedByServer()).isTrue();
        }
        try (RawSession session = new RawSession(venue.port()))
        {
            assertThat(templateId(session.frame(RawSession.hello(HelloEncoder.SCHEMA_VERSION)).read()))
                .isEqualTo(HelloAcceptedDecoder.TEMPLATE_ID);
            assertThat(errorCode(session.frame(placeOrder(1, 5)).read())).isEqualTo(SessionErrorCode.LOGIN_REQUIRED);
            assertThat(session.closedByServer()).isTrue();
        }
        assertServerStillTrades();
    }

    @Test
    void shouldRequireLoginBeforeASubscribeOrAnUnsubscribe() throws Exception
    {
        for (final byte[] frame : new byte[][] {subscribe(32, 1), unsubscribe(1), unsubscribe(3)})
        {
            try (RawSession session = new RawSession(venue.port()))
            {
                assertThat(templateId(session.frame(RawSession.hello(HelloEncoder.SCHEMA_VERSION)).read()))
                    .isEqualTo(HelloAcceptedDecoder.TEMPLATE_ID);
                assertThat(errorCode(session.frame(frame).read())).isEqualTo(SessionErrorCode.LOGIN_REQUIRED);
                assertThat(session.closedByServer()).isTrue();
            }
        }
        assertServerStillTrades();
    }

    @Test
    void shouldCloseOnAFrameLongerThanTheMaximum() throws Exception
    {
        try (RawSession session = new RawSession(venue.port()).logIn(trader))
        {
            session.raw(RawSession.lengthPrefix(Integer.MAX_VALUE)).raw(new byte[64]);

            final UnsafeBuffer answer = session.read();
            assertThat(errorCode(answer)).isEqualTo(SessionErrorCode.FRAME_TOO_LONG);
            assertThat(errorDetail(answer)).isEqualTo(venue.gateway.config().maxFrameLength());
            assertThat(session.closedByServer()).isTrue();
        }
        assertServerStillTrades();
    }

    @Test
    void shouldAnswerMalformedCommandsAndUnknownMessagesAndKeepTheSession() throws Exception
    {
        try (RawSession session = new RawSession(venue.port()).logIn(trader))
        {
            final byte[] place = placeOrder(1, 77);
            final byte[] truncated = java.util.Arrays.copyOf(place, place.length - 9);
            assertThat(errorCode(session.frame(truncated).read())).isEqualTo(SessionErrorCode.MALFORMED_FRAME);

            final byte[] oldVersion = place.clone();
            oldVersion[6] = 1;
            final UnsafeBuffer refused = session.frame(oldVersion).read();
            assertThat(errorCode(refused)).isEqualTo(SessionErrorCode.MALFORMED_FRAME);
            assertThat(errorRequestId(refused)).as("names the request").isEqualTo(77);

            final byte[] unknown = place.clone();
            unknown[2] = 99;
            assertThat(errorCode(session.frame(unknown).read())).isEqualTo(SessionErrorCode.UNKNOWN_MESSAGE);

            final UnsafeBuffer accepted = session.frame(placeOrder(1, 78)).read();
            assertThat(templateId(accepted)).as("still logged in").isEqualTo(SessionEventsDecoder.TEMPLATE_ID);
        }
    }

    @Test
    void shouldAnswerASubscriptionOfAnUnknownStreamMalformedAndKeepTheSession() throws Exception
    {
        try (RawSession session = new RawSession(venue.port()).logIn(trader))
        {
            for (final int code : new int[] {0, 4, 200, 255})
            {
                final UnsafeBuffer refused = session.frame(subscribe(31, code)).read();
                assertThat(errorCode(refused)).as("Subscribe of stream %d", code)
                    .isEqualTo(SessionErrorCode.MALFORMED_FRAME);
                assertThat(errorRequestId(refused)).as("names the request").isEqualTo(31);
                assertThat(errorCode(session.frame(unsubscribe(code)).read())).as("Unsubscribe of stream %d", code)
                    .isEqualTo(SessionErrorCode.MALFORMED_FRAME);
            }

            final UnsafeBuffer accepted = session.frame(placeOrder(1, 79)).read();
            assertThat(templateId(accepted)).as("still logged in").isEqualTo(SessionEventsDecoder.TEMPLATE_ID);
        }
    }

    @Test
    void shouldCloseOnAFrameTooShortForAHeader() throws Exception
    {
        try (RawSession session = new RawSession(venue.port()).logIn(trader))
        {
            assertThat(errorCode(session.frame(new byte[3]).read())).isEqualTo(SessionErrorCode.MALFORMED_FRAME);
            assertThat(session.closedByServer()).isTrue();
        }
        assertServerStillTrades();
    }

    private static byte[] placeOrder(final long accountId, final long requestId)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final int length = new CommandWriter().placeOrder(buffer, 0, accountId, requestId, 0, Venue.BTC_USD,
            Side.BUY, OrderKind.GTC, 1_000, 1_000, 0);
        return java.util.Arrays.copyOf(buffer.byteArray(), length);
    }

    private static byte[] subscribe(final long requestId, final int streamCode)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RawSession.HEADER + SubscribeEncoder.BLOCK_LENGTH]);
        new SubscribeEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).clientRequestId(requestId)
            .instrumentId(Venue.BTC_USD).accountId(1).afterSequence(0);
        buffer.putByte(RawSession.HEADER + SubscribeEncoder.streamEncodingOffset(), (byte)streamCode);
        return buffer.byteArray();
    }

    private static byte[] unsubscribe(final int streamCode)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RawSession.HEADER + UnsubscribeEncoder.BLOCK_LENGTH]);
        new UnsubscribeEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).instrumentId(Venue.BTC_USD);
        buffer.putByte(RawSession.HEADER + UnsubscribeEncoder.streamEncodingOffset(), (byte)streamCode);
        return buffer.byteArray();
    }

    private void assertServerStillTrades() throws Exception
    {
        assertThat(venue.connect(trader, null).placeOrder(Venue.BTC_USD, Side.BUY, OrderKind.GTC, 1_000, 1_000)
            .join().accepted()).isTrue();
    }
}
