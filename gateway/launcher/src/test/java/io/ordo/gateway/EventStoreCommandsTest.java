package io.ordo.gateway;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ordo.gateway.demo.Demo;
import io.ordo.journal.Durability;
import io.ordo.journal.pipeline.WaitStrategyKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.ordo.gateway.Launched.launch;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ordo project} and {@code ordo sql} as a newcomer runs them, on the journaled demo's directory and the
 * embedded PostgreSQL of DIR/postgres: the journal's events arrive once, a second run has nothing to do, the
 * documented queries answer, a projection from zero gives the same store, and an unreachable database is refused in
 * one line.
 */
class EventStoreCommandsTest
{
    @TempDir
    Path dir;

    @Test
    void shouldProjectTheDemoJournalAndAnswerTheDocumentedQueries() throws Exception
    {
        final Path data = dir.resolve("demo");
        Demo.runJournaled(3, 20_000, data, Durability.MAPPED, WaitStrategyKind.SLEEPING,
            new PrintStream(OutputStream.nullOutputStream()));

        final Launched projected = launch("project", "--data", data.toString());
        assertThat(projected.exitCode()).as("%s%s", projected.output(), projected.errors()).isZero();
        final Matcher counts = Pattern.compile("projected sequences 1 to (\\d+): ([0-9,]+) events")
            .matcher(projected.output());
        assertThat(counts.find()).as(projected.output()).isTrue();
        final long events = Long.parseLong(counts.group(2).replace(",", ""));
        assertThat(launch("project", "--data", data.toString()).output()).contains("already up to date at sequence " +
            counts.group(1));

        assertThat(sql(data, "SELECT count(*) AS events FROM events")).contains("\n" + events + "\n");
        assertThat(sql(data, "SELECT sum(n) FROM (SELECT type, count(*) AS n FROM events WHERE recorded_at >= " +
            "'2000-01-01' AND recorded_at < '2100-01-01' GROUP BY type) t")).contains("\n" + events + "\n");
        final String balances = sql(data, "SELECT asset_id, available_minor, held_minor FROM balances WHERE " +
            "account_id = 7 ORDER BY asset_id");
        final String asOfNow = sql(data, "SELECT DISTINCT ON (asset_id) asset_id, available_after_minor AS " +
            "available_minor, held_after_minor AS held_minor FROM statement_lines WHERE account_id = 7 AND " +
            "recorded_at <= '2100-01-01' ORDER BY asset_id, position DESC");
        assertThat(asOfNow).isEqualTo(balances).contains("(2 rows)");
        assertThat(sql(data, "SELECT count(*) FROM statement_lines WHERE account_id = 7")).doesNotContain("\n0\n");

        final Launched rebuilt = launch("project", "--data", data.toString(), "--from-zero");
        assertThat(rebuilt.output()).contains("projected sequences 1 to " + counts.group(1) + ": " +
            counts.group(2) + " events");
        assertThat(sql(data, "SELECT asset_id, available_minor, held_minor FROM balances WHERE account_id = 7 " +
            "ORDER BY asset_id")).isEqualTo(balances);

        final Launched refused = launch("project", "--data", data.toString(), "--jdbc",
            "jdbc:postgresql://127.0.0.1:1/none?user=none&connectTimeout=2");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.errors().strip()).doesNotContain("\n").contains("ordo project: ")
            .contains("could not be migrated").contains("127.0.0.1:1");
    }

    private static String sql(final Path data, final String query)
    {
        final Launched result = launch("sql", "--data", data.toString(), query);
        assertThat(result.exitCode()).as("%s%s", result.output(), result.errors()).isZero();
        return result.output();
    }
}
