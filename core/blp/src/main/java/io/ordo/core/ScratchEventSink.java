package io.ordo.core;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Gives a plain {@link EventSink} the {@link DirectEventSink} form: claims are in a scratch buffer of its own, and
 * each commit hands the event to the plain sink, which copies what it keeps. So the {@link EventPublisher} has one
 * way of publishing whatever sink the BLP is given.
 * <p>
 * Not thread safe; owned by the BLP thread. Allocates only in its constructor.
 */
final class ScratchEventSink implements DirectEventSink
{
    /** Longer than every event of the schema. */
    static final int CAPACITY = 256;

    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[CAPACITY]);
    private final EventSink sink;

    ScratchEventSink(final EventSink sink)
    {
        this.sink = sink;
    }

    /** @return the sink itself if it takes claims, else a scratch buffer in front of it. */
    static DirectEventSink of(final EventSink sink)
    {
        return sink instanceof DirectEventSink ? (DirectEventSink)sink : new ScratchEventSink(sink);
    }

    @Override
    public MutableDirectBuffer claim(final int maxLength)
    {
        return scratch;
    }

    @Override
    public int claimOffset()
    {
        return 0;
    }

    @Override
    public void commit(final int length)
    {
        sink.onEvent(scratch, 0, length);
    }

    @Override
    public void onEvent(final DirectBuffer buffer, final int offset, final int length)
    {
        sink.onEvent(buffer, offset, length);
    }
}
