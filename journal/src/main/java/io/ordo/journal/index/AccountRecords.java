package io.ordo.journal.index;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The records of one account an {@link AccountIndexReader} found: sequences, each with its cycle file name and byte
 * position in the output journal, in sequence order once complete.
 * <p>
 * Not thread safe.
 */
public final class AccountRecords
{
    private long[] sequences = new long[16];
    private long[] positions = new long[16];
    private final List<String> files = new ArrayList<>();
    private int count;

    void add(final long sequence, final String file, final long recordPosition)
    {
        if (count == sequences.length)
        {
            sequences = java.util.Arrays.copyOf(sequences, count * 2);
            positions = java.util.Arrays.copyOf(positions, count * 2);
        }
        sequences[count] = sequence;
        positions[count] = recordPosition;
        files.add(file);
        count++;
    }

    void reverse()
    {
        for (int i = 0, j = count - 1; i < j; i++, j--)
        {
            final long sequence = sequences[i];
            sequences[i] = sequences[j];
            sequences[j] = sequence;
            final long position = positions[i];
            positions[i] = positions[j];
            positions[j] = position;
        }
        Collections.reverse(files);
    }

    public int count()
    {
        return count;
    }

    public long sequence(final int i)
    {
        return sequences[i];
    }

    /** @return the name of the output journal's cycle file that holds the i-th record. */
    public String file(final int i)
    {
        return files.get(i);
    }

    /** @return the i-th record's byte position in its file. */
    public long recordPosition(final int i)
    {
        return positions[i];
    }
}
