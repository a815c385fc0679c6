package io.ordo.journal;

import java.nio.file.Path;

import org.agrona.DirectBuffer;

/**
 * Receives output records with what a follower needs to find them again and to resume after them: the record's
 * chained checksum, its cycle file, its byte position there and its document's. What a persistent read model (a
 * projection) is fed, by {@link io.ordo.journal.index.Projector} from a live {@link EventTail} or by
 * {@link HistoryReader} from the files.
 * <p>
 * Called on the reading thread; the buffer is overwritten by the next record.
 */
@FunctionalInterface
public interface LocatedRecordListener
{
    /**
     * @param sequence       the input command's sequence.
     * @param checksum       the record's chained checksum.
     * @param events         the command's events back to back.
     * @param offset         of the first event.
     * @param length         of all events in bytes.
     * @param file             the cycle file that holds the record.
     * @param recordPosition   the record's byte position in it (the first of a document starts after the
     *                         document's 4-byte header).
     * @param documentPosition the byte position of the record's document (of its header): where a follower
     *                         resumes after the record, see {@link ReadPosition}.
     */
    void onRecord(long sequence, int checksum, DirectBuffer events, int offset, int length, Path file,
        long recordPosition, long documentPosition);
}
