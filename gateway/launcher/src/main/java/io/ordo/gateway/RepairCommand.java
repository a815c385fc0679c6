package io.ordo.gateway;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.ordo.journal.DataDirectory;
import io.ordo.journal.JournalRepair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ordo repair --data DIR --truncate-torn-tail}: the one repair, done only when asked. See
 * {@link JournalRepair}.
 * <p>
 * Runs on the calling thread; the engine must not be running on DIR.
 */
@Command(
    name = "repair",
    mixinStandardHelpOptions = true,
    description = {
        "Sets aside a damaged last record of either journal (a write cut short by a crash, a file cut short: "
            + "start-up refuses both) and output records beyond the input journal's intact end. The originals are "
            + "kept beside the journals (input.torn-<sequence>, output.torn-<sequence>). Says exactly which "
            + "sequences it sets aside; refuses to discard commands that may have been acknowledged unless "
            + "--discard-acknowledged is given. Damage before the last record is not repaired. Takes the data "
            + "directory's lock: refused while the engine runs." })
public final class RepairCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", required = true, description = "The data directory.")
    private Path dataDirectory;

    @Option(names = "--truncate-torn-tail", description = "Required: say that this is what you want.")
    private boolean truncateTornTail;

    @Option(names = "--discard-acknowledged", description = "Also set aside commands that may have been "
        + "acknowledged (the output journal holds their events but the input journal no longer holds them intact). "
        + "Without it, repair refuses and names them.")
    private boolean discardAcknowledged;

    @Override
    public Integer call() throws Exception
    {
        if (!truncateTornTail)
        {
            throw new ParameterException(spec.commandLine(), "say what to repair: --truncate-torn-tail");
        }
        System.out.println(JournalRepair.truncateTornTail(new DataDirectory(dataDirectory), discardAcknowledged));
        return 0;
    }
}
