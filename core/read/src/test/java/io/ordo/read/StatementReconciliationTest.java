package io.ordo.read;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.ordo.core.BlpConfig;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.protocol.codec.BalanceCause;
import io.ordo.workload.CommandStream;
import io.ordo.workload.DemoWorkload;
import io.ordo.workload.OpenOrders;
import io.ordo.workload.StandardWorkload;
import io.ordo.workload.TrackingEventSink;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The passbook explains every balance: fed the BLP's own output records, one per command, the statement of every
 * account and asset ends at exactly the balance the engine holds, every line follows from the one before it, and the
 * balances as of an earlier sequence are those of an engine that stopped there. On the standard workload and on the
 * demo's, which has deposits, withdrawals, transfers and fees as well as trades.
 */
class StatementReconciliationTest
{
    @Test
    void shouldReconcileEveryBalanceOfTheStandardWorkloadWithTheEngine()
    {
        final StandardWorkload workload = StandardWorkload.generate(3, 50_000);
        final BlpRecords journal = new BlpRecords((buffer, offset, length) -> {});
        final BusinessLogicProcessor blp = new BusinessLogicProcessor(new BlpConfig(), journal);
        final Reconciliation reconciliation = new Reconciliation(journal);

        journal.run(blp, workload.setup());
        journal.run(blp, workload.prefill());
        journal.run(blp, workload.measured());

        reconciliation.assertMatches(blp);
        assertThat(reconciliation.causes).contains(BalanceCause.DEPOSIT.name(), BalanceCause.ORDER_HOLD.name(),
            BalanceCause.ORDER_RELEASE.name(), BalanceCause.TRADE.name(), BalanceCause.FEE.name());
    }

    @Test
    void shouldReconcileEveryBalanceOfTheDemoWorkloadAndNameEveryCause()
    {
        final OpenOrders openOrders = new OpenOrders(4 * DemoWorkload.TARGET_OPEN_ORDERS);
        final BlpRecords journal = new BlpRecords(new TrackingEventSink(openOrders));
        final BusinessLogicProcessor blp = new BusinessLogicProcessor(new BlpConfig(), journal);
        final Reconciliation reconciliation = new Reconciliation(journal);
        final DemoWorkload workload = new DemoWorkload(42, 100_000, openOrders);
        final CommandStream chunk = new CommandStream();

        while (workload.generate(chunk, 1_024) > 0)
        {
            journal.run(blp, chunk);
            chunk.clear();
        }

        reconciliation.assertMatches(blp);
        for (final BalanceCause cause : BalanceCause.values())
        {
            if (cause != BalanceCause.NULL_VAL)
            {
                assertThat(reconciliation.causes).as("lines of cause %s", cause).contains(cause.name());
            }
        }
    }

    @Test
    void shouldCountTheLinesHistoryDoesNotExplainWhenARecordIsMissing()
    {
        final StandardWorkload workload = StandardWorkload.generate(3, 20_000);
        final BlpRecords journal = new BlpRecords((buffer, offset, length) -> {});
        final BusinessLogicProcessor blp = new BusinessLogicProcessor(new BlpConfig(), journal);
        final StatementProjection statement = new StatementProjection(StatementProjection.ANY_ACCOUNT,
            StatementProjection.ANY_ASSET, 1, Long.MAX_VALUE, line -> {});
        journal.readModels.add(statement);
        // A deposit of the set-up (two per account): the later lines of that balance no longer follow.
        journal.skipNthChange = 1_500;

        journal.run(blp, workload.setup());
        journal.run(blp, workload.prefill());
        journal.run(blp, workload.measured());

        assertThat(journal.changes).isGreaterThan(1_500);
        assertThat(statement.unexplainedLines()).as("lines after the missing record").isPositive();
    }

    @Test
    void shouldGiveTheBalancesAsOfAnEarlierSequenceAsAnEngineThatStoppedThere()
    {
        final StandardWorkload workload = StandardWorkload.generate(4, 20_000);
        final BlpRecords journal = new BlpRecords((buffer, offset, length) -> {});
        final BusinessLogicProcessor blp = new BusinessLogicProcessor(new BlpConfig(), journal);
        final long asOf = workload.setup().count() + workload.prefill().count() + 7_000;
        final BalanceProjection earlier = new BalanceProjection(asOf);
        journal.readModels.add(earlier);
        journal.run(blp, workload.setup());
        journal.run(blp, workload.prefill());
        journal.run(blp, workload.measured());

        final BusinessLogicProcessor stopped = new BusinessLogicProcessor(new BlpConfig(), (b, o, l) -> {});
        StandardWorkload.apply(stopped, workload.setup());
        StandardWorkload.apply(stopped, workload.prefill());
        final CommandStream measured = workload.measured();
        for (int i = 0; i < 7_000; i++)
        {
            stopped.onCommand(measured.commands(), measured.offset(i), measured.length(i));
        }

        assertThat(earlier.lastSequence()).isEqualTo(asOf);
        assertThat(balances(earlier)).isEqualTo(engineBalances(stopped)).isNotEqualTo(engineBalances(blp));
    }

    /** Every account's statement and the balance projection, fed the same records. */
    private static final class Reconciliation
    {
        final Map<String, StatementLine> lastLines = new TreeMap<>();
        final TreeSet<String> causes = new TreeSet<>();
        final StatementProjection statement;
        final BalanceProjection balances = new BalanceProjection(Long.MAX_VALUE);

        Reconciliation(final BlpRecords journal)
        {
            statement = new StatementProjection(StatementProjection.ANY_ACCOUNT, StatementProjection.ANY_ASSET, 1,
                Long.MAX_VALUE, line ->
                {
                    lastLines.put(line.accountId() + "/" + line.assetId(), line);
                    causes.add(line.causeName());
                });
            journal.readModels.add(statement);
            journal.readModels.add(balances);
        }

        void assertMatches(final BusinessLogicProcessor blp)
        {
            final Map<String, String> engine = engineBalances(blp);
            final Map<String, String> fromStatements = new TreeMap<>();
            lastLines.forEach((key, line) ->
            {
                if (line.availableAfterMinor() != 0 || line.heldAfterMinor() != 0)
                {
                    fromStatements.put(key, line.availableAfterMinor() + " held " + line.heldAfterMinor());
                }
            });
            assertThat(engine).as("balances in the engine").hasSizeGreaterThan(100);
            assertThat(fromStatements).as("each statement's last line = the engine's balance").isEqualTo(engine);
            assertThat(balances(balances)).as("the balance projection").isEqualTo(engine);
            assertThat(statement.unexplainedLines()).as("lines that do not follow from the line before").isZero();
            assertThat(statement.lineCount()).isGreaterThan(engine.size());
        }
    }

    private static Map<String, String> engineBalances(final BusinessLogicProcessor blp)
    {
        final Map<String, String> engine = new TreeMap<>();
        blp.forEachBalance((accountId, assetId, available, held) ->
            engine.put(accountId + "/" + assetId, available + " held " + held));
        return engine;
    }

    private static Map<String, String> balances(final BalanceProjection projection)
    {
        final Map<String, String> balances = new TreeMap<>();
        projection.forEachBalance((accountId, assetId, available, held) ->
            balances.put(accountId + "/" + assetId, available + " held " + held));
        return balances;
    }
}
