package io.ordo.read;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import io.ordo.core.BlpConfig;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.workload.CommandStream;
import io.ordo.workload.DemoWorkload;
import io.ordo.workload.OpenOrders;
import io.ordo.workload.StandardWorkload;
import io.ordo.workload.TrackingEventSink;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The open orders and books built from the events alone are the engine's: after the standard and the demo
 * workloads (fills, partial fills, cancels, expiries, replaces with and without priority), and as of an earlier
 * sequence, where they are those of an engine that stopped there.
 */
class OpenOrderProjectionTest
{
    @Test
    void shouldHoldTheEnginesOpenOrdersAndBooksAfterTheDemoWorkload()
    {
        final OpenOrders tracked = new OpenOrders(4 * DemoWorkload.TARGET_OPEN_ORDERS);
        final BlpRecords records = new BlpRecords(new TrackingEventSink(tracked));
        final BusinessLogicProcessor blp = new BusinessLogicProcessor(new BlpConfig(), records);
        final OpenOrderProjection projection = new OpenOrderProjection(Long.MAX_VALUE);
        records.readModels.add(projection);
        final DemoWorkload workload = new DemoWorkload(42, 100_000, tracked);
        final CommandStream chunk = new CommandStream();
        while (workload.generate(chunk, 1_024) > 0)
        {
            records.run(blp, chunk);
            chunk.clear();
        }

        assertThat(orders(projection)).hasSizeGreaterThan(100).isEqualTo(engineOrders(blp));
        for (int instrumentId = 1; instrumentId <= workload.instrumentCount(); instrumentId++)
        {
            assertThat(levels(projection, instrumentId)).as("book of instrument %d", instrumentId)
                .isEqualTo(engineLevels(blp, instrumentId));
        }
    }

    @Test
    void shouldHoldTheOpenOrdersAsOfAnEarlierSequence()
    {
        final StandardWorkload workload = StandardWorkload.generate(9, 30_000);
        final BlpRecords records = new BlpRecords((buffer, offset, length) -> {});
        final BusinessLogicProcessor blp = new BusinessLogicProcessor(new BlpConfig(), records);
        final long asOf = workload.setup().count() + workload.prefill().count() + 12_345;
        final OpenOrderProjection earlier = new OpenOrderProjection(asOf);
        final OpenOrderProjection now = new OpenOrderProjection(Long.MAX_VALUE);
        records.readModels.add(earlier);
        records.readModels.add(now);
        records.run(blp, workload.setup());
        records.run(blp, workload.prefill());
        records.run(blp, workload.measured());
        final BusinessLogicProcessor stopped = new BusinessLogicProcessor(new BlpConfig(), (b, o, l) -> {});
        StandardWorkload.apply(stopped, workload.setup());
        StandardWorkload.apply(stopped, workload.prefill());
        final CommandStream measured = workload.measured();
        for (int i = 0; i < 12_345; i++)
        {
            stopped.onCommand(measured.commands(), measured.offset(i), measured.length(i));
        }

        assertThat(orders(now)).isEqualTo(engineOrders(blp));
        assertThat(earlier.lastSequence()).isEqualTo(asOf);
        assertThat(orders(earlier)).isEqualTo(engineOrders(stopped)).isNotEqualTo(orders(now));
        assertThat(levels(earlier, StandardWorkload.INSTRUMENT_ID))
            .isEqualTo(engineLevels(stopped, StandardWorkload.INSTRUMENT_ID));
    }

    private static List<String> orders(final OpenOrderProjection projection)
    {
        final List<String> orders = new ArrayList<>();
        for (final OpenOrderProjection.OpenOrder order : projection.openOrders(StatementProjection.ANY_ACCOUNT))
        {
            orders.add(order.orderId() + " " + order.accountId() + " " + order.instrumentId() + " " +
                order.sideCode() + " " + order.priceMinor() + " " + order.remainingQuantityMinor());
        }
        return orders;
    }

    private static List<String> engineOrders(final BusinessLogicProcessor blp)
    {
        final TreeMap<Long, String> orders = new TreeMap<>();
        blp.forEachOpenOrder((orderId, accountId, instrumentId, sideCode, kindCode, price, remainingQuantity,
            heldAmount) ->
            orders.put(orderId, orderId + " " + accountId + " " + instrumentId + " " + sideCode + " " + price + " " +
                remainingQuantity));
        return new ArrayList<>(orders.values());
    }

    private static List<String> levels(final OpenOrderProjection projection, final int instrumentId)
    {
        final List<String> levels = new ArrayList<>();
        projection.bids(instrumentId).forEach(level -> levels.add("bid " + level));
        projection.asks(instrumentId).forEach(level -> levels.add("ask " + level));
        return levels;
    }

    private static List<String> engineLevels(final BusinessLogicProcessor blp, final int instrumentId)
    {
        final TreeMap<Long, long[]> bids = new TreeMap<>(java.util.Comparator.reverseOrder());
        final TreeMap<Long, long[]> asks = new TreeMap<>();
        blp.forEachOpenOrder((orderId, accountId, instrument, sideCode, kindCode, price, remainingQuantity,
            heldAmount) ->
        {
            if (instrument == instrumentId)
            {
                final long[] level = (sideCode == 1 ? bids : asks).computeIfAbsent(price, p -> new long[2]);
                level[0] += remainingQuantity;
                level[1]++;
            }
        });
        final List<String> levels = new ArrayList<>();
        bids.forEach((price, level) -> levels.add("bid " + new OpenOrderProjection.Level(price, level[0],
            (int)level[1])));
        asks.forEach((price, level) -> levels.add("ask " + new OpenOrderProjection.Level(price, level[0],
            (int)level[1])));
        return levels;
    }
}
