package io.ordo.core.spec;

import io.ordo.core.BlpSnapshotLoader;
import io.ordo.core.BlpSnapshotTaker;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.protocol.Codes;
import io.ordo.protocol.codec.CommandType;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.RejectReason;
import io.ordo.protocol.codec.Side;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.ordo.core.spec.BlpDriver.BTC;
import static io.ordo.core.spec.BlpDriver.BTC_USD;
import static io.ordo.core.spec.BlpDriver.USD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of API keys and of what a session may send: the gateway stamps each command with its session's
 * key, and the BLP decides again from its own journaled state, so that a replay reproduces every decision.
 */
class AuthorisationTest
{
    private final BlpDriver driver = new BlpDriver()
        .withMarket(0, 0)
        .withFundedAccount(1, 5_000, 500_000)
        .withFundedAccount(2, 5_000, 500_000);
    private long traderOne;
    private long traderTwo;
    private long admin;

    @BeforeEach
    void createKeys()
    {
        traderOne = driver.createApiKey(1, Codes.ROLE_TRADER, 0, 10);
        traderTwo = driver.createApiKey(2, Codes.ROLE_TRADER, 0, 20);
        admin = driver.createApiKey(0, Codes.ROLE_ADMIN, 0, 30);
        assertThat(new long[] {traderOne, traderTwo, admin}).as("ids in creation order").containsExactly(1, 2, 3);
    }

    @Test
    void shouldLetTraderKeyPlaceReplaceAndCancelOrdersOfItsOwnAccount()
    {
        driver.asSession(traderOne).place(1, Side.BUY, OrderKind.GTC, 1_000, 1_000);
        assertThat(driver.eventNames()).startsWith("OrderAccepted");
        final long orderId = driver.lastOrderId();

        driver.replace(1, orderId, 990, 1_000);
        assertThat(driver.eventNames()).startsWith("OrderReplaced");
        driver.cancel(1, orderId);
        assertThat(driver.eventNames()).startsWith("OrderCancelled");
        driver.transfer(1, 2, USD, 100);
        assertThat(driver.eventNames()).startsWith("CommandAccepted");
        driver.cancelAll(1, 0);
        assertThat(driver.eventNames()).startsWith("CommandAccepted");
    }

    @Test
    void shouldRejectTraderKeyActingForAnotherAccountAndApplyNothing()
    {
        final long victimOrder = placeAs(traderTwo, 2);
        final long hash = driver.blp.stateHash();

        driver.asSession(traderOne);
        driver.place(2, Side.SELL, OrderKind.GTC, 2_000, 1_000);
        assertRejected(CommandType.PLACE_ORDER);
        driver.cancel(2, victimOrder);
        assertRejected(CommandType.CANCEL_ORDER);
        driver.replace(2, victimOrder, 990, 1_000);
        assertRejected(CommandType.REPLACE_ORDER);
        driver.cancelAll(2, 0);
        assertRejected(CommandType.CANCEL_ALL);
        driver.transfer(2, 1, USD, 100);
        assertRejected(CommandType.TRANSFER);

        assertThat(driver.blp.stateHash()).as("nothing applied, nothing remembered").isEqualTo(hash);
    }

    @Test
    void shouldRejectAdminCommandsFromTraderKey()
    {
        final long hash = driver.blp.stateHash();
        driver.asSession(traderOne);

        driver.deposit(1, driver.requestId(), USD, 1_000);
        assertRejected(CommandType.DEPOSIT);
        driver.withdraw(1, USD, 1);
        assertRejected(CommandType.WITHDRAW);
        driver.send(driver.writer().openAccount(driver.scratch(), 0, 9, driver.requestId(), 0));
        assertRejected(CommandType.OPEN_ACCOUNT);
        driver.send(driver.writer().createAsset(driver.scratch(), 0, 0, driver.requestId(), 0, 77, 2));
        assertRejected(CommandType.CREATE_ASSET);
        driver.halt(0);
        assertRejected(CommandType.HALT_INSTRUMENT);
        driver.takeSnapshot(0);
        assertRejected(CommandType.TAKE_SNAPSHOT);
        assertThat(driver.createApiKey(1, Codes.ROLE_ADMIN, 0, 40)).isZero();
        assertRejected(CommandType.CREATE_API_KEY);
        driver.revokeApiKey(2, traderTwo);
        assertRejected(CommandType.REVOKE_API_KEY);

        assertThat(driver.blp.stateHash()).isEqualTo(hash);
    }

    @Test
    void shouldNotRevealAnotherAccountsRequestOutcomeNorTakeItsRequestId()
    {
        final long requestId = driver.requestId();
        driver.asSession(traderTwo).placeWithRequestId(2, requestId, Side.BUY, OrderKind.GTC, 1_000, 1_000);
        final long orderId = driver.lastOrderId();

        // A retry by somebody else of account 2's request would be answered DUPLICATE_REQUEST with the order id.
        driver.asSession(traderOne).placeWithRequestId(2, requestId, Side.BUY, OrderKind.GTC, 1_000, 1_000);
        assertThat(driver.rejected(0).reason()).isEqualTo(RejectReason.NOT_AUTHORIZED);
        assertThat(driver.rejected(0).orderId()).as("learns no order id").isZero();

        // And a foreign request id is not remembered: account 2 may still use it.
        final long freshId = driver.requestId();
        driver.placeWithRequestId(2, freshId, Side.BUY, OrderKind.GTC, 1_000, 1_000);
        assertThat(driver.rejectReason()).isEqualTo(RejectReason.NOT_AUTHORIZED);
        driver.asSession(traderTwo).placeWithRequestId(2, freshId, Side.BUY, OrderKind.GTC, 1_000, 1_000);
        assertThat(driver.eventNames()).as("not a duplicate").startsWith("OrderAccepted");
        assertThat(driver.lastOrderId()).isNotEqualTo(orderId);
    }

    @Test
    void shouldRejectUnknownAndRevokedKeys()
    {
        driver.asSession(99).place(1, Side.BUY, OrderKind.GTC, 1_000, 1_000);
        assertRejected(CommandType.PLACE_ORDER);

        driver.asSession(admin).revokeApiKey(1, traderOne);
        assertThat(driver.eventNames()).containsExactly("CommandAccepted", "ApiKeyRevoked");
        driver.asSession(traderOne).place(1, Side.BUY, OrderKind.GTC, 1_000, 1_000);
        assertRejected(CommandType.PLACE_ORDER);
        driver.asSession(admin).revokeApiKey(1, traderOne);
        assertThat(driver.rejectReason()).as("revoked once only").isEqualTo(RejectReason.UNKNOWN_API_KEY);
    }

    @Test
    void shouldLetAdminKeyAdministerEveryAccount()
    {
        driver.asSession(admin).deposit(1, driver.requestId(), BTC, 7);
        assertThat(driver.eventNames()).containsExactly("CommandAccepted", "BalanceChanged");
        driver.withdraw(2, BTC, 7);
        assertThat(driver.eventNames()).containsExactly("CommandAccepted", "BalanceChanged");
        driver.send(driver.writer().openAccount(driver.scratch(), 0, 9, driver.requestId(), 0));
        assertThat(driver.eventNames()).containsExactly("CommandAccepted");
        driver.halt(0);
        assertThat(driver.eventNames()).containsExactly("CommandAccepted");
        assertThat(driver.createApiKey(9, Codes.ROLE_TRADER, 0, 50)).isEqualTo(4);
    }

    @Test
    void shouldRotateKeyInOneCommand()
    {
        final long rotated = driver.asSession(admin).createApiKey(1, Codes.ROLE_TRADER, traderOne, 60);

        assertThat(driver.eventNames()).containsExactly("ApiKeyCreated", "ApiKeyRevoked");
        assertThat(driver.apiKeyCreated(0).replacedKeyId()).isEqualTo(traderOne);
        driver.asSession(traderOne).place(1, Side.BUY, OrderKind.GTC, 1_000, 1_000);
        assertRejected(CommandType.PLACE_ORDER);
        driver.asSession(rotated).place(1, Side.BUY, OrderKind.GTC, 1_000, 1_000);
        assertThat(driver.eventNames()).startsWith("OrderAccepted");
    }

    @Test
    void shouldRejectKeysThatCannotWork()
    {
        driver.asSession(admin);
        assertThat(driver.createApiKey(42, Codes.ROLE_TRADER, 0, 70)).isZero();
        assertThat(driver.rejectReason()).isEqualTo(RejectReason.UNKNOWN_ACCOUNT);
        assertThat(driver.createApiKey(1, 7, 0, 70)).isZero();
        assertThat(driver.rejectReason()).as("no such role").isEqualTo(RejectReason.INVALID_API_KEY);
        assertThat(driver.createApiKey(1, Codes.ROLE_TRADER, 0, -1)).isZero();
        assertThat(driver.rejectReason()).as("an all-zero hash").isEqualTo(RejectReason.INVALID_API_KEY);
        assertThat(driver.createApiKey(1, Codes.ROLE_TRADER, traderTwo, 70)).isZero();
        assertThat(driver.rejectReason()).as("rotating another account's key").isEqualTo(RejectReason.UNKNOWN_API_KEY);
    }

    @Test
    void shouldAnswerRetriedKeyCreationWithTheKeyIdAndCreateNoSecondKey()
    {
        final long requestId = driver.requestId();
        final long keyId = driver.asSession(admin).createApiKey(1, requestId, Codes.ROLE_TRADER, 0, 80);
        final long hash = driver.blp.stateHash();

        assertThat(driver.createApiKey(1, requestId, Codes.ROLE_TRADER, 0, 80)).isZero();
        assertThat(driver.rejected(0).reason()).isEqualTo(RejectReason.DUPLICATE_REQUEST);
        assertThat(driver.rejected(0).originalReason()).isEqualTo(RejectReason.NONE);
        assertThat(driver.rejected(0).orderId()).as("the key id, where orders keep theirs").isEqualTo(keyId);
        assertThat(driver.blp.stateHash()).as("no second key").isEqualTo(hash);
    }

    @Test
    void shouldKeepKeysAndTheirDecisionsAcrossASnapshot()
    {
        driver.asSession(admin).revokeApiKey(2, traderTwo);
        final ExpandableArrayBuffer snapshot = new ExpandableArrayBuffer();
        final int length = BlpSnapshotTaker.take(driver.blp, snapshot, 0);
        final BusinessLogicProcessor loaded = BlpSnapshotLoader.load(snapshot, 0, length, (b, o, l) -> { });

        assertThat(loaded.stateHash()).isEqualTo(driver.blp.stateHash());
        final StringBuilder keys = new StringBuilder();
        loaded.forEachApiKey((keyId, accountId, role, salt, hash, revoked) ->
            keys.append(keyId).append(':').append(accountId).append(':').append(role).append(':').append(revoked)
                .append(':').append(salt[0]).append(' '));
        assertThat(keys.toString()).isEqualTo("1:1:1:false:10 2:2:1:true:20 3:0:2:false:30 ");
    }

    @Test
    void shouldHashKeysIntoTheState()
    {
        final BlpDriver fresh = new BlpDriver().withMarket(0, 0)
            .withFundedAccount(1, 5_000, 500_000).withFundedAccount(2, 5_000, 500_000);
        final long withoutKeys = fresh.blp.stateHash();
        fresh.createApiKey(1, Codes.ROLE_TRADER, 0, 10);

        assertThat(fresh.blp.stateHash()).isNotEqualTo(withoutKeys);
        fresh.createApiKey(2, Codes.ROLE_TRADER, 0, 20);
        fresh.createApiKey(0, Codes.ROLE_ADMIN, 0, 30);
        assertThat(fresh.blp.stateHash()).as("same keys, same hash").isEqualTo(driver.blp.stateHash());
    }

    private long placeAs(final long keyId, final long accountId)
    {
        driver.asSession(keyId).place(accountId, Side.BUY, OrderKind.GTC, 1_000, 1_000);
        assertThat(driver.eventNames()).startsWith("OrderAccepted");
        assertThat(driver.orderAccepted(0).instrumentId()).isEqualTo(BTC_USD);
        return driver.lastOrderId();
    }

    private void assertRejected(final CommandType commandType)
    {
        assertThat(driver.eventNames()).containsExactly("CommandRejected");
        assertThat(driver.rejected(0).reason()).isEqualTo(RejectReason.NOT_AUTHORIZED);
        assertThat(driver.rejected(0).commandType()).isEqualTo(commandType);
    }
}
