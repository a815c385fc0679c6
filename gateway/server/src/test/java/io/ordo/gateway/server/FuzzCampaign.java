package io.ordo.gateway.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.ordo.client.ApiKeyFile;
import io.ordo.protocol.ApiKeyText;
import io.ordo.protocol.codec.AccountBalancesDecoder;
import io.ordo.protocol.codec.ApiKeyCreatedDecoder;
import io.ordo.protocol.codec.ApiKeySecretDecoder;
import io.ordo.protocol.codec.BookSnapshotDecoder;
import io.ordo.protocol.codec.BookUpdateDecoder;
import io.ordo.protocol.codec.CommandRejectedDecoder;
import io.ordo.protocol.codec.DropCopyEventsDecoder;
import io.ordo.protocol.codec.HeartbeatDecoder;
import io.ordo.protocol.codec.HelloAcceptedDecoder;
import io.ordo.protocol.codec.KeyRole;
import io.ordo.protocol.codec.LoginAcceptedDecoder;
import io.ordo.protocol.codec.LoginDecoder;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.protocol.codec.OrderAcceptedDecoder;
import io.ordo.protocol.codec.SessionErrorCode;
import io.ordo.protocol.codec.SessionErrorDecoder;
import io.ordo.protocol.codec.SessionEventsDecoder;
import io.ordo.protocol.codec.SubscribeDecoder;
import io.ordo.protocol.codec.TopOfBookDecoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Drives the fuzz campaign against a running gateway: many short-lived raw connections, one at a time (so that the
 * order in which the engine took commands is the order they were sent), of five sorts: trader and admin sessions
 * (logged in with the campaign's keys, from 127.0.3.1 to 127.0.3.250 in turn, so that closed connections waiting
 * in TIME_WAIT use up no one address's ephemeral ports), connections that never say Hello or never log in, and
 * floods of failed logins (those from addresses of their own, 127.0.0.2 to 127.0.0.33, so that the gateway's
 * per-address limit on failed logins never refuses the campaign's own logins).
 * <p>
 * Each step writes one or two frames in one go and reads until every frame is accounted for: by a
 * {@code SessionError}, by the {@code SessionEvents} of a command the engine took (matched by account and request
 * id), by another answer (a {@code Subscribe}'s: the subscription's first frame), as a heartbeat or a well-formed
 * {@code Unsubscribe} the gateway does not answer, or by the end of the connection. Market data and drop copy frames
 * that follow a subscription are counted, and are an anomaly on a session that never subscribed. A frame still
 * without an answer when the read times out on a connection that is open is the defect this campaign looks for.
 * The commands the engine took are kept, in order, for {@link FuzzStateCheck}.
 * <p>
 * Not thread safe; runs on the test's thread.
 */
final class FuzzCampaign
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int EVENTS = HEADER + SessionEventsDecoder.BLOCK_LENGTH +
        SessionEventsDecoder.eventsHeaderLength();
    private static final int FLOOD_ADDRESSES = 32;
    private static final int CAMPAIGN_ADDRESSES = 250;

    private enum State
    {
        AWAIT_HELLO, AWAIT_LOGIN, LOGGED_IN, CLOSED
    }

    /** One connection and what the campaign knows of its state on the server. */
    private static final class Session
    {
        final FuzzConnection connection;
        State state = State.AWAIT_HELLO;
        long accountId;
        long keyId;
        boolean admin;
        long sessionSequence;
        /** Sent a Subscribe the gateway may have taken: market data and drop copy frames may come at any time. */
        boolean subscribed;

        Session(final FuzzConnection connection)
        {
            this.connection = connection;
        }
    }

    /** A frame sent and not accounted for yet. */
    private static final class Pending
    {
        final FuzzFrame frame;
        /** Built valid: only its SessionEvents, or a BUSY or SHUTTING_DOWN naming it, answers it. */
        final boolean validCommand;
        /** A command template sent logged in: the engine may take it. */
        final boolean mayBeTaken;
        /** A heartbeat or a well-formed Unsubscribe: the gateway sends no answer. */
        final boolean ignored;
        /** Followed in the same write by a frame that may close the connection before its answer comes. */
        final boolean mayLoseAnswer;
        /** A Subscribe sent logged in: a SessionError or the subscription's first frame answers it. */
        final boolean subscribe;
        boolean resolved;
        FuzzTaken taken;

        Pending(final FuzzFrame frame, final boolean validCommand, final boolean mayBeTaken, final boolean ignored,
            final boolean mayLoseAnswer, final boolean subscribe)
        {
            this.frame = frame;
            this.validCommand = validCommand;
            this.mayBeTaken = mayBeTaken;
            this.ignored = ignored;
            this.mayLoseAnswer = mayLoseAnswer;
            this.subscribe = subscribe;
        }
    }

    private final SplittableRandom random;
    private final int port;
    private final int maxFrameLength;
    private final int readTimeoutMs;
    private final ApiKeyFile operator;
    private final ApiKeyFile[] traders;
    private final FuzzFrames frames;
    private final FuzzTally tally = new FuzzTally();
    private final List<FuzzTaken> taken = new ArrayList<>();
    private final InetAddress[] campaignAddresses = new InetAddress[CAMPAIGN_ADDRESSES];
    private int nextCampaignAddress;
    private final InetAddress[] floodAddresses = new InetAddress[FLOOD_ADDRESSES];

    FuzzCampaign(final long seed, final int port, final int maxFrameLength, final int readTimeoutMs,
        final ApiKeyFile operator, final ApiKeyFile trader1, final ApiKeyFile trader2)
    {
        this.random = new SplittableRandom(seed);
        this.port = port;
        this.maxFrameLength = maxFrameLength;
        this.readTimeoutMs = readTimeoutMs;
        this.operator = operator;
        this.traders = new ApiKeyFile[] {trader1, trader2};
        final long[] protectedKeyIds = {keyId(operator), keyId(trader1), keyId(trader2)};
        this.frames = new FuzzFrames(random, new FuzzCommands(random, protectedKeyIds), maxFrameLength,
            List.of(operator, trader1, trader2));
        try
        {
            for (int i = 0; i < CAMPAIGN_ADDRESSES; i++)
            {
                campaignAddresses[i] = InetAddress.getByName("127.0.3." + (1 + i));
            }
            for (int i = 0; i < FLOOD_ADDRESSES; i++)
            {
                floodAddresses[i] = InetAddress.getByName("127.0.0." + (2 + i));
            }
        }
        catch (final UnknownHostException e)
        {
            throw new IllegalStateException(e);
        }
    }

    FuzzTally tally()
    {
        return tally;
    }

    /** @return the commands the engine took, in the order it took them. */
    List<FuzzTaken> taken()
    {
        return taken;
    }

    void run(final long targetFrames)
    {
        while (tally.frames < targetFrames)
        {
            final int pick = random.nextInt(100);
            if (pick < 55)
            {
                final int trader = random.nextInt(2);
                loggedInSession(traders[trader], trader + 1, false);
            }
            else if (pick < 75)
            {
                loggedInSession(operator, 0, true);
            }
            else if (pick < 85)
            {
                unauthenticatedSession(false);
            }
            else if (pick < 97)
            {
                unauthenticatedSession(true);
            }
            else
            {
                flood();
            }
        }
    }

    private void loggedInSession(final ApiKeyFile key, final long accountId, final boolean admin)
    {
        final InetAddress address = campaignAddresses[nextCampaignAddress++ % CAMPAIGN_ADDRESSES];
        try (FuzzConnection connection = open(address))
        {
            final Session session = new Session(connection);
            final byte[] hello = FuzzFrames.hello().wire;
            final byte[] login = FuzzFrames.login(key).wire;
            final byte[] both = new byte[hello.length + login.length];
            System.arraycopy(hello, 0, both, 0, hello.length);
            System.arraycopy(login, 0, both, hello.length, login.length);
            connection.write(both, both.length);
            if (!setUp(session, HelloAcceptedDecoder.TEMPLATE_ID) || !setUp(session, LoginAcceptedDecoder.TEMPLATE_ID))
            {
                tally.setupFailures++;
                tally.anomaly("the log-in of a " + (admin ? "admin" : "trader") + " session failed: " +
                    connection.end());
                return;
            }
            session.state = State.LOGGED_IN;
            session.accountId = accountId;
            session.keyId = keyId(key);
            session.admin = admin;
            for (int i = 0, steps = 1 + random.nextInt(80); i < steps && session.state != State.CLOSED; i++)
            {
                step(session, frames.loggedIn(session.accountId, session.admin));
            }
        }
    }

    private boolean setUp(final Session session, final int expectedTemplate)
    {
        UnsafeBuffer message;
        do
        {
            message = session.connection.read();
        }
        while (message != null && templateId(message) == HeartbeatDecoder.TEMPLATE_ID);
        return message != null && templateId(message) == expectedTemplate;
    }

    /** A connection from a flood address that starts before Hello, or after a Hello, and may never log in. */
    private void unauthenticatedSession(final boolean saysHello)
    {
        try (FuzzConnection connection = open(floodAddress()))
        {
            final Session session = new Session(connection);
            if (saysHello)
            {
                step(session, new FuzzFrame[] {FuzzFrames.hello()});
            }
            for (int i = 0, steps = 1 + random.nextInt(12); i < steps && session.state != State.CLOSED; i++)
            {
                step(session, session.state == State.AWAIT_HELLO ? frames.beforeHello() :
                    session.state == State.AWAIT_LOGIN ? frames.beforeLogin() :
                    frames.loggedIn(session.accountId, session.admin));
            }
        }
    }

    /** Many connections at once, each a Hello and a failed login (and frames after it the gateway must ignore). */
    private void flood()
    {
        final int count = 4 + random.nextInt(9);
        final List<Session> sessions = new ArrayList<>();
        final List<List<Pending>> pendings = new ArrayList<>();
        try
        {
            for (int i = 0; i < count; i++)
            {
                final Session session = new Session(open(floodAddress()));
                final boolean right = random.nextInt(20) == 0;
                final int trailers = right ? 0 : random.nextInt(3);
                final FuzzFrame[] step = new FuzzFrame[2 + trailers];
                step[0] = FuzzFrames.hello();
                step[1] = frames.floodLogin(right);
                for (int t = 0; t < trailers; t++)
                {
                    step[2 + t] = frames.floodTrailer();
                }
                sessions.add(session);
                pendings.add(send(session, step));
            }
            for (int i = 0; i < count; i++)
            {
                collect(sessions.get(i), pendings.get(i));
            }
        }
        finally
        {
            sessions.forEach(session -> session.connection.close());
        }
    }

    private void step(final Session session, final FuzzFrame[] step)
    {
        collect(session, send(session, step));
    }

    private List<Pending> send(final Session session, final FuzzFrame[] step)
    {
        int length = 0;
        for (final FuzzFrame frame : step)
        {
            length += frame.wire.length;
        }
        final byte[] bytes = new byte[length];
        final List<Pending> pending = new ArrayList<>(step.length);
        State state = session.state;
        int offset = 0;
        for (int i = 0; i < step.length; i++)
        {
            final FuzzFrame frame = step[i];
            System.arraycopy(frame.wire, 0, bytes, offset, frame.wire.length);
            offset += frame.wire.length;
            tally.onFrame(frame);
            final boolean sane = frame.declaredLength <= maxFrameLength && frame.hasHeader() &&
                frame.schemaId() == MessageHeaderDecoder.SCHEMA_ID;
            final boolean ignored = sane && state != State.AWAIT_HELLO &&
                frame.templateId() == HeartbeatDecoder.TEMPLATE_ID ||
                sane && state == State.LOGGED_IN && frame.isWellFormedUnsubscribe();
            final boolean validCommand = frame.kind == FuzzFrame.Kind.VALID_COMMAND ||
                frame.kind == FuzzFrame.Kind.DUPLICATE || frame.kind == FuzzFrame.Kind.GARBAGE_AFTER_VALID;
            final boolean subscribe = sane && state == State.LOGGED_IN &&
                frame.templateId() == SubscribeDecoder.TEMPLATE_ID;
            session.subscribed |= subscribe;
            pending.add(new Pending(frame, validCommand && state == State.LOGGED_IN,
                sane && state == State.LOGGED_IN && frame.isCommandTemplate(), ignored, i < step.length - 1,
                subscribe));
            if (ignored)
            {
                tally.onOutcome(FuzzTally.Outcome.IGNORED);
            }
            if (frame.kind == FuzzFrame.Kind.HELLO && state == State.AWAIT_HELLO)
            {
                state = State.AWAIT_LOGIN;
            }
        }
        if (!session.connection.write(bytes, length) && session.state != State.CLOSED)
        {
            tally.unexpectedCloses++;
            tally.anomaly("a write failed on a connection no answer had closed, before " + step[0].kind);
        }
        return pending;
    }

    /** Reads until every frame of the step is accounted for. */
    private void collect(final Session session, final List<Pending> pending)
    {
        boolean closing = false;
        while (closing || hasUnresolved(pending))
        {
            final UnsafeBuffer message = session.connection.read();
            if (message == null)
            {
                onEnd(session, pending, closing);
                break;
            }
            final int templateId = templateId(message);
            if (templateId == HeartbeatDecoder.TEMPLATE_ID || templateId == ApiKeySecretDecoder.TEMPLATE_ID)
            {
                continue;
            }
            if (templateId == SessionEventsDecoder.TEMPLATE_ID)
            {
                onSessionEvents(session, pending, message);
            }
            else if (templateId == SessionErrorDecoder.TEMPLATE_ID)
            {
                closing |= onSessionError(pending, message);
            }
            else if (templateId == BookSnapshotDecoder.TEMPLATE_ID || templateId == BookUpdateDecoder.TEMPLATE_ID ||
                templateId == TopOfBookDecoder.TEMPLATE_ID || templateId == DropCopyEventsDecoder.TEMPLATE_ID)
            {
                onMarketData(session, pending, message, templateId);
            }
            else if (templateId == HelloAcceptedDecoder.TEMPLATE_ID || templateId == LoginAcceptedDecoder.TEMPLATE_ID ||
                templateId == AccountBalancesDecoder.TEMPLATE_ID)
            {
                onAnswer(session, pending, message, templateId);
            }
            else
            {
                tally.strayAnswers++;
                tally.anomaly("the server sent template " + templateId);
            }
        }
        for (final Pending frame : pending)
        {
            if (frame.taken != null)
            {
                taken.add(frame.taken);
            }
        }
    }

    private static boolean hasUnresolved(final List<Pending> pending)
    {
        for (final Pending frame : pending)
        {
            if (!frame.resolved && !frame.ignored)
            {
                return true;
            }
        }
        return false;
    }

    private void onEnd(final Session session, final List<Pending> pending, final boolean closing)
    {
        final FuzzConnection.End end = session.connection.end();
        if (closing && end == FuzzConnection.End.TIMEOUT)
        {
            tally.notClosed++;
            tally.anomaly("no close within " + readTimeoutMs + " ms after a closing SessionError");
        }
        for (final Pending frame : pending)
        {
            if (frame.resolved || frame.ignored)
            {
                continue;
            }
            frame.resolved = true;
            if (end == FuzzConnection.End.TIMEOUT && !closing)
            {
                tally.onOutcome(FuzzTally.Outcome.UNANSWERED);
                tally.anomaly("no answer within " + readTimeoutMs + " ms to a " + frame.frame.kind + " frame (" +
                    frame.frame.messageLength() + " bytes, template " + frame.frame.templateId() + ")");
                continue;
            }
            tally.onOutcome(FuzzTally.Outcome.DISCONNECT);
            if (!closing)
            {
                tally.unexpectedCloses++;
                tally.anomaly("the connection ended (" + end + ") with no closing error, before the answer to a " +
                    frame.frame.kind + " frame");
            }
            if (frame.mayBeTaken)
            {
                if (frame.validCommand && frame.mayLoseAnswer)
                {
                    // Taken before the frame after it closed the connection: applied, its answer dropped.
                    frame.taken = new FuzzTaken(frame.frame, session.keyId, session.admin);
                    tally.takenAnswerLost++;
                }
                else
                {
                    tally.anomaly("a " + frame.frame.kind + " command was neither refused nor answered");
                }
            }
        }
        session.state = State.CLOSED;
    }

    private void onSessionEvents(final Session session, final List<Pending> pending, final UnsafeBuffer message)
    {
        final long sessionSequence = message.getLong(HEADER + SessionEventsDecoder.sessionSequenceEncodingOffset(),
            ByteOrder.LITTLE_ENDIAN);
        if (sessionSequence != ++session.sessionSequence)
        {
            tally.anomaly("sessionSequence " + sessionSequence + " where " + session.sessionSequence + " was due");
            session.sessionSequence = sessionSequence;
        }
        if (message.getByte(HEADER + SessionEventsDecoder.ownCommandEncodingOffset()) != 1)
        {
            return;
        }
        final long accountId = message.getLong(EVENTS + HEADER, ByteOrder.LITTLE_ENDIAN);
        final long requestId = message.getLong(EVENTS + HEADER + Long.BYTES, ByteOrder.LITTLE_ENDIAN);
        for (final Pending frame : pending)
        {
            if (!frame.resolved && frame.mayBeTaken && frame.frame.accountId() == accountId &&
                frame.frame.clientRequestId() == requestId)
            {
                frame.resolved = true;
                frame.taken = new FuzzTaken(frame.frame, session.keyId, session.admin);
                onOutcome(frame.taken, message);
                return;
            }
        }
        tally.strayAnswers++;
        tally.anomaly("SessionEvents for account " + accountId + " request " + requestId + ", which is not pending");
    }

    private void onOutcome(final FuzzTaken command, final UnsafeBuffer message)
    {
        final int outcome = templateId(message, EVENTS);
        command.outcomeTemplate = outcome;
        command.sequence = message.getLong(HEADER + SessionEventsDecoder.sequenceEncodingOffset(),
            ByteOrder.LITTLE_ENDIAN);
        frames.lastSequence(command.sequence);
        if (outcome == CommandRejectedDecoder.TEMPLATE_ID)
        {
            command.rejectReason = message.getByte(EVENTS + HEADER + CommandRejectedDecoder.reasonEncodingOffset()) &
                0xFF;
            tally.onRejected(command.rejectReason);
            return;
        }
        tally.onOutcome(FuzzTally.Outcome.ACCEPTED);
        final long accountId = message.getLong(EVENTS + HEADER, ByteOrder.LITTLE_ENDIAN);
        if (outcome == OrderAcceptedDecoder.TEMPLATE_ID)
        {
            frames.commands().onOrderAccepted(accountId, message.getLong(EVENTS + HEADER +
                OrderAcceptedDecoder.orderIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN));
        }
        else if (outcome == ApiKeyCreatedDecoder.TEMPLATE_ID)
        {
            command.onKeyCreated(message, EVENTS);
            frames.commands().onKeyCreated(message.getLong(EVENTS + HEADER +
                ApiKeyCreatedDecoder.keyIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN));
        }
    }

    /** @return whether the error closes the connection. */
    private boolean onSessionError(final List<Pending> pending, final UnsafeBuffer message)
    {
        final int code = message.getByte(HEADER + SessionErrorDecoder.codeEncodingOffset()) & 0xFF;
        final long requestId = message.getLong(HEADER + SessionErrorDecoder.clientRequestIdEncodingOffset(),
            ByteOrder.LITTLE_ENDIAN);
        final boolean namesCommand = code == SessionErrorCode.BUSY.value() ||
            code == SessionErrorCode.SHUTTING_DOWN.value();
        for (final Pending frame : pending)
        {
            if (!frame.resolved && !frame.ignored &&
                (!frame.validCommand || namesCommand && frame.frame.clientRequestId() == requestId))
            {
                frame.resolved = true;
                tally.onSessionError(code);
                return closes(code, requestId, frame.frame);
            }
        }
        tally.strayAnswers++;
        tally.anomaly("SessionError " + code + " answers no frame pending");
        return false;
    }

    /** Which errors close the connection (docs/protocol.md, "Session errors"). */
    private static boolean closes(final int code, final long requestId, final FuzzFrame frame)
    {
        if (code == SessionErrorCode.MALFORMED_FRAME.value())
        {
            return !frame.hasHeader() || frame.schemaId() != MessageHeaderDecoder.SCHEMA_ID ||
                frame.templateId() == LoginDecoder.TEMPLATE_ID;
        }
        if (code == SessionErrorCode.SHUTTING_DOWN.value())
        {
            return requestId == 0;
        }
        return code != SessionErrorCode.ALREADY_LOGGED_IN.value() && code != SessionErrorCode.UNKNOWN_MESSAGE.value() &&
            code != SessionErrorCode.BUSY.value() && code != SessionErrorCode.NOT_ALLOWED.value() &&
            code != SessionErrorCode.RESUME_REFUSED.value() && code != SessionErrorCode.TOO_MANY_SUBSCRIPTIONS.value();
    }

    private void onAnswer(final Session session, final List<Pending> pending, final UnsafeBuffer message,
        final int templateId)
    {
        for (final Pending frame : pending)
        {
            if (!frame.resolved && !frame.ignored && !frame.validCommand)
            {
                frame.resolved = true;
                tally.onOutcome(FuzzTally.Outcome.ANSWERED);
                if (templateId == HelloAcceptedDecoder.TEMPLATE_ID)
                {
                    session.state = State.AWAIT_LOGIN;
                }
                else if (templateId == LoginAcceptedDecoder.TEMPLATE_ID)
                {
                    session.state = State.LOGGED_IN;
                    session.accountId = message.getLong(HEADER + LoginAcceptedDecoder.accountIdEncodingOffset(),
                        ByteOrder.LITTLE_ENDIAN);
                    session.keyId = message.getLong(HEADER + LoginAcceptedDecoder.keyIdEncodingOffset(),
                        ByteOrder.LITTLE_ENDIAN);
                    session.admin = message.getByte(HEADER + LoginAcceptedDecoder.roleEncodingOffset()) ==
                        KeyRole.ADMIN.value();
                }
                return;
            }
        }
        tally.strayAnswers++;
        tally.anomaly("template " + templateId + " answers no frame pending");
    }

    /**
     * A market data or drop copy frame: the answer to the first Subscribe pending when it is one (a BookSnapshot, a
     * TopOfBook of timestamp 0, a DropCopyEvents of no events at the resume point), else a frame of a subscription
     * the session holds, which only a session that sent a Subscribe may get.
     */
    private void onMarketData(final Session session, final List<Pending> pending, final UnsafeBuffer message,
        final int templateId)
    {
        final boolean answer = templateId == BookSnapshotDecoder.TEMPLATE_ID ||
            templateId == TopOfBookDecoder.TEMPLATE_ID &&
            message.getLong(HEADER + TopOfBookDecoder.timestampNsEncodingOffset(), ByteOrder.LITTLE_ENDIAN) == 0 ||
            templateId == DropCopyEventsDecoder.TEMPLATE_ID &&
            message.getInt(HEADER + DropCopyEventsDecoder.eventCountEncodingOffset(), ByteOrder.LITTLE_ENDIAN) == 0 &&
            message.getLong(HEADER + DropCopyEventsDecoder.sequenceEncodingOffset(), ByteOrder.LITTLE_ENDIAN) ==
            message.getLong(HEADER + DropCopyEventsDecoder.previousSequenceEncodingOffset(), ByteOrder.LITTLE_ENDIAN);
        if (answer)
        {
            for (final Pending frame : pending)
            {
                if (!frame.resolved && frame.subscribe)
                {
                    frame.resolved = true;
                    tally.onOutcome(FuzzTally.Outcome.SUBSCRIBED);
                    return;
                }
            }
        }
        if (session.subscribed)
        {
            tally.marketDataFrames++;
            return;
        }
        tally.strayAnswers++;
        tally.anomaly("market data template " + templateId + " on a session that never subscribed");
    }

    private FuzzConnection open(final InetAddress local)
    {
        tally.connections++;
        try
        {
            return new FuzzConnection(local, port, readTimeoutMs);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("cannot connect from " + local + " to port " + port, e);
        }
    }

    private InetAddress floodAddress()
    {
        return floodAddresses[random.nextInt(FLOOD_ADDRESSES)];
    }

    private static long keyId(final ApiKeyFile key)
    {
        return ApiKeyText.keyId(key.key());
    }

    private static int templateId(final UnsafeBuffer message)
    {
        return templateId(message, 0);
    }

    private static int templateId(final UnsafeBuffer message, final int offset)
    {
        return message.capacity() < offset + HEADER ? -1 : message.getShort(offset +
            MessageHeaderDecoder.templateIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
    }
}
