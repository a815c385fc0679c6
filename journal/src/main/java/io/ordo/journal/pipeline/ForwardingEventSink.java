package io.ordo.journal.pipeline;

import io.ordo.core.DirectEventSink;
import io.ordo.core.EventSink;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The BLP's event sink for its whole life: forwards to a target that changes between phases (recovery replay,
 * then the running pipeline), because a BLP is given its sink once, when it is built or loaded from a snapshot.
 * Claims ({@link DirectEventSink}) go to the target if it takes them (the pipeline's output slot), else into a
 * scratch buffer of this sink that each commit hands to the target.
 * <p>
 * Not thread safe: owned by the BLP thread; change the target only between commands.
 */
public final class ForwardingEventSink implements DirectEventSink
{
    private static final int SCRATCH_CAPACITY = 256;

    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[SCRATCH_CAPACITY]);
    private EventSink target;
    /** The target if it takes claims, else null. */
    private DirectEventSink directTarget;

    public ForwardingEventSink(final EventSink target)
    {
        target(target);
    }

    public void target(final EventSink target)
    {
        this.target = target;
        this.directTarget = target instanceof DirectEventSink ? (DirectEventSink)target : null;
    }

    @Override
    public void onEvent(final DirectBuffer buffer, final int offset, final int length)
    {
        target.onEvent(buffer, offset, length);
    }

    @Override
    public MutableDirectBuffer claim(final int maxLength)
    {
        if (directTarget != null)
        {
            return directTarget.claim(maxLength);
        }
        if (maxLength > SCRATCH_CAPACITY)
        {
            throw new IllegalArgumentException("an event of up to " + maxLength + " bytes, the scratch buffer has " +
                SCRATCH_CAPACITY);
        }
        return scratch;
    }

    @Override
    public int claimOffset()
    {
        return directTarget != null ? directTarget.claimOffset() : 0;
    }

    @Override
    public void commit(final int length)
    {
        if (directTarget != null)
        {
            directTarget.commit(length);
        }
        else
        {
            target.onEvent(scratch, 0, length);
        }
    }
}
