package io.ordo.workload;

import io.ordo.core.BlpConfig;
import io.ordo.core.BlpSnapshotLoader;
import io.ordo.core.BlpSnapshotTaker;
import io.ordo.core.SnapshotException;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.core.EventSink;
import io.ordo.protocol.CommandWriter;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A BLP restored from a snapshot taken at any point of a stream continues exactly like the original: same events
 * for every later command, same state hash. And a damaged snapshot is refused with a {@link SnapshotException}.
 */
class SnapshotContinuationTest
{
    private static final int COMMANDS = 30_000;
    private static final int WINDOW = DifferentialHarness.WINDOW_CAPACITY;

    private final CommandWriter writer = new CommandWriter();
    private final ExpandableArrayBuffer commandBuffer = new ExpandableArrayBuffer(512);

    /** A BLP and the events it emits for the current command, as text. */
    private static final class Recorder
    {
        final List<String> events = new ArrayList<>();
        final EventText text = new EventText();
        BusinessLogicProcessor blp;

        EventSink sink()
        {
            return (buffer, offset, length) -> events.add(text.decode(buffer, offset, length));
        }
    }

    private List<String> feed(final Recorder recorder, final TestCommand command)
    {
        recorder.events.clear();
        final int length = command.encode(writer, commandBuffer);
        recorder.blp.onCommand(commandBuffer, 0, length);
        return new ArrayList<>(recorder.events);
    }

    private static Recorder restore(final BusinessLogicProcessor original, final int bufferOffset)
    {
        final ExpandableArrayBuffer snapshot = new ExpandableArrayBuffer(4096);
        final int length = BlpSnapshotTaker.take(original, snapshot, bufferOffset);
        final Recorder restored = new Recorder();
        restored.blp = BlpSnapshotLoader.load(snapshot, bufferOffset, length, restored.sink());
        return restored;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23})
    void shouldContinueIdenticallyWhenRestoredFromSnapshotAtRandomPoints(final long seed)
    {
        // given: a stream and random points at which to snapshot (the first is 0: an empty BLP)
        final List<TestCommand> stream = RandomizedWorkload.generate(seed, COMMANDS, WINDOW);
        final SplittableRandom random = new SplittableRandom(seed * 31);
        final List<Integer> points = new ArrayList<>(List.of(0));
        for (int i = 0; i < 4; i++)
        {
            points.add(1 + random.nextInt(COMMANDS - 1));
        }
        points.sort(Integer::compare);

        final Recorder original = new Recorder();
        original.blp = new BusinessLogicProcessor(new BlpConfig().requestWindowCapacity(WINDOW), original.sink());
        final List<Recorder> restored = new ArrayList<>();
        final List<Integer> restoredAt = new ArrayList<>();

        for (int i = 0; i < stream.size(); i++)
        {
            if (points.contains(i))
            {
                // when: snapshot and load, into a buffer at a non-zero offset
                final Recorder copy = restore(original.blp, 8 * restored.size());
                assertThat(copy.blp.stateHash())
                    .as("seed %d: state hash right after loading a snapshot taken before command %d", seed, i)
                    .isEqualTo(original.blp.stateHash());
                restored.add(copy);
                restoredAt.add(i);
            }
            final TestCommand command = stream.get(i);
            final List<String> expected = feed(original, command);
            for (int r = 0; r < restored.size(); r++)
            {
                // then: every restored copy answers every later command exactly like the original
                final List<String> actual = feed(restored.get(r), command);
                if (!actual.equals(expected))
                {
                    assertThat(actual)
                        .as("seed %d: BLP restored before command %d diverges at command %d: %s",
                            seed, restoredAt.get(r), i, command)
                        .containsExactlyElementsOf(expected);
                }
            }
        }
        for (int r = 0; r < restored.size(); r++)
        {
            assertThat(restored.get(r).blp.stateHash())
                .as("seed %d: final state hash of the BLP restored before command %d", seed, restoredAt.get(r))
                .isEqualTo(original.blp.stateHash());
        }
    }

    @Test
    void shouldRestoreRequestWindowWhenDuplicateArrivesAfterRestart()
    {
        // given
        final Recorder original = new Recorder();
        original.blp = new BusinessLogicProcessor(new BlpConfig().requestWindowCapacity(4), original.sink());
        feed(original, TestCommand.createAsset(0, 1, 10, 1, 2));
        feed(original, TestCommand.openAccount(1, 1, 11));
        feed(original, TestCommand.deposit(1, 2, 12, 1, 100));

        // when
        final Recorder restored = restore(original.blp, 0);

        // then
        assertThat(restored.blp.config().requestWindowCapacity()).isEqualTo(4);
        assertThat(feed(restored, TestCommand.deposit(1, 2, 13, 1, 100))).containsExactly(
            "CommandRejected acct=1 req=2 ts=13 order=0 type=DEPOSIT reason=DUPLICATE_REQUEST orig=NONE");
    }

    private static final long BUSY_SEED = 24;
    private static final int BUSY_COMMANDS = 5_000;
    private static final int FOLLOWING_COMMANDS = 3_000;

    /** The stream of the busy BLP and the commands that follow it: one generated stream, cut in two. */
    private static List<TestCommand> busyStream()
    {
        return RandomizedWorkload.generate(BUSY_SEED, BUSY_COMMANDS + FOLLOWING_COMMANDS, WINDOW);
    }

    private static Recorder busyBlp()
    {
        final Recorder original = new Recorder();
        original.blp = new BusinessLogicProcessor(new BlpConfig().requestWindowCapacity(WINDOW), original.sink());
        final CommandWriter writer = new CommandWriter();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
        for (final TestCommand command : busyStream().subList(0, BUSY_COMMANDS))
        {
            original.blp.onCommand(buffer, 0, command.encode(writer, buffer));
        }
        return original;
    }

    private static byte[] snapshotOf(final BusinessLogicProcessor blp)
    {
        final ExpandableArrayBuffer snapshot = new ExpandableArrayBuffer(4096);
        final int length = BlpSnapshotTaker.take(blp, snapshot, 0);
        final byte[] bytes = new byte[length];
        snapshot.getBytes(0, bytes);
        return bytes;
    }

    private static byte[] snapshotOfBusyBlp()
    {
        return snapshotOf(busyBlp().blp);
    }

    private static List<String> balancesOf(final BusinessLogicProcessor blp)
    {
        final List<String> balances = new ArrayList<>();
        blp.forEachBalance((accountId, assetId, available, held) ->
            balances.add("acct=" + accountId + " asset=" + assetId + " avail=" + available + " held=" + held));
        return balances;
    }

    private static List<String> openOrdersOf(final BusinessLogicProcessor blp)
    {
        final List<String> orders = new ArrayList<>();
        blp.forEachOpenOrder((orderId, accountId, instrumentId, side, kind, price, remaining, held) ->
            orders.add("order=" + orderId + " acct=" + accountId + " instr=" + instrumentId + " side=" + side +
                " kind=" + kind + " price=" + price + " remaining=" + remaining + " held=" + held));
        return orders;
    }

    private static List<String> modelBalances(final ReferenceModel model)
    {
        final List<String> balances = new ArrayList<>();
        for (final long[] b : model.nonZeroBalances())
        {
            balances.add("acct=" + b[0] + " asset=" + b[1] + " avail=" + b[2] + " held=" + b[3]);
        }
        return balances;
    }

    private static List<String> modelOpenOrders(final ReferenceModel model)
    {
        final List<String> orders = new ArrayList<>();
        for (final ReferenceModel.Order o : model.openOrdersInBookOrder())
        {
            orders.add("order=" + o.id + " acct=" + o.accountId + " instr=" + o.instrument.id + " side=" + o.side +
                " kind=" + o.kind + " price=" + o.price + " remaining=" + o.remaining + " held=" + o.held);
        }
        return orders;
    }

    /**
     * @param messagePattern what the message must say: the spec asks for the expected and the found value.
     */
    private static void assertRefused(final byte[] bytes, final int length, final String what,
        final String messagePattern)
    {
        assertThatThrownBy(() -> BlpSnapshotLoader.load(new UnsafeBuffer(bytes), 0, length, (b, o, l) -> { }))
            .as(what)
            .isInstanceOf(SnapshotException.class)
            .hasMessageFindingMatch(messagePattern);
    }

    @Test
    void shouldRestoreStateAndContinueIdenticallyWhenSnapshotIsIntact()
    {
        // given: a BLP after 5,000 commands, and the reference model's view of the same state
        final List<TestCommand> stream = busyStream();
        final Recorder original = busyBlp();
        final ReferenceModel model = new ReferenceModel(WINDOW);
        for (final TestCommand command : stream.subList(0, BUSY_COMMANDS))
        {
            model.apply(command);
        }
        final byte[] bytes = snapshotOf(original.blp);

        // when
        final Recorder loaded = new Recorder();
        loaded.blp = BlpSnapshotLoader.load(new UnsafeBuffer(bytes), 0, bytes.length, loaded.sink());

        // then: the same state as the original, and as the reference model says it must be
        assertThat(loaded.blp.stateHash()).as("state hash of the loaded BLP = the original's")
            .isEqualTo(original.blp.stateHash())
            .as("state hash of the loaded BLP = the reference model's for the same commands")
            .isEqualTo(model.stateHash());
        assertThat(loaded.blp.config().requestWindowCapacity()).as("request window capacity").isEqualTo(WINDOW);
        final List<String> balances = balancesOf(loaded.blp);
        assertThat(balances).as("balances of the loaded BLP (the original has some)").isNotEmpty()
            .containsExactlyElementsOf(balancesOf(original.blp))
            .containsExactlyElementsOf(modelBalances(model));
        final List<String> orders = openOrdersOf(loaded.blp);
        assertThat(orders).as("open orders of the loaded BLP, in book order (the original has some)").isNotEmpty()
            .containsExactlyElementsOf(openOrdersOf(original.blp))
            .containsExactlyElementsOf(modelOpenOrders(model));
        assertThat(loaded.blp.openOrderCount()).as("open order count").isEqualTo(orders.size());
        for (final int assetId : model.assetIds())
        {
            assertThat(loaded.blp.assetSupply(assetId)).as("supply of asset %d", assetId)
                .isEqualTo(model.supply(assetId));
        }

        // and then: the following commands give the original's events, which include trades against restored
        // orders and duplicates answered from the restored request window
        final List<String> following = new ArrayList<>();
        for (int i = BUSY_COMMANDS; i < stream.size(); i++)
        {
            final List<String> expected = feed(original, stream.get(i));
            final List<String> actual = feed(loaded, stream.get(i));
            assertThat(actual).as("events of command %d (%s) after loading", i, stream.get(i))
                .containsExactlyElementsOf(expected);
            following.addAll(actual);
        }
        assertThat(following).as("the following commands trade and meet retries")
            .anyMatch(e -> e.startsWith("Trade "))
            .anyMatch(e -> e.contains("reason=DUPLICATE_REQUEST"));
        assertThat(loaded.blp.stateHash()).as("state hash after the following commands")
            .isEqualTo(original.blp.stateHash());
    }

    @Test
    void shouldThrowSnapshotExceptionWhenBodyByteIsFlipped()
    {
        final byte[] intact = snapshotOfBusyBlp();
        final SplittableRandom random = new SplittableRandom(7);
        // The last byte and random bytes of the second half are in the body whatever the header's size.
        final List<Integer> positions = new ArrayList<>(List.of(intact.length - 1));
        for (int i = 0; i < 20; i++)
        {
            positions.add(intact.length / 2 + random.nextInt(intact.length / 2));
        }
        for (final int position : positions)
        {
            final byte[] bytes = intact.clone();
            bytes[position] ^= (byte)(1 << random.nextInt(8));
            assertRefused(bytes, bytes.length, "bit flipped at byte " + position + " of " + bytes.length,
                "checksum.*0x[0-9a-f]{8}.*0x[0-9a-f]{8}");
        }
    }

    @Test
    void shouldThrowSnapshotExceptionWhenSnapshotIsTruncated()
    {
        final byte[] bytes = snapshotOfBusyBlp();

        for (final int length : new int[]{bytes.length - 1, bytes.length / 2, 30, 12, 8, 3, 0})
        {
            assertRefused(bytes, length, "truncated to " + length + " of " + bytes.length + " bytes",
                "(expected|header says) .*\\d+.*found \\d+");
        }
    }

    @Test
    void shouldThrowSnapshotExceptionWhenMagicIsWrong()
    {
        final byte[] bytes = snapshotOfBusyBlp();
        bytes[0] ^= 0x20;

        assertRefused(bytes, bytes.length, "wrong magic", "magic.*expected 0x[0-9a-f]+, found 0x[0-9a-f]+");
    }
}
