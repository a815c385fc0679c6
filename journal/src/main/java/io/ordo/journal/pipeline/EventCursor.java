package io.ordo.journal.pipeline;

import io.ordo.protocol.codec.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

/**
 * Walks events stored back to back (as a {@link ResultListener} or the output journal gets them): each is an SBE
 * message header followed by its block, whose length the header gives. It frames events and does not decode them:
 * <pre>
 *   cursor.wrap(events, offset, length);
 *   while (cursor.next()) { sink.onEvent(cursor.buffer(), cursor.offset(), cursor.length()); }
 * </pre>
 * To read the events' fields, hand each to an {@link io.ordo.protocol.EventAdapter}, or a whole record to its
 * {@code onEvents}; the cursor is for stepping through records side by side, as {@code verify} does.
 * Not thread safe; reusable, allocation free.
 */
public final class EventCursor
{
    private static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private DirectBuffer buffer;
    private int end;
    private int nextOffset;
    private int offset;
    private int length;

    public EventCursor wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.nextOffset = offset;
        this.end = offset + length;
        this.offset = offset;
        this.length = 0;
        return this;
    }

    /**
     * Moves to the next event.
     *
     * @return false at the end, or if what is left is too short to be an event (a damaged record).
     */
    public boolean next()
    {
        if (nextOffset + HEADER_LENGTH > end)
        {
            return false;
        }
        header.wrap(buffer, nextOffset);
        final int eventLength = HEADER_LENGTH + header.blockLength();
        if (nextOffset + eventLength > end)
        {
            return false;
        }
        offset = nextOffset;
        length = eventLength;
        nextOffset += eventLength;
        return true;
    }

    public int templateId()
    {
        return header.templateId();
    }

    /** @return the offset of the current event's message header. */
    public int offset()
    {
        return offset;
    }

    /** @return the current event's length, header included. */
    public int length()
    {
        return length;
    }

    public DirectBuffer buffer()
    {
        return buffer;
    }
}
