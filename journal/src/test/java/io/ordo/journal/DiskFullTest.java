package io.ordo.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.ordo.core.BlpConfig;
import io.ordo.journal.pipeline.ResultListener;
import io.ordo.protocol.CommandWriter;
import io.ordo.workload.CommandKind;
import io.ordo.workload.DifferentialHarness;
import io.ordo.workload.RandomizedWorkload;
import io.ordo.workload.TestCommand;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Specification of a full disk, on a real one: each test mounts a tmpfs of {@value #TMPFS_MB} MB (skipped where
 * mounting is not allowed) and fills most of it with a ballast file first, so that the journals run into the end
 * of the file system within seconds. Chronicle maps its day files sparse (80 MB each, see
 * {@code SingleChronicleQueue.blockSize()}), and on tmpfs an untouched page of a sparse file takes no space: only
 * what is written counts, as on a disk.
 */
class DiskFullTest
{
    private static final int TMPFS_MB = 40;
    private static final long RESERVE_BYTES = 4L << 20;
    /** Free space above the reserve that the ballast leaves for the journals. */
    private static final long JOURNAL_ROOM_BYTES = 10L << 20;
    private static final int WINDOW = DifferentialHarness.WINDOW_CAPACITY;
    private static final int STREAM_COMMANDS = 150_000;
    private static final int CHUNK_COMMANDS = 256;
    private static final int COMMANDS_AFTER_RESTART = 2_000;

    private Path mountPoint;
    private boolean mounted;
    private Path data;

    private final CommandWriter writer = new CommandWriter();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
    private final AtomicLong delivered = new AtomicLong();
    private final ResultListener counting = (sequence, events, offset, length) -> delivered.incrementAndGet();
    private long submitted;

    @BeforeEach
    void mountTmpfs(@TempDir final Path parent) throws Exception
    {
        mountPoint = Files.createDirectory(parent.resolve("tmpfs"));
        final String result = SystemCommand.run("mount", "-t", "tmpfs", "-o", "size=" + TMPFS_MB + "m", "tmpfs",
            mountPoint.toString());
        Assumptions.assumeTrue(result.isEmpty(), () -> "cannot mount a tmpfs here: " + result);
        mounted = true;
        data = mountPoint.resolve("data");
    }

    @AfterEach
    void unmountTmpfs() throws Exception
    {
        if (mounted && !SystemCommand.run("umount", mountPoint.toString()).isEmpty())
        {
            SystemCommand.run("umount", "-l", mountPoint.toString());
        }
    }

    @Test
    void shouldStopWithNoSpaceLeftAndRecoverOnAPlainRestartWhenSpaceIsFreed() throws Exception
    {
        // given: a ballast file that leaves the journals a few MB above the reserve
        final Path ballast = ballast(usableBytes() - RESERVE_BYTES - JOURNAL_ROOM_BYTES);
        final List<TestCommand> stream = RandomizedWorkload.generate(5, STREAM_COMMANDS, WINDOW).stream()
            .filter(c -> c.kind != CommandKind.TAKE_SNAPSHOT).toList();

        // when: commands go in until the engine stops
        final Engine engine = Engine.start(config());
        int next = 0;
        try
        {
            while (engine.failure() == null)
            {
                if (next + CHUNK_COMMANDS > stream.size())
                {
                    fail("the journals wrote %,d commands and the disk did not fill up", next);
                }
                submitAndAwait(engine, stream.subList(next, next + CHUNK_COMMANDS));
                next += CHUNK_COMMANDS;
            }
        }
        finally
        {
            engine.close();
        }
        final Throwable failure = engine.failure();
        final long acknowledged = delivered.get();

        // then: a refusal before the mapped write, not a fault in it
        assertThat(failure).as("why the engine stopped").isInstanceOf(JournalException.class).hasNoCause()
            .hasMessageContaining("no space left on device for " + data)
            .hasMessageContaining("below the 4.0 MiB reserve");
        assertThat(usableBytes()).as("free space left when the journal refused").isPositive();

        // and: with the file system filled to its last byte, verify reads the journals without a fault
        final Path filler = mountPoint.resolve("filler");
        fillUp(filler);
        final Verifier.Result whileFull = Verifier.verify(new DataDirectory(data), null);
        assertThat(whileFull.problems()).as("verify on a full file system").isEmpty();
        Files.delete(filler);

        // when: space is freed and the engine restarted as it is
        Files.delete(ballast);
        delivered.set(0);
        submitted = 0;
        final Engine restarted = Engine.start(config());
        final long recoveredSequence = restarted.recovery().lastSequence();
        try
        {
            submitAndAwait(restarted, stream.subList(next, next + COMMANDS_AFTER_RESTART));
        }
        finally
        {
            restarted.close();
        }

        // then: it recovered everything acknowledged, took more, and the directory verifies
        assertThat(recoveredSequence).as("recovered last sequence, %,d acknowledged", acknowledged)
            .isGreaterThanOrEqualTo(acknowledged);
        assertThat(restarted.failure()).as("failure after the restart").isNull();
        assertThat(delivered.get()).as("results after the restart").isEqualTo(submitted);
        final Verifier.Result verified = Verifier.verify(new DataDirectory(data), null);
        assertThat(verified.problems()).as("verify after the restart").isEmpty();
        assertThat(verified.ok()).isTrue();
    }

    @Test
    void shouldRefuseToStartWhenFreeSpaceIsBelowTheReserve() throws Exception
    {
        // given
        ballast(usableBytes() - RESERVE_BYTES / 2);

        // when, then
        assertThatThrownBy(() -> Engine.start(config()).close())
            .isInstanceOf(JournalException.class)
            .hasMessageContaining("no space left on device for " + data)
            .hasMessageContaining("below the 4.0 MiB reserve");
    }

    @Test
    void shouldLeaveNoTempFileWhenASnapshotDoesNotFitOnTheDisk() throws Exception
    {
        // given
        final Path snapshots = mountPoint.resolve("snapshots");
        final SnapshotStore store = new SnapshotStore(snapshots, 3);
        ballast(usableBytes() - (1L << 20));
        final byte[] body = new byte[4 << 20];

        // when, then
        assertThatThrownBy(() -> store.write(1, 0, body, body.length)).isInstanceOf(IOException.class);
        try (Stream<Path> files = Files.list(snapshots))
        {
            assertThat(files.toList()).as("files left in the snapshot directory").isEmpty();
        }
    }

    private EngineConfig config()
    {
        return new EngineConfig()
            .dataDirectory(data).createDataDirectory(true)
            .diskSpaceReserveBytes(RESERVE_BYTES)
            .blpConfig(new BlpConfig().requestWindowCapacity(WINDOW))
            .snapshotIntervalCommands(0)
            .inputRingSize(1024)
            .outputRingSize(1024)
            .singleSubmitter(true);
    }

    /** Submits the commands, then waits for all their results or for the engine to fail. */
    private void submitAndAwait(final Engine engine, final List<TestCommand> commands) throws InterruptedException
    {
        try
        {
            for (final TestCommand command : commands)
            {
                engine.submit(buffer, 0, command.encode(writer, buffer), counting);
                submitted++;
            }
        }
        catch (final IllegalStateException e)
        {
            assertThat(engine.failure()).as("submit refused (%s), so the engine failed", e).isNotNull();
            return;
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (delivered.get() < submitted && engine.failure() == null)
        {
            assertThat(System.nanoTime()).as("results within 60 s").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    private long usableBytes() throws IOException
    {
        return Files.getFileStore(mountPoint).getUsableSpace();
    }

    /** A file of zeros really written (so it takes its space on tmpfs), to be deleted to free space. */
    private Path ballast(final long bytes) throws IOException
    {
        final Path file = mountPoint.resolve("ballast");
        final ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
        {
            long written = 0;
            while (written < bytes)
            {
                zeros.clear().limit((int)Math.min(zeros.capacity(), bytes - written));
                written += channel.write(zeros);
            }
        }
        return file;
    }

    /** Writes to the file until the file system refuses: no byte is left. */
    private static void fillUp(final Path file) throws Exception
    {
        final byte[] block = new byte[1 << 16];
        java.util.Arrays.fill(block, (byte)1);
        try (java.io.OutputStream out = Files.newOutputStream(file))
        {
            while (true)
            {
                out.write(block);
            }
        }
        catch (final java.io.IOException expected)
        {
            // "No space left on device"
        }
    }
}
