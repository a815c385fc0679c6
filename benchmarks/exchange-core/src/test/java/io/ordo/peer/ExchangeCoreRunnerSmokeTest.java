package io.ordo.peer;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the exchange-core side of the comparison from rotting: a hand-written workload file in the format Ordo's
 * harness exports (a few placements, a move, a reduce, a cancel, an IOC that trades) runs through exchange-core
 * with every command succeeding, and one latency run writes its histogram. Measures nothing.
 */
class ExchangeCoreRunnerSmokeTest
{
    @TempDir
    Path dir;

    @ParameterizedTest(name = "journal {0}")
    @ValueSource(booleans = {false, true})
    void shouldRunTheExportedStreamOnExchangeCoreWithEveryCommandSucceeding(final boolean journal) throws Exception
    {
        final Path file = dir.resolve("workload.bin");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file)))
        {
            out.writeLong(0x4F52444F574B4C44L);
            out.writeInt(1);
            out.writeInt(3);   // accounts
            out.writeInt(2);   // pre-fill
            out.writeInt(5);   // measured
            command(out, 1, 1, 1, 1, 99_000, 10);    // GTC buy
            command(out, 1, 2, 2, 2, 101_000, 10);   // GTC sell
            command(out, 4, 0, 1, 1, 99_500, 10);    // move the buy
            command(out, 5, 0, 2, 2, 101_000, 4);    // reduce the sell by 4
            command(out, 2, 1, 3, 3, 125_000, 2);    // IOC buy takes 2 of the sell
            command(out, 3, 0, 1, 1, 99_500, 10);    // cancel the buy
            command(out, 1, 2, 3, 4, 102_000, 1);    // GTC sell
        }
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        final String[] common = {file.toString(), "1", "0", "100", "1", dir.toString(), "1"};
        final String[] args = journal ? Stream.concat(Arrays.stream(common), Stream.of("journal"))
            .toArray(String[]::new) : common;
        ExchangeCoreRunner.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        final String output = bytes.toString(StandardCharsets.UTF_8);
        final String engine = journal ? "exchange-core (journal on)" : "exchange-core";
        assertThat(output).contains("2 pre-fill and 5 measured commands")
            .contains("; 0 commands not SUCCESS)")
            .contains("THROUGHPUT " + engine + ": median")
            .contains("LATENCY " + engine + " at 100/s: 5 commands");
        assertThat(dir.resolve(journal ? "exchange-core-journal-on-100.hgrm" : "exchange-core-100.hgrm"))
            .isNotEmptyFile();
        if (journal)
        {
            final Matcher written = Pattern.compile("exchange-core journal: ([\\d,]+) bytes written").matcher(output);
            assertThat(written.find()).as("journal size line in %s", output).isTrue();
            assertThat(Long.parseLong(written.group(1).replace(",", ""))).as("bytes journaled").isPositive();
        }
    }

    private static void command(final DataOutputStream out, final int kind, final int side, final long account,
        final long orderId, final long price, final long size) throws Exception
    {
        out.writeByte(kind);
        out.writeByte(side);
        out.writeLong(account);
        out.writeLong(orderId);
        out.writeLong(price);
        out.writeLong(size);
    }
}
