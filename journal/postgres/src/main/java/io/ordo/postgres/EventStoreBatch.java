package io.ordo.postgres;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ordo.protocol.EventAdapter;
import io.ordo.read.EventRow;
import io.ordo.read.EventRowAdapter;
import io.ordo.read.OpenOrderProjection;
import io.ordo.read.RecordContext;
import org.agrona.DirectBuffer;

/**
 * The rows that a run of output records makes in the event store, gathered for one transaction: the events (one
 * row each, with its global position and its aggregate's version), the statement lines, the trades (all three as
 * text for {@code COPY}), and the last state of each balance, open order and aggregate version the records touched
 * (for upserts). A pure function of the records and of the state it resumed from: projected again from zero, the
 * same records give the same rows.
 * <p>
 * <b>Aggregates.</b> A ledger event ({@code CommandAccepted}, {@code CommandRejected}, {@code BalanceChanged}, the
 * API key events) belongs to its account; an order's events and trades belong to their instrument (the book is the
 * unit of consistency of matching). Events a build cannot decode belong to the aggregate {@code journal} 0.
 * <p>
 * Not thread safe: the projector's thread.
 */
final class EventStoreBatch implements OpenOrderProjection.ChangeListener
{
    static final String ACCOUNT = "account";
    static final String INSTRUMENT = "instrument";
    static final String JOURNAL = "journal";

    private static final DateTimeFormatter TIMESTAMP =
        DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** An aggregate: its type and id. */
    record Aggregate(String type, long id) implements Comparable<Aggregate>
    {
        @Override
        public int compareTo(final Aggregate other)
        {
            final int byType = type.compareTo(other.type);
            return byType != 0 ? byType : Long.compare(id, other.id);
        }
    }

    /** A balance's last state in the batch. */
    record Balance(long availableMinor, long heldMinor, long lastSequence)
    {
    }

    /** An account's balance of one asset. */
    record BalanceKey(long accountId, int assetId) implements Comparable<BalanceKey>
    {
        @Override
        public int compareTo(final BalanceKey other)
        {
            final int byAccount = Long.compare(accountId, other.accountId);
            return byAccount != 0 ? byAccount : Integer.compare(assetId, other.assetId);
        }
    }

    /** An order's state after the batch: open as given, or closed ({@code order} null). */
    record OrderChange(long lastSequence, OpenOrderProjection.OpenOrder order)
    {
    }

    private final RecordContext context = new RecordContext();
    private final EventAdapter contextAdapter = new EventAdapter(context);
    private final EventRowAdapter rowAdapter = new EventRowAdapter(this::onRow);
    private final OpenOrderProjection openOrders = new OpenOrderProjection(Long.MAX_VALUE).changes(this);
    private final JsonFactory json = new JsonFactory();
    private final Map<Aggregate, Long> versions = new HashMap<>();
    private final TreeSet<YearMonth> partitions = new TreeSet<>();

    private final StringBuilder events = new StringBuilder(1 << 16);
    private final StringBuilder statementLines = new StringBuilder(1 << 14);
    private final StringBuilder trades = new StringBuilder(1 << 12);
    private final TreeMap<BalanceKey, Balance> balances = new TreeMap<>();
    private final TreeMap<Long, OrderChange> orders = new TreeMap<>();
    private final TreeMap<Aggregate, Long> touchedVersions = new TreeMap<>();
    private final TreeSet<YearMonth> newPartitions = new TreeSet<>();

    private long eventPosition;
    private long records;
    private int eventRows;
    private long sequence;
    private int checksum;
    private int eventIndex;
    private String recordedAt;
    private String valueAt;

    /** @param eventPosition the last event's position in the store (0 for none). */
    EventStoreBatch(final long eventPosition)
    {
        this.eventPosition = eventPosition;
    }

    /** Resumes an aggregate's version, read back from the store. */
    void restoreVersion(final String type, final long id, final long version)
    {
        versions.put(new Aggregate(type, id), version);
    }

    /** Resumes an open order, read back from the store. */
    void restoreOpenOrder(final OpenOrderProjection.OpenOrder order)
    {
        openOrders.restore(order);
    }

    /** Notes a month whose partition exists in the store. */
    void restorePartition(final YearMonth month)
    {
        partitions.add(month);
    }

    /** Adds one output record's rows. */
    void add(final long sequence, final int checksum, final DirectBuffer buffer, final int offset, final int length)
    {
        context.reset();
        contextAdapter.onEvents(buffer, offset, length);
        this.sequence = sequence;
        this.checksum = checksum;
        eventIndex = 0;
        recordedAt = timestamp(context.timestampNs());
        valueAt = timestamp(context.valueTimeNs());
        final YearMonth month = YearMonth.from(instant(context.timestampNs()).atZone(ZoneOffset.UTC));
        if (partitions.add(month))
        {
            newPartitions.add(month);
        }
        rowAdapter.onRecord(sequence, buffer, offset, length);
        openOrders.onRecord(sequence, buffer, offset, length);
        records++;
    }

    /** @return records added since the last {@link #clear()}. */
    long records()
    {
        return records;
    }

    /** @return event rows added since the last {@link #clear()}. */
    int eventRows()
    {
        return eventRows;
    }

    /** @return the last event's position: the store's after this batch is committed. */
    long eventPosition()
    {
        return eventPosition;
    }

    byte[] eventsCopy()
    {
        return events.toString().getBytes(StandardCharsets.UTF_8);
    }

    byte[] statementLinesCopy()
    {
        return statementLines.toString().getBytes(StandardCharsets.UTF_8);
    }

    byte[] tradesCopy()
    {
        return trades.toString().getBytes(StandardCharsets.UTF_8);
    }

    TreeMap<BalanceKey, Balance> balances()
    {
        return balances;
    }

    TreeMap<Long, OrderChange> orders()
    {
        return orders;
    }

    TreeMap<Aggregate, Long> touchedVersions()
    {
        return touchedVersions;
    }

    /** @return the months whose partition this batch needs and the store does not have yet. */
    TreeSet<YearMonth> newPartitions()
    {
        return newPartitions;
    }

    /** Forgets the rows, after they were committed. */
    void clear()
    {
        events.setLength(0);
        statementLines.setLength(0);
        trades.setLength(0);
        balances.clear();
        orders.clear();
        touchedVersions.clear();
        newPartitions.clear();
        records = 0;
        eventRows = 0;
    }

    @Override
    public void onOpen(final long sequence, final OpenOrderProjection.OpenOrder order)
    {
        orders.put(order.orderId(), new OrderChange(sequence, order));
    }

    @Override
    public void onClosed(final long sequence, final long orderId)
    {
        orders.put(orderId, new OrderChange(sequence, null));
    }

    /** @return the event's aggregate type. */
    static String aggregateType(final String eventType)
    {
        return switch (eventType)
        {
            case "CommandAccepted", "CommandRejected", "BalanceChanged", "ApiKeyCreated", "ApiKeyRevoked" -> ACCOUNT;
            case "OrderAccepted", "OrderCancelled", "OrderExpired", "OrderReplaced", "Trade" -> INSTRUMENT;
            default -> JOURNAL;
        };
    }

    static Instant instant(final long epochNs)
    {
        return Instant.ofEpochSecond(Math.floorDiv(epochNs, NANOS_PER_SECOND), Math.floorMod(epochNs,
            NANOS_PER_SECOND));
    }

    static String timestamp(final long epochNs)
    {
        return TIMESTAMP.format(instant(epochNs));
    }

    /** @return the event's id: a name-based UUID of its command's sequence and its place among the events. */
    static UUID eventId(final long sequence, final int eventIndex)
    {
        return UUID.nameUUIDFromBytes(("ordo:" + sequence + ":" + eventIndex).getBytes(StandardCharsets.US_ASCII));
    }

    private void onRow(final EventRow row)
    {
        final String type = row.type();
        final String aggregateType = aggregateType(type);
        final int accountField = field(row, "accountId");
        final int instrumentField = field(row, "instrumentId");
        final int orderField = field(row, "orderId");
        final int assetField = field(row, "assetId");
        final long aggregateId = switch (aggregateType)
        {
            case ACCOUNT -> row.number(accountField);
            case INSTRUMENT -> row.number(instrumentField);
            default -> 0;
        };
        final Aggregate aggregate = new Aggregate(aggregateType, aggregateId);
        final long version = versions.merge(aggregate, 1L, Long::sum);
        touchedVersions.put(aggregate, version);
        eventPosition++;
        eventRows++;

        final StringBuilder out = events;
        out.append(eventPosition).append('\t')
            .append(eventId(sequence, eventIndex)).append('\t')
            .append(sequence).append('\t')
            .append(eventIndex).append('\t')
            .append(type).append('\t')
            .append(aggregateType).append('\t')
            .append(aggregateId).append('\t')
            .append(version).append('\t');
        appendNumberOrNull(out, row, accountField).append('\t');
        appendNumberOrNull(out, row, instrumentField).append('\t');
        appendNumberOrNull(out, row, orderField).append('\t');
        appendNumberOrNull(out, row, assetField).append('\t');
        out.append(recordedAt).append('\t')
            .append(context.timestampNs()).append('\t')
            .append(valueAt).append('\t')
            .append(context.valueTimeNs()).append('\t');
        appendCopyText(out, data(row)).append('\t');
        appendCopyText(out, metadata()).append('\n');

        if ("BalanceChanged".equals(type))
        {
            onBalanceChanged(row);
        }
        else if ("Trade".equals(type))
        {
            onTrade(row);
        }
        eventIndex++;
    }

    private void onBalanceChanged(final EventRow row)
    {
        final long accountId = number(row, "accountId");
        final int assetId = (int)number(row, "assetId");
        final long availableAfter = number(row, "availableAfterMinor");
        final long heldAfter = number(row, "heldAfterMinor");
        statementLines.append(eventPosition).append('\t')
            .append(sequence).append('\t')
            .append(accountId).append('\t')
            .append(assetId).append('\t')
            .append(row.text(field(row, "cause"))).append('\t')
            .append(number(row, "availableDeltaMinor")).append('\t')
            .append(number(row, "heldDeltaMinor")).append('\t')
            .append(availableAfter).append('\t')
            .append(heldAfter).append('\t')
            .append(number(row, "referenceId")).append('\t')
            .append(recordedAt).append('\t')
            .append(context.valueTimeNs()).append('\t')
            .append(valueAt).append('\t')
            .append(context.accountId()).append('\t')
            .append(context.clientRequestId()).append('\n');
        balances.put(new BalanceKey(accountId, assetId), new Balance(availableAfter, heldAfter, sequence));
    }

    private void onTrade(final EventRow row)
    {
        trades.append(number(row, "tradeId")).append('\t')
            .append(eventPosition).append('\t')
            .append(sequence).append('\t')
            .append(recordedAt).append('\t')
            .append(number(row, "instrumentId")).append('\t')
            .append(row.text(field(row, "aggressorSide"))).append('\t')
            .append(number(row, "makerOrderId")).append('\t')
            .append(number(row, "takerOrderId")).append('\t')
            .append(number(row, "makerAccountId")).append('\t')
            .append(number(row, "takerAccountId")).append('\t')
            .append(number(row, "priceMinor")).append('\t')
            .append(number(row, "quantityMinor")).append('\t')
            .append(number(row, "makerFeeMinor")).append('\t')
            .append(number(row, "takerFeeMinor")).append('\n');
    }

    private String data(final EventRow row)
    {
        final StringWriter text = new StringWriter(256);
        try (JsonGenerator generator = json.createGenerator(text))
        {
            generator.writeStartObject();
            for (int i = 0; i < row.fieldCount(); i++)
            {
                if (row.isEnum(i))
                {
                    generator.writeStringField(row.name(i), row.text(i));
                }
                else
                {
                    generator.writeNumberField(row.name(i), row.number(i));
                }
            }
            generator.writeEndObject();
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private String metadata()
    {
        return "{\"commandAccountId\":" + context.accountId() + ",\"clientRequestId\":" + context.clientRequestId() +
            ",\"recordChecksum\":" + Integer.toUnsignedLong(checksum) + "}";
    }

    private static int field(final EventRow row, final String name)
    {
        for (int i = 0; i < row.fieldCount(); i++)
        {
            if (name.equals(row.name(i)))
            {
                return i;
            }
        }
        return -1;
    }

    private static long number(final EventRow row, final String name)
    {
        final int field = field(row, name);
        if (field < 0 || row.isEnum(field))
        {
            throw new IllegalStateException("event " + row.type() + " of sequence " + row.sequence() +
                " has no number field " + name);
        }
        return row.number(field);
    }

    private static StringBuilder appendNumberOrNull(final StringBuilder out, final EventRow row, final int field)
    {
        return field < 0 || row.isEnum(field) ? out.append("\\N") : out.append(row.number(field));
    }

    /** Appends text escaped for COPY's text format: backslash, tab, newline and carriage return. */
    static StringBuilder appendCopyText(final StringBuilder out, final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out;
    }
}
