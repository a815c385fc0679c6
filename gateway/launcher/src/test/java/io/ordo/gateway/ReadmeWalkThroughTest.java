package io.ordo.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.ordo.gateway.Launched.launch;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Ask the event store" walk-through, run as written: every {@code ./ordo} line of its first code
 * block, with its data directory moved to a temporary one and the trades' time range moved to this run's first
 * trade (times differ per run, as the README says). Each must exit 0 and print what the README shows it printing,
 * so that the README stays true when a command changes.
 */
class ReadmeWalkThroughTest
{
    private static final Path README = Path.of("..", "..", "README.md");

    @TempDir
    Path dir;

    @Test
    void shouldRunTheReadmesEventStoreWalkThroughAsWritten() throws Exception
    {
        final String readme = Files.readString(README);
        final String section = readme.substring(readme.indexOf("## Ask the event store"),
            readme.indexOf("## Repository layout"));
        final int blockStart = section.indexOf("```\n") + 4;
        final String block = section.substring(blockStart, section.indexOf("```", blockStart));
        final List<String> commands = block.lines().filter(line -> line.startsWith("./ordo ")).toList();
        assertThat(commands).hasSize(7);

        final String data = dir.resolve("walk").toString();
        final Map<String, String> outputs = new LinkedHashMap<>();
        for (final String line : commands)
        {
            final String command = line.replaceFirst("\\s+#.*$", "").replace("/tmp/walk", data);
            final List<String> arguments = new ArrayList<>(Arrays.asList(command.substring("./ordo ".length())
                .trim().split("\\s+")));
            if (arguments.get(0).equals("trades"))
            {
                moveTimeRangeToThisRun(arguments, data);
            }
            final Launched run = launch(arguments.toArray(new String[0]));
            final String output = run.output();
            assertThat(run.exitCode()).as("%s%n%s%s", String.join(" ", arguments), output, run.errors()).isZero();
            outputs.put(arguments.get(0), output);
        }

        assertThat(outputs.get("demo")).containsPattern("(?m)^state hash: [0-9a-f]{16}$");
        assertThat(outputs.get("index")).containsPattern("indexed sequences 1 to 100000 in [0-9.]+ s");
        assertThat(outputs.get("statement")).startsWith("statement of account 7, asset 1, sequences 1 to the end")
            .containsPattern("lines up to sequence 100000; [0-9,]+ records read through the account index \\(up " +
                "to sequence 100000\\), 0 after it")
            .contains(" DEPOSIT ", " ORDER_HOLD ", " TRADE ")
            .contains("explained: every line follows from the one before, from a zero opening balance");
        assertThat(outputs.get("book")).startsWith("book of instrument 1 as of sequence 50000: ")
            .containsPattern("(?m)^\\s+ask\\s+\\d+\\s+\\d+\\s+\\d+$")
            .containsPattern("(?m)^\\s+bid\\s+\\d+\\s+\\d+\\s+\\d+$");
        assertThat(outputs.get("trades")).containsPattern("(?m)^[1-9][0-9,]* trades$");
        assertThat(outputs.get("inspect")).contains(" BalanceChanged accountId=7 ", " cause=DEPOSIT ");
        assertThat(outputs.get("stat")).containsPattern("commands journaled +100,000\\n");
    }

    /** Replaces the README's --from-time and --to-time with this run's first trade's time and 10 ms after it. */
    private static void moveTimeRangeToThisRun(final List<String> arguments, final String data)
    {
        final Launched trades = launch("trades", "--data", data, "--instrument", "1", "--to-sequence",
            "20000");
        final Matcher first = Pattern.compile("(?m)^\\s+\\d+\\s+(\\S+Z)\\s").matcher(trades.output());
        assertThat(first.find()).as("a trade in the first 20,000 commands").isTrue();
        final Instant from = Instant.parse(first.group(1));
        arguments.set(arguments.indexOf("--from-time") + 1, from.toString());
        arguments.set(arguments.indexOf("--to-time") + 1, from.plusMillis(10).toString());
    }
}
