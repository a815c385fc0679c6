package io.ordo.gateway;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.ordo.client.ApiKeyFile;
import io.ordo.client.ClientConfig;
import io.ordo.client.CommandResult;
import io.ordo.client.OrdoClient;
import io.ordo.journal.DataDirectory;
import io.ordo.journal.SnapshotCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ordo snapshot take|list|check}: asks a running server for a snapshot, lists a data directory's snapshots,
 * or checks each against a replay of the input journal.
 * <p>
 * Runs on the calling thread.
 */
@Command(
    name = "snapshot",
    mixinStandardHelpOptions = true,
    description = {"Snapshots: take one on a running server, list a directory's, or check them against the journal."},
    subcommands = {SnapshotCommand.Take.class, SnapshotCommand.ListSnapshots.class, SnapshotCommand.Check.class})
public final class SnapshotCommand implements Runnable
{
    @Override
    public void run()
    {
        System.err.println("ordo snapshot: say take, list or check (ordo snapshot --help)");
    }

    /** {@code ordo snapshot take}: a TakeSnapshot command to a running server, as its operator. */
    @Command(
        name = "take",
        mixinStandardHelpOptions = true,
        description = {
            "Asks the running server for a snapshot (a TakeSnapshot command, journaled like any other, with the "
                + "operator key). The snapshot is written in the background; `ordo snapshot list` shows it.",
            "Exit codes: 0 taken; 1 refused or no server; 2 bad arguments." })
    static final class Take implements Callable<Integer>
    {
        @Mixin
        private ConnectOptions server;

        @Override
        public Integer call() throws Exception
        {
            try (OrdoClient client = OrdoClient.connect(new ClientConfig().server(server.host(), server.port())
                .login(ApiKeyFile.read(server.keyFile()))))
            {
                final CommandResult result = client.takeSnapshot().get(30, TimeUnit.SECONDS);
                if (!result.accepted())
                {
                    System.out.println("snapshot refused: " + result);
                    return 1;
                }
                System.out.printf(Locale.ROOT, "snapshot taken at sequence %d%n", result.sequence());
                return 0;
            }
        }
    }

    /** {@code ordo snapshot list --data DIR}. */
    @Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the snapshots of DIR, oldest first: sequence, size, the state hash each holds, or why it does "
                + "not load.",
            "Exit codes: 0 listed, all load; 3 one does not load; 1 no data directory or the directory in use by a "
                + "server; 2 bad arguments." })
    static final class ListSnapshots implements Callable<Integer>
    {
        @Option(names = "--data", paramLabel = "DIR", required = true, description = "The data directory.")
        private Path dataDirectory;

        @Override
        public Integer call()
        {
            return print(SnapshotCheck.list(new DataDirectory(dataDirectory)), false);
        }
    }

    /** {@code ordo snapshot check --data DIR}. */
    @Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Checks every snapshot of DIR: it loads, and the state hash it holds is the one a replay of the input "
                + "journal from the first command reaches at its sequence.",
            "Exit codes: 0 all match; 3 one does not load, does not match or is beyond the journal (delete it: "
                + "recovery would use it); 1 no data directory, a damaged journal, or the directory in use by a "
                + "server; 2 bad arguments." })
    static final class Check implements Callable<Integer>
    {
        @Option(names = "--data", paramLabel = "DIR", required = true, description = "The data directory.")
        private Path dataDirectory;

        @Override
        public Integer call()
        {
            return print(SnapshotCheck.check(new DataDirectory(dataDirectory)), true);
        }
    }

    private static int print(final List<SnapshotCheck.Entry> entries, final boolean checked)
    {
        System.out.printf(Locale.ROOT, "%12s  %12s  %-16s  %s%n", "sequence", "bytes", "state hash",
            checked ? "against the replay" : "file");
        int bad = 0;
        for (final SnapshotCheck.Entry entry : entries)
        {
            System.out.printf(Locale.ROOT, "%12d  %12d  %-16s  %s%n", entry.sequence(), entry.sizeBytes(),
                entry.stateHash() == null ? "-" : String.format("%016x", entry.stateHash()),
                entry.ok() ? (checked ? "OK, the replay reaches the same state" : entry.file().toString()) :
                "PROBLEM " + entry.file() + ": " + entry.problem());
            bad += entry.ok() ? 0 : 1;
        }
        System.out.printf(Locale.ROOT, "%d snapshots, %d with a problem%n", entries.size(), bad);
        return bad == 0 ? 0 : StatementCommand.UNEXPLAINED;
    }
}
