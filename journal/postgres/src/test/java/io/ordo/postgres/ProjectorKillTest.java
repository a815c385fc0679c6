package io.ordo.postgres;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.ordo.journal.Engine;
import io.ordo.workload.StandardWorkload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly once across crashes: a projector process is killed with SIGKILL at random moments, 20 times (some while it
 * starts, some just after a commit, some in the middle of a transaction), and started again each time. After every
 * kill the database holds a whole number of transactions (its events are exactly those up to its position); at the
 * end it holds every event of the journal once, in order, and the engine's balances.
 */
class ProjectorKillTest
{
    private static final int KILLS = 20;
    private static final int RECORDS_PER_TRANSACTION = 200;

    @TempDir
    Path dir;

    @Test
    void shouldNeitherLoseNorRepeatARowWhenTheProjectorIsKilledAtRandomMoments() throws Exception
    {
        final long seed = Long.getLong("ordo.test.seed", System.nanoTime());
        final Random random = new Random(seed);
        final String url = TestDatabase.jdbcUrl();
        final String schema = TestDatabase.newSchema("killed");
        final Engine engine = RecordedJournal.record(dir, StandardWorkload.generate(11, 200, 200, 60_000), 0, 60_000);
        engine.close();
        final TreeMap<String, String> engineBalances = RecordedJournal.balances(engine);
        final RecordedJournal.Contents journal = RecordedJournal.read(dir);

        int kills = 0;
        long lastPosition = 0;
        final List<String> moments = new ArrayList<>();
        while (kills < KILLS)
        {
            final Process child = start(url, schema);
            final AtomicLong commitsSeen = new AtomicLong();
            final Thread reader = follow(child, commitsSeen);
            final boolean afterCommit = random.nextBoolean();
            if (afterCommit)
            {
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                final long wanted = 1 + random.nextInt(3);
                while (commitsSeen.get() < wanted && child.isAlive() && System.nanoTime() < deadline)
                {
                    Thread.sleep(1);
                }
                Thread.sleep(random.nextInt(40));
            }
            else
            {
                Thread.sleep(random.nextInt(1_000));
            }
            if (child.isAlive())
            {
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                reader.join();
                if (child.exitValue() == 137)
                {
                    kills++;
                    moments.add((afterCommit ? "after commit " : "at ") + commitsSeen.get() + " commits");
                }
            }
            else
            {
                reader.join();
            }
            // Killed before the first migration committed: no tables yet (Flyway migrates in a transaction).
            final boolean migrated = TestDatabase.rows(schema, "SELECT to_regclass('" + schema +
                ".projection_position') IS NOT NULL").get(0).equals("t");
            // A whole number of transactions: the events are exactly those up to the position written with them.
            final long position = !migrated ? 0 : TestDatabase.number(schema, "SELECT coalesce(max(event_position), " +
                "0) FROM projection_position");
            if (migrated)
            {
                assertThat(TestDatabase.number(schema, "SELECT count(*) FROM events")).as("after kill %d", kills)
                    .isEqualTo(position);
                assertThat(TestDatabase.number(schema, "SELECT coalesce(max(position), 0) FROM events"))
                    .isEqualTo(position);
            }
            assertThat(position).isGreaterThanOrEqualTo(lastPosition);
            lastPosition = position;
            assertThat(kills + moments.size()).as("seed %d: the journal ran out before %d kills", seed, KILLS)
                .isLessThan(4 * KILLS);
            if (position == journal.events())
            {
                break;
            }
        }
        assertThat(kills).as("seed %d, kills: %s", seed, moments).isEqualTo(KILLS);
        System.out.println("seed " + seed + ": " + kills + " kills, " + moments);

        final Process last = start(url, schema);
        final Thread reader = follow(last, new AtomicLong());
        assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
        reader.join();
        assertThat(last.exitValue()).isZero();

        assertThat(TestDatabase.number(schema, "SELECT count(*) FROM events")).isEqualTo(journal.events());
        assertThat(TestDatabase.rows(schema, TestDatabase.EVENTS_DIGEST).get(0))
            .isEqualTo(journal.eventsDigest());
        assertThat(TestDatabase.number(schema, "SELECT count(*) FROM statement_lines"))
            .isEqualTo(journal.balanceChanges());
        assertThat(TestDatabase.number(schema, "SELECT count(*) FROM trades")).isEqualTo(journal.trades());
        assertThat(TestDatabase.rows(schema, "SELECT account_id, asset_id, available_minor, held_minor " +
            "FROM balances ORDER BY account_id, asset_id")).containsExactlyElementsOf(engineBalances.values());
    }

    private Process start(final String url, final String schema) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-") || argument.startsWith("-Dchronicle"))
            {
                command.add(argument);
            }
        }
        command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
            ProjectorChild.class.getName(), dir.toString(), url, schema, Integer.toString(RECORDS_PER_TRANSACTION)));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static Thread follow(final Process child, final AtomicLong commits)
    {
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = lines.readLine()) != null)
                {
                    if (line.startsWith("committed "))
                    {
                        commits.incrementAndGet();
                    }
                }
            }
            catch (final java.io.IOException ignored)
            {
                // The child was killed: its output ends here.
            }
        });
        reader.start();
        return reader;
    }
}
