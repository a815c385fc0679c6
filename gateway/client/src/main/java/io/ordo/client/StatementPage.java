package io.ordo.client;

import java.util.List;

import io.ordo.protocol.codec.BalanceCause;

/**
 * A page of an account's statement (its passbook), read by the server from the output journal: each change of the
 * account's balances in journal order, with its cause and the balance after it. A page that is not
 * {@code complete} is continued by asking from {@code nextFromSequence} with {@code nextSkipLines};
 * {@link OrdoClient#statement} does that until the end.
 *
 * @param accountId        the account.
 * @param asOfSequence     the last sequence the server read for this page.
 * @param complete         no lines follow these up to the range's end.
 * @param nextFromSequence where the next page starts, when not complete.
 * @param nextSkipLines    lines of {@code nextFromSequence} this page already holds, when not complete.
 * @param lines            in journal order.
 */
public record StatementPage(long accountId, long asOfSequence, boolean complete, long nextFromSequence,
    int nextSkipLines, List<Line> lines)
{
    /**
     * One balance change.
     *
     * @param sequence       input journal sequence of the command that caused it.
     * @param timestampNs    when it was recorded.
     * @param valueTimeNs    when it counts for the business (the recorded time unless the command gave one).
     * @param assetId        which balance.
     * @param cause          deposit, withdrawal, transfer, hold, release, trade or fee.
     * @param availableDelta change of the available balance, minor units.
     * @param heldDelta      change of the held balance.
     * @param availableAfter available balance after it.
     * @param heldAfter      held balance after it.
     * @param referenceId    the order, the trade or the counterparty account.
     */
    public record Line(long sequence, long timestampNs, long valueTimeNs, int assetId, BalanceCause cause,
        long availableDelta, long heldDelta, long availableAfter, long heldAfter, long referenceId)
    {
    }
}
