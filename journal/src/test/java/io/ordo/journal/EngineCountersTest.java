package io.ordo.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.ordo.core.BlpConfig;
import io.ordo.journal.counters.CountersFile;
import io.ordo.journal.pipeline.EventCursor;
import io.ordo.protocol.EventAdapter;
import io.ordo.protocol.EventListener;
import io.ordo.protocol.codec.RejectReason;
import io.ordo.workload.CommandKind;
import io.ordo.workload.DifferentialHarness;
import io.ordo.workload.RandomizedWorkload;
import io.ordo.workload.TestCommand;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine's live counters, read the way {@code ordo stat} reads them (the data directory's {@code counters.dat}
 * mapped by a reader, not through the engine): commands journaled, output records, events out, rejections in total
 * and by reason, the journals' last sequence and bytes, equal to what the results the submitter got say; the file
 * names the process that wrote it; a file that is not one is refused.
 */
class EngineCountersTest
{
    private static final int WINDOW = DifferentialHarness.WINDOW_CAPACITY;

    @TempDir
    Path dir;

    @Test
    void shouldCountWhatTheResultsSayInAFileAnotherReaderMaps() throws Exception
    {
        final List<TestCommand> commands = RandomizedWorkload.generate(5, 3_000, WINDOW).stream()
            .filter(c -> c.kind != CommandKind.TAKE_SNAPSHOT).toList();
        final Submitter submitter = new Submitter();
        final Map<String, Long> expected = new TreeMap<>();
        final long[] events = new long[1];
        final EventAdapter adapter = new EventAdapter(new EventListener()
        {
            @Override
            public void onCommandRejected(final long accountId, final long clientRequestId, final long timestampNs,
                final long orderId, final short commandTypeCode, final short reasonCode, final short originalReasonCode)
            {
                expected.merge("rejected " + RejectReason.get(reasonCode).name(), 1L, Long::sum);
                expected.merge("commands rejected", 1L, Long::sum);
            }
        });
        final Map<String, Long> counted;
        try (Engine engine = Engine.start(new EngineConfig().dataDirectory(dir).createDataDirectory(true)
            .blpConfig(new BlpConfig().requestWindowCapacity(WINDOW)).snapshotIntervalCommands(0)))
        {
            submitter.submit(engine, commands);
            submitter.awaitAll();
            for (final byte[] record : submitter.results.values())
            {
                final UnsafeBuffer buffer = new UnsafeBuffer(record);
                final EventCursor cursor = new EventCursor().wrap(buffer, 0, record.length);
                while (cursor.next())
                {
                    events[0]++;
                }
                adapter.onEvents(buffer, 0, record.length);
            }
            // The dispatcher counts a record just before it calls the result listener: all are counted by now.
            try (CountersFile file = CountersFile.openForReading(dir))
            {
                assertThat(file.pid()).isEqualTo(ProcessHandle.current().pid());
                counted = values(file.reader());
            }
        }

        assertThat(expected.get("commands rejected")).as("the stream has rejections").isGreaterThan(100);
        assertThat(counted).containsEntry("commands journaled", (long)commands.size())
            .containsEntry("output records journaled", (long)commands.size())
            .containsEntry("input journal last sequence", (long)commands.size())
            .containsEntry("events out", events[0])
            .containsEntry("commands rejected", expected.get("commands rejected"));
        expected.forEach((label, count) -> assertThat(counted).containsEntry(label, count));
        assertThat(counted.get("input journal bytes appended")).isGreaterThan(commands.size() * 40L);
        assertThat(counted.get("output journal bytes appended")).isGreaterThan(counted.get("input journal bytes " +
            "appended"));
        try (CountersFile file = CountersFile.openForReading(dir))
        {
            assertThat(values(file.reader())).as("the last values stay after the engine stopped").isEqualTo(counted);
        }
    }

    @Test
    void shouldRefuseAFileThatIsNotOneNamingIt() throws Exception
    {
        Files.write(dir.resolve(CountersFile.FILE), new byte[8192]);

        assertThatThrownBy(() -> CountersFile.openForReading(dir)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(dir.resolve(CountersFile.FILE).toString())
            .hasMessageContaining("is not an Ordo counters file");
        assertThatThrownBy(() -> CountersFile.openForReading(dir.resolve("nowhere")))
            .hasMessageContaining("no counters in");
    }

    private static Map<String, Long> values(final CountersReader reader)
    {
        final Map<String, Long> values = new TreeMap<>();
        reader.forEach((counterId, label) -> values.put(label, reader.getCounterValue(counterId)));
        return values;
    }
}
