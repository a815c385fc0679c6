package io.ordo.gateway.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.ordo.journal.EventTail;
import io.ordo.journal.EventTailListener;
import io.ordo.journal.pipeline.EventCursor;
import org.agrona.DirectBuffer;

/**
 * One session's drop copy: the output journal read from the client's resume point on, through an {@link EventTail},
 * each command's events of the subscribed account (or of every account) sent as one {@code DropCopyEvents} frame
 * that names the sequence of the frame before it, so that a client detects a gap and resumes from the last sequence
 * it holds. History and live events come the same way, from the journal: a slow client only falls behind in the
 * file, and its memory is bounded by the channel's write buffer (reading stops while the channel is not writable).
 * <p>
 * Threading: the session's event loop only (the tail is confined to the thread that opened it).
 */
final class DropCopyFeed implements EventTailListener
{
    /** Records read per task, so that one drop copy cannot hold its event loop for long. */
    private static final int RECORDS_PER_TASK = 256;

    private final EventTail tail;
    private final long accountId;
    private final boolean admin;
    private final Channel channel;
    private final FrameWriter frames = new FrameWriter();
    private final EventCursor cursor = new EventCursor();
    private long previousSequence;
    private int written;

    DropCopyFeed(final EventTail tail, final long accountId, final boolean admin, final Channel channel,
        final long afterSequence)
    {
        this.tail = tail;
        this.accountId = accountId;
        this.admin = admin;
        this.channel = channel;
        this.previousSequence = afterSequence;
    }

    /**
     * Tells the client its subscription is live: a {@code DropCopyEvents} of no events whose sequence and previous
     * sequence are both the resume point, sent before any history (a client that follows the gap rules ignores it,
     * as its sequence is not above the last one it holds). A back office that subscribes to a quiet account so
     * knows at once that the server took the subscription.
     */
    void acknowledge()
    {
        frames.beginDropCopy(channel.alloc(), previousSequence, previousSequence, 0);
        channel.writeAndFlush(frames.endEvents(), channel.voidPromise());
    }

    /**
     * Sends what the journal holds beyond what was sent, while the channel is writable, up to one task's share.
     *
     * @return true when more may be waiting (call again), false when caught up or the channel is full.
     */
    boolean pump()
    {
        written = 0;
        int read = 0;
        boolean more = true;
        while (channel.isWritable() && read < RECORDS_PER_TASK)
        {
            final int polled = tail.poll(this, Math.min(32, RECORDS_PER_TASK - read));
            if (polled == 0)
            {
                more = false;
                break;
            }
            read += polled;
        }
        if (written > 0)
        {
            channel.flush();
        }
        return more && channel.isWritable();
    }

    @Override
    public void onRecord(final long sequence, final DirectBuffer events, final int offset, final int length)
    {
        int eventsLength = 0;
        cursor.wrap(events, offset, length);
        while (cursor.next())
        {
            if (EventRouter.concernsAccount(events, cursor.offset(), accountId, admin))
            {
                eventsLength += cursor.length();
            }
        }
        if (eventsLength == 0)
        {
            return;
        }
        frames.beginDropCopy(channel.alloc(), sequence, previousSequence, eventsLength);
        cursor.wrap(events, offset, length);
        while (cursor.next())
        {
            final int at = cursor.offset();
            if (EventRouter.concernsAccount(events, at, accountId, admin))
            {
                final int copied = frames.appendEvent(events, at, cursor.length());
                if (!admin && EventRouter.isTrade(events, at))
                {
                    EventRouter.hideCounterparty(events, at, accountId, frames, copied);
                }
            }
        }
        final ByteBuf frame = frames.endEvents();
        channel.write(frame, channel.voidPromise());
        written++;
        previousSequence = sequence;
    }

    void close()
    {
        tail.close();
    }
}
