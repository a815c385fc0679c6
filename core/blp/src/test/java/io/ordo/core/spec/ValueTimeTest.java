package io.ordo.core.spec;

import io.ordo.protocol.codec.RejectReason;
import org.junit.jupiter.api.Test;

import static io.ordo.core.spec.BlpDriver.USD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of value (business) time on ledger commands: the time a movement counts from, as against the time
 * the engine recorded it. The BLP carries it into the CommandAccepted and checks nothing else about it: balances
 * move when the command is recorded, and the read side answers "as of value time T, as known at N".
 */
class ValueTimeTest
{
    private static final long DAY_NS = 86_400_000_000_000L;

    private final BlpDriver driver = new BlpDriver()
        .withMarket(0, 0)
        .withFundedAccount(1, 0, 500)
        .withFundedAccount(2, 0, 0);

    @Test
    void shouldCarryABackValuedDepositsValueTimeIntoItsAcceptance()
    {
        final long valueTimeNs = driver.nextTimestampNs() - 1;

        driver.depositValued(1, USD, 100, valueTimeNs);

        assertThat(driver.eventNames()).containsExactly("CommandAccepted", "BalanceChanged");
        assertThat(driver.accepted(0).valueTimeNs()).isEqualTo(valueTimeNs);
        assertThat(driver.accepted(0).timestampNs()).as("recorded time is the command's own")
            .isEqualTo(valueTimeNs + 1);
        assertThat(driver.available(1, USD)).as("the balance moves when it is recorded").isEqualTo(600);
    }

    @Test
    void shouldTakeTheRecordedTimeAsValueTimeWhenTheCommandGivesNone()
    {
        final long recordedNs = driver.nextTimestampNs();

        driver.transfer(1, 2, USD, 200);

        assertThat(driver.accepted(0).valueTimeNs()).isEqualTo(recordedNs);
        assertThat(driver.accepted(0).timestampNs()).isEqualTo(recordedNs);
    }

    @Test
    void shouldAcceptAForwardValuedTransferAndAWithdrawalValuedInThePast()
    {
        final long tomorrowNs = driver.nextTimestampNs() + DAY_NS;
        driver.transferValued(1, 2, USD, 50, tomorrowNs);
        assertThat(driver.accepted(0).valueTimeNs()).isEqualTo(tomorrowNs);
        assertThat(driver.available(2, USD)).isEqualTo(50);

        driver.withdrawValued(1, USD, 25, 1);

        assertThat(driver.accepted(0).valueTimeNs()).isEqualTo(1);
        assertThat(driver.available(1, USD)).isEqualTo(425);
    }

    @Test
    void shouldRejectANegativeValueTimeAndApplyNothing()
    {
        driver.depositValued(1, USD, 100, -1);

        assertThat(driver.rejectReason()).isEqualTo(RejectReason.INVALID_VALUE_TIME);
        assertThat(driver.eventNames()).as("a reject alone: nothing applied").containsExactly("CommandRejected");
        assertThat(driver.available(1, USD)).isEqualTo(500);

        driver.transferValued(1, 2, USD, 100, Long.MIN_VALUE);
        assertThat(driver.rejectReason()).isEqualTo(RejectReason.INVALID_VALUE_TIME);
        driver.withdrawValued(1, USD, 100, -DAY_NS);
        assertThat(driver.rejectReason()).isEqualTo(RejectReason.INVALID_VALUE_TIME);
        assertThat(driver.available(2, USD)).isZero();
    }
}
