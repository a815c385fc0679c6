package io.ordo.gateway.server;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.ordo.protocol.codec.RejectReason;
import io.ordo.protocol.codec.SessionErrorCode;

/**
 * What the gateway did with each frame of a fuzz campaign: one outcome per frame, counted by kind of frame, session
 * error code and reject reason, and the anomalies the test asserts are absent (a frame with no answer on a live
 * connection, a close that did not follow a closing error, a close after an error that keeps the connection, an
 * answer to nothing sent). Prints the summary line the report quotes.
 * <p>
 * Not thread safe; owned by the campaign's thread.
 */
final class FuzzTally
{
    /** What became of one frame. */
    enum Outcome
    {
        /** A {@code SessionError}: the gateway refused the frame. */
        SESSION_ERROR,
        /** A {@code SessionEvents} whose outcome is a {@code CommandRejected}: the BLP refused the command. */
        BLP_REJECTED,
        /** A {@code SessionEvents} whose outcome is an acceptance. */
        ACCEPTED,
        /** {@code HelloAccepted}, {@code LoginAccepted} or {@code AccountBalances}. */
        ANSWERED,
        /** A {@code Subscribe} answered by its subscription's first frame (snapshot, top of book, acknowledgement). */
        SUBSCRIBED,
        /** A heartbeat or a well-formed {@code Unsubscribe}, which the protocol has the gateway not answer. */
        IGNORED,
        /** The connection ended before the frame's answer (the frame came after a closing one). */
        DISCONNECT,
        /** Nothing within the read timeout on a connection still open: the defect this test exists to find. */
        UNANSWERED
    }

    long frames;
    long connections;
    long takenAnswerLost;
    long notClosed;
    long unexpectedCloses;
    long strayAnswers;
    /** Market data and drop copy frames of subscriptions the campaign's sessions held. */
    long marketDataFrames;
    long setupFailures;
    final List<String> anomalies = new ArrayList<>();
    private final long[] outcomes = new long[Outcome.values().length];
    private final long[] sessionErrors = new long[256];
    private final long[] rejections = new long[256];
    private final Map<FuzzFrame.Kind, Long> kinds = new EnumMap<>(FuzzFrame.Kind.class);

    void onFrame(final FuzzFrame frame)
    {
        frames++;
        kinds.merge(frame.kind, 1L, Long::sum);
    }

    void onOutcome(final Outcome outcome)
    {
        outcomes[outcome.ordinal()]++;
    }

    void onSessionError(final int code)
    {
        onOutcome(Outcome.SESSION_ERROR);
        sessionErrors[code & 0xFF]++;
    }

    void onRejected(final int reason)
    {
        onOutcome(Outcome.BLP_REJECTED);
        rejections[reason & 0xFF]++;
    }

    long count(final Outcome outcome)
    {
        return outcomes[outcome.ordinal()];
    }

    long sessionErrors(final SessionErrorCode code)
    {
        return sessionErrors[code.value()];
    }

    long rejections(final RejectReason reason)
    {
        return rejections[reason.value()];
    }

    /** Records an anomaly with enough context to reproduce it (the first few are kept in full). */
    void anomaly(final String what)
    {
        if (anomalies.size() < 20)
        {
            anomalies.add(what);
        }
    }

    String summary(final long seed, final long crashes)
    {
        return "fuzz: seed=" + seed + " frames=" + frames + " connections=" + connections +
            " sessionErrors=" + count(Outcome.SESSION_ERROR) + " (by code " + byCode() + ")" +
            " blpRejections=" + count(Outcome.BLP_REJECTED) + " (by reason " + byReason() + ")" +
            " accepted=" + count(Outcome.ACCEPTED) + " otherAnswers=" + count(Outcome.ANSWERED) +
            " subscribed=" + count(Outcome.SUBSCRIBED) + " marketDataFrames=" + marketDataFrames +
            " ignored=" + count(Outcome.IGNORED) + " (heartbeats, unsubscribes)" +
            " disconnects=" + count(Outcome.DISCONNECT) +
            " (taken, answer lost to the close: " + takenAnswerLost + ")" +
            " unanswered=" + count(Outcome.UNANSWERED) + " notClosed=" + notClosed +
            " unexpectedCloses=" + unexpectedCloses + " strayAnswers=" + strayAnswers + " crashes=" + crashes;
    }

    String kinds()
    {
        return "fuzz frames by kind: " + kinds;
    }

    private String byCode()
    {
        final StringBuilder text = new StringBuilder();
        for (final SessionErrorCode code : SessionErrorCode.values())
        {
            if (code != SessionErrorCode.NULL_VAL && sessionErrors[code.value()] > 0)
            {
                text.append(text.length() == 0 ? "" : ", ").append(code).append('=')
                    .append(sessionErrors[code.value()]);
            }
        }
        return text.toString();
    }

    private String byReason()
    {
        final StringBuilder text = new StringBuilder();
        for (final RejectReason reason : RejectReason.values())
        {
            if (reason != RejectReason.NULL_VAL && rejections[reason.value()] > 0)
            {
                text.append(text.length() == 0 ? "" : ", ").append(reason).append('=')
                    .append(rejections[reason.value()]);
            }
        }
        return text.toString();
    }
}
