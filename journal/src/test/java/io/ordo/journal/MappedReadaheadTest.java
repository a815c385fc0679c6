package io.ordo.journal;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import com.sun.jna.Platform;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link MappedReadahead} reaches the kernel: it turns readahead off for a mapped window of a file, and the kernel's
 * refusal of a range that is not mapped comes back as false.
 */
class MappedReadaheadTest
{
    @TempDir
    Path dir;

    @Test
    void shouldTurnReadaheadOffForAMappedWindowOfAFile() throws IOException
    {
        assumeTrue(Platform.isLinux(), "madvise as Linux has it");
        try (FileChannel channel = FileChannel.open(dir.resolve("journal.cq4"), StandardOpenOption.CREATE,
            StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, 1 << 20);
            try
            {
                final UnsafeBuffer window = new UnsafeBuffer(mapped);

                assertThat(MappedReadahead.turnOff(window.addressOffset(), window.capacity())).isTrue();
            }
            finally
            {
                IoUtil.unmap(mapped);
            }
        }
    }

    @Test
    void shouldReportARangeThatIsNotMapped()
    {
        assumeTrue(Platform.isLinux(), "madvise as Linux has it");

        // the first page of the address space is never mapped: the kernel answers ENOMEM
        assertThat(MappedReadahead.turnOff(0, 4096)).isFalse();
    }
}
