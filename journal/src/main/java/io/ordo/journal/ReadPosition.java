package io.ordo.journal;

/**
 * Where a follower of the output journal stands: the last record it has (sequence and chained checksum) and where
 * the document after it starts (cycle file name and byte position), so that it can read on from there without
 * reading what came before, and know by the checksum that it reads on the journal it followed.
 *
 * @param sequence             the last sequence the follower has; 0 for none.
 * @param checksum             that record's chained checksum.
 * @param fileName             the name of the cycle file the next document is in (of the record's file).
 * @param nextDocumentPosition where the document after the record starts in that file.
 */
public record ReadPosition(long sequence, int checksum, String fileName, long nextDocumentPosition)
{
    /** Before the journal's first record. */
    public static final ReadPosition START = new ReadPosition(0, JournalRecord.GENESIS_CHECKSUM, "", 0);

    /**
     * @return where the document after a record a {@link LocatedRecordListener} was given starts in its file.
     */
    public static long nextDocumentPosition(final long recordPosition, final int payloadLength)
    {
        return JournalRecord.nextDocumentPosition(recordPosition, payloadLength);
    }
}
