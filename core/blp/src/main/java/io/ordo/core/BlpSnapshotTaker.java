package io.ordo.core;

import java.util.zip.CRC32C;

import io.ordo.protocol.codec.MessageHeaderEncoder;
import org.agrona.ExpandableArrayBuffer;

import static io.ordo.core.SnapshotFormat.ORDER;

/**
 * Writes the whole state of a {@link BusinessLogicProcessor} as a snapshot (layout in {@link SnapshotFormat}).
 * <p>
 * Call on the BLP thread, between commands. Allocates; not for the hot path.
 */
public final class BlpSnapshotTaker
{
    private final ExpandableArrayBuffer buffer;
    private int position;

    private BlpSnapshotTaker(final ExpandableArrayBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.position = offset;
    }

    /**
     * Writes the whole state of the BLP into the buffer at offset.
     *
     * @return the snapshot length in bytes.
     */
    public static int take(final BusinessLogicProcessor blp, final ExpandableArrayBuffer buffer, final int offset)
    {
        final BlpSnapshotTaker taker = new BlpSnapshotTaker(buffer, offset + SnapshotFormat.HEADER_LENGTH);
        taker.writeBody(blp);
        final int bodyLength = taker.position - offset - SnapshotFormat.HEADER_LENGTH;

        final CRC32C crc = new CRC32C();
        crc.update(buffer.byteArray(), offset + SnapshotFormat.HEADER_LENGTH, bodyLength);
        buffer.putLong(offset + SnapshotFormat.MAGIC_OFFSET, SnapshotFormat.MAGIC, ORDER);
        buffer.putInt(offset + SnapshotFormat.FORMAT_VERSION_OFFSET, SnapshotFormat.FORMAT_VERSION, ORDER);
        buffer.putInt(offset + SnapshotFormat.SCHEMA_VERSION_OFFSET, MessageHeaderEncoder.SCHEMA_VERSION, ORDER);
        buffer.putInt(offset + SnapshotFormat.BODY_LENGTH_OFFSET, bodyLength, ORDER);
        buffer.putInt(offset + SnapshotFormat.CRC_OFFSET, (int)crc.getValue(), ORDER);
        return SnapshotFormat.HEADER_LENGTH + bodyLength;
    }

    private void writeBody(final BusinessLogicProcessor blp)
    {
        final BlpConfig config = blp.config();
        final Ledger ledger = blp.ledger();
        final MatchingEngine engine = blp.engine();

        putInt(config.requestWindowCapacity());
        putInt(config.orderPoolCapacity());
        putLong(engine.nextOrderId());
        putLong(engine.nextTradeId());

        final int assetCount = ledger.assetCount();
        putInt(assetCount);
        for (int i = 0; i < assetCount; i++)
        {
            final Asset asset = ledger.assetByIndex(i);
            putInt(asset.assetId);
            putInt(asset.scale);
            putLong(asset.supply);
        }

        final InstrumentRegistry instruments = blp.instruments();
        final int instrumentCount = instruments.count();
        putInt(instrumentCount);
        for (int i = 0; i < instrumentCount; i++)
        {
            final Instrument instrument = instruments.instrumentByRank(i);
            putInt(instrument.instrumentId);
            putInt(instrument.base.assetId);
            putInt(instrument.quote.assetId);
            putInt(instrument.makerFeePpm);
            putInt(instrument.takerFeePpm);
            putInt(instrument.halted ? 1 : 0);
            putLong(instrument.lotSize);
            putLong(instrument.tickSize);
            putLong(instrument.minQuantity);
            putLong(instrument.maxQuantity);
            putLong(instrument.minPrice);
            putLong(instrument.maxPrice);
        }

        final long[] accountIds = ledger.accountIdsSorted();
        putInt(accountIds.length);
        for (final long accountId : accountIds)
        {
            final Account account = ledger.account(accountId);
            putLong(accountId);
            for (int i = 0; i < assetCount; i++)
            {
                final Asset asset = ledger.assetByIndex(i);
                putLong(account.available(asset));
                putLong(account.held(asset));
            }
        }

        putInt(engine.openOrderCount());
        instruments.forEachOpenOrder(this::putOrder);

        final RequestDeduplicator deduplicator = blp.deduplicator();
        putInt(deduplicator.size());
        deduplicator.forEach((accountId, clientRequestId, reasonCode, orderId) ->
        {
            putLong(accountId);
            putLong(clientRequestId);
            putByte(reasonCode);
            putLong(orderId);
        });

        final ApiKeyRegistry apiKeys = blp.apiKeys();
        putInt(apiKeys.count());
        for (int i = 0, n = apiKeys.count(); i < n; i++)
        {
            final ApiKey key = apiKeys.keyByIndex(i);
            putLong(key.keyId);
            putLong(key.accountId);
            putByte(key.roleCode);
            putByte((byte)(key.revoked ? 1 : 0));
            buffer.putBytes(position, key.salt);
            position += key.salt.length;
            buffer.putBytes(position, key.keyHash);
            position += key.keyHash.length;
        }
    }

    private void putOrder(final Order order)
    {
        putLong(order.orderId);
        putLong(order.accountId);
        putInt(order.instrument.instrumentId);
        putByte(order.sideCode);
        putByte(order.kindCode);
        putByte((byte)(order.budget ? 1 : 0));
        putLong(order.price);
        putLong(order.remainingQuantity);
        putLong(order.heldAmount);
        putLong(order.holdFeePpm);
    }

    private void putLong(final long value)
    {
        buffer.putLong(position, value, ORDER);
        position += Long.BYTES;
    }

    private void putInt(final int value)
    {
        buffer.putInt(position, value, ORDER);
        position += Integer.BYTES;
    }

    private void putByte(final byte value)
    {
        buffer.putByte(position, value);
        position += Byte.BYTES;
    }
}
