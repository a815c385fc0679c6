package io.ordo.journal.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.ordo.core.BusinessLogicProcessor;
import io.ordo.journal.DataDirectory;
import io.ordo.journal.Engine;
import io.ordo.journal.EngineConfig;
import io.ordo.journal.HistoryReader;
import io.ordo.journal.JournalException;
import io.ordo.journal.counters.CountersFile;
import io.ordo.read.StatementLine;
import io.ordo.read.StatementProjection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The index by account, kept by the engine's projector beside the pipeline: an account's statement read through it
 * is the statement a full read of the journal gives, and ends at the engine's balances; it resumes after restarts
 * and after a crash that left entries past its checkpoint, and ends byte for byte equal to an index built from zero
 * without an engine; a damaged checkpoint, or an index of another journal, is refused with the file named and what
 * to do; its counters say how far it got.
 */
class AccountIndexTest
{
    private static final long[] ACCOUNTS = {1, 2, 17, 500, 999, 1_000};

    @TempDir
    Path dir;

    @Test
    void shouldGiveEachAccountTheStatementOfAFullReadEndingAtTheEngineBalances() throws Exception
    {
        final DemoRun demo = new DemoRun(42, 40_000);
        final Map<String, String> engineBalances = new TreeMap<>();
        final Engine engine = start(true);
        try
        {
            demo.run(engine, 40_000);
        }
        finally
        {
            engine.close();
        }
        final BusinessLogicProcessor blp = engine.blp();
        blp.forEachBalance((accountId, assetId, available, held) ->
            engineBalances.put(accountId + "/" + assetId, available + " held " + held));
        for (final long account : ACCOUNTS)
        {
            final List<StatementLine> indexed = new ArrayList<>();
            final StatementProjection statement = new StatementProjection(account, StatementProjection.ANY_ASSET, 1,
                Long.MAX_VALUE, indexed::add);
            final AccountHistory.Result result = AccountHistory.read(new DataDirectory(dir), account, 1,
                Long.MAX_VALUE, statement::onRecord, records -> { }, warning -> { throw new AssertionError(warning); });

            assertThat(result.indexed()).isTrue();
            assertThat(result.indexPosition()).as("caught up at close").isEqualTo(40_000);
            assertThat(result.recordsScanned()).isZero();
            assertThat(result.recordsFetched()).isPositive().isLessThan(40_000 / 10);
            assertThat(indexed).as("account %d", account).isEqualTo(fullRead(account, 1, Long.MAX_VALUE))
                .hasSizeGreaterThan(10);
            assertThat(statement.unexplainedLines()).isZero();
            final Map<Integer, StatementLine> closing = new TreeMap<>();
            indexed.forEach(line -> closing.put(line.assetId(), line));
            closing.forEach((asset, line) -> assertThat(line.availableAfterMinor() + " held " + line.heldAfterMinor())
                .isEqualTo(engineBalances.get(account + "/" + asset)));
        }
        try (CountersFile counters = CountersFile.openForReading(dir))
        {
            final Map<String, Long> values = new TreeMap<>();
            counters.reader().forEach((id, type, key, label) -> values.put(label, counters.reader()
                .getCounterValue(id)));
            assertThat(values).containsEntry("account index last sequence", 40_000L)
                .containsEntry("account index records applied", 40_000L)
                .containsEntry("account index lag (records)", 0L);
        }
    }

    @Test
    void shouldResumeAfterRestartsAndACrashAndEqualAnIndexBuiltFromZero() throws Exception
    {
        final DemoRun demo = new DemoRun(7, 60_000);
        try (Engine engine = start(true))
        {
            demo.run(engine, 15_000);
        }
        try (Engine engine = start(false))
        {
            // Without the index: it falls behind, and the next start catches up.
            demo.run(engine, 10_000);
        }
        final AccountIndex crashed = AccountIndex.open(dir);
        assertThat(crashed.position().sequence()).isEqualTo(15_000);
        try (HistoryReader history = HistoryReader.open(new DataDirectory(dir)))
        {
            // Records filed past the checkpoint, then a crash: their entries are on disk, uncounted.
            history.readAfter(crashed.position(), (sequence, checksum, events, offset, length, file, position,
                document) ->
            {
                if (sequence <= 20_000)
                {
                    crashed.onRecord(sequence, checksum, events, offset, length, file, position, document);
                }
            }, records -> { });
        }
        crashed.crash();
        final long entriesAfterCrash = Files.size(entries());
        try (Engine engine = start(true))
        {
            demo.run(engine, 20_000);
        }
        try (Engine engine = start(true))
        {
            demo.run(engine, 15_000);
        }
        final byte[] liveEntries = Files.readAllBytes(entries());
        final byte[] liveHeads = Files.readAllBytes(heads());
        final AccountIndexBuild.Result rebuilt = AccountIndexBuild.run(new DataDirectory(dir), true, records -> { });

        assertThat(entriesAfterCrash).as("entries of the crashed run were on disk").isGreaterThan(0);
        assertThat(rebuilt.fromSequence()).isEqualTo(1);
        assertThat(rebuilt.lastSequence()).isEqualTo(60_000);
        assertThat(rebuilt.entries() * AccountIndex.ENTRY_LENGTH).isEqualTo(liveEntries.length);
        assertThat(Files.readAllBytes(entries())).as("entries").isEqualTo(liveEntries);
        assertThat(Files.readAllBytes(heads())).as("checkpoint").isEqualTo(liveHeads);
        for (final long account : ACCOUNTS)
        {
            assertThat(indexedStatement(account, 20_001, 50_000)).isEqualTo(fullRead(account, 20_001, 50_000))
                .isNotEmpty();
        }
    }

    @Test
    void shouldCatchUpOfflineAndReadTheUnindexedTailFromTheJournal() throws Exception
    {
        final DemoRun demo = new DemoRun(11, 30_000);
        try (Engine engine = start(true))
        {
            demo.run(engine, 10_000);
        }
        try (Engine engine = start(false))
        {
            demo.run(engine, 20_000);
        }
        final List<StatementLine> lines = new ArrayList<>();
        final StatementProjection statement = new StatementProjection(17, StatementProjection.ANY_ASSET, 1,
            Long.MAX_VALUE, lines::add);
        final AccountHistory.Result lagging = AccountHistory.read(new DataDirectory(dir), 17, 1, Long.MAX_VALUE,
            statement::onRecord, records -> { }, warning -> { });

        assertThat(lagging.indexPosition()).isEqualTo(10_000);
        assertThat(lagging.recordsScanned()).isEqualTo(20_000);
        assertThat(lines).isEqualTo(fullRead(17, 1, Long.MAX_VALUE));

        final AccountIndexBuild.Result caughtUp = AccountIndexBuild.run(new DataDirectory(dir), false, r -> { });
        assertThat(caughtUp.fromSequence()).isEqualTo(10_001);
        assertThat(caughtUp.lastSequence()).isEqualTo(30_000);
        assertThat(indexedStatement(17, 1, Long.MAX_VALUE)).isEqualTo(lines);
    }

    @Test
    void shouldRefuseADamagedCheckpointNamingItAndWhatToDo() throws Exception
    {
        try (Engine engine = start(true))
        {
            new DemoRun(3, 5_000).run(engine, 5_000);
        }
        final byte[] bytes = Files.readAllBytes(heads());
        bytes[30] ^= 1;
        Files.write(heads(), bytes);

        assertThatThrownBy(() -> start(true)).isInstanceOf(JournalException.class)
            .hasMessageContaining(heads().toString()).hasMessageContaining("checksum")
            .hasMessageContaining("delete " + AccountIndex.directoryOf(dir));
        final List<String> warnings = new ArrayList<>();
        final List<StatementLine> lines = new ArrayList<>();
        final AccountHistory.Result fallback = AccountHistory.read(new DataDirectory(dir), 2, 1, Long.MAX_VALUE,
            new StatementProjection(2, StatementProjection.ANY_ASSET, 1, Long.MAX_VALUE, lines::add)::onRecord,
            records -> { }, warnings::add);
        assertThat(fallback.indexed()).isFalse();
        assertThat(warnings).singleElement().asString().contains(heads().toString());
        assertThat(lines).isEqualTo(fullRead(2, 1, Long.MAX_VALUE)).isNotEmpty();
    }

    @Test
    void shouldRefuseAnIndexBuiltFromAnotherJournal(@TempDir final Path other) throws Exception
    {
        try (Engine engine = start(true))
        {
            new DemoRun(3, 5_000).run(engine, 5_000);
        }
        try (Engine engine = Engine.start(new EngineConfig().dataDirectory(other).createDataDirectory(true)))
        {
            new DemoRun(4, 6_000).run(engine, 6_000);
        }
        Files.createDirectories(AccountIndex.directoryOf(other));
        Files.copy(heads(), AccountIndex.directoryOf(other).resolve(AccountIndex.HEADS_FILE));
        Files.copy(entries(), AccountIndex.directoryOf(other).resolve(AccountIndex.ENTRIES_FILE));

        assertThatThrownBy(() -> Engine.start(new EngineConfig().dataDirectory(other).accountIndex(true)))
            .isInstanceOf(JournalException.class).hasMessageContaining("built from another output journal")
            .hasMessageContaining("sequence 5000");
    }

    private Engine start(final boolean index)
    {
        return Engine.start(new EngineConfig().dataDirectory(dir).createDataDirectory(true).accountIndex(index)
            .snapshotIntervalCommands(0));
    }

    private Path entries()
    {
        return AccountIndex.directoryOf(dir).resolve(AccountIndex.ENTRIES_FILE);
    }

    private Path heads()
    {
        return AccountIndex.directoryOf(dir).resolve(AccountIndex.HEADS_FILE);
    }

    private List<StatementLine> indexedStatement(final long account, final long from, final long to)
    {
        final List<StatementLine> lines = new ArrayList<>();
        final AccountHistory.Result result = AccountHistory.read(new DataDirectory(dir), account, from, to,
            new StatementProjection(account, StatementProjection.ANY_ASSET, from, to, lines::add)::onRecord,
            records -> { }, warning -> { throw new AssertionError(warning); });
        assertThat(result.indexed()).isTrue();
        return lines;
    }

    private List<StatementLine> fullRead(final long account, final long from, final long to) throws IOException
    {
        final List<StatementLine> lines = new ArrayList<>();
        try (HistoryReader history = HistoryReader.open(new DataDirectory(dir)))
        {
            history.read(from, to, new StatementProjection(account, StatementProjection.ANY_ASSET, from, to,
                lines::add)::onRecord, records -> { });
        }
        return lines;
    }
}
