package io.ordo.journal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.ordo.core.BlpConfig;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.protocol.CommandWriter;
import io.ordo.workload.CommandKind;
import io.ordo.workload.RandomizedWorkload;
import io.ordo.workload.DifferentialHarness;
import io.ordo.workload.TestCommand;
import io.ordo.protocol.EventAdapter;
import io.ordo.protocol.EventListener;
import io.ordo.protocol.codec.RejectReason;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of start-up: a restarted engine holds exactly the state of the journal (from a full replay or a
 * snapshot plus the tail), continues both sequences and chains, answers a retry of an old command as a duplicate,
 * and writes the output records a crash between the journals left missing.
 */
class EngineRecoveryTest
{
    private static final int WINDOW = DifferentialHarness.WINDOW_CAPACITY;

    @TempDir
    Path dir;

    private EngineConfig config()
    {
        return new EngineConfig()
            .dataDirectory(dir).createDataDirectory(true)
            .blpConfig(new BlpConfig().requestWindowCapacity(WINDOW))
            .snapshotIntervalCommands(0)
            .inputRingSize(1024)
            .outputRingSize(1024);
    }

    /** A generated stream without TakeSnapshot commands, so that a test decides where snapshots are. */
    private static List<TestCommand> stream(final long seed, final int count)
    {
        return RandomizedWorkload.generate(seed, count, WINDOW).stream()
            .filter(c -> c.kind != CommandKind.TAKE_SNAPSHOT).toList();
    }

    private static long run(final Engine engine, final List<TestCommand> commands) throws InterruptedException
    {
        final Submitter submitter = new Submitter();
        submitter.submit(engine, commands);
        submitter.awaitAll();
        engine.close();
        return engine.blp().stateHash();
    }

    /** The state hash of the stream applied directly to a BLP, as the journal stamped it. */
    private long replayHash() throws Exception
    {
        return Replayer.replay(new DataDirectory(dir), false, null).stateHash();
    }

    /**
     * The state hash of the commands applied to a BLP directly, without pipeline or journal: what the engine must
     * hold. The state hash does not include timestamps, so the journaller's stamps do not change it.
     */
    private static long directHash(final List<TestCommand> commands)
    {
        final BusinessLogicProcessor blp = new BusinessLogicProcessor(
            new BlpConfig().requestWindowCapacity(WINDOW), (b, o, l) -> { });
        final CommandWriter writer = new CommandWriter();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
        for (final TestCommand command : commands)
        {
            blp.onCommand(buffer, 0, command.encode(writer, buffer));
        }
        return blp.stateHash();
    }

    @Test
    void shouldRecoverTheSameStateByFullReplayAfterRestart() throws Exception
    {
        // given
        final List<TestCommand> stream = stream(31, 20_000);
        final long hashBefore = run(Engine.start(config()), stream.subList(0, 12_000));
        assertThat(hashBefore).as("the engine's state = the commands applied directly to a BLP")
            .isEqualTo(directHash(stream.subList(0, 12_000)));

        // when
        final Engine restarted = Engine.start(config());

        // then
        assertThat(restarted.recovery().snapshot()).isNull();
        assertThat(restarted.recovery().replayedCommands()).isEqualTo(12_000);
        assertThat(restarted.recovery().rewrittenOutputs()).as("outputs were all there").isZero();
        assertThat(restarted.recovery().checkNs()).as("the check of both journals is a part of the recovery")
            .isPositive().isLessThanOrEqualTo(restarted.recovery().recoveryNs());
        final long hashAfter = run(restarted, List.of());
        assertThat(hashAfter).isEqualTo(hashBefore);

        // and the journal goes on where it stopped
        final Engine again = Engine.start(config());
        final long finalHash = run(again, stream.subList(12_000, stream.size()));
        assertThat(again.recovery().lastSequence()).isEqualTo(12_000);
        assertThat(finalHash).as("after the restart: the whole stream applied directly")
            .isEqualTo(directHash(stream)).isEqualTo(replayHash());
        assertThat(Verifier.verify(new DataDirectory(dir), System.out).ok()).isTrue();
    }

    @Test
    void shouldRecoverFromSnapshotPlusTailTheSameStateAsAFullReplay() throws Exception
    {
        // given: snapshots every 3,000 commands
        final List<TestCommand> stream = stream(32, 10_100).subList(0, 10_000);
        final Engine first = Engine.start(config().snapshotIntervalCommands(3_000));
        final long hashBefore = run(first, stream);
        assertThat(first.snapshotsWritten()).isEqualTo(3);

        // when
        final Engine restarted = Engine.start(config());
        final long hashAfter = run(restarted, List.of());

        // then
        assertThat(restarted.recovery().snapshotSequence()).isEqualTo(9_000);
        assertThat(restarted.recovery().replayedCommands()).isEqualTo(1_000);
        assertThat(hashAfter).isEqualTo(hashBefore).isEqualTo(replayHash())
            .as("the stream applied directly to a BLP").isEqualTo(directHash(stream));
    }

    @Test
    void shouldAnswerARetryAfterRestartAsDuplicateAndApplyNothing() throws Exception
    {
        // given: a deposit that was applied before the restart
        final TestCommand deposit = TestCommand.deposit(0, 77, 0, 1, 1_000);
        final List<TestCommand> setup = List.of(TestCommand.createAsset(0, 76, 0, 1, 2), deposit);
        final long hashBefore = run(Engine.start(config()), setup);

        // when: the client retries it after the restart
        final Engine restarted = Engine.start(config());
        final Submitter submitter = new Submitter();
        submitter.submit(restarted, List.of(deposit));
        submitter.awaitAll();
        restarted.close();

        // then
        final byte[] events = submitter.results.get(3L);
        final List<String> rejections = new ArrayList<>();
        final int eventCount = new EventAdapter(new EventListener()
        {
            @Override
            public void onCommandRejected(
                final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
                final short commandTypeCode, final short reasonCode, final short originalReasonCode)
            {
                rejections.add(RejectReason.get(reasonCode) + " of " + accountId + "/" + clientRequestId +
                    ", original " + RejectReason.get(originalReasonCode));
            }
        }).onEvents(new UnsafeBuffer(events), 0, events.length);
        assertThat(rejections).as("the retry (account 0, request 77) is named a duplicate of an accepted command")
            .containsExactly("DUPLICATE_REQUEST of 0/77, original NONE");
        assertThat(eventCount).as("nothing applied").isEqualTo(1);
        assertThat(restarted.blp().stateHash()).isEqualTo(hashBefore);
    }

    @Test
    void shouldWriteOutputRecordsMissingAfterACrashBetweenTheJournalsOnce() throws Exception
    {
        // given: a journal whose last 500 commands have no output records (appended to the input journal only)
        final List<TestCommand> stream = stream(33, 3_100).subList(0, 3_000);
        run(Engine.start(config()), stream.subList(0, 2_500));
        try (ChronicleJournal input = appendOnlyInput())
        {
            final io.ordo.protocol.CommandWriter writer = new io.ordo.protocol.CommandWriter();
            final org.agrona.ExpandableArrayBuffer buffer = new org.agrona.ExpandableArrayBuffer(512);
            long sequence = input.lastSequence();
            for (final TestCommand command : stream.subList(2_500, 3_000))
            {
                input.append(++sequence, buffer, 0, command.encode(writer, buffer));
            }
        }

        // when
        final Engine restarted = Engine.start(config());
        run(restarted, List.of());
        final Engine again = Engine.start(config());
        run(again, List.of());

        // then
        assertThat(restarted.recovery().rewrittenOutputs()).isEqualTo(500);
        assertThat(again.recovery().rewrittenOutputs()).as("written once").isZero();
        final Verifier.Result result = Verifier.verify(new DataDirectory(dir), System.out);
        assertThat(result.ok()).isTrue();
        assertThat(result.outputRecords()).isEqualTo(3_000);
    }

    private ChronicleJournal appendOnlyInput() throws Exception
    {
        final DataDirectory directory = new DataDirectory(dir);
        final Recovery.JournalEnd end = Recovery.JournalEnd.of(directory.inputJournal(), "input journal");
        assertThat(end.damage).isNull();
        return new ChronicleJournal(DataDirectory.openQueue(directory.inputJournal(), false), Durability.MAPPED,
            end.lastSequence, end.lastChecksum);
    }

    @Test
    void shouldRefuseADataDirectoryOfAnotherSchemaVersion() throws Exception
    {
        run(Engine.start(config()), List.of(TestCommand.createAsset(0, 1, 0, 1, 2)));
        final Path metadata = new DataDirectory(dir).metadata();
        DataDirectory.rewriteMetadata(metadata, properties -> properties.setProperty("schema.version", "0"));

        final Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> Engine.start(config()));

        assertThat(thrown).isInstanceOf(JournalException.class)
            .hasMessageContaining("schema 7 version 0").hasMessageContaining("does not upcast");
    }
}
