package io.ordo.journal.pipeline;

import io.ordo.core.EventSink;
import org.agrona.DirectBuffer;

/**
 * The BLP's event sink for its whole life: forwards to a target that changes between phases (recovery replay,
 * then the running pipeline), because a BLP is given its sink once, when it is built or loaded from a snapshot.
 * <p>
 * Not thread safe: owned by the BLP thread; change the target only between commands.
 */
public final class ForwardingEventSink implements EventSink
{
    private EventSink target;

    public ForwardingEventSink(final EventSink target)
    {
        this.target = target;
    }

    public void target(final EventSink target)
    {
        this.target = target;
    }

    @Override
    public void onEvent(final DirectBuffer buffer, final int offset, final int length)
    {
        target.onEvent(buffer, offset, length);
    }
}
