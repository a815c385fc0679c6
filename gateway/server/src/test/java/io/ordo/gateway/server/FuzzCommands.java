package io.ordo.gateway.server;

import java.nio.ByteOrder;
import java.util.SplittableRandom;

import io.ordo.protocol.CommandFrames;
import io.ordo.protocol.Codes;
import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.codec.CreateApiKeyDecoder;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.protocol.codec.RevokeApiKeyDecoder;
import io.ordo.protocol.codec.TakeSnapshotDecoder;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Well-formed commands for the fuzz campaign, most of which the BLP accepts on the {@link Venue}'s market (prices on
 * the tick, quantities on the lot, orders that rest and cross, cancels of orders that exist), some of which it
 * rejects (another account's, an operator command from a trader). Fresh request ids per account.
 * <p>
 * An admin session could end the campaign's own keys or fill the snapshot directory: {@link #protect} takes the
 * teeth out of such frames (whatever produced them, mutation included) before they are sent.
 * <p>
 * Not thread safe; owned by the campaign's thread.
 */
final class FuzzCommands
{
    static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;

    private final SplittableRandom random;
    private final long[] protectedKeyIds;
    private final CommandWriter writer = new CommandWriter();
    private final Long2LongHashMap lastRequestIds = new Long2LongHashMap(0);
    private final LongArrayList ordersOf1 = new LongArrayList();
    private final LongArrayList ordersOf2 = new LongArrayList();
    private final LongArrayList createdKeyIds = new LongArrayList();

    FuzzCommands(final SplittableRandom random, final long[] protectedKeyIds)
    {
        this.random = random;
        this.protectedKeyIds = protectedKeyIds;
    }

    long nextRequestId(final long accountId)
    {
        final long next = Math.max(lastRequestIds.get(accountId), 1_000_000L) + 1 + random.nextInt(3);
        lastRequestIds.put(accountId, next);
        return next;
    }

    /** An order the campaign saw accepted, to cancel or replace later. */
    void onOrderAccepted(final long accountId, final long orderId)
    {
        final LongArrayList orders = accountId == 1 ? ordersOf1 : accountId == 2 ? ordersOf2 : null;
        if (orders != null)
        {
            if (orders.size() >= 512)
            {
                orders.removeAt(random.nextInt(orders.size()));
            }
            orders.addLong(orderId);
        }
    }

    /** A key the campaign saw created, which an admin session may revoke. */
    void onKeyCreated(final long keyId)
    {
        if (createdKeyIds.size() < 256)
        {
            createdKeyIds.addLong(keyId);
        }
    }

    /** A command a trader session of the account might send; about one in ten is not its to send. */
    int trader(final UnsafeBuffer buffer, final long accountId)
    {
        final int pick = random.nextInt(100);
        final long other = accountId == 1 ? 2 : 1;
        if (pick < 5)
        {
            return order(buffer, other);
        }
        if (pick < 8)
        {
            return writer.deposit(buffer, 0, accountId, nextRequestId(accountId), 0, Venue.USD, 1_000);
        }
        return ownTraderCommand(buffer, accountId, pick);
    }

    private int ownTraderCommand(final UnsafeBuffer buffer, final long accountId, final int pick)
    {
        if (pick < 60)
        {
            return order(buffer, accountId);
        }
        if (pick < 75)
        {
            return writer.cancelOrder(buffer, 0, accountId, nextRequestId(accountId), 0, knownOrder(accountId));
        }
        if (pick < 88)
        {
            return writer.replaceOrder(buffer, 0, accountId, nextRequestId(accountId), 0, knownOrder(accountId),
                price(), lots());
        }
        if (pick < 91)
        {
            return writer.cancelAll(buffer, 0, accountId, nextRequestId(accountId), 0,
                random.nextBoolean() ? 0 : Venue.BTC_USD);
        }
        return writer.transfer(buffer, 0, accountId, nextRequestId(accountId), 0, accountId == 1 ? 2 : 1,
            random.nextBoolean() ? Venue.USD : Venue.BTC, 1 + random.nextInt(1_000));
    }

    /** A command an admin session might send: every kind, for the market's accounts and new ones. */
    int admin(final UnsafeBuffer buffer)
    {
        final int pick = random.nextInt(100);
        final long account = 1 + random.nextInt(2);
        if (pick < 15)
        {
            return writer.deposit(buffer, 0, account, nextRequestId(account), 0, random.nextBoolean() ? Venue.USD :
                Venue.BTC, 1 + random.nextInt(1_000_000));
        }
        if (pick < 25)
        {
            return writer.withdraw(buffer, 0, account, nextRequestId(account), 0, random.nextBoolean() ? Venue.USD :
                Venue.BTC, 1 + random.nextInt(10_000));
        }
        if (pick < 38)
        {
            return order(buffer, account);
        }
        if (pick < 46)
        {
            final long newAccount = 3 + random.nextInt(1_000_000);
            return writer.openAccount(buffer, 0, newAccount, nextRequestId(newAccount), 0);
        }
        return operatorCommand(buffer, pick, account);
    }

    private int operatorCommand(final UnsafeBuffer buffer, final int pick, final long account)
    {
        if (pick < 50)
        {
            return writer.createAsset(buffer, 0, 0, nextRequestId(0), 0, 3 + random.nextInt(60), random.nextInt(20));
        }
        if (pick < 54)
        {
            return writer.createInstrument(buffer, 0, 0, nextRequestId(0), 0, 11 + random.nextInt(200), Venue.BTC,
                Venue.USD, random.nextInt(5_000), random.nextInt(5_000), 1_000, 10, 1_000, 1_000_000_000L, 10,
                1_000_000_000L);
        }
        if (pick < 56)
        {
            return writer.haltInstrument(buffer, 0, 0, nextRequestId(0), 0, Venue.BTC_USD);
        }
        if (pick < 64)
        {
            return writer.resumeInstrument(buffer, 0, 0, nextRequestId(0), 0, Venue.BTC_USD);
        }
        if (pick < 67)
        {
            return writer.cancelAll(buffer, 0, account, nextRequestId(account), 0, 0);
        }
        if (pick < 73)
        {
            return writer.cancelOrder(buffer, 0, account, nextRequestId(account), 0, knownOrder(account));
        }
        if (pick < 78)
        {
            return writer.transfer(buffer, 0, account, nextRequestId(account), 0, account == 1 ? 2 : 1, Venue.USD,
                1 + random.nextInt(1_000));
        }
        if (pick < 86)
        {
            final long keyAccount = random.nextInt(4) == 0 ? 3 + random.nextInt(100) : account;
            return writer.createApiKey(buffer, 0, keyAccount, nextRequestId(keyAccount), 0,
                random.nextInt(10) == 0 ? Codes.ROLE_ADMIN : Codes.ROLE_TRADER, 0, null, 0, null, 0);
        }
        if (pick < 92)
        {
            final long keyId = !createdKeyIds.isEmpty() && random.nextBoolean() ?
                createdKeyIds.getLong(random.nextInt(createdKeyIds.size())) : 1_000 + random.nextInt(1_000_000);
            return writer.revokeApiKey(buffer, 0, account, nextRequestId(account), 0, keyId);
        }
        // An operator-only command for another account: rejected by its handler, and remembered.
        return writer.takeSnapshot(buffer, 0, account, nextRequestId(account), 0);
    }

    private int order(final UnsafeBuffer buffer, final long accountId)
    {
        final int side = random.nextBoolean() ? Codes.BUY : Codes.SELL;
        final int kindPick = random.nextInt(20);
        final int kind = kindPick < 12 ? Codes.GTC : kindPick < 15 ? Codes.IOC : kindPick < 17 ? Codes.FOK :
            kindPick < 19 ? Codes.POST_ONLY : Codes.MARKET;
        if (kind == Codes.MARKET)
        {
            final boolean budget = side == Codes.BUY && random.nextBoolean();
            return writer.placeOrder(buffer, 0, accountId, nextRequestId(accountId), 0, Venue.BTC_USD, side, kind,
                budget ? 0 : price(), lots(), budget ? 1 + random.nextInt(10_000_000) : 0);
        }
        return writer.placeOrder(buffer, 0, accountId, nextRequestId(accountId), 0, Venue.BTC_USD, side, kind,
            price(), lots(), 0);
    }

    private long price()
    {
        return 900 + 10L * random.nextInt(21);
    }

    private long lots()
    {
        return 1_000L * (1 + random.nextInt(5));
    }

    private long knownOrder(final long accountId)
    {
        final LongArrayList orders = accountId == 1 ? ordersOf1 : ordersOf2;
        if (orders.isEmpty() || random.nextInt(10) == 0)
        {
            return random.nextInt(100_000);
        }
        return orders.getLong(random.nextInt(orders.size()));
    }

    /**
     * For an admin session: a frame that would revoke one of the campaign's own keys (directly or by a rotation)
     * names an unknown key instead, and a TakeSnapshot the engine would take (account 0) names account 1, so that
     * the campaign keeps its sessions and its reference snapshot. Frames the gateway refuses are left alone.
     */
    void protect(final UnsafeBuffer message, final int length)
    {
        if (Codes.OK != CommandFrames.reason(CommandFrames.check(message, 0, length)))
        {
            return;
        }
        final int templateId = message.getShort(MessageHeaderDecoder.templateIdEncodingOffset(),
            ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        if (templateId == RevokeApiKeyDecoder.TEMPLATE_ID)
        {
            disarmKeyId(message, HEADER + RevokeApiKeyDecoder.keyIdEncodingOffset());
        }
        else if (templateId == CreateApiKeyDecoder.TEMPLATE_ID)
        {
            disarmKeyId(message, HEADER + CreateApiKeyDecoder.replacesKeyIdEncodingOffset());
        }
        else if (templateId == TakeSnapshotDecoder.TEMPLATE_ID &&
            message.getLong(CommandWriter.ACCOUNT_ID_OFFSET, ByteOrder.LITTLE_ENDIAN) == 0)
        {
            message.putLong(CommandWriter.ACCOUNT_ID_OFFSET, 1, ByteOrder.LITTLE_ENDIAN);
        }
    }

    private void disarmKeyId(final UnsafeBuffer message, final int index)
    {
        final long keyId = message.getLong(index, ByteOrder.LITTLE_ENDIAN);
        for (final long protectedKeyId : protectedKeyIds)
        {
            if (keyId == protectedKeyId)
            {
                message.putLong(index, 1_000_000_000L + random.nextInt(1_000_000), ByteOrder.LITTLE_ENDIAN);
                return;
            }
        }
    }
}
