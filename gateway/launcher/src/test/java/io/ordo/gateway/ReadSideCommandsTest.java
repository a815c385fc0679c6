package io.ordo.gateway;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ordo.gateway.demo.Demo;
import io.ordo.journal.Durability;
import io.ordo.journal.pipeline.WaitStrategyKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.ordo.gateway.Launched.launch;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ordo statement} and {@code ordo balance} on the journaled demo's data directory: the statement explains
 * every line and closes at the balances {@code ordo balance} gives for the account; a balance as of an earlier
 * sequence is an earlier one; a damaged output journal is refused with exit code 1 and the file named.
 */
class ReadSideCommandsTest
{
    private static final long ACCOUNT = 7;
    private static final Pattern CLOSING = Pattern.compile(
        "closing balance of asset (\\d+): available (-?\\d+), held (-?\\d+) \\(as of sequence (\\d+)\\)");
    private static final Pattern BALANCE_ROW = Pattern.compile("^\\s+(\\d+)\\s+(\\d+)\\s+(-?\\d+)\\s+(-?\\d+)$",
        Pattern.MULTILINE);

    @TempDir
    static Path dir;

    @BeforeAll
    static void runTheDemo() throws Exception
    {
        final PrintStream discard = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Demo.runJournaled(3, 20_000, dir.resolve("demo"), Durability.MAPPED, WaitStrategyKind.SLEEPING, discard);
    }

    @Test
    void shouldExplainEveryLineAndCloseAtTheAccountsBalances()
    {
        final Launched statement = launch("statement", "--data", data(), "--account", "" + ACCOUNT);
        final Launched balance = launch("balance", "--data", data(), "--account", "" + ACCOUNT);

        assertThat(statement.exitCode()).as("exit code; output:%n%s", statement.output()).isZero();
        assertThat(statement.output()).contains("statement of account 7, sequences 1 to the end", " DEPOSIT ",
            " ORDER_HOLD ", "explained: every line follows from the one before, from a zero opening balance");
        final List<String> closing = new ArrayList<>();
        final Matcher matcher = CLOSING.matcher(statement.output());
        while (matcher.find())
        {
            closing.add(ACCOUNT + " " + matcher.group(1) + " " + matcher.group(2) + " " + matcher.group(3));
        }
        assertThat(balance.exitCode()).as("exit code; output:%n%s", balance.output()).isZero();
        assertThat(closing).as("closing balances").isNotEmpty().isEqualTo(rows(balance.output()));
    }

    @Test
    void shouldPrintTheSameStatementThroughTheAccountIndexOnceBuilt() throws Exception
    {
        final Path copy = dir.resolve("indexed");
        copyTree(Path.of(data()), copy);
        final Launched unindexed = launch("statement", "--data", copy.toString(), "--account", "" + ACCOUNT);
        final Launched index = launch("index", "--data", copy.toString());
        final Launched again = launch("index", "--data", copy.toString());
        final Launched indexed = launch("statement", "--data", copy.toString(), "--account", "" + ACCOUNT);
        final Launched full = launch("statement", "--data", copy.toString(), "--account", "" + ACCOUNT,
            "--no-index");
        final Launched rebuilt = launch("index", "--data", copy.toString(), "--from-zero");

        assertThat(unindexed.output()).contains("the whole journal read (no account index: `ordo index --data ");
        assertThat(index.exitCode()).as("output:%n%s", index.output()).isZero();
        assertThat(index.output()).containsPattern("indexed sequences 1 to \\d+ in [0-9.]+ s")
            .containsPattern("[0-9,]+ entries for 1,00\\d accounts, [0-9,]+ bytes on disk");
        assertThat(again.output()).contains("already up to date at sequence ");
        assertThat(indexed.exitCode()).as("output:%n%s", indexed.output()).isZero();
        assertThat(indexed.output()).containsPattern("records read through the account index \\(up to sequence " +
            "\\d+\\), 0 after it");
        assertThat(full.output()).contains("the whole journal read (--no-index)");
        assertThat(withoutHowItWasRead(indexed.output())).isEqualTo(withoutHowItWasRead(full.output()))
            .isEqualTo(withoutHowItWasRead(unindexed.output())).contains(" DEPOSIT ");
        assertThat(rebuilt.output()).contains("indexed sequences 1 to ");
    }

    private static String withoutHowItWasRead(final String statement)
    {
        return statement.replaceAll("(lines up to sequence \\d+);.*", "$1");
    }

    @Test
    void shouldGiveEarlierBalancesAsOfAnEarlierSequence()
    {
        final Launched now = launch("balance", "--data", data());
        final Launched early = launch("balance", "--data", data(), "--as-of-sequence", "3000");
        final Launched statement = launch("statement", "--data", data(), "--account", "" + ACCOUNT,
            "--to-sequence", "3000");

        assertThat(early.exitCode()).isZero();
        assertThat(early.output()).startsWith("balances as of sequence 3000");
        assertThat(rows(early.output())).isNotEmpty().isNotEqualTo(rows(now.output()));
        final List<String> closingAt3000 = new ArrayList<>();
        final Matcher matcher = CLOSING.matcher(statement.output());
        while (matcher.find())
        {
            assertThat(Long.parseLong(matcher.group(4))).isLessThanOrEqualTo(3000);
            closingAt3000.add(ACCOUNT + " " + matcher.group(1) + " " + matcher.group(2) + " " + matcher.group(3));
        }
        assertThat(closingAt3000).isEqualTo(rows(early.output()).stream().filter(row -> row.startsWith(ACCOUNT + " "))
            .toList());
    }

    @Test
    void shouldInspectEventsByTypeAccountAndRangeAsTextAndJsonLines()
    {
        final Launched trades = launch("inspect", "--data", data(), "--type", "trade", "--account", "" + ACCOUNT);
        final Launched json = launch("inspect", "--data", data(), "--from-sequence", "2000", "--to-sequence", "2010",
            "--json");
        final Launched deposits = launch("inspect", "--data", data(), "--type", "BalanceChanged", "--account",
            "" + ACCOUNT, "--to-sequence", "3000");

        assertThat(trades.exitCode()).as("output:%n%s", trades.output()).isZero();
        final List<String> tradeLines = trades.output().lines().filter(line -> line.contains(" Trade ")).toList();
        assertThat(tradeLines).isNotEmpty().allSatisfy(line -> assertThat(line)
            .matches(".* makerAccountId=" + ACCOUNT + " .*|.* takerAccountId=" + ACCOUNT + " .*"));
        assertThat(trades.output()).endsWith(String.format("%,d events%n", tradeLines.size()));

        assertThat(json.exitCode()).isZero();
        final List<String> objects = json.output().lines().toList();
        assertThat(objects).isNotEmpty().allSatisfy(line -> assertThat(line).matches(
            "\\{\"sequence\":20(0\\d|10),\"type\":\"[A-Za-z]+\",.*\\}"));
        assertThat(objects).anySatisfy(line -> assertThat(line).contains("\"type\":\"BalanceChanged\"",
            "\"cause\":\"", "\"availableAfterMinor\":"));

        assertThat(deposits.output()).contains(" BalanceChanged accountId=7 ", " cause=DEPOSIT ")
            .doesNotContain(" cause=?");
    }

    @Test
    void shouldPrintTheBookAsOfAnEarlierSequenceWithTheOrdersThatMakeIt()
    {
        final Launched now = launch("book", "--data", data(), "--instrument", "1", "--depth", "0");
        final Launched early = launch("book", "--data", data(), "--instrument", "1", "--depth", "0",
            "--as-of-sequence", "4000");
        final Launched orders = launch("orders", "--data", data(), "--instrument", "1", "--as-of-sequence", "4000");

        assertThat(early.exitCode()).as("output:%n%s", early.output()).isZero();
        assertThat(early.output()).startsWith("book of instrument 1 as of sequence 4000: ");
        final Matcher level = Pattern.compile("^\\s+(bid|ask)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)$", Pattern.MULTILINE)
            .matcher(early.output());
        long quantity = 0;
        long orderCount = 0;
        while (level.find())
        {
            quantity += Long.parseLong(level.group(3));
            orderCount += Long.parseLong(level.group(4));
        }
        assertThat(orderCount).isPositive();
        assertThat(levelsOf(now.output())).isNotEqualTo(levelsOf(early.output()));
        final Matcher order = Pattern.compile("^\\s+\\d+\\s+\\d+\\s+1\\s+(BUY|SELL)\\s+\\d+\\s+(\\d+)\\s+\\d+$",
            Pattern.MULTILINE).matcher(orders.output());
        long orderQuantity = 0;
        long orderLines = 0;
        while (order.find())
        {
            orderQuantity += Long.parseLong(order.group(2));
            orderLines++;
        }
        assertThat(orders.output()).startsWith("open orders as of sequence 4000").endsWith(
            String.format("%,d open orders%n", orderLines));
        assertThat(orderLines).as("open orders = the book's order count").isEqualTo(orderCount);
        assertThat(orderQuantity).as("their open quantity = the book's").isEqualTo(quantity);
    }

    @Test
    void shouldListTheTradesOfATimeRange()
    {
        final Launched all = launch("trades", "--data", data(), "--instrument", "1");
        final List<String> times = new ArrayList<>();
        final Matcher time = Pattern.compile("^\\s+\\d+\\s+(\\S+Z)\\s", Pattern.MULTILINE).matcher(all.output());
        while (time.find())
        {
            times.add(time.group(1));
        }
        assertThat(times).hasSizeGreaterThan(10);
        final String from = times.get(times.size() / 3);
        final String to = times.get(times.size() / 2);

        final Launched range = launch("trades", "--data", data(), "--instrument", "1", "--from-time", from,
            "--to-time", to);
        final Launched statement = launch("statement", "--data", data(), "--account", "" + ACCOUNT, "--from-time",
            from, "--to-time", to);

        final long expected = times.stream().map(Instant::parse)
            .filter(t -> !t.isBefore(Instant.parse(from)) && !t.isAfter(Instant.parse(to))).count();
        assertThat(range.exitCode()).isZero();
        assertThat(range.output()).endsWith(String.format("%,d trades%n", expected));
        assertThat(statement.exitCode()).as("output:%n%s", statement.output()).isZero();
        assertThat(statement.output()).contains(", from " + from + ", to " + to);
        final Launched bad = launch("trades", "--data", data(), "--from-time", "yesterday");
        assertThat(bad.exitCode()).as("a time that is not one").isEqualTo(2);
    }

    private static List<String> levelsOf(final String bookOutput)
    {
        return bookOutput.lines().filter(line -> line.matches("^\\s+(bid|ask)\\s.*")).toList();
    }

    @Test
    void shouldShowTheCountersTheEngineLeftInTheDirectory()
    {
        final Launched stat = launch("stat", "--data", data());
        final Launched twice = launch("stat", "--data", data(), "--count", "2", "--interval", "0.1");
        final Launched none = launch("stat", "--data", dir.resolve("nowhere").toString());

        assertThat(stat.exitCode()).as("output:%n%s", stat.output()).isZero();
        assertThat(stat.output()).contains("written by process " + ProcessHandle.current().pid())
            .containsPattern("commands journaled +20,000\\n")
            .containsPattern("output records journaled +20,000\\n")
            .containsPattern("input journal last sequence +20,000\\n")
            .containsPattern("events out +[1-9][0-9,]+\\n");
        assertThat(twice.output()).contains("(changes over ");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.errors()).contains("no counters in ");
    }

    @Test
    void shouldReportProgressInPlainLinesWithTheTotalTheCountersGive()
    {
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final long total = ProgressReporter.estimatedTotal(dir.resolve("demo"));
        try (ProgressReporter progress = ProgressReporter.lines("verify", total, new PrintStream(printed, true,
            StandardCharsets.UTF_8), 0))
        {
            progress.accept(5_000);
            progress.accept(10_000);
        }

        assertThat(total).as("the engine's last sequence, from its counters").isEqualTo(20_000);
        assertThat(ProgressReporter.estimatedTotal(dir.resolve("nowhere"))).as("unknown").isEqualTo(-1);
        assertThat(printed.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(2)
            .allSatisfy(line -> assertThat(line).startsWith("ordo verify: ").contains(" of about 20,000 ")
                .containsPattern("/s, about \\d+ s to go$"))
            .first().asString().contains("5,000 of about 20,000 (25%)");
    }

    @Test
    void shouldServeTheCountersInPrometheusTextFormat() throws Exception
    {
        final String metrics;
        try (PrometheusCounters exporter = PrometheusCounters.start(dir.resolve("demo"),
            new InetSocketAddress("127.0.0.1", 0)))
        {
            final HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exporter.port() +
                "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            metrics = response.body();
        }

        assertThat(metrics).containsPattern("(?m)^ordo_commands_journaled_total 20000(\\.0)?$")
            .containsPattern("(?m)^ordo_input_journal_last_sequence 20000(\\.0)?$")
            .containsPattern("(?m)^# TYPE ordo_input_ring_backlog_commands gauge$")
            .containsPattern("(?m)^ordo_rejected_total\\{reason=\"UNKNOWN_ORDER\"\\} \\d+(\\.0)?$");
        assertThat(PrometheusCounters.name("input ring backlog (commands)"))
            .isEqualTo("ordo_input_ring_backlog_commands");
    }

    @Test
    void shouldRefuseADamagedOutputJournalNamingTheFile() throws Exception
    {
        final Path copy = dir.resolve("damaged");
        copyTree(dir.resolve("demo"), copy);
        final Path file;
        try (var files = Files.list(copy.resolve("output")))
        {
            file = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(300_000);
            final int value = raf.read();
            raf.seek(300_000);
            raf.write(value ^ 0x01);
        }

        final Launched statement = launch("statement", "--data", copy.toString(), "--account", "" + ACCOUNT);
        final Launched missing = launch("balance", "--data", dir.resolve("nowhere").toString());

        assertThat(statement.exitCode()).as("output:%n%s", statement.output()).isEqualTo(1);
        assertThat(statement.errors()).contains("ordo statement: ", file.toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.errors()).contains("no data directory at ");
    }

    private static String data()
    {
        return dir.resolve("demo").toString();
    }

    /** @return "account asset available held" per row of {@code ordo balance}'s output. */
    private static List<String> rows(final String output)
    {
        final List<String> rows = new ArrayList<>();
        final Matcher matcher = BALANCE_ROW.matcher(output);
        while (matcher.find())
        {
            rows.add(matcher.group(1) + " " + matcher.group(2) + " " + matcher.group(3) + " " + matcher.group(4));
        }
        return rows;
    }

    private static void copyTree(final Path from, final Path to) throws Exception
    {
        try (var paths = Files.walk(from))
        {
            for (final Path path : paths.toList())
            {
                final Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path))
                {
                    Files.createDirectories(target);
                }
                else if (!path.getFileName().toString().equals("ordo.lock"))
                {
                    Files.copy(path, target);
                }
            }
        }
    }
}
