package io.ordo.workload;

import io.ordo.protocol.CommandWriter;

import io.ordo.protocol.codec.CancelAllDecoder;
import io.ordo.protocol.codec.CancelOrderDecoder;
import io.ordo.protocol.codec.CreateApiKeyDecoder;
import io.ordo.protocol.codec.CreateAssetDecoder;
import io.ordo.protocol.codec.CreateInstrumentDecoder;
import io.ordo.protocol.codec.DepositDecoder;
import io.ordo.protocol.codec.HaltInstrumentDecoder;
import io.ordo.protocol.codec.OpenAccountDecoder;
import io.ordo.protocol.codec.PlaceOrderDecoder;
import io.ordo.protocol.codec.ReplaceOrderDecoder;
import io.ordo.protocol.codec.ResumeInstrumentDecoder;
import io.ordo.protocol.codec.RevokeApiKeyDecoder;
import io.ordo.protocol.codec.TakeSnapshotDecoder;
import io.ordo.protocol.codec.TransferDecoder;
import io.ordo.protocol.codec.WithdrawDecoder;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One command of a test stream, as a plain immutable object: what the {@link ReferenceModel} consumes directly and
 * what {@link #encode(CommandWriter, MutableDirectBuffer)} turns into the bytes the BLP consumes. A
 * {@link CommandKind#MALFORMED} command carries arbitrary bytes (malformed frames) and is given to both sides as
 * bytes.
 * <p>
 * Every command but a raw frame carries the {@link #sessionKeyId} a gateway would stamp into it (0: sent in
 * process, the default; see {@link #withSessionKey(long)}); {@link #encode} stamps it with
 * {@link CommandWriter#stampSessionKeyId}.
 * <p>
 * The integer fields are reused per type (see the factories); unused fields are 0. Immutable, so thread safe.
 */
public final class TestCommand
{
    /** Block length of each command template, by templateId (index 0 unused). */
    static final int[] BLOCK_LENGTHS =
    {
        0, CreateAssetDecoder.BLOCK_LENGTH, CreateInstrumentDecoder.BLOCK_LENGTH, OpenAccountDecoder.BLOCK_LENGTH,
        DepositDecoder.BLOCK_LENGTH, WithdrawDecoder.BLOCK_LENGTH, TransferDecoder.BLOCK_LENGTH,
        PlaceOrderDecoder.BLOCK_LENGTH, CancelOrderDecoder.BLOCK_LENGTH, ReplaceOrderDecoder.BLOCK_LENGTH,
        CancelAllDecoder.BLOCK_LENGTH, HaltInstrumentDecoder.BLOCK_LENGTH, ResumeInstrumentDecoder.BLOCK_LENGTH,
        TakeSnapshotDecoder.BLOCK_LENGTH, CreateApiKeyDecoder.BLOCK_LENGTH, RevokeApiKeyDecoder.BLOCK_LENGTH
    };

    /** What the command is; a placement's follows from its order kind code and quote budget. */
    public final CommandKind kind;
    public final long accountId;
    public final long clientRequestId;
    public final long timestampNs;
    /** assetId, instrumentId (order, cancel-all, halt, resume, create instrument). */
    public final int id;
    /** scale; base asset; side; key role. */
    public final int i1;
    /** quote asset; kind. */
    public final int i2;
    /** maker fee ppm. */
    public final int i3;
    /** taker fee ppm. */
    public final int i4;
    /** amount; price; orderId; lotSize; replacesKeyId (create key); keyId (revoke key). */
    public final long l1;
    /** toAccountId of a transfer; quantity; newPrice; tickSize. */
    public final long l2;
    /** quoteBudget; newQuantity; minQuantity; the value time of a deposit, withdrawal or transfer (0 = none). */
    public final long l3;
    /** maxQuantity. */
    public final long l4;
    /** minPrice. */
    public final long l5;
    /** maxPrice. */
    public final long l6;
    /** The API key of the session that sent the command, as the gateway stamps it; 0 = in process. */
    public final long sessionKeyId;
    /** The bytes of a raw frame, else null. */
    private final byte[] raw;
    /** The salt of a CreateApiKey ({@link CommandWriter#SALT_LENGTH} bytes), else null. */
    private final byte[] salt;
    /** The key hash of a CreateApiKey ({@link CommandWriter#KEY_HASH_LENGTH} bytes), else null. */
    private final byte[] keyHash;

    private TestCommand(
        final CommandKind kind, final long accountId, final long clientRequestId, final long timestampNs,
        final int id, final int i1, final int i2, final int i3, final int i4,
        final long l1, final long l2, final long l3, final long l4, final long l5, final long l6, final byte[] raw)
    {
        this(kind, accountId, clientRequestId, timestampNs, id, i1, i2, i3, i4, l1, l2, l3, l4, l5, l6, raw, 0,
            null, null);
    }

    private TestCommand(
        final CommandKind kind, final long accountId, final long clientRequestId, final long timestampNs,
        final int id, final int i1, final int i2, final int i3, final int i4,
        final long l1, final long l2, final long l3, final long l4, final long l5, final long l6, final byte[] raw,
        final long sessionKeyId, final byte[] salt, final byte[] keyHash)
    {
        this.kind = kind;
        this.accountId = accountId;
        this.clientRequestId = clientRequestId;
        this.timestampNs = timestampNs;
        this.id = id;
        this.i1 = i1;
        this.i2 = i2;
        this.i3 = i3;
        this.i4 = i4;
        this.l1 = l1;
        this.l2 = l2;
        this.l3 = l3;
        this.l4 = l4;
        this.l5 = l5;
        this.l6 = l6;
        this.raw = raw;
        this.sessionKeyId = sessionKeyId;
        this.salt = salt;
        this.keyHash = keyHash;
    }

    public static TestCommand createAsset(
        final long accountId, final long requestId, final long timestampNs, final int assetId, final int scale)
    {
        return new TestCommand(CommandKind.CREATE_ASSET, accountId, requestId, timestampNs, assetId, scale, 0, 0, 0,
            0, 0, 0, 0, 0, 0, null);
    }

    public static TestCommand createInstrument(
        final long accountId, final long requestId, final long timestampNs, final int instrumentId,
        final int baseAssetId, final int quoteAssetId, final int makerFeePpm, final int takerFeePpm,
        final long lotSize, final long tickSize, final long minQuantity, final long maxQuantity,
        final long minPrice, final long maxPrice)
    {
        return new TestCommand(CommandKind.CREATE_INSTRUMENT, accountId, requestId, timestampNs, instrumentId,
            baseAssetId, quoteAssetId, makerFeePpm, takerFeePpm, lotSize, tickSize, minQuantity, maxQuantity,
            minPrice, maxPrice, null);
    }

    public static TestCommand openAccount(final long accountId, final long requestId, final long timestampNs)
    {
        return new TestCommand(CommandKind.OPEN_ACCOUNT, accountId, requestId, timestampNs, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, null);
    }

    public static TestCommand deposit(
        final long accountId, final long requestId, final long timestampNs, final int assetId, final long amount)
    {
        return deposit(accountId, requestId, timestampNs, assetId, amount, 0);
    }

    /** @param valueTimeNs the business (value) time; 0 for the recorded time. */
    public static TestCommand deposit(
        final long accountId, final long requestId, final long timestampNs, final int assetId, final long amount,
        final long valueTimeNs)
    {
        return new TestCommand(CommandKind.DEPOSIT, accountId, requestId, timestampNs, assetId, 0, 0, 0, 0,
            amount, 0, valueTimeNs, 0, 0, 0, null);
    }

    public static TestCommand withdraw(
        final long accountId, final long requestId, final long timestampNs, final int assetId, final long amount)
    {
        return withdraw(accountId, requestId, timestampNs, assetId, amount, 0);
    }

    public static TestCommand withdraw(
        final long accountId, final long requestId, final long timestampNs, final int assetId, final long amount,
        final long valueTimeNs)
    {
        return new TestCommand(CommandKind.WITHDRAW, accountId, requestId, timestampNs, assetId, 0, 0, 0, 0,
            amount, 0, valueTimeNs, 0, 0, 0, null);
    }

    public static TestCommand transfer(
        final long accountId, final long requestId, final long timestampNs, final long toAccountId,
        final int assetId, final long amount)
    {
        return transfer(accountId, requestId, timestampNs, toAccountId, assetId, amount, 0);
    }

    public static TestCommand transfer(
        final long accountId, final long requestId, final long timestampNs, final long toAccountId,
        final int assetId, final long amount, final long valueTimeNs)
    {
        return new TestCommand(CommandKind.TRANSFER, accountId, requestId, timestampNs, assetId, 0, 0, 0, 0,
            amount, toAccountId, valueTimeNs, 0, 0, 0, null);
    }

    /** @return the business time of a deposit, withdrawal or transfer if it names one, else 0. */
    public long valueTimeNs()
    {
        return kind == CommandKind.DEPOSIT || kind == CommandKind.WITHDRAW || kind == CommandKind.TRANSFER ? l3 : 0;
    }

    /**
     * @param side 1 buy, 2 sell, anything else is sent as it is.
     * @param orderKind {@link io.ordo.protocol.codec.OrderKind} code, anything else is sent as it is.
     */
    public static TestCommand placeOrder(
        final long accountId, final long requestId, final long timestampNs, final int instrumentId,
        final int side, final int orderKind, final long price, final long quantity, final long quoteBudget)
    {
        return new TestCommand(CommandKind.placeOrder(orderKind, quoteBudget), accountId, requestId, timestampNs,
            instrumentId, side, orderKind, 0, 0, price, quantity, quoteBudget, 0, 0, 0, null);
    }

    public static TestCommand cancelOrder(
        final long accountId, final long requestId, final long timestampNs, final long orderId)
    {
        return new TestCommand(CommandKind.CANCEL_ORDER, accountId, requestId, timestampNs, 0, 0, 0, 0, 0,
            orderId, 0, 0, 0, 0, 0, null);
    }

    public static TestCommand replaceOrder(
        final long accountId, final long requestId, final long timestampNs, final long orderId,
        final long newPrice, final long newQuantity)
    {
        return new TestCommand(CommandKind.REPLACE_ORDER, accountId, requestId, timestampNs, 0, 0, 0, 0, 0,
            orderId, newPrice, newQuantity, 0, 0, 0, null);
    }

    public static TestCommand cancelAll(
        final long accountId, final long requestId, final long timestampNs, final int instrumentId)
    {
        return new TestCommand(CommandKind.CANCEL_ALL, accountId, requestId, timestampNs, instrumentId, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, null);
    }

    public static TestCommand haltInstrument(
        final long accountId, final long requestId, final long timestampNs, final int instrumentId)
    {
        return new TestCommand(CommandKind.HALT_INSTRUMENT, accountId, requestId, timestampNs, instrumentId,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);
    }

    public static TestCommand resumeInstrument(
        final long accountId, final long requestId, final long timestampNs, final int instrumentId)
    {
        return new TestCommand(CommandKind.RESUME_INSTRUMENT, accountId, requestId, timestampNs, instrumentId,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);
    }

    public static TestCommand takeSnapshot(final long accountId, final long requestId, final long timestampNs)
    {
        return new TestCommand(CommandKind.TAKE_SNAPSHOT, accountId, requestId, timestampNs, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, null);
    }

    /**
     * @param roleCode      {@link io.ordo.protocol.codec.KeyRole} code; other values (0..255, the wire's uint8) are
     *                      sent as they are.
     * @param replacesKeyId the key this one rotates out, or 0.
     * @param salt          {@link CommandWriter#SALT_LENGTH} bytes (copied).
     * @param keyHash       {@link CommandWriter#KEY_HASH_LENGTH} bytes (copied).
     */
    public static TestCommand createApiKey(
        final long accountId, final long requestId, final long timestampNs, final int roleCode,
        final long replacesKeyId, final byte[] salt, final byte[] keyHash)
    {
        if (salt.length != CommandWriter.SALT_LENGTH || keyHash.length != CommandWriter.KEY_HASH_LENGTH)
        {
            throw new IllegalArgumentException("salt of " + salt.length + " bytes and hash of " + keyHash.length +
                " bytes, expected " + CommandWriter.SALT_LENGTH + " and " + CommandWriter.KEY_HASH_LENGTH);
        }
        return new TestCommand(CommandKind.CREATE_API_KEY, accountId, requestId, timestampNs, 0, roleCode, 0, 0, 0,
            replacesKeyId, 0, 0, 0, 0, 0, null, 0, salt.clone(), keyHash.clone());
    }

    public static TestCommand revokeApiKey(
        final long accountId, final long requestId, final long timestampNs, final long keyId)
    {
        return new TestCommand(CommandKind.REVOKE_API_KEY, accountId, requestId, timestampNs, 0, 0, 0, 0, 0,
            keyId, 0, 0, 0, 0, 0, null);
    }

    /** A frame given as bytes, e.g. a truncated or otherwise malformed message. */
    public static TestCommand raw(final byte[] bytes)
    {
        return new TestCommand(CommandKind.MALFORMED, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, bytes.clone());
    }

    /** The same command, same key, with another timestamp: a client's retry as the sequencer stamps it. */
    public TestCommand withTimestamp(final long newTimestampNs)
    {
        return new TestCommand(kind, accountId, clientRequestId, newTimestampNs, id, i1, i2, i3, i4,
            l1, l2, l3, l4, l5, l6, raw, sessionKeyId, salt, keyHash);
    }

    /** The same body under another (account, request id) key: a duplicate key with a different body. */
    public TestCommand withKey(final long newAccountId, final long newClientRequestId)
    {
        return new TestCommand(kind, newAccountId, newClientRequestId, timestampNs, id, i1, i2, i3, i4,
            l1, l2, l3, l4, l5, l6, raw, sessionKeyId, salt, keyHash);
    }

    /**
     * The same command as a gateway session logged in with this API key would send it (0: in process).
     *
     * @throws IllegalStateException for a raw frame, which has no field to stamp.
     */
    public TestCommand withSessionKey(final long newSessionKeyId)
    {
        if (isRaw())
        {
            throw new IllegalStateException("a raw frame carries no session key: " + this);
        }
        return new TestCommand(kind, accountId, clientRequestId, timestampNs, id, i1, i2, i3, i4,
            l1, l2, l3, l4, l5, l6, raw, newSessionKeyId, salt, keyHash);
    }

    public boolean isRaw()
    {
        return kind == CommandKind.MALFORMED;
    }

    /** @return the templateId of the command's message (the command type of its outcome), 0 for a raw frame. */
    public int templateId()
    {
        return kind.templateId();
    }

    /** A copy of the bytes of a raw frame. */
    public byte[] rawBytes()
    {
        return raw.clone();
    }

    /** A copy of the salt of a CreateApiKey. */
    public byte[] salt()
    {
        return salt.clone();
    }

    /** A copy of the key hash of a CreateApiKey. */
    public byte[] keyHash()
    {
        return keyHash.clone();
    }

    /**
     * Encodes the command at offset 0 of the buffer, stamped with its {@link #sessionKeyId} (a raw frame as it is).
     *
     * @return the encoded length.
     */
    public int encode(final CommandWriter writer, final MutableDirectBuffer buffer)
    {
        if (isRaw())
        {
            buffer.putBytes(0, raw);
            return raw.length;
        }
        final int length = encodeFields(writer, buffer);
        CommandWriter.stampSessionKeyId(buffer, 0, sessionKeyId);
        return length;
    }

    private int encodeFields(final CommandWriter writer, final MutableDirectBuffer buffer)
    {
        switch (kind)
        {
            case CREATE_ASSET:
                return writer.createAsset(buffer, 0, accountId, clientRequestId, timestampNs, id, i1);
            case CREATE_INSTRUMENT:
                return writer.createInstrument(buffer, 0, accountId, clientRequestId, timestampNs, id, i1, i2, i3, i4,
                    l1, l2, l3, l4, l5, l6);
            case OPEN_ACCOUNT:
                return writer.openAccount(buffer, 0, accountId, clientRequestId, timestampNs);
            case DEPOSIT:
                return writer.deposit(buffer, 0, accountId, clientRequestId, timestampNs, id, l1, l3);
            case WITHDRAW:
                return writer.withdraw(buffer, 0, accountId, clientRequestId, timestampNs, id, l1, l3);
            case TRANSFER:
                return writer.transfer(buffer, 0, accountId, clientRequestId, timestampNs, l2, id, l1, l3);
            case PLACE_GTC:
            case PLACE_IOC:
            case PLACE_FOK:
            case PLACE_POST_ONLY:
            case PLACE_MARKET_LIMIT:
            case PLACE_MARKET_BUDGET:
            case PLACE_INVALID_KIND:
                return writer.placeOrder(buffer, 0, accountId, clientRequestId, timestampNs, id, i1, i2, l1, l2, l3);
            case CANCEL_ORDER:
                return writer.cancelOrder(buffer, 0, accountId, clientRequestId, timestampNs, l1);
            case REPLACE_ORDER:
                return writer.replaceOrder(buffer, 0, accountId, clientRequestId, timestampNs, l1, l2, l3);
            case CANCEL_ALL:
                return writer.cancelAll(buffer, 0, accountId, clientRequestId, timestampNs, id);
            case HALT_INSTRUMENT:
                return writer.haltInstrument(buffer, 0, accountId, clientRequestId, timestampNs, id);
            case RESUME_INSTRUMENT:
                return writer.resumeInstrument(buffer, 0, accountId, clientRequestId, timestampNs, id);
            case TAKE_SNAPSHOT:
                return writer.takeSnapshot(buffer, 0, accountId, clientRequestId, timestampNs);
            case CREATE_API_KEY:
                return writer.createApiKey(buffer, 0, accountId, clientRequestId, timestampNs, i1, l1,
                    new UnsafeBuffer(salt), 0, new UnsafeBuffer(keyHash), 0);
            case REVOKE_API_KEY:
                return writer.revokeApiKey(buffer, 0, accountId, clientRequestId, timestampNs, l1);
            default:
                throw new IllegalStateException("no encoding for command kind " + kind);
        }
    }

    private String valueTimeToJava()
    {
        return l3 == 0 ? "" : ", " + l3 + "L";
    }

    /** Java source that rebuilds this command, so that a printed repro can be pasted into a test. */
    public String toJava()
    {
        if (isRaw() || sessionKeyId == 0)
        {
            return fieldsToJava();
        }
        return fieldsToJava() + ".withSessionKey(" + sessionKeyId + "L)";
    }

    private String fieldsToJava()
    {
        final String key = accountId + "L, " + clientRequestId + "L, " + timestampNs + "L";
        switch (kind)
        {
            case MALFORMED:
                return "raw(" + bytesToJava(raw) + ")";
            case CREATE_ASSET:
                return "createAsset(" + key + ", " + id + ", " + i1 + ")";
            case CREATE_INSTRUMENT:
                return "createInstrument(" + key + ", " + id + ", " + i1 + ", " + i2 + ", " + i3 + ", " + i4 + ", " +
                    l1 + "L, " + l2 + "L, " + l3 + "L, " + l4 + "L, " + l5 + "L, " + l6 + "L)";
            case OPEN_ACCOUNT:
                return "openAccount(" + key + ")";
            case DEPOSIT:
                return "deposit(" + key + ", " + id + ", " + l1 + "L" + valueTimeToJava() + ")";
            case WITHDRAW:
                return "withdraw(" + key + ", " + id + ", " + l1 + "L" + valueTimeToJava() + ")";
            case TRANSFER:
                return "transfer(" + key + ", " + l2 + "L, " + id + ", " + l1 + "L" + valueTimeToJava() + ")";
            case PLACE_GTC:
            case PLACE_IOC:
            case PLACE_FOK:
            case PLACE_POST_ONLY:
            case PLACE_MARKET_LIMIT:
            case PLACE_MARKET_BUDGET:
            case PLACE_INVALID_KIND:
                return "placeOrder(" + key + ", " + id + ", " + i1 + ", " + i2 + ", " + l1 + "L, " + l2 + "L, " +
                    l3 + "L)";
            case CANCEL_ORDER:
                return "cancelOrder(" + key + ", " + l1 + "L)";
            case REPLACE_ORDER:
                return "replaceOrder(" + key + ", " + l1 + "L, " + l2 + "L, " + l3 + "L)";
            case CANCEL_ALL:
                return "cancelAll(" + key + ", " + id + ")";
            case HALT_INSTRUMENT:
                return "haltInstrument(" + key + ", " + id + ")";
            case RESUME_INSTRUMENT:
                return "resumeInstrument(" + key + ", " + id + ")";
            case TAKE_SNAPSHOT:
                return "takeSnapshot(" + key + ")";
            case CREATE_API_KEY:
                return "createApiKey(" + key + ", " + i1 + ", " + l1 + "L, " + bytesToJava(salt) + ", " +
                    bytesToJava(keyHash) + ")";
            case REVOKE_API_KEY:
                return "revokeApiKey(" + key + ", " + l1 + "L)";
            default:
                return "?" + kind;
        }
    }

    private static String bytesToJava(final byte[] bytes)
    {
        return "new byte[]" + Arrays.toString(bytes).replace('[', '{').replace(']', '}');
    }

    public String toString()
    {
        if (isRaw())
        {
            return "Raw" + Arrays.toString(raw);
        }
        final String head = kind.displayName() + " acct=" + accountId + " req=" + clientRequestId +
            " ts=" + timestampNs + (sessionKeyId != 0 ? " session=" + sessionKeyId : "");
        switch (kind)
        {
            case CREATE_ASSET:
                return head + " asset=" + id + " scale=" + i1;
            case CREATE_INSTRUMENT:
                return head + " instr=" + id + " base=" + i1 + " quote=" + i2 + " makerPpm=" + i3 + " takerPpm=" + i4 +
                    " lot=" + l1 + " tick=" + l2 + " minQty=" + l3 + " maxQty=" + l4 + " minPrice=" + l5 +
                    " maxPrice=" + l6;
            case OPEN_ACCOUNT:
                return head;
            case DEPOSIT:
            case WITHDRAW:
                return head + " asset=" + id + " amount=" + l1;
            case TRANSFER:
                return head + " to=" + l2 + " asset=" + id + " amount=" + l1;
            case PLACE_GTC:
            case PLACE_IOC:
            case PLACE_FOK:
            case PLACE_POST_ONLY:
            case PLACE_MARKET_LIMIT:
            case PLACE_MARKET_BUDGET:
            case PLACE_INVALID_KIND:
                return head + " instr=" + id + " side=" + EventText.sideName(i1) + " kind=" + EventText.kindName(i2) +
                    " price=" + l1 + " qty=" + l2 + " budget=" + l3;
            case CANCEL_ORDER:
                return head + " order=" + l1;
            case REPLACE_ORDER:
                return head + " order=" + l1 + " newPrice=" + l2 + " newQty=" + l3;
            case CREATE_API_KEY:
                return head + " role=" + EventText.roleName(i1) + " replaces=" + l1 +
                    " salt=" + HexFormat.of().formatHex(salt) + " hash=" + HexFormat.of().formatHex(keyHash);
            case REVOKE_API_KEY:
                return head + " key=" + l1;
            default:
                return head + " instr=" + id;
        }
    }
}
