package io.ordo.read;

import io.ordo.protocol.codec.BalanceCause;

/**
 * One line of an account's passbook: one change of one balance, with its cause and the command that caused it, and
 * the balance after it. Built from a {@code BalanceChanged} event and the record it came in.
 *
 * @param sequence            input journal sequence of the command that caused the change.
 * @param timestampNs         the sequencer's time of that command (recorded time).
 * @param valueTimeNs         when the change counts for the business (value time): the value time a deposit,
 *                            withdrawal or transfer named, else the recorded time.
 * @param accountId           whose balance changed.
 * @param assetId             which balance.
 * @param causeCode           {@link BalanceCause} code: deposit, withdrawal, transfer, order hold or release, trade,
 *                            fee.
 * @param availableDeltaMinor change of the available balance.
 * @param heldDeltaMinor      change of the held balance.
 * @param availableAfterMinor available balance after the change.
 * @param heldAfterMinor      held balance after the change.
 * @param referenceId         the order id, trade id, or the counterparty account of a transfer.
 * @param commandAccountId    the account the command named (for a trade, the taker's; for a transfer, the sender's).
 * @param clientRequestId     the command's request id.
 */
public record StatementLine(
    long sequence,
    long timestampNs,
    long valueTimeNs,
    long accountId,
    int assetId,
    short causeCode,
    long availableDeltaMinor,
    long heldDeltaMinor,
    long availableAfterMinor,
    long heldAfterMinor,
    long referenceId,
    long commandAccountId,
    long clientRequestId)
{
    /** @return the cause by name, or {@code ?code} for a code this build does not know. */
    public String causeName()
    {
        for (final BalanceCause cause : BalanceCause.values())
        {
            if (cause != BalanceCause.NULL_VAL && cause.value() == causeCode)
            {
                return cause.name();
            }
        }
        return "?" + causeCode;
    }

    /** @return the available balance before the change. */
    public long availableBeforeMinor()
    {
        return availableAfterMinor - availableDeltaMinor;
    }

    /** @return the held balance before the change. */
    public long heldBeforeMinor()
    {
        return heldAfterMinor - heldDeltaMinor;
    }
}
