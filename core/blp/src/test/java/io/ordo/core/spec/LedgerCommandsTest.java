package io.ordo.core.spec;

import io.ordo.protocol.codec.BalanceCause;
import io.ordo.protocol.codec.CommandType;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.RejectReason;
import io.ordo.protocol.codec.Side;
import org.junit.jupiter.api.Test;

import static io.ordo.core.spec.BlpDriver.BTC;
import static io.ordo.core.spec.BlpDriver.USD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of deposits, withdrawals, transfers, idempotency and bad input.
 */
class LedgerCommandsTest
{
    private final BlpDriver driver = new BlpDriver()
        .withMarket(0, 0)
        .withFundedAccount(1, 0, 500)
        .withFundedAccount(2, 0, 0);

    @Test
    void shouldMoveFundsAtomicallyWhenTransferIsAccepted()
    {
        driver.transfer(1, 2, USD, 200);

        assertThat(driver.eventNames()).containsExactly("CommandAccepted", "BalanceChanged", "BalanceChanged");
        assertThat(driver.balance(1).referenceId()).as("names the counterparty").isEqualTo(2);
        assertThat(driver.balance(1).cause()).isEqualTo(BalanceCause.TRANSFER);
        assertThat(driver.available(1, USD)).isEqualTo(300);
        assertThat(driver.available(2, USD)).isEqualTo(200);
    }

    @Test
    void shouldRejectTransferWhenFundsAreShortAndApplyNothing()
    {
        driver.transfer(1, 2, USD, 501);

        assertThat(driver.rejectReason()).isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
        assertThat(driver.eventNames()).as("a reject alone: nothing applied").containsExactly("CommandRejected");
        assertThat(driver.available(1, USD)).isEqualTo(500);
        assertThat(driver.available(2, USD)).isZero();
    }

    @Test
    void shouldRejectTransferToSameAccount()
    {
        driver.transfer(1, 1, USD, 1);

        assertThat(driver.rejectReason()).isEqualTo(RejectReason.SAME_ACCOUNT);
        assertThat(driver.eventNames()).as("a reject alone: nothing applied").containsExactly("CommandRejected");
        assertThat(driver.available(1, USD)).isEqualTo(500);
    }

    @Test
    void shouldAnswerRetryWithOriginalOutcomeAndApplyNothing()
    {
        final long requestId = driver.requestId();
        driver.deposit(1, requestId, USD, 100);
        assertThat(driver.eventNames()).containsExactly("CommandAccepted", "BalanceChanged");

        driver.deposit(1, requestId, USD, 100);

        assertThat(driver.rejectReason()).isEqualTo(RejectReason.DUPLICATE_REQUEST);
        assertThat(driver.rejected(0).originalReason()).as("original was accepted").isEqualTo(RejectReason.NONE);
        assertThat(driver.rejected(0).commandType()).isEqualTo(CommandType.DEPOSIT);
        assertThat(driver.available(1, USD)).isEqualTo(600);
    }

    @Test
    void shouldReturnOriginalOrderIdWhenOrderRetryIsDuplicate()
    {
        driver.deposit(1, driver.requestId(), BTC, 5_000);
        final long requestId = driver.requestId();
        driver.placeWithRequestId(1, requestId, Side.SELL, OrderKind.GTC, 50_000, 1_000);
        final long orderId = driver.lastOrderId();

        driver.placeWithRequestId(1, requestId, Side.SELL, OrderKind.GTC, 50_000, 1_000);

        assertThat(driver.rejectReason()).isEqualTo(RejectReason.DUPLICATE_REQUEST);
        assertThat(driver.rejected(0).orderId()).isEqualTo(orderId);
        assertThat(driver.blp.openOrderCount()).isEqualTo(1);
    }

    @Test
    void shouldRejectDepositWhenSupplyWouldOverflow()
    {
        driver.deposit(2, driver.requestId(), USD, Long.MAX_VALUE - 500);
        assertThat(driver.eventNames()).containsExactly("CommandAccepted", "BalanceChanged");

        driver.deposit(2, driver.requestId(), USD, 1);

        assertThat(driver.rejectReason()).isEqualTo(RejectReason.OVERFLOW);
        assertThat(driver.eventNames()).as("a reject alone: nothing applied").containsExactly("CommandRejected");
        assertThat(driver.available(2, USD)).isEqualTo(Long.MAX_VALUE - 500);
        assertThat(driver.blp.assetSupply(USD)).as("supply at the brim, unchanged").isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldRejectWithdrawalBeyondAvailable()
    {
        driver.withdraw(1, USD, 501);

        assertThat(driver.rejectReason()).isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
        assertThat(driver.eventNames()).as("a reject alone: nothing applied").containsExactly("CommandRejected");
        assertThat(driver.available(1, USD)).isEqualTo(500);
        assertThat(driver.blp.assetSupply(USD)).as("supply unchanged").isEqualTo(500);
    }

    @Test
    void shouldRejectMalformedFrameAndKeepRunning()
    {
        driver.sendRaw(new byte[]{1, 2, 3});
        assertThat(driver.rejectReason()).isEqualTo(RejectReason.MALFORMED);

        final int length = driver.writer().deposit(driver.scratch(), 0, 1, driver.requestId(), 0, USD, 1);
        final byte[] truncated = new byte[length - 1];
        driver.scratch().getBytes(0, truncated);
        driver.sendRaw(truncated);
        assertThat(driver.rejectReason()).isEqualTo(RejectReason.MALFORMED);

        final byte[] unknown = new byte[length];
        driver.scratch().getBytes(0, unknown);
        unknown[2] = 99;
        driver.sendRaw(unknown);
        assertThat(driver.rejectReason()).isEqualTo(RejectReason.UNKNOWN_COMMAND);

        driver.withdraw(1, USD, 1);
        assertThat(driver.eventNames()).containsExactly("CommandAccepted", "BalanceChanged");
    }

    @Test
    void shouldRejectAdminCommandFromClientAccount()
    {
        driver.halt(1);

        assertThat(driver.rejectReason()).isEqualTo(RejectReason.NOT_AUTHORIZED);
        driver.place(1, Side.BUY, OrderKind.GTC, 10, 1_000);
        assertThat(driver.eventNames()).as("the instrument is not halted: orders are still accepted")
            .containsExactly("OrderAccepted", "BalanceChanged");
    }

    @Test
    void shouldAskForSnapshotOnlyAfterOperatorsTakeSnapshot()
    {
        driver.takeSnapshot(0);
        assertThat(driver.eventNames()).containsExactly("CommandAccepted");
        assertThat(driver.blp.snapshotRequested()).as("after the operator's request").isTrue();

        driver.withdraw(1, USD, 1);
        assertThat(driver.blp.snapshotRequested()).as("cleared by the next command").isFalse();

        driver.takeSnapshot(1);
        assertThat(driver.rejectReason()).isEqualTo(RejectReason.NOT_AUTHORIZED);
        assertThat(driver.blp.snapshotRequested()).as("a client may not ask").isFalse();
    }
}
