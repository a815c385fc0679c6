package io.ordo.core;

import java.nio.ByteOrder;

/**
 * Layout of a BLP snapshot. All numbers little-endian.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     Magic "ORDOSNAP" (8 bytes)                |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                        Format Version                         |
 *  +---------------------------------------------------------------+
 *  |                    Message Schema Version                     |
 *  +---------------------------------------------------------------+
 *  |                          Body Length                          |
 *  +---------------------------------------------------------------+
 *  |                       CRC-32C of Body                         |
 *  +---------------------------------------------------------------+
 *  |                          Body ...                            ...
 *  +---------------------------------------------------------------+
 * </pre>
 * Body: config (request window capacity, order pool capacity); next order id, next trade id; assets in creation
 * order (id, scale, supply); instruments by id (rules, halted); accounts by id (balances per asset in creation
 * order); open orders in book order (instrument by id, bids best to worst, asks best to worst, time priority
 * within a price); request window entries oldest to newest; API keys by id (id, account, role, revoked, salt,
 * hash). Format 2 added the API keys.
 */
final class SnapshotFormat
{
    static final long MAGIC = 0x50414E534F44524FL; // "ORDOSNAP" read as a little-endian long
    static final int FORMAT_VERSION = 2;
    static final int MAGIC_OFFSET = 0;
    static final int FORMAT_VERSION_OFFSET = 8;
    static final int SCHEMA_VERSION_OFFSET = 12;
    static final int BODY_LENGTH_OFFSET = 16;
    static final int CRC_OFFSET = 20;
    static final int HEADER_LENGTH = 24;
    static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private SnapshotFormat()
    {
    }
}
