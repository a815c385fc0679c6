package io.ordo.journal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.ordo.workload.TestCommand;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Specification of a journal Chronicle can open only read only (a damaged {@code metadata.cq4t}, a file system
 * mounted read only): start-up refuses it with one line naming the journal and what to do, rather than starting
 * an engine whose first command fails in the journaller thread.
 */
class ReadOnlyJournalTest
{
    @TempDir
    Path dir;

    private EngineConfig config(final Path data)
    {
        return new EngineConfig().dataDirectory(data).createDataDirectory(true);
    }

    private void oneCommand(final Path data) throws Exception
    {
        try (Engine engine = Engine.start(config(data)))
        {
            final Submitter submitter = new Submitter();
            submitter.submit(engine, List.of(TestCommand.createAsset(0, 1, 0, 1, 2)));
            submitter.awaitAll();
            assertThat(engine.failure()).isNull();
        }
    }

    @Test
    void shouldRefuseToStartWhenADamagedMetadataFileMakesChronicleFallBackToReadOnly() throws Exception
    {
        // given: the field name "wireType" in the input journal's metadata.cq4t changed, which Chronicle cannot parse
        final Path data = dir.resolve("data");
        oneCommand(data);
        final Path metadata = data.resolve("input").resolve("metadata.cq4t");
        final byte[] bytes = Files.readAllBytes(metadata);
        final int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("wireType");
        assertThat(at).isPositive();
        bytes[at + 4] ^= 0x10;
        Files.write(metadata, bytes);

        // when
        final Throwable refused = catchThrowable(() -> Engine.start(config(data)));

        // then
        assertThat(refused).isInstanceOf(JournalException.class)
            .hasMessageContaining("cannot open the input journal " + data.resolve("input") + " for writing")
            .hasMessageContaining(metadata + " is intact (it holds no journal data: move it aside");

        // and the advice works: moved aside, Chronicle rebuilds it and nothing is lost
        Files.move(metadata, dir.resolve("metadata.cq4t.damaged"));
        oneCommand(data);
        final Verifier.Result verified = Verifier.verify(new DataDirectory(data), null);
        assertThat(verified.ok()).isTrue();
        assertThat(verified.inputRecords()).isEqualTo(2);
    }

    @Test
    void shouldRefuseToStartOnAFileSystemMountedReadOnly() throws Exception
    {
        final Path mount = Files.createDirectories(dir.resolve("mnt"));
        Assumptions.assumeTrue(SystemCommand.run("mount", "-t", "tmpfs", "-o", "size=200m", "tmpfs",
            mount.toString()).isEmpty(),
            "cannot mount a tmpfs here (needs root): skipped");
        try
        {
            final Path data = mount.resolve("data");
            oneCommand(data);
            assertThat(SystemCommand.run("mount", "-o", "remount,ro", mount.toString())).as("remount read only")
                .isEmpty();

            final Throwable refused = catchThrowable(() -> Engine.start(config(data)));

            assertThat(refused).isInstanceOf(JournalException.class).hasMessageContaining(data.toString());
            assertThat(refused.getMessage()).doesNotContain("\n");
            assertThat(Verifier.verify(new DataDirectory(data), null).ok()).as("a reader still reads it").isTrue();
        }
        finally
        {
            SystemCommand.run("umount", "-l", mount.toString());
        }
    }
}
