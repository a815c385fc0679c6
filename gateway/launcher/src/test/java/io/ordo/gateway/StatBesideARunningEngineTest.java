package io.ordo.gateway;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ordo.journal.Engine;
import io.ordo.journal.EngineConfig;
import io.ordo.workload.CommandStream;
import io.ordo.workload.StandardWorkload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.ordo.gateway.Launched.launch;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ordo stat} beside an engine that is running, as an operator watches it: the counters come from the mapped
 * file while the engine holds its data directory (no lock taken, nothing asked of the engine), say the process is
 * alive, count the commands it journaled, and show the account index's projector catching up to the journal's last
 * sequence with no lag; the read-side commands that need the journal are refused meanwhile, naming the process.
 */
class StatBesideARunningEngineTest
{
    private static final Pattern COUNTER = Pattern.compile("(?m)^  (.+?)\\s+([0-9,]+)$");

    @TempDir
    Path dir;

    @Test
    void shouldShowTheCountersAndTheIndexLagOfARunningEngine()
    {
        final StandardWorkload workload = StandardWorkload.generate(5, 20_000);
        try (Engine engine = Engine.start(new EngineConfig().dataDirectory(dir).createDataDirectory(true)
            .accountIndex(true)))
        {
            final long commands = submit(engine, workload.setup()) + submit(engine, workload.prefill()) +
                submit(engine, workload.measured());

            Launched stat = launch("stat", "--data", dir.toString());
            for (int i = 0; i < 100 && counter(stat.output(), "account index last sequence") < commands; i++)
            {
                // The projector follows the journal on its own thread: wait for it, not for a time.
                LockSupport.parkNanos(50_000_000);
                stat = launch("stat", "--data", dir.toString());
            }
            final Launched statement = launch("statement", "--data", dir.toString(), "--account", "1");

            assertThat(stat.exitCode()).as("output:%n%s%s", stat.output(), stat.errors()).isZero();
            assertThat(stat.output()).contains("written by process " + ProcessHandle.current().pid(),
                "(the process is alive)");
            assertThat(counter(stat.output(), "commands journaled")).isEqualTo(commands);
            assertThat(counter(stat.output(), "output journal last sequence")).isEqualTo(commands);
            assertThat(counter(stat.output(), "account index last sequence")).isEqualTo(commands);
            assertThat(counter(stat.output(), "account index records applied")).isEqualTo(commands);
            assertThat(counter(stat.output(), "account index lag (records)")).isZero();
            assertThat(statement.exitCode()).isEqualTo(1);
            assertThat(statement.errors()).contains("is in use by process " + ProcessHandle.current().pid());
        }
    }

    private static long submit(final Engine engine, final CommandStream commands)
    {
        final AtomicLong results = new AtomicLong();
        for (int i = 0; i < commands.count(); i++)
        {
            engine.submit(commands.commands(), commands.offset(i), commands.length(i),
                (sequence, events, offset, length) -> results.incrementAndGet());
        }
        while (results.get() < commands.count())
        {
            LockSupport.parkNanos(100_000);
        }
        return commands.count();
    }

    private static long counter(final String output, final String label)
    {
        final Matcher matcher = COUNTER.matcher(output);
        while (matcher.find())
        {
            if (matcher.group(1).equals(label))
            {
                return Long.parseLong(matcher.group(2).replace(",", ""));
            }
        }
        return -1;
    }
}
