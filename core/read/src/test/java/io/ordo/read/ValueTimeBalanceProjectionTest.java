package io.ordo.read;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import io.ordo.core.BlpConfig;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.protocol.CommandWriter;
import io.ordo.workload.RandomizedWorkload;
import io.ordo.workload.TestCommand;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Balances on two time axes: as of a value time (when a movement counts for the business), as known at a sequence
 * or recorded time (when the ledger learnt of it). Built from the BLP's own output records.
 */
class ValueTimeBalanceProjectionTest
{
    private static final int USD = 2;
    private static final long DEC_1_NOON = ns("2026-12-01T12:00:00Z");
    private static final long DEC_1_END = ns("2026-12-01T23:59:59Z");
    private static final long DEC_2_NOON = ns("2026-12-02T12:00:00Z");
    private static final long DEC_2_END = ns("2026-12-02T23:59:59Z");
    private static final long DEC_3_NOON = ns("2026-12-03T12:00:00Z");

    private final BlpRecords journal = new BlpRecords((buffer, offset, length) -> {});
    private final BusinessLogicProcessor blp = new BusinessLogicProcessor(new BlpConfig(), journal);
    private final CommandWriter writer = new CommandWriter();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
    private long requestId;

    @Test
    void shouldCountABackValuedDepositInYesterdaysBalanceAsKnownTodayButNotAsKnownYesterday()
    {
        // given: on 1 December account 1 is opened and 100.00 deposited; on 2 December a deposit of 50.00 arrives
        // with a value date of 1 December, and 30.00 goes to account 2 valued 3 December
        final ValueTimeBalanceProjection yesterdayAsKnownYesterday = projection(DEC_1_END, Long.MAX_VALUE, DEC_1_END);
        final ValueTimeBalanceProjection yesterdayAsKnownToday = projection(DEC_1_END, Long.MAX_VALUE, DEC_2_END);
        final ValueTimeBalanceProjection todayAsKnownToday = projection(DEC_2_END, Long.MAX_VALUE, DEC_2_END);
        final ValueTimeBalanceProjection yesterdayAsKnownAtSequence4 = projection(DEC_1_END, 4, Long.MAX_VALUE);
        final ValueTimeBalanceProjection everything = projection(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);

        // when
        run(writer.createAsset(buffer, 0, 0, ++requestId, DEC_1_NOON, USD, 2));
        run(writer.openAccount(buffer, 0, 1, ++requestId, DEC_1_NOON + 1));
        run(writer.openAccount(buffer, 0, 2, ++requestId, DEC_1_NOON + 2));
        run(writer.deposit(buffer, 0, 1, ++requestId, DEC_1_NOON + 3, USD, 100_00));
        run(writer.deposit(buffer, 0, 1, ++requestId, DEC_2_NOON, USD, 50_00, DEC_1_NOON));
        run(writer.transfer(buffer, 0, 1, ++requestId, DEC_2_NOON + 1, 2, USD, 30_00, DEC_3_NOON));

        // then
        assertThat(yesterdayAsKnownYesterday.availableMinor(1, USD)).isEqualTo(100_00);
        assertThat(yesterdayAsKnownYesterday.lastKnownSequence()).isEqualTo(4);
        assertThat(yesterdayAsKnownYesterday.lastKnownTimestampNs()).isEqualTo(DEC_1_NOON + 3);
        assertThat(yesterdayAsKnownAtSequence4.availableMinor(1, USD)).isEqualTo(100_00);

        assertThat(yesterdayAsKnownToday.availableMinor(1, USD)).as("the back-valued deposit counts")
            .isEqualTo(150_00);
        assertThat(yesterdayAsKnownToday.availableMinor(2, USD)).isZero();
        assertThat(yesterdayAsKnownToday.changesValuedLater()).as("the transfer's two sides").isEqualTo(2);

        assertThat(todayAsKnownToday.availableMinor(1, USD)).as("the transfer is valued tomorrow")
            .isEqualTo(150_00);
        assertThat(todayAsKnownToday.lastKnownSequence()).isEqualTo(6);

        assertThat(everything.availableMinor(1, USD)).isEqualTo(120_00);
        assertThat(everything.availableMinor(2, USD)).isEqualTo(30_00);
        assertThat(everything.changesCounted()).isEqualTo(4);
        assertThat(everything.changesValuedLater()).isZero();
        assertThat(engineBalances()).as("the engine books on recording")
            .containsEntry("1/" + USD, "12000 0").containsEntry("2/" + USD, "3000 0");
    }

    @Test
    void shouldEqualTheEngineBalancesWithEveryBoundOpenOnARandomizedWorkloadWithValueTimes()
    {
        // given
        final ValueTimeBalanceProjection everything = projection(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
        final BalanceProjection recorded = new BalanceProjection(Long.MAX_VALUE);
        journal.readModels.add(recorded);
        long valued = 0;

        // when
        for (final TestCommand command : RandomizedWorkload.generate(20261203, 20_000, 1_024))
        {
            valued += command.valueTimeNs() > 0 ? 1 : 0;
            run(command.encode(writer, buffer));
        }

        // then
        assertThat(valued).as("the workload gives value times").isGreaterThan(100);
        final Map<String, String> fromValueTimes = new TreeMap<>();
        everything.forEachBalance((account, asset, available, held) ->
            fromValueTimes.put(account + "/" + asset, available + " " + held));
        final Map<String, String> fromAfterValues = new TreeMap<>();
        recorded.forEachBalance((account, asset, available, held) ->
            fromAfterValues.put(account + "/" + asset, available + " " + held));
        assertThat(fromValueTimes).isNotEmpty().isEqualTo(engineBalances()).isEqualTo(fromAfterValues);
    }

    /** The engine's non-zero balances, "account/asset" to "available held". */
    private Map<String, String> engineBalances()
    {
        final Map<String, String> engine = new TreeMap<>();
        blp.forEachBalance((account, asset, available, held) ->
        {
            if (available != 0 || held != 0)
            {
                engine.put(account + "/" + asset, available + " " + held);
            }
        });
        return engine;
    }

    private ValueTimeBalanceProjection projection(
        final long asOfValueTimeNs, final long knownAtSequence, final long knownAtTimeNs)
    {
        final ValueTimeBalanceProjection projection =
            new ValueTimeBalanceProjection(asOfValueTimeNs, knownAtSequence, knownAtTimeNs);
        journal.readModels.add(projection);
        return projection;
    }

    private void run(final int length)
    {
        journal.run(blp, buffer, 0, length);
    }

    private static long ns(final String instant)
    {
        final Instant parsed = Instant.parse(instant);
        return parsed.getEpochSecond() * 1_000_000_000L + parsed.getNano();
    }
}
