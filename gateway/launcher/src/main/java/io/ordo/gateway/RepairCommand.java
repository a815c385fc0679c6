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
        "Sets aside a torn last record of the input journal (a write cut short by a crash, which start-up "
            + "refuses) and any output records beyond the input journal's end. The originals are kept beside "
            + "the journals (input.torn-<sequence>, output.torn-<sequence>). Damage before the last record is "
            + "not repaired. Run only while the engine is stopped." })
public final class RepairCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", required = true, description = "The data directory.")
    private Path dataDirectory;

    @Option(names = "--truncate-torn-tail", description = "Required: say that this is what you want.")
    private boolean truncateTornTail;

    @Override
    public Integer call() throws Exception
    {
        if (!truncateTornTail)
        {
            throw new ParameterException(spec.commandLine(), "say what to repair: --truncate-torn-tail");
        }
        System.out.println(JournalRepair.truncateTornTail(new DataDirectory(dataDirectory)));
        return 0;
    }
}
