package io.ordo.journal;

/**
 * Where a follower of the output journal stands: the last record it has (sequence and chained checksum) and where
 * the document that holds it starts (cycle file name and byte position of the document's header), so that it can
 * read on from there without reading what came before, and know by the checksum that it reads on the journal it
 * followed. A reader resuming there passes over the document's records up to the sequence (a document holds a
 * batch of records). A position noted on a journal of one record per document may name the document after the
 * record instead: there is then nothing to pass over, and it resumes the same way.
 *
 * @param sequence         the last sequence the follower has; 0 for none.
 * @param checksum         that record's chained checksum.
 * @param fileName         the name of the cycle file the record is in.
 * @param documentPosition where the record's document starts in that file.
 */
public record ReadPosition(long sequence, int checksum, String fileName, long documentPosition)
{
    /** Before the journal's first record. */
    public static final ReadPosition START = new ReadPosition(0, JournalRecord.GENESIS_CHECKSUM, "", 0);
}
