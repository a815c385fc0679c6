package io.ordo.gateway;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.ordo.journal.Engine;
import io.ordo.journal.EngineConfig;
import io.ordo.protocol.CommandWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.ordo.gateway.Launched.launch;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ordo balance --as-of-value-time} and {@code --known-at-time} on a journal where a deposit recorded on
 * 2 December carries a value date of 1 December: the balance as of 1 December counts it as known on 2 December, not
 * as known on 1 December; {@code ordo statement} prints the value time beside the recorded one, and
 * {@code ordo inspect --from-time/--to-time} keeps the commands recorded in a range.
 */
class BitemporalBalanceCommandTest
{
    private static final int USD = 2;
    private static final long DEC_1_NOON = ns("2026-12-01T12:00:00Z");
    private static final long DEC_2_NOON = ns("2026-12-02T12:00:00Z");

    @TempDir
    static Path dir;

    @BeforeAll
    static void journalABackValuedDeposit()
    {
        final AtomicLong nowNs = new AtomicLong(DEC_1_NOON);
        final CommandWriter writer = new CommandWriter();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        try (Engine engine = Engine.start(new EngineConfig().dataDirectory(data()).createDataDirectory(true)
            .clock(nowNs::get)))
        {
            engine.submit(buffer, 0, writer.createAsset(buffer, 0, 0, 1, 0, USD, 2), null);
            engine.submit(buffer, 0, writer.openAccount(buffer, 0, 1, 2, 0), null);
            engine.submit(buffer, 0, writer.deposit(buffer, 0, 1, 3, 0, USD, 100_00), null);
            awaitSequence(engine, 3);
            nowNs.set(DEC_2_NOON);
            engine.submit(buffer, 0, writer.deposit(buffer, 0, 1, 4, 0, USD, 50_00, DEC_1_NOON), null);
            awaitSequence(engine, 4);
        }
    }

    @Test
    void shouldCountABackValuedDepositInTheBalanceAsOfItsValueDateOnlyAsKnownAfterItWasRecorded()
    {
        final Launched asKnownOnDec1 = launch("balance", "--data", data().toString(), "--account", "1",
            "--as-of-value-time", "2026-12-01T23:59:59Z", "--known-at-time", "2026-12-01T23:59:59Z");
        final Launched asKnownNow = launch("balance", "--data", data().toString(), "--account", "1",
            "--as-of-value-time", "2026-12-01T23:59:59Z");
        final Launched asKnownAtSequence3 = launch("balance", "--data", data().toString(), "--account", "1",
            "--as-of-value-time", "2026-12-01T23:59:59Z", "--as-of-sequence", "3");
        final Launched beforeAnyValue = launch("balance", "--data", data().toString(), "--account", "1",
            "--as-of-value-time", "2026-12-01T11:59:59Z");

        assertThat(asKnownOnDec1.exitCode()).as("output:%n%s", asKnownOnDec1.output()).isZero();
        assertThat(asKnownOnDec1.output())
            .contains("balances as of value time 2026-12-01T23:59:59Z, as known at sequence 3 " +
                "(recorded 2026-12-01T12:00:00Z)")
            .containsPattern("\\s+1\\s+2\\s+10000\\s+0\\n");
        assertThat(asKnownAtSequence3.output()).containsPattern("\\s+1\\s+2\\s+10000\\s+0\\n");
        assertThat(asKnownNow.output()).contains("as known at sequence 4 (recorded 2026-12-02T12:00:00Z)")
            .containsPattern("\\s+1\\s+2\\s+15000\\s+0\\n")
            .contains("1 balances; 2 balance changes counted, 0 known but valued later");
        assertThat(beforeAnyValue.output()).contains("0 balances; 0 balance changes counted, 2 known but valued later");
    }

    @Test
    void shouldPrintTheValueTimeOfABackValuedDepositInTheStatement()
    {
        final Launched statement = launch("statement", "--data", data().toString(), "--account", "1");

        assertThat(statement.exitCode()).as("output:%n%s", statement.output()).isZero();
        assertThat(statement.output().lines().filter(line -> line.contains(" DEPOSIT ")).toList())
            .hasSize(2)
            .satisfiesExactly(
                first -> assertThat(first).contains("2026-12-01T12:00:00Z").doesNotContain(" value "),
                second -> assertThat(second).contains("2026-12-02T12:00:00Z")
                    .endsWith("account 1 request 4 value 2026-12-01T12:00:00Z"));
    }

    @Test
    void shouldInspectOnlyTheCommandsRecordedInATimeRangeWhateverTheirValueTime()
    {
        final Launched secondDay = launch("inspect", "--data", data().toString(), "--from-time",
            "2026-12-02T00:00:00Z", "--to-time", "2026-12-02T23:59:59Z");
        final Launched firstDay = launch("inspect", "--data", data().toString(), "--to-time", "2026-12-01T23:59:59Z",
            "--type", "BalanceChanged");

        assertThat(secondDay.exitCode()).as("output:%n%s", secondDay.output()).isZero();
        assertThat(secondDay.output().lines().filter(line -> line.startsWith("4 ")).count()).isEqualTo(2);
        assertThat(secondDay.output()).contains("4 CommandAccepted ", "valueTimeNs=" + DEC_1_NOON,
            "4 BalanceChanged accountId=1 ", "2 events").doesNotContain("\n3 ");
        assertThat(firstDay.output()).contains("3 BalanceChanged accountId=1 ", "1 events")
            .doesNotContain("4 BalanceChanged");
    }

    private static void awaitSequence(final Engine engine, final long sequence)
    {
        while (engine.counters().outputLastSequence.get() < sequence)
        {
            Thread.onSpinWait();
        }
    }

    private static Path data()
    {
        return dir.resolve("data");
    }

    private static long ns(final String instant)
    {
        final Instant parsed = Instant.parse(instant);
        return parsed.getEpochSecond() * 1_000_000_000L + parsed.getNano();
    }
}
