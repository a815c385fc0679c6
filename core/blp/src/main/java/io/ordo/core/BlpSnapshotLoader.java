package io.ordo.core;

import java.util.Arrays;
import java.util.Comparator;
import java.util.zip.CRC32C;

import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;

import static io.ordo.core.SnapshotFormat.ORDER;

/**
 * Rebuilds a {@link BusinessLogicProcessor} from a snapshot written by {@link BlpSnapshotTaker}. Checks magic,
 * versions, length and CRC-32C first, and every reference while reading; any mismatch throws a
 * {@link SnapshotException} that names the field, its offset, the expected and the found value.
 * <p>
 * Not thread safe; the loaded BLP then belongs to the calling thread. Allocates; not for the hot path.
 */
public final class BlpSnapshotLoader
{
    private static final Comparator<Order> ORDER_ID = Comparator.comparingLong(order -> order.orderId);

    private final DirectBuffer buffer;
    private final int end;
    private int position;

    private BlpSnapshotLoader(final DirectBuffer buffer, final int position, final int end)
    {
        this.buffer = buffer;
        this.position = position;
        this.end = end;
    }

    /**
     * Rebuilds a BLP from a snapshot, with the default error handler.
     *
     * @throws SnapshotException naming what was expected and found if the snapshot is damaged.
     */
    public static BusinessLogicProcessor load(
        final DirectBuffer buffer, final int offset, final int length, final EventSink sink)
    {
        return load(buffer, offset, length, sink, BlpConfig.NO_OP_ERROR_HANDLER);
    }

    /**
     * Rebuilds a BLP from a snapshot.
     *
     * @param errorHandler for the loaded BLP (see {@link BlpConfig#errorHandler(ErrorHandler)}); not in snapshots.
     * @throws SnapshotException naming what was expected and found if the snapshot is damaged.
     */
    public static BusinessLogicProcessor load(
        final DirectBuffer buffer, final int offset, final int length, final EventSink sink,
        final ErrorHandler errorHandler)
    {
        if (length < SnapshotFormat.HEADER_LENGTH)
        {
            throw new SnapshotException("snapshot too short: expected at least " + SnapshotFormat.HEADER_LENGTH +
                " header bytes, found " + length);
        }
        final long magic = buffer.getLong(offset + SnapshotFormat.MAGIC_OFFSET, ORDER);
        if (magic != SnapshotFormat.MAGIC)
        {
            throw new SnapshotException(String.format("bad magic at offset 0: expected 0x%016x, found 0x%016x",
                SnapshotFormat.MAGIC, magic));
        }
        final int formatVersion = buffer.getInt(offset + SnapshotFormat.FORMAT_VERSION_OFFSET, ORDER);
        if (formatVersion != SnapshotFormat.FORMAT_VERSION)
        {
            throw new SnapshotException("unsupported snapshot format version at offset " +
                SnapshotFormat.FORMAT_VERSION_OFFSET + ": expected " + SnapshotFormat.FORMAT_VERSION + ", found " +
                formatVersion);
        }
        final int schemaVersion = buffer.getInt(offset + SnapshotFormat.SCHEMA_VERSION_OFFSET, ORDER);
        if (schemaVersion != MessageHeaderDecoder.SCHEMA_VERSION)
        {
            throw new SnapshotException("snapshot written with message schema version " + schemaVersion +
                ", this build reads version " + MessageHeaderDecoder.SCHEMA_VERSION);
        }
        final int bodyLength = buffer.getInt(offset + SnapshotFormat.BODY_LENGTH_OFFSET, ORDER);
        if (bodyLength != length - SnapshotFormat.HEADER_LENGTH)
        {
            throw new SnapshotException("snapshot body length at offset " + SnapshotFormat.BODY_LENGTH_OFFSET +
                ": header says " + bodyLength + " bytes, found " + (length - SnapshotFormat.HEADER_LENGTH));
        }
        final int expectedCrc = buffer.getInt(offset + SnapshotFormat.CRC_OFFSET, ORDER);
        final byte[] body = new byte[bodyLength];
        buffer.getBytes(offset + SnapshotFormat.HEADER_LENGTH, body);
        final CRC32C crc = new CRC32C();
        crc.update(body, 0, bodyLength);
        if ((int)crc.getValue() != expectedCrc)
        {
            throw new SnapshotException(String.format("snapshot checksum mismatch: header says CRC-32C 0x%08x, " +
                "body of %d bytes has 0x%08x", expectedCrc, bodyLength, (int)crc.getValue()));
        }

        final BlpSnapshotLoader loader = new BlpSnapshotLoader(
            buffer, offset + SnapshotFormat.HEADER_LENGTH, offset + length);
        return loader.readBody(sink, errorHandler);
    }

    private BusinessLogicProcessor readBody(final EventSink sink, final ErrorHandler errorHandler)
    {
        final int windowCapacity = getInt("requestWindowCapacity");
        final int orderPoolCapacity = getInt("orderPoolCapacity");
        final BlpConfig config;
        try
        {
            config = new BlpConfig().requestWindowCapacity(windowCapacity).orderPoolCapacity(orderPoolCapacity);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new SnapshotException("invalid config in snapshot: " + ex.getMessage());
        }
        config.errorHandler(errorHandler);
        final BusinessLogicProcessor blp = new BusinessLogicProcessor(config, sink);
        final Ledger ledger = blp.ledger();
        final MatchingEngine engine = blp.engine();
        final InstrumentRegistry instruments = blp.instruments();
        engine.restoreCounters(getLong("nextOrderId"), getLong("nextTradeId"));

        final int assetCount = getCount("assetCount");
        for (int i = 0; i < assetCount; i++)
        {
            final Asset asset = ledger.createAsset(getInt("assetId"), getInt("scale"));
            asset.supply = getLong("supply");
        }

        final int instrumentCount = getCount("instrumentCount");
        for (int i = 0; i < instrumentCount; i++)
        {
            final int instrumentId = getInt("instrumentId");
            final Asset base = asset(ledger, getInt("baseAssetId"));
            final Asset quote = asset(ledger, getInt("quoteAssetId"));
            final int makerFeePpm = getInt("makerFeePpm");
            final int takerFeePpm = getInt("takerFeePpm");
            final boolean halted = getInt("halted") != 0;
            final Instrument instrument = new Instrument(instrumentId, base, quote, makerFeePpm, takerFeePpm,
                getLong("lotSize"), getLong("tickSize"), getLong("minQuantity"), getLong("maxQuantity"),
                getLong("minPrice"), getLong("maxPrice"));
            instrument.halted = halted;
            instruments.add(instrument);
        }

        final int accountCount = getCount("accountCount");
        for (int i = 0; i < accountCount; i++)
        {
            final long accountId = getLong("accountId");
            Account account = ledger.account(accountId);
            if (account == null)
            {
                account = ledger.openAccount(accountId);
            }
            for (int a = 0; a < assetCount; a++)
            {
                final long available = getLong("available");
                final long held = getLong("held");
                if (available != 0 || held != 0)
                {
                    ledger.restoreBalance(account, ledger.assetByIndex(a), available, held);
                }
            }
        }

        final int orderCount = getCount("orderCount");
        final Order[] loaded = new Order[orderCount];
        for (int i = 0; i < orderCount; i++)
        {
            final Order order = engine.acquireOrder();
            loaded[i] = order;
            order.orderId = getLong("orderId");
            order.accountId = getLong("order.accountId");
            order.account = ledger.account(order.accountId);
            if (order.account == null)
            {
                throw new SnapshotException("order " + order.orderId + " names unknown account " + order.accountId);
            }
            final int instrumentId = getInt("order.instrumentId");
            order.instrument = instruments.instrument(instrumentId);
            if (order.instrument == null)
            {
                throw new SnapshotException("order " + order.orderId + " names unknown instrument " + instrumentId);
            }
            order.sideCode = getByte("side");
            order.kindCode = getByte("kind");
            order.budget = getByte("budget") != 0;
            order.price = getLong("price");
            order.remainingQuantity = getLong("remainingQuantity");
            order.heldAmount = getLong("heldAmount");
            order.holdFeePpm = getLong("holdFeePpm");
            engine.restoreOpenOrder(order);
        }
        // Each account lists its orders by ascending id, as they came to rest; the snapshot holds them in book
        // order. One sort, then appends: linear per account, where inserting each in place was quadratic.
        Arrays.sort(loaded, ORDER_ID);
        for (final Order order : loaded)
        {
            order.account.appendOrder(order);
        }

        final int windowSize = getCount("windowSize");
        final RequestDeduplicator deduplicator = blp.deduplicator();
        for (int i = 0; i < windowSize; i++)
        {
            // The accounts are loaded: recording again rebuilds the request id marks as they were.
            final long accountId = getLong("window.accountId");
            deduplicator.record(ledger.account(accountId), accountId, getLong("window.clientRequestId"),
                getByte("window.reason"), getLong("window.orderId"));
        }

        final int keyCount = getCount("apiKeyCount");
        final ApiKeyRegistry apiKeys = blp.apiKeys();
        for (int i = 0; i < keyCount; i++)
        {
            final long keyId = getLong("apiKey.keyId");
            final long accountId = getLong("apiKey.accountId");
            final byte roleCode = getByte("apiKey.role");
            final boolean revoked = getByte("apiKey.revoked") != 0;
            final byte[] salt = getBytes("apiKey.salt", CommandWriter.SALT_LENGTH);
            final byte[] keyHash = getBytes("apiKey.keyHash", CommandWriter.KEY_HASH_LENGTH);
            if (keyId != apiKeys.nextKeyId())
            {
                throw new SnapshotException("API key id " + keyId + " out of order, expected " + apiKeys.nextKeyId());
            }
            final ApiKey key = new ApiKey(keyId, accountId, roleCode, salt, keyHash);
            key.revoked = revoked;
            apiKeys.add(key);
        }
        if (position != end)
        {
            throw new SnapshotException("snapshot body has " + (end - position) + " unread bytes at offset " +
                position);
        }
        return blp;
    }

    private static Asset asset(final Ledger ledger, final int assetId)
    {
        final Asset asset = ledger.asset(assetId);
        if (asset == null)
        {
            throw new SnapshotException("instrument names unknown asset " + assetId);
        }
        return asset;
    }

    private void require(final String field, final int bytes)
    {
        if (position + bytes > end)
        {
            throw new SnapshotException("snapshot truncated reading " + field + " at offset " + position +
                ": need " + bytes + " bytes, " + (end - position) + " left");
        }
    }

    private byte[] getBytes(final String field, final int length)
    {
        require(field, length);
        final byte[] bytes = new byte[length];
        buffer.getBytes(position, bytes);
        position += length;
        return bytes;
    }

    private int getCount(final String field)
    {
        final int count = getInt(field);
        if (count < 0)
        {
            throw new SnapshotException("negative " + field + " in snapshot: " + count);
        }
        return count;
    }

    private long getLong(final String field)
    {
        require(field, Long.BYTES);
        final long value = buffer.getLong(position, ORDER);
        position += Long.BYTES;
        return value;
    }

    private int getInt(final String field)
    {
        require(field, Integer.BYTES);
        final int value = buffer.getInt(position, ORDER);
        position += Integer.BYTES;
        return value;
    }

    private byte getByte(final String field)
    {
        require(field, Byte.BYTES);
        final byte value = buffer.getByte(position);
        position += Byte.BYTES;
        return value;
    }
}
