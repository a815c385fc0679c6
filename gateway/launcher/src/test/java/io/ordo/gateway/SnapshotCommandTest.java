package io.ordo.gateway;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ordo.gateway.server.Gateway;
import io.ordo.gateway.server.GatewayConfig;
import io.ordo.journal.EngineConfig;
import io.ordo.journal.SnapshotStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.ordo.gateway.Launched.launch;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ordo snapshot take} asks a running server for a snapshot; {@code list} shows it and the server's closing
 * one; {@code check} finds both equal to a replay of the journal, and finds a snapshot that loads but holds another
 * state than the journal gives at its sequence (exit code 3, the file named).
 */
class SnapshotCommandTest
{
    @TempDir
    Path dir;

    @Test
    void shouldTakeListAndCheckSnapshotsAndFindOneThatHoldsAnotherState() throws Exception
    {
        final Path data = dir.resolve("data");
        final String key = data.resolve("operator.key").toString();
        final String taken;
        try (Gateway gateway = Gateway.start(new EngineConfig().dataDirectory(data).createDataDirectory(true),
            new GatewayConfig().listen(new InetSocketAddress("127.0.0.1", 0)), data.resolve("operator.key")))
        {
            final String connect = "127.0.0.1:" + gateway.port();
            assertThat(launch("example", "--connect", connect, "--key-file", key).exitCode()).isZero();
            final Launched take = launch("snapshot", "take", "--connect", connect, "--key-file", key);
            assertThat(take.exitCode()).as(take.output()).isZero();
            final Matcher sequence = Pattern.compile("snapshot taken at sequence (\\d+)").matcher(take.output());
            assertThat(sequence.find()).as(take.output()).isTrue();
            taken = sequence.group(1);
            assertThat(launch("example", "--connect", connect, "--key-file", key).exitCode()).isZero();
        }

        final Launched list = launch("snapshot", "list", "--data", data.toString());
        final Launched check = launch("snapshot", "check", "--data", data.toString());

        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(list.output()).containsPattern("(?m)^\\s+" + taken + "\\s+\\d+\\s+[0-9a-f]{16}\\s")
            .contains("2 snapshots, 0 with a problem");
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("OK, the replay reaches the same state").contains("0 with a problem");

        // The later snapshot rewritten with the earlier one's state: it loads, and it lies about its sequence.
        final List<Path> files = new SnapshotStore(data.resolve("snapshots"), 3).list();
        final SnapshotStore.Snapshot earlier = SnapshotStore.load(files.get(1));
        final SnapshotStore.Snapshot later = SnapshotStore.load(files.get(0));
        final byte[] body = new byte[earlier.bodyLength];
        earlier.body.getBytes(0, body);
        Files.delete(later.file);
        new SnapshotStore(data.resolve("snapshots"), 3).write(later.sequence, later.journalIndex, body, body.length);

        final Launched wrong = launch("snapshot", "check", "--data", data.toString());
        assertThat(wrong.exitCode()).as(wrong.output()).isEqualTo(3);
        assertThat(wrong.output()).contains("PROBLEM " + later.file + ": holds state hash ")
            .contains("1 with a problem");
    }


}
