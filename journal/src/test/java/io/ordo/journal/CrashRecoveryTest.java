package io.ordo.journal;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.ordo.core.BlpConfig;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.workload.CommandKind;
import io.ordo.workload.RandomizedWorkload;
import io.ordo.protocol.CommandWriter;
import io.ordo.workload.TestCommand;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a child JVM running the engine under load with SIGKILL at random moments, many times on one data
 * directory, the way a client would live through crashes: after each kill it restarts and resubmits every
 * command it has no acknowledgement for (same client request ids). Checks after every kill that every
 * acknowledged command is in the input journal at its acknowledged sequence, that the recovered state equals a
 * fresh replay of the journal and that verify passes; and at the end that the state equals the stream applied
 * exactly once, directly to a BLP.
 */
class CrashRecoveryTest
{
    /**
     * Larger than the stream, so that every retry is remembered: with a smaller window, a retry of a command that
     * was itself a late duplicate could arrive after its key left the window and be applied (the documented limit
     * of a bounded window), and the final state would differ from the stream applied once.
     */
    static final int WINDOW = 1 << 18;
    static final long SEED = 51;
    static final int STREAM_LENGTH = 150_000;
    static final int SOAK_STREAM_LENGTH = 400_000;
    private static List<TestCommand> stream;

    @TempDir
    Path dir;

    /** The stream of the running test. */
    private List<TestCommand> current;

    /** The stream every trial of a run works through; the same for parent and children (same seed and length). */
    static synchronized List<TestCommand> stream(final int length)
    {
        if (stream == null || stream.size() != length)
        {
            stream = RandomizedWorkload.generate(SEED, length, WINDOW);
        }
        return stream;
    }

    static EngineConfig engineConfig(final Path dataDirectory)
    {
        return new EngineConfig().dataDirectory(dataDirectory).createDataDirectory(true)
            .blpConfig(new BlpConfig().requestWindowCapacity(WINDOW))
            .snapshotIntervalCommands(25_000).inputRingSize(256).outputRingSize(256);
    }

    @Test
    void shouldLoseNoAcknowledgedCommandAndApplyNoneTwiceAcross20Kills() throws Exception
    {
        runTrials(20, 1_000L, STREAM_LENGTH, 400, 1);
    }

    @Test
    @Tag("slow")
    void shouldLoseNoAcknowledgedCommandAndApplyNoneTwiceAcross200Kills() throws Exception
    {
        runTrials(200, 777L, SOAK_STREAM_LENGTH, 150, 10);
    }

    /**
     * @param checkEvery run the full after-kill checks (restart, fresh replay, verify) after every this many kills;
     *                   the journal is checked completely after the last kill in any case.
     */
    private void runTrials(final int kills, final long seed, final int streamLength, final int maxDelayMs,
        final int checkEvery) throws Exception
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final List<TestCommand> stream = stream(streamLength);
        current = stream;
        final Map<Long, Integer> acknowledgedIndexBySequence = new HashMap<>();
        int next = 0;
        int killsDone = 0;
        while (killsDone < kills && next < stream.size())
        {
            final Process child = startChild(next, stream.size());
            final int delayMs = 20 + random.nextInt(maxDelayMs);
            final List<long[]> acks = new ArrayList<>();
            final CountDownLatch started = new CountDownLatch(1);
            final Thread reader = readAcks(child, acks, started);
            assertThat(started.await(60, TimeUnit.SECONDS)).as("child started").isTrue();
            child.waitFor(delayMs, TimeUnit.MILLISECONDS);
            child.destroyForcibly(); // SIGKILL on Linux
            child.waitFor();
            reader.join();
            killsDone++;

            synchronized (acks)
            {
                for (final long[] ack : acks)
                {
                    acknowledgedIndexBySequence.put(ack[1], (int)ack[0]);
                    next = Math.max(next, (int)ack[0] + 1);
                }
            }
            if (killsDone % checkEvery == 0 || killsDone == kills)
            {
                checkAfterKill(acknowledgedIndexBySequence, "kill " + killsDone + " (seed " + seed + ")");
            }
        }

        assertThat(killsDone).as("kills before the stream ran out (lengthen the stream)").isEqualTo(kills);

        // finish the stream without a kill: the state must be the stream applied exactly once
        final Process last = startChild(next, stream.size());
        final List<long[]> acks = new ArrayList<>();
        readAcks(last, acks, new CountDownLatch(1)).join();
        assertThat(last.waitFor()).isZero();
        final Replayer.Result replayed = Replayer.replay(new DataDirectory(dir), false, null);
        final BusinessLogicProcessor direct = new BusinessLogicProcessor(
            new BlpConfig().requestWindowCapacity(WINDOW), (b, o, l) -> {});
        final CommandWriter writer = new CommandWriter();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
        for (final TestCommand command : stream)
        {
            direct.onCommand(buffer, 0, command.encode(writer, buffer));
        }
        if (replayed.stateHash() != direct.stateHash())
        {
            explainDifference();
        }
        assertThat(replayed.stateHash()).as("after %d kills: the stream applied exactly once", kills)
            .isEqualTo(direct.stateHash());
        assertThat(Verifier.verify(new DataDirectory(dir), null).ok()).isTrue();
        System.out.printf("CrashRecoveryTest: %d SIGKILLs, %,d commands acknowledged before kills, %,d journal " +
            "records are retries of commands journaled but not acknowledged at a kill (answered as duplicates), " +
            "stream of %,d finished, hash %016x%n", kills, acknowledgedIndexBySequence.size(),
            replayed.lastSequence() - stream.size(), stream.size(), replayed.stateHash());
    }

    private void checkAfterKill(final Map<Long, Integer> acknowledged, final String when) throws Exception
    {
        // recovery, as a restart does it, writes missing output records
        final Engine engine = Engine.start(engineConfig(dir));
        engine.close();
        final long recoveredHash = engine.blp().stateHash();
        assertThat(recoveredHash).as(when + ": recovered state = fresh replay of the journal")
            .isEqualTo(Replayer.replay(new DataDirectory(dir), false, null).stateHash());
        final Verifier.Result verified = Verifier.verify(new DataDirectory(dir), null);
        assertThat(verified.problems()).as(when + ": verify").isEmpty();

        // every acknowledged command is in the journal at the sequence it was acknowledged with
        final CommandWriter writer = new CommandWriter();
        final ExpandableArrayBuffer expected = new ExpandableArrayBuffer(512);
        try (JournalReader reader = new JournalReader(new DataDirectory(dir).inputJournal(), "input journal"))
        {
            reader.toStart();
            int found = 0;
            while (reader.next())
            {
                final Integer index = acknowledged.get(reader.sequence());
                if (index == null)
                {
                    continue;
                }
                final int length = current.get(index).encode(writer, expected);
                // the journaller stamped the time: compare everything else
                expected.putLong(CommandWriter.TIMESTAMP_OFFSET,
                    reader.payload().getLong(CommandWriter.TIMESTAMP_OFFSET, ByteOrder.LITTLE_ENDIAN),
                    ByteOrder.LITTLE_ENDIAN);
                assertThat(reader.length()).isEqualTo(length);
                assertThat(
                    java.util.Arrays.equals(reader.payload().byteArray(), 0, length, expected.byteArray(), 0, length))
                    .as(when + ": journaled command at acknowledged sequence " + reader.sequence()).isTrue();
                found++;
            }
            assertThat(found).as(when + ": acknowledged commands found in the journal").isEqualTo(acknowledged.size());
        }
    }

    private Process startChild(final int from, final int to) throws Exception
    {
        return ChildJvm.start(CrashChild.class, dir.toString(), Integer.toString(from), Integer.toString(to));
    }

    /** Collects the child's acknowledgements; counts down {@code started} once the engine has recovered. */
    private static Thread readAcks(final Process child, final List<long[]> acks, final CountDownLatch started)
    {
        final Thread thread = new Thread(() ->
        {
            final StringBuilder output = new StringBuilder();
            final byte[] chunk = new byte[8192];
            try
            {
                int read;
                while ((read = child.getInputStream().read(chunk)) > 0)
                {
                    output.append(new String(chunk, 0, read, StandardCharsets.US_ASCII));
                    if (started.getCount() > 0 && output.indexOf("S ") >= 0 && output.indexOf("\n") >= 0)
                    {
                        started.countDown();
                    }
                }
            }
            catch (final java.io.IOException e)
            {
                // the pipe broke with the kill: what was read is what was acknowledged
            }
            started.countDown();
            // A line cut short by the kill has no newline yet: it was not acknowledged as far as we know.
            final String complete = output.substring(0, output.lastIndexOf("\n") + 1);
            for (final String line : complete.split("\n"))
            {
                if (line.startsWith("A "))
                {
                    final String[] parts = line.split(" ");
                    synchronized (acks)
                    {
                        acks.add(new long[]{Long.parseLong(parts[1]), Long.parseLong(parts[2])});
                    }
                }
            }
        });
        thread.start();
        return thread;
    }

    /** Debug aid: the first journal record that is neither the next stream command nor a retry of an earlier one. */
    private void explainDifference() throws Exception
    {
        final List<TestCommand> stream = current;
        final CommandWriter writer = new CommandWriter();
        final ExpandableArrayBuffer expected = new ExpandableArrayBuffer(512);
        final Map<String, Integer> seen = new HashMap<>();
        int p = 0;
        int retries = 0;
        try (JournalReader reader = new JournalReader(new DataDirectory(dir).inputJournal(), "input journal"))
        {
            reader.toStart();
            while (reader.next())
            {
                if (p >= stream.size())
                {
                    System.out.println("journal goes on after the stream, " + retries + " retries");
                    return;
                }
                final byte[] actual = new byte[reader.length()];
                reader.payload().getBytes(0, actual);
                if (actual.length >= 32)
                {
                    java.util.Arrays.fill(actual, 24, 32, (byte)0);
                }
                final String key = java.util.Arrays.toString(actual);
                final int length = stream.get(p).encode(writer, expected);
                final byte[] want = new byte[length];
                expected.getBytes(0, want);
                if (want.length >= 32)
                {
                    java.util.Arrays.fill(want, 24, 32, (byte)0);
                }
                if (java.util.Arrays.equals(actual, want))
                {
                    seen.put(key, p);
                    p++;
                    continue;
                }
                if (seen.containsKey(key) && stream.get(seen.get(key)).kind != CommandKind.MALFORMED &&
                    !isDuplicateOutcome(reader.sequence()))
                {
                    System.out.println("journal sequence " + reader.sequence() + " retries stream[" + seen.get(key) +
                        "] = " + stream.get(seen.get(key)) + " but was not answered as a duplicate");
                }
                if (!seen.containsKey(key))
                {
                    System.out.println("journal sequence " + reader.sequence() + " is not stream[" + p + "] = " +
                        stream.get(p) + " nor a retry");
                    return;
                }
                retries++;
            }
        }
    }

    private final Map<Long, String> outputs = new HashMap<>();

    private boolean isDuplicateOutcome(final long sequence) throws Exception
    {
        if (outputs.isEmpty())
        {
            try (JournalReader reader =
                new JournalReader(new DataDirectory(dir).outputJournal(), "output journal"))
            {
                reader.toStart();
                while (reader.next())
                {
                    outputs.put(reader.sequence(), MessageText.describe(reader.payload(), 0, reader.length()));
                }
            }
        }
        final String first = outputs.get(sequence);
        return first != null && first.contains("DUPLICATE_REQUEST");
    }
}
