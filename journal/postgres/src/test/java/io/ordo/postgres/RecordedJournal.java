package io.ordo.postgres;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.ordo.journal.DataDirectory;
import io.ordo.journal.Engine;
import io.ordo.journal.EngineConfig;
import io.ordo.journal.HistoryReader;
import io.ordo.journal.pipeline.EventCursor;
import io.ordo.workload.CommandStream;
import io.ordo.workload.StandardWorkload;

/**
 * A data directory with journals of the standard workload, recorded by a real engine whose clock starts one second
 * before midnight on 30 November 2026 and moves 2 ms per reading, so that the events span two months (the journaller
 * reads the clock at least once every 16 commands); and what a full read of its output journal says, for comparison
 * with the database.
 */
final class RecordedJournal
{
    /** 2026-11-30T23:59:59Z. */
    static final long START_NS = 1_796_083_199_000_000_000L;

    private RecordedJournal()
    {
    }

    /** Runs the workload's set-up, pre-fill and the first {@code measured} commands through a new engine on dir. */
    static Engine record(final Path dir, final StandardWorkload workload, final int fromMeasured, final int measured)
    {
        final AtomicLong readings = new AtomicLong();
        final Engine engine = Engine.start(new EngineConfig().dataDirectory(dir).createDataDirectory(true)
            .snapshotIntervalCommands(0).clock(() -> START_NS + 2_000_000L * readings.incrementAndGet()));
        final AtomicLong results = new AtomicLong();
        long submitted = 0;
        if (fromMeasured == 0)
        {
            submitted += submit(engine, workload.setup(), 0, workload.setup().count(), results);
            submitted += submit(engine, workload.prefill(), 0, workload.prefill().count(), results);
        }
        submitted += submit(engine, workload.measured(), fromMeasured, measured, results);
        while (results.get() < submitted)
        {
            LockSupport.parkNanos(100_000);
        }
        return engine;
    }

    private static long submit(final Engine engine, final CommandStream stream, final int from, final int count,
        final AtomicLong results)
    {
        for (int i = from; i < from + count; i++)
        {
            engine.submit(stream.commands(), stream.offset(i), stream.length(i),
                (sequence, events, offset, length) -> results.incrementAndGet());
        }
        return count;
    }

    /** What the output journal holds, counted by a full read. */
    record Contents(long records, long events, long trades, long balanceChanges, String eventsDigest)
    {
    }

    /**
     * @return the journal's counts, and a digest of "position sequence eventIndex type" per event in journal order,
     *         computed as the database computes it from its rows.
     */
    static Contents read(final Path dir) throws Exception
    {
        final EventCursor cursor = new EventCursor();
        final long[] counts = new long[4];
        final StringBuilder text = new StringBuilder();
        try (HistoryReader history = HistoryReader.open(new DataDirectory(dir)))
        {
            history.read(1, Long.MAX_VALUE, (sequence, events, offset, length) ->
            {
                counts[0]++;
                cursor.wrap(events, offset, length);
                int index = 0;
                while (cursor.next())
                {
                    counts[1]++;
                    final String type = typeOf(cursor.templateId());
                    if ("Trade".equals(type))
                    {
                        counts[2]++;
                    }
                    else if ("BalanceChanged".equals(type))
                    {
                        counts[3]++;
                    }
                    text.append(text.length() > 0 ? "\n" : "").append(counts[1]).append(' ').append(sequence)
                        .append(' ').append(index++).append(' ').append(type);
                }
            }, records -> { });
        }
        return new Contents(counts[0], counts[1], counts[2], counts[3], md5(text.toString()));
    }

    private static final Map<Integer, String> TYPES = new TreeMap<>(Map.of(101, "CommandAccepted", 102,
        "CommandRejected", 103, "OrderAccepted", 104, "OrderCancelled", 105, "OrderExpired", 106, "OrderReplaced",
        107, "Trade", 108, "BalanceChanged", 109, "ApiKeyCreated", 110, "ApiKeyRevoked"));

    private static String typeOf(final int templateId)
    {
        return TYPES.getOrDefault(templateId, "UnknownEvent");
    }

    static String md5(final String text) throws Exception
    {
        final byte[] digest = java.security.MessageDigest.getInstance("MD5")
            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        final StringBuilder hex = new StringBuilder();
        for (final byte b : digest)
        {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    /** @return the engine's balances as "account asset available held", in account and asset order. */
    static TreeMap<String, String> balances(final Engine engine)
    {
        final TreeMap<String, String> balances = new TreeMap<>();
        engine.blp().forEachBalance((accountId, assetId, available, held) ->
            balances.put(String.format("%012d %06d", accountId, assetId),
                accountId + " " + assetId + " " + available + " " + held));
        return balances;
    }
}
