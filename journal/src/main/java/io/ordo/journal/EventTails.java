package io.ordo.journal;

import java.util.ArrayList;
import java.util.List;

import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * The event tails an engine has open, so that {@link Engine#close()} can close them before the output journal:
 * once {@link #closeAll()} has begun no tail opens and every open one is closed.
 * <p>
 * Thread safe: tails open and close on their own threads, the engine closes on its own. Not on any hot path.
 */
final class EventTails
{
    private final List<EventTail> open = new ArrayList<>();
    private boolean closed;

    /**
     * Opens a tail of {@code queue} after {@code afterSequence}; see {@link EventTail}.
     *
     * @throws IllegalStateException  once {@link #closeAll()} has begun.
     * @throws ResumeRefusedException if the journal does not hold the resume point.
     */
    synchronized EventTail open(final SingleChronicleQueue queue, final long afterSequence, final String name)
    {
        if (closed)
        {
            throw new IllegalStateException("engine closed: no event tail opens any more");
        }
        final EventTail tail = new EventTail(queue, afterSequence, this, name);
        open.add(tail);
        return tail;
    }

    synchronized void remove(final EventTail tail)
    {
        open.remove(tail);
    }

    /** @return tails open now. */
    synchronized int openCount()
    {
        return open.size();
    }

    /** Refuses new tails, then closes every open one, each after a poll in progress returns. */
    void closeAll()
    {
        final List<EventTail> toClose;
        synchronized (this)
        {
            closed = true;
            toClose = new ArrayList<>(open);
        }
        for (final EventTail tail : toClose)
        {
            tail.closeByEngine();
        }
    }
}
