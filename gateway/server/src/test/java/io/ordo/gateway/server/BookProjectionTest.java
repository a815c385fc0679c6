package io.ordo.gateway.server;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

import io.ordo.core.BlpConfig;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.protocol.CommandWriter;
import io.ordo.workload.RandomizedWorkload;
import io.ordo.workload.TestCommand;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The projection against the BLP's own books: a randomized stream (every order kind, replaces that keep or lose
 * priority, self-trade prevention, cancel-alls, halts, rejections) goes through a BLP, each command's events into a
 * projection, and after every command the projection's levels must be the BLP's open orders summed per price.
 */
class BookProjectionTest
{
    private static final int COMMANDS = 20_000;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void shouldHoldTheBlpsBookAfterEveryCommand(final long seed)
    {
        final ExpandableArrayBuffer events = new ExpandableArrayBuffer(1 << 16);
        final int[] length = {0};
        final BusinessLogicProcessor blp = new BusinessLogicProcessor(new BlpConfig().requestWindowCapacity(1_024),
            (buffer, offset, eventLength) ->
            {
                events.putBytes(length[0], buffer, offset, eventLength);
                length[0] += eventLength;
            });
        final BookProjection projection = new BookProjection();
        final CommandWriter writer = new CommandWriter();
        final ExpandableArrayBuffer command = new ExpandableArrayBuffer(256);
        final List<TestCommand> stream = RandomizedWorkload.generate(seed, COMMANDS, 1_024);
        int trades = 0;
        int changed = 0;
        for (int i = 0; i < stream.size(); i++)
        {
            length[0] = 0;
            blp.onCommand(command, 0, stream.get(i).encode(writer, command));
            projection.onCommand(i + 1, events, 0, length[0]);
            trades += projection.tradeCount();
            changed += projection.changedBookCount();
            assertThat(levels(projection)).as("seed %d, after command %d", seed, i).isEqualTo(levels(blp));
        }
        System.out.printf("BookProjectionTest seed %d: %d commands, %d changed a book, %d trades%n", seed,
            stream.size(), changed, trades);
        assertThat(trades).as("the stream trades").isPositive();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7})
    void shouldAllocateNothingPerCommandInSteadyState(final long seed)
    {
        final ExpandableArrayBuffer events = new ExpandableArrayBuffer(1 << 16);
        final int[] length = {0};
        final BusinessLogicProcessor blp = new BusinessLogicProcessor(new BlpConfig().requestWindowCapacity(1_024),
            (buffer, offset, eventLength) ->
            {
                events.putBytes(length[0], buffer, offset, eventLength);
                length[0] += eventLength;
            });
        final CommandWriter writer = new CommandWriter();
        final ExpandableArrayBuffer command = new ExpandableArrayBuffer(256);
        final List<TestCommand> stream = RandomizedWorkload.generate(seed, 2 * COMMANDS, 1_024);
        // The BLP's events of every command, recorded first, so that only the projection runs while measured.
        final ExpandableArrayBuffer recorded = new ExpandableArrayBuffer(1 << 20);
        final int[] offsets = new int[stream.size() + 1];
        for (int i = 0; i < stream.size(); i++)
        {
            length[0] = 0;
            blp.onCommand(command, 0, stream.get(i).encode(writer, command));
            recorded.putBytes(offsets[i], events, 0, length[0]);
            offsets[i + 1] = offsets[i] + length[0];
        }
        final BookProjection projection = new BookProjection();
        final int warm = COMMANDS;
        for (int i = 0; i < warm; i++)
        {
            projection.onCommand(i + 1, recorded, offsets[i], offsets[i + 1] - offsets[i]);
        }
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = warm; i < stream.size(); i++)
        {
            projection.onCommand(i + 1, recorded, offsets[i], offsets[i + 1] - offsets[i]);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        System.out.printf("BookProjectionTest: %d bytes allocated over %d commands after a warm-up of %d%n",
            allocated, stream.size() - warm, warm);
        // A few growths of a map or an array as the book reaches new sizes; 1 byte per command would be 20 KB.
        assertThat(allocated).isLessThan(16 * 1024);
    }

    private static String levels(final BookProjection projection)
    {
        final StringBuilder text = new StringBuilder();
        final TreeSet<Integer> instruments = new TreeSet<>();
        for (int id = 0; id < 64; id++)
        {
            if (projection.book(id) != null)
            {
                instruments.add(id);
            }
        }
        for (final int id : instruments)
        {
            final String book = MarketDataTest.levels(projection.book(id));
            if (!book.isEmpty())
            {
                text.append(id).append(":\n").append(book);
            }
        }
        return text.toString();
    }

    private static String levels(final BusinessLogicProcessor blp)
    {
        final TreeMap<Integer, TreeMap<Long, long[]>> bids = new TreeMap<>();
        final TreeMap<Integer, TreeMap<Long, long[]>> asks = new TreeMap<>();
        blp.forEachOpenOrder((orderId, accountId, instrumentId, sideCode, kindCode, price, remaining, held) ->
        {
            final TreeMap<Integer, TreeMap<Long, long[]>> side = sideCode == 1 ? bids : asks;
            final long[] level = side.computeIfAbsent(instrumentId, id -> sideCode == 1 ?
                new TreeMap<>(java.util.Collections.reverseOrder()) : new TreeMap<>())
                .computeIfAbsent(price, p -> new long[2]);
            level[0] += remaining;
            level[1]++;
        });
        final TreeSet<Integer> instruments = new TreeSet<>(bids.keySet());
        instruments.addAll(asks.keySet());
        final StringBuilder text = new StringBuilder();
        for (final int id : instruments)
        {
            text.append(id).append(":\n");
            bids.getOrDefault(id, new TreeMap<>()).forEach((price, level) -> text.append("B ").append(price)
                .append(' ').append(level[0]).append(' ').append(level[1]).append('\n'));
            asks.getOrDefault(id, new TreeMap<>()).forEach((price, level) -> text.append("A ").append(price)
                .append(' ').append(level[0]).append(' ').append(level[1]).append('\n'));
        }
        return text.toString();
    }
}
