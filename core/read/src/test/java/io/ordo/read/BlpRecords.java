package io.ordo.read;

import java.util.ArrayList;
import java.util.List;

import io.ordo.core.BusinessLogicProcessor;
import io.ordo.core.EventSink;
import io.ordo.protocol.EventAdapter;
import io.ordo.protocol.EventListener;
import io.ordo.workload.CommandStream;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * For tests: runs commands through a BLP and hands each command's events, as one record of the next sequence, to
 * the read models, as the output journal would hold them; may leave one record out.
 */
final class BlpRecords implements EventSink
{
    private final ExpandableArrayBuffer events = new ExpandableArrayBuffer(4096);
    final List<EventRecordListener> readModels = new ArrayList<>();
    private final EventSink also;
    private int length;
    private long sequence;
    /** Leaves out the record of the n-th command (from 1) that changed a balance; 0: none. */
    long skipNthChange;
    long changes;
    private boolean changed;
    private final EventAdapter changeDetector = new EventAdapter(new EventListener()
    {
        @Override
        public void onBalanceChanged(final long accountId, final int assetId, final short causeCode,
            final long availableDeltaMinor, final long heldDeltaMinor, final long availableAfterMinor,
            final long heldAfterMinor, final long referenceId)
        {
            changed = true;
        }
    });

    BlpRecords(final EventSink also)
    {
        this.also = also;
    }

    @Override
    public void onEvent(final DirectBuffer buffer, final int offset, final int eventLength)
    {
        events.putBytes(length, buffer, offset, eventLength);
        length += eventLength;
        also.onEvent(buffer, offset, eventLength);
    }

    void run(final BusinessLogicProcessor blp, final CommandStream stream)
    {
        for (int i = 0; i < stream.count(); i++)
        {
            run(blp, stream.commands(), stream.offset(i), stream.length(i));
        }
    }

    /** Runs one encoded command and hands its record, of the next sequence, to the read models. */
    void run(final BusinessLogicProcessor blp, final DirectBuffer command, final int offset, final int commandLength)
    {
        length = 0;
        blp.onCommand(command, offset, commandLength);
        sequence++;
        changed = false;
        changeDetector.onEvents(events, 0, length);
        if (!changed || ++changes != skipNthChange)
        {
            for (final EventRecordListener readModel : readModels)
            {
                readModel.onRecord(sequence, events, 0, length);
            }
        }
    }
}
