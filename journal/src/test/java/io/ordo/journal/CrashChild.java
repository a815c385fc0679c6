package io.ordo.journal;

import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import io.ordo.core.BlpConfig;
import io.ordo.protocol.CommandWriter;
import io.ordo.workload.TestCommand;
import io.ordo.journal.pipeline.ResultListener;
import org.agrona.ExpandableArrayBuffer;

/**
 * The process {@link CrashRecoveryTest} kills: starts an engine on a data directory (recovering it), then submits
 * the crash stream from a given index and prints one line per acknowledged result, {@code A <index> <sequence>},
 * flushed at once. The k-th result of a run belongs to the k-th command it submitted (one submitting thread).
 * Arguments: data directory, first stream index, stream length (submits up to its end).
 */
public final class CrashChild
{
    private CrashChild()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Path dataDirectory = Path.of(args[0]);
        final int from = Integer.parseInt(args[1]);
        final int to = Integer.parseInt(args[2]);
        final List<TestCommand> stream = CrashRecoveryTest.stream(to);
        final PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false);

        final Engine engine = Engine.start(CrashRecoveryTest.engineConfig(dataDirectory));
        out.println("S " + engine.recovery().lastSequence());
        out.flush();
        final long[] acknowledged = {from};
        final ResultListener listener = (sequence, events, offset, length) ->
        {
            out.println("A " + acknowledged[0]++ + " " + sequence);
            out.flush();
        };
        final CommandWriter writer = new CommandWriter();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
        for (int i = from; i < to; i++)
        {
            engine.submit(buffer, 0, stream.get(i).encode(writer, buffer), listener);
        }
        engine.close();
        out.println("D " + engine.blp().stateHash());
        out.flush();
    }

    static BlpConfig blpConfig()
    {
        return new BlpConfig().requestWindowCapacity(CrashRecoveryTest.WINDOW);
    }
}
