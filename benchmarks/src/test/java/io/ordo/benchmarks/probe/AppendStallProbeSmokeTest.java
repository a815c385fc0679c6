package io.ordo.benchmarks.probe;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps the probe from rotting: a short run with pretouching, which measures nothing. */
class AppendStallProbeSmokeTest
{
    @TempDir
    Path dir;

    @Test
    void shouldAppendEveryDocumentPrintTheSummaryAndLeaveNoQueueBehind() throws Exception
    {
        // given
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        // when
        final int exit = new CommandLine(new AppendStallProbe(out)).execute("--dir", dir.toString(), "--rate",
            "2000", "--seconds", "1", "--bytes", "100", "--pretouch-mib", "1");

        // then
        assertThat(exit).isZero();
        assertThat(bytes.toString(StandardCharsets.UTF_8))
            .contains("2,000 appends of 100 B at 2,000/s under " + dir + " (pretouch 1 MiB ahead)");
        try (var left = Files.list(dir))
        {
            assertThat(left).as("the probe's queue is deleted").isEmpty();
        }
    }
}
