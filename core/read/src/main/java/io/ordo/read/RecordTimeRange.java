package io.ordo.read;

import io.ordo.protocol.EventAdapter;
import org.agrona.DirectBuffer;

/**
 * Passes on the records of commands the sequencer stamped within a time range (recorded time, inclusive), as every
 * event of a record carries its command's time or none: the record's time is its terminal outcome's (or a trade's),
 * read by {@link RecordContext}. A record without a timed event (none in a well-formed journal) is passed on.
 * <p>
 * Not thread safe; one reader thread.
 */
public final class RecordTimeRange implements EventRecordListener
{
    private final long fromTimeNs;
    private final long toTimeNs;
    private final EventRecordListener next;
    private final RecordContext context = new RecordContext();
    private final EventAdapter contextAdapter = new EventAdapter(context);

    /**
     * @param fromTimeNs first recorded time passed on, ns since the epoch ({@code Long.MIN_VALUE}: any).
     * @param toTimeNs   last recorded time passed on ({@code Long.MAX_VALUE}: any).
     * @param next       receives the records in the range.
     */
    public RecordTimeRange(final long fromTimeNs, final long toTimeNs, final EventRecordListener next)
    {
        this.fromTimeNs = fromTimeNs;
        this.toTimeNs = toTimeNs;
        this.next = next;
    }

    @Override
    public void onRecord(final long sequence, final DirectBuffer events, final int offset, final int length)
    {
        context.reset();
        contextAdapter.onEvents(events, offset, length);
        final long timestampNs = context.timestampNs;
        if (timestampNs == 0 || timestampNs >= fromTimeNs && timestampNs <= toTimeNs)
        {
            next.onRecord(sequence, events, offset, length);
        }
    }
}
