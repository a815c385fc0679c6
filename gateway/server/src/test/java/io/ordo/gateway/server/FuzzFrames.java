package io.ordo.gateway.server;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.ordo.client.ApiKeyFile;
import io.ordo.gateway.server.FuzzFrame.Kind;
import io.ordo.protocol.codec.CreateApiKeyDecoder;
import io.ordo.protocol.codec.HeartbeatEncoder;
import io.ordo.protocol.codec.HelloEncoder;
import io.ordo.protocol.codec.LoginDecoder;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.protocol.codec.MessageHeaderEncoder;
import io.ordo.protocol.codec.QueryBalancesEncoder;
import io.ordo.protocol.codec.Stream;
import io.ordo.protocol.codec.SubscribeEncoder;
import io.ordo.protocol.codec.UnsubscribeEncoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The frames of the fuzz campaign, by what the connection has done so far: before Hello, before Login, logged in
 * (as a trader or an admin), and the logins of a flood. Each call returns one step: the frames written to the
 * socket in one go, usually one, two for "garbage after a valid frame". Valid commands come from
 * {@link FuzzCommands}, broken ones from {@link FuzzMutator}.
 * <p>
 * Not thread safe; owned by the campaign's thread.
 */
final class FuzzFrames
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final Kind[] SUBSCRIPTION_MUTATIONS = {Kind.BIT_FLIP, Kind.BIT_FLIP, Kind.TRUNCATED,
        Kind.WRONG_VERSION, Kind.SHORT_BLOCK, Kind.LONG_BLOCK, Kind.EXTREME_VALUE};

    private final SplittableRandom random;
    private final FuzzCommands commands;
    private final FuzzMutator mutator;
    private final int maxFrameLength;
    private final List<ApiKeyFile> keys;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[FuzzMutator.CAPACITY + 64]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final List<List<byte[]>> sentByAccount = new ArrayList<>();
    private long lastSequence;

    /**
     * @param keys the keys sessions log in with (the operator's first); wrong logins are made from them.
     */
    FuzzFrames(final SplittableRandom random, final FuzzCommands commands, final int maxFrameLength,
        final List<ApiKeyFile> keys)
    {
        this.random = random;
        this.commands = commands;
        this.mutator = new FuzzMutator(random);
        this.maxFrameLength = maxFrameLength;
        this.keys = keys;
        for (int i = 0; i < 3; i++)
        {
            sentByAccount.add(new ArrayList<>());
        }
    }

    FuzzCommands commands()
    {
        return commands;
    }

    static FuzzFrame hello()
    {
        final byte[] hello = RawSession.hello(HelloEncoder.SCHEMA_VERSION);
        return FuzzFrame.of(Kind.HELLO, new UnsafeBuffer(hello), hello.length);
    }

    static FuzzFrame login(final ApiKeyFile key)
    {
        final byte[] login = RawSession.login(key);
        return FuzzFrame.of(Kind.LOGIN, new UnsafeBuffer(login), login.length);
    }

    /** A step of a logged-in session of {@code accountId} (0 for the operator's admin sessions). */
    FuzzFrame[] loggedIn(final long accountId, final boolean admin)
    {
        final int pick = random.nextInt(100);
        if (pick < 30)
        {
            return one(validCommand(Kind.VALID_COMMAND, accountId, admin, true));
        }
        if (pick < 63)
        {
            return one(mutatedCommand(accountId, admin));
        }
        if (pick < 68)
        {
            return one(duplicate(accountId, admin));
        }
        if (pick < 71)
        {
            return one(query(accountId, random.nextInt(4) == 0));
        }
        if (pick < 73)
        {
            return one(query(accountId, true));
        }
        if (pick < 76)
        {
            return one(repeatedLogin());
        }
        if (pick < 78)
        {
            return one(heartbeat());
        }
        if (pick < 84)
        {
            return one(headerAndGarbage(accountId, admin));
        }
        if (pick < 90)
        {
            return one(maxLength(accountId, admin));
        }
        if (pick < 92)
        {
            return new FuzzFrame[] {validCommand(Kind.GARBAGE_AFTER_VALID, accountId, admin, false), garbage()};
        }
        if (pick < 94)
        {
            return one(garbage());
        }
        if (pick < 97)
        {
            return one(subscription(accountId));
        }
        return one(validCommand(Kind.VALID_COMMAND, accountId, admin, true));
    }

    /** The input journal's last sequence as far as the campaign has seen it (resume points are drawn near it). */
    void lastSequence(final long sequence)
    {
        lastSequence = Math.max(lastSequence, sequence);
    }

    /**
     * A Subscribe (a book, a top of book or a drop copy, of a known, an unknown or another account's instrument or
     * account, from a resume point near the journal's end, before its start or beyond it), a broken one, or an
     * Unsubscribe, well-formed or not.
     */
    private FuzzFrame subscription(final long accountId)
    {
        final int pick = random.nextInt(10);
        if (pick < 3)
        {
            final int stream = random.nextInt(8) == 0 ? random.nextInt(256) : 1 + random.nextInt(3);
            new UnsubscribeEncoder().wrapAndApplyHeader(buffer, 0, header).instrumentId(instrument());
            buffer.putByte(HEADER + UnsubscribeEncoder.streamEncodingOffset(), (byte)stream);
            final int length = HEADER + UnsubscribeEncoder.BLOCK_LENGTH;
            return FuzzFrame.of(Kind.UNSUBSCRIBE, buffer, random.nextInt(4) == 0 ?
                mutator.mutate(SUBSCRIPTION_MUTATIONS[random.nextInt(SUBSCRIPTION_MUTATIONS.length)], buffer, length) :
                length);
        }
        final int stream = 1 + random.nextInt(3);
        final int draw = random.nextInt(20);
        final long account = stream != Stream.DROP_COPY.value() ? 0 : draw < 14 ? accountId : draw < 17 ? -1 :
            random.nextInt(4);
        final long after = draw == 0 ? 0 : draw == 1 ? lastSequence + 1 + random.nextInt(1_000) :
            Math.max(1, lastSequence - random.nextInt(200));
        new SubscribeEncoder().wrapAndApplyHeader(buffer, 0, header).clientRequestId(-1 - random.nextInt(1_000))
            .instrumentId(instrument()).accountId(account).afterSequence(after);
        buffer.putByte(HEADER + SubscribeEncoder.streamEncodingOffset(), (byte)stream);
        final int length = HEADER + SubscribeEncoder.BLOCK_LENGTH;
        if (pick < 7)
        {
            return FuzzFrame.of(Kind.SUBSCRIBE, buffer, length);
        }
        if (random.nextInt(4) == 0)
        {
            // A stream code the schema does not define.
            buffer.putByte(HEADER + SubscribeEncoder.streamEncodingOffset(), (byte)(random.nextBoolean() ? 0 :
                4 + random.nextInt(252)));
            return FuzzFrame.of(Kind.MUTATED_SUBSCRIBE, buffer, length);
        }
        return FuzzFrame.of(Kind.MUTATED_SUBSCRIBE, buffer,
            mutator.mutate(SUBSCRIPTION_MUTATIONS[random.nextInt(SUBSCRIPTION_MUTATIONS.length)], buffer, length));
    }

    private int instrument()
    {
        return random.nextInt(4) == 0 ? random.nextInt(16) : Venue.BTC_USD;
    }

    /** A step of a connection that has not said Hello yet. */
    FuzzFrame[] beforeHello()
    {
        final int pick = random.nextInt(100);
        if (pick < 35)
        {
            return one(mutatedHello());
        }
        if (pick < 50)
        {
            return one(hello());
        }
        if (pick < 60)
        {
            return new FuzzFrame[] {hello(), garbage()};
        }
        if (pick < 80)
        {
            final FuzzFrame frame = random.nextBoolean() ? login(keys.get(random.nextInt(keys.size()))) :
                random.nextBoolean() ? heartbeat() : validCommand(Kind.VALID_COMMAND, 1, false, false);
            return one(FuzzFrame.of(Kind.BEFORE_HELLO, frame.message(), frame.messageLength()));
        }
        return one(garbage());
    }

    /** A step of a connection that said Hello and has not logged in. */
    FuzzFrame[] beforeLogin()
    {
        final int pick = random.nextInt(100);
        if (pick < 25)
        {
            final FuzzFrame frame = mutatedCommand(1, false);
            return one(FuzzFrame.of(Kind.BEFORE_LOGIN, frame.message(), frame.messageLength()));
        }
        if (pick < 30)
        {
            return one(FuzzFrame.of(Kind.BEFORE_LOGIN, query(1, false).message(), HEADER +
                QueryBalancesEncoder.BLOCK_LENGTH));
        }
        if (pick < 55)
        {
            final int length = commands.trader(buffer, 1);
            return one(FuzzFrame.of(Kind.UNKNOWN_TEMPLATE, buffer, mutator.mutate(Kind.UNKNOWN_TEMPLATE, buffer,
                length)));
        }
        if (pick < 60)
        {
            return one(FuzzFrame.of(Kind.UNKNOWN_TEMPLATE, hello().message(), hello().messageLength()));
        }
        if (pick < 65)
        {
            return one(heartbeat());
        }
        if (pick < 85)
        {
            return one(mutatedLogin());
        }
        return one(garbage());
    }

    /** A login that fails: a wrong secret, an unknown key, another account's key; rarely the right one. */
    FuzzFrame floodLogin(final boolean right)
    {
        final ApiKeyFile key = keys.get(random.nextInt(keys.size()));
        final byte[] login = RawSession.login(key);
        final UnsafeBuffer message = new UnsafeBuffer(login);
        final int pick = random.nextInt(4);
        if (!right)
        {
            if (pick == 0)
            {
                message.putLong(HEADER + LoginDecoder.keyIdEncodingOffset(), 1_000_000 + random.nextInt(1 << 20),
                    ByteOrder.LITTLE_ENDIAN);
            }
            else if (pick == 1)
            {
                message.putLong(HEADER + LoginDecoder.accountIdEncodingOffset(), key.accountId() + 1 +
                    random.nextInt(3), ByteOrder.LITTLE_ENDIAN);
            }
            else
            {
                final int index = HEADER + LoginDecoder.secretEncodingOffset() + random.nextInt(32);
                message.putByte(index, (byte)(message.getByte(index) ^ (1 + random.nextInt(255))));
            }
        }
        return FuzzFrame.of(Kind.LOGIN_FLOOD, message, login.length);
    }

    /** A well-formed frame after a failed login, which the gateway must not read. */
    FuzzFrame floodTrailer()
    {
        final FuzzFrame frame = random.nextBoolean() ? heartbeat() : validCommand(Kind.VALID_COMMAND, 1, false, false);
        return FuzzFrame.of(Kind.FLOOD_TRAILER, frame.message(), frame.messageLength());
    }

    private static FuzzFrame[] one(final FuzzFrame frame)
    {
        return new FuzzFrame[] {frame};
    }

    /** @param createKey whether an admin's CreateApiKey may be among them (not where its answer may be lost). */
    private FuzzFrame validCommand(final Kind kind, final long accountId, final boolean admin, final boolean createKey)
    {
        int length;
        do
        {
            length = admin ? commands.admin(buffer) : commands.trader(buffer, accountId);
        }
        while (admin && !createKey && templateId(buffer) == CreateApiKeyDecoder.TEMPLATE_ID);
        if (admin)
        {
            commands.protect(buffer, length);
        }
        remember(accountId, length);
        return FuzzFrame.of(kind, buffer, length);
    }

    private FuzzFrame mutatedCommand(final long accountId, final boolean admin)
    {
        final int length = admin ? commands.admin(buffer) : commands.trader(buffer, accountId);
        final Kind kind = Kind.values()[Kind.BIT_FLIP.ordinal() + random.nextInt(
            Kind.COMMAND_TOO_LONG.ordinal() - Kind.BIT_FLIP.ordinal() + 1)];
        final int mutatedLength = mutator.mutate(kind, buffer, length);
        if (admin)
        {
            commands.protect(buffer, mutatedLength);
        }
        return FuzzFrame.of(kind, buffer, mutatedLength);
    }

    private void remember(final long accountId, final int length)
    {
        final List<byte[]> sent = sentByAccount.get((int)accountId);
        final byte[] copy = new byte[length];
        buffer.getBytes(0, copy);
        if (sent.size() < 64)
        {
            sent.add(copy);
        }
        else
        {
            sent.set(random.nextInt(sent.size()), copy);
        }
    }

    /** A command sent before, byte for byte: a retry the request window answers. */
    private FuzzFrame duplicate(final long accountId, final boolean admin)
    {
        final List<byte[]> sent = sentByAccount.get((int)accountId);
        if (sent.isEmpty())
        {
            return validCommand(Kind.VALID_COMMAND, accountId, admin, true);
        }
        final byte[] again = sent.get(random.nextInt(sent.size()));
        return FuzzFrame.of(Kind.DUPLICATE, new UnsafeBuffer(again), again.length);
    }

    private FuzzFrame query(final long accountId, final boolean mutated)
    {
        final long queried = random.nextInt(3) == 0 ? random.nextInt(4) : accountId;
        new QueryBalancesEncoder().wrapAndApplyHeader(buffer, 0, header)
            .clientRequestId(-1 - random.nextInt(1_000)).accountId(queried);
        final int length = HEADER + QueryBalancesEncoder.BLOCK_LENGTH;
        if (!mutated)
        {
            return FuzzFrame.of(Kind.QUERY, buffer, length);
        }
        final Kind kind = random.nextBoolean() ? Kind.SHORT_BLOCK : random.nextBoolean() ? Kind.WRONG_VERSION :
            random.nextBoolean() ? Kind.LONG_BLOCK : Kind.BIT_FLIP;
        return FuzzFrame.of(Kind.MUTATED_QUERY, buffer, mutator.mutate(kind, buffer, length));
    }

    private FuzzFrame repeatedLogin()
    {
        final FuzzFrame login = login(keys.get(random.nextInt(keys.size())));
        final int length = random.nextBoolean() ? login.messageLength() :
            mutator.mutate(Kind.BIT_FLIP, login.message(), login.messageLength());
        return FuzzFrame.of(Kind.REPEATED_LOGIN, login.message(), length);
    }

    /** A heartbeat: the gateway looks at its schema id only, so any version, block and length will do. */
    private FuzzFrame heartbeat()
    {
        new HeartbeatEncoder().wrapAndApplyHeader(buffer, 0, header).timestampNs(random.nextLong());
        int length = HEADER + HeartbeatEncoder.BLOCK_LENGTH;
        if (random.nextInt(3) == 0)
        {
            buffer.putShort(MessageHeaderDecoder.versionEncodingOffset(), (short)random.nextInt(65536),
                ByteOrder.LITTLE_ENDIAN);
            buffer.putShort(MessageHeaderDecoder.blockLengthEncodingOffset(), (short)random.nextInt(65536),
                ByteOrder.LITTLE_ENDIAN);
            length = HEADER + random.nextInt(200);
            mutator.fillRandom(buffer, HEADER, length - HEADER);
        }
        return FuzzFrame.of(Kind.HEARTBEAT, buffer, length);
    }

    /** This schema's header over a random template, block length and body. */
    private FuzzFrame headerAndGarbage(final long accountId, final boolean admin)
    {
        final int length = HEADER + random.nextInt(200);
        mutator.fillRandom(buffer, 0, length);
        header.wrap(buffer, 0).blockLength(random.nextInt(120))
            .templateId(random.nextBoolean() ? random.nextInt(20) : 195 + random.nextInt(20))
            .schemaId(MessageHeaderEncoder.SCHEMA_ID).version(MessageHeaderEncoder.SCHEMA_VERSION);
        if (random.nextBoolean() && length >= HEADER + 8)
        {
            buffer.putLong(HEADER, accountId, ByteOrder.LITTLE_ENDIAN);
        }
        if (admin)
        {
            commands.protect(buffer, length);
        }
        return FuzzFrame.of(Kind.HEADER_AND_GARBAGE, buffer, length);
    }

    /** A frame of exactly the largest length the gateway takes: a command far over the command limit. */
    private FuzzFrame maxLength(final long accountId, final boolean admin)
    {
        final int length = admin ? commands.admin(buffer) : commands.trader(buffer, accountId);
        mutator.fillRandom(buffer, length, maxFrameLength - length);
        return FuzzFrame.of(Kind.MAX_LENGTH, buffer, maxFrameLength);
    }

    /** Random bytes, a prefix too large (or "negative"), or a message too short for a header. */
    FuzzFrame garbage()
    {
        final int pick = random.nextInt(10);
        if (pick < 4)
        {
            final int length = random.nextInt(300);
            mutator.fillRandom(buffer, 0, length);
            return FuzzFrame.of(Kind.RANDOM_GARBAGE, buffer, length);
        }
        if (pick < 6)
        {
            final long declared = random.nextBoolean() ? maxFrameLength + 1 + random.nextInt(1_000) :
                maxFrameLength + 1 + random.nextLong(Integer.MAX_VALUE - maxFrameLength);
            return FuzzFrame.oversized(Kind.OVERSIZED_LENGTH, declared, randomBytes(random.nextInt(64)));
        }
        if (pick < 8)
        {
            final long declared = random.nextBoolean() ? 0xFFFF_FFFFL - random.nextInt(16) :
                (1L << 31) + random.nextLong(1L << 31);
            return FuzzFrame.oversized(Kind.NEGATIVE_LENGTH, declared, randomBytes(random.nextInt(64)));
        }
        final int length = random.nextInt(HEADER);
        mutator.fillRandom(buffer, 0, length);
        return FuzzFrame.of(Kind.TINY, buffer, length);
    }

    private FuzzFrame mutatedHello()
    {
        final byte[] hello = RawSession.hello(HelloEncoder.SCHEMA_VERSION);
        buffer.putBytes(0, hello);
        final int pick = random.nextInt(7);
        int length = hello.length;
        switch (pick)
        {
            case 0:
                buffer.putInt(HEADER, random.nextBoolean() ? random.nextInt(4) : random.nextInt(),
                    ByteOrder.LITTLE_ENDIAN);
                break;
            case 1:
                buffer.putShort(MessageHeaderDecoder.blockLengthEncodingOffset(), (short)random.nextInt(4),
                    ByteOrder.LITTLE_ENDIAN);
                break;
            case 2:
                length = HEADER + random.nextInt(4);
                break;
            case 3:
                buffer.putShort(MessageHeaderDecoder.versionEncodingOffset(), (short)random.nextInt(65536),
                    ByteOrder.LITTLE_ENDIAN);
                break;
            case 4:
                length = mutator.mutate(Kind.LONG_BLOCK, buffer, length);
                break;
            case 5:
                length = mutator.mutate(Kind.WRONG_SCHEMA, buffer, length);
                break;
            default:
                length = mutator.mutate(Kind.BIT_FLIP, buffer, length);
                break;
        }
        return FuzzFrame.of(Kind.HELLO_MUTATED, buffer, length);
    }

    /** A Login broken in its header or its length, or a key's Login with a byte changed. */
    private FuzzFrame mutatedLogin()
    {
        final byte[] login = RawSession.login(keys.get(random.nextInt(keys.size())));
        buffer.putBytes(0, login);
        final Kind[] kinds = {Kind.WRONG_VERSION, Kind.SHORT_BLOCK, Kind.TRUNCATED, Kind.LONG_BLOCK, Kind.BIT_FLIP,
            Kind.BIT_FLIP, Kind.BIT_FLIP};
        final int length = mutator.mutate(kinds[random.nextInt(kinds.length)], buffer, login.length);
        return FuzzFrame.of(Kind.LOGIN_MUTATED, buffer, length);
    }

    private byte[] randomBytes(final int length)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)random.nextInt(256);
        }
        return bytes;
    }

    private static int templateId(final UnsafeBuffer message)
    {
        return message.getShort(MessageHeaderDecoder.templateIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
    }
}
