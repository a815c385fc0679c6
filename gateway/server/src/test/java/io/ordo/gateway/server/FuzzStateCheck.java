package io.ordo.gateway.server;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

import io.ordo.core.BlpSnapshotLoader;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.core.EventSink;
import io.ordo.journal.SnapshotStore;
import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.codec.CommandRejectedDecoder;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.protocol.codec.PlaceOrderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that nothing the engine rejected during a fuzz campaign changed its state, from two snapshots the engine
 * wrote around the campaign (A before the first fuzz frame, B after the last) and the campaign's own record of the
 * commands the engine took ({@link FuzzTaken}, in the order taken: the campaign runs one connection at a time).
 * <ol>
 *   <li><b>The record is complete and exact.</b> A BLP loaded from snapshot A and fed the taken commands, then
 *   B's TakeSnapshot, must reach B's state hash; each outcome seen on the wire must be the one this replay
 *   produces; and the taken commands must fill the input journal sequences between A and B exactly. So a frame the
 *   gateway refused with a {@code SessionError} that still reached the engine fails here, whatever it did.</li>
 *   <li><b>Rejected commands changed nothing but the request window.</b> A second BLP from snapshot A is fed only
 *   the commands the first accepted (then B's TakeSnapshot); each must be accepted again. The BLP remembers every
 *   command its handlers rejected in its request window, which is in the state hash, so both BLPs are then fed the
 *   same {@code requestWindowCapacity} commands of no effect (deposits to accounts nobody opened), which push
 *   every earlier entry out of both windows. After that their state hashes must be equal: a rejected command that
 *   had changed a balance, an order, an id counter, a key or an instrument would leave a difference there (or
 *   change a later outcome), and this check fails.</li>
 *   <li><b>The check can fail.</b> The same with one accepted order left out must give another hash.</li>
 * </ol>
 * Not thread safe; runs on the test's thread after the gateway has closed.
 */
final class FuzzStateCheck
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final long FILLER_ACCOUNT_BASE = 9_000_000_000_000_000_000L;

    private final Path snapshots;
    private final long sequenceA;
    private final long sequenceB;
    private final List<FuzzTaken> taken;
    private final byte[] commandB;
    private final OutcomeSink sink = new OutcomeSink();
    private final UnsafeBuffer command = new UnsafeBuffer(0, 0);

    /** The outcome (first event) of the command being fed. */
    private static final class OutcomeSink implements EventSink
    {
        int template = FuzzTaken.UNKNOWN;
        int reason = FuzzTaken.UNKNOWN;

        void reset()
        {
            template = FuzzTaken.UNKNOWN;
            reason = FuzzTaken.UNKNOWN;
        }

        @Override
        public void onEvent(final DirectBuffer buffer, final int offset, final int length)
        {
            if (template == FuzzTaken.UNKNOWN)
            {
                template = buffer.getShort(offset + MessageHeaderDecoder.templateIdEncodingOffset(),
                    ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
                reason = template == CommandRejectedDecoder.TEMPLATE_ID ?
                    buffer.getByte(offset + HEADER + CommandRejectedDecoder.reasonEncodingOffset()) & 0xFF :
                    FuzzTaken.UNKNOWN;
            }
        }
    }

    /** What the check found, for the report. */
    record Result(long taken, long accepted, long rejected, long hashB, long hashAfterFlush,
        long hashWithoutRejectedBeforeFlush, long hashWithOneAcceptedLeftOut)
    {
    }

    FuzzStateCheck(final Path snapshots, final long sequenceA, final long sequenceB, final List<FuzzTaken> taken,
        final byte[] commandB)
    {
        this.snapshots = snapshots;
        this.sequenceA = sequenceA;
        this.sequenceB = sequenceB;
        this.taken = taken;
        this.commandB = commandB;
    }

    Result run()
    {
        assertThat(sequenceB - sequenceA - 1)
            .as("input journal sequences between snapshot A (%d) and B (%d): each must be a command the campaign " +
                "saw taken", sequenceA, sequenceB).isEqualTo(taken.size());

        final BusinessLogicProcessor all = load(sequenceA);
        final boolean[] accepted = new boolean[taken.size()];
        long acceptedCount = 0;
        for (int i = 0; i < taken.size(); i++)
        {
            final FuzzTaken command = taken.get(i);
            feed(all, command.message);
            if (command.sequence != FuzzTaken.UNKNOWN)
            {
                assertThat(command.sequence).as("sequence of taken command #%d", i).isEqualTo(sequenceA + 1 + i);
            }
            if (command.outcomeTemplate != FuzzTaken.UNKNOWN)
            {
                assertThat(sink.template).as("outcome of taken command #%d (template %d, sequence %d): the replay " +
                    "against the wire", i, command.templateId(), sequenceA + 1 + i).isEqualTo(command.outcomeTemplate);
                assertThat(sink.reason).as("reject reason of taken command #%d", i).isEqualTo(command.rejectReason);
            }
            accepted[i] = sink.template != CommandRejectedDecoder.TEMPLATE_ID;
            acceptedCount += accepted[i] ? 1 : 0;
        }
        feed(all, commandB);
        final long hashB = load(sequenceB).stateHash();
        assertThat(all.stateHash()).as("snapshot A + every command the campaign saw taken = snapshot B")
            .isEqualTo(hashB);

        final BusinessLogicProcessor acceptedOnly = replayAccepted(accepted, -1);
        final long beforeFlush = acceptedOnly.stateHash();
        flush(all);
        flush(acceptedOnly);
        assertThat(acceptedOnly.stateHash())
            .as("the state without the %d rejected commands, once the request window holds none of them",
                taken.size() - acceptedCount).isEqualTo(all.stateHash());

        long leftOutHash = 0;
        for (int i = accepted.length - 1; i >= 0; i--)
        {
            if (accepted[i] && taken.get(i).templateId() == PlaceOrderDecoder.TEMPLATE_ID)
            {
                // An accepted order takes an order id at least: leaving it out must show.
                final BusinessLogicProcessor oneLess = replayAccepted(accepted, i);
                flush(oneLess);
                leftOutHash = oneLess.stateHash();
                assertThat(leftOutHash).as("without accepted command #%d the hash must differ: the check can fail", i)
                    .isNotEqualTo(all.stateHash());
                break;
            }
        }
        return new Result(taken.size(), acceptedCount, taken.size() - acceptedCount, hashB, all.stateHash(),
            beforeFlush, leftOutHash);
    }

    private BusinessLogicProcessor replayAccepted(final boolean[] accepted, final int leaveOut)
    {
        final BusinessLogicProcessor blp = load(sequenceA);
        for (int i = 0; i < taken.size(); i++)
        {
            if (accepted[i] && i != leaveOut)
            {
                feed(blp, taken.get(i).message);
                if (leaveOut < 0)
                {
                    assertThat(sink.template).as("command #%d, accepted among all, accepted without the rejected " +
                        "ones", i).isNotEqualTo(CommandRejectedDecoder.TEMPLATE_ID);
                }
            }
        }
        feed(blp, commandB);
        return blp;
    }

    /** Fills the request window with commands of no effect, the same for every BLP. */
    private void flush(final BusinessLogicProcessor blp)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final CommandWriter writer = new CommandWriter();
        for (int i = 0, capacity = blp.config().requestWindowCapacity(); i < capacity; i++)
        {
            final int length = writer.deposit(buffer, 0, FILLER_ACCOUNT_BASE + i, 1, 0, Venue.USD, 1);
            sink.reset();
            blp.onCommand(buffer, 0, length);
        }
    }

    private void feed(final BusinessLogicProcessor blp, final byte[] message)
    {
        sink.reset();
        command.wrap(message);
        blp.onCommand(command, 0, message.length);
    }

    private BusinessLogicProcessor load(final long sequence)
    {
        final SnapshotStore.Snapshot snapshot = SnapshotStore.load(snapshots.resolve(SnapshotStore.fileName(sequence)));
        return BlpSnapshotLoader.load(snapshot.body, 0, snapshot.bodyLength, sink);
    }
}
