package io.ordo.core;

/**
 * Idempotency in one place: tells a retry (a command whose (accountId, clientRequestId) was answered before and is
 * still remembered) from a new command, and remembers every answered command's outcome. The outcomes live in a
 * {@link RequestWindow}; the high-water marks kept here let most commands skip the window lookup:
 * <ul>
 *     <li>each account's {@link Account#highestRequestId}: no id above it was recorded for that account;</li>
 *     <li>{@code highestOrphanRequestId}: the highest id recorded for an account that did not exist then. An account
 *     opened later starts from it, so that its mark never hides a remembered request.</li>
 * </ul>
 * The marks are derived state: {@link BlpSnapshotLoader} rebuilds them by recording the window's entries again
 * once the accounts are loaded.
 * <p>
 * Not thread safe; owned by the BLP thread. Allocates only as {@link RequestWindow} does.
 */
final class RequestDeduplicator
{
    /** Returned by {@link #findOriginal} for a command that is not a remembered retry. */
    static final int NOT_FOUND = RequestWindow.NOT_FOUND;

    private final RequestWindow window;
    private long highestOrphanRequestId = Long.MIN_VALUE;

    RequestDeduplicator(final int capacity)
    {
        window = new RequestWindow(capacity);
    }

    /**
     * Looks for the original outcome of a command; walks the window only for an id at or below the account's mark.
     *
     * @param account the command's account, or null when it does not exist.
     * @return the slot of the original outcome (for {@link #originalReason} and {@link #originalOrderId}), or
     * {@link #NOT_FOUND}.
     */
    int findOriginal(final Account account, final long accountId, final long clientRequestId)
    {
        if (account != null && clientRequestId > account.highestRequestId)
        {
            return NOT_FOUND;
        }
        return window.find(account, accountId, clientRequestId);
    }

    byte originalReason(final int slot)
    {
        return window.reasonCode(slot);
    }

    long originalOrderId(final int slot)
    {
        return window.orderId(slot);
    }

    /**
     * Remembers a command's outcome and raises the marks.
     *
     * @param account the command's account after the command (the new one after an accepted OpenAccount), or null.
     */
    void record(
        final Account account, final long accountId, final long clientRequestId, final byte reason,
        final long orderId)
    {
        window.record(account, accountId, clientRequestId, reason, orderId);
        if (account == null)
        {
            highestOrphanRequestId = Math.max(highestOrphanRequestId, clientRequestId);
        }
        else if (clientRequestId > account.highestRequestId)
        {
            account.highestRequestId = clientRequestId;
        }
    }

    /** Starts a newly opened account's mark where the orphans' is: its id may have been recorded already. */
    void onAccountOpened(final Account account)
    {
        window.onAccountOpened(account);
        account.highestRequestId = highestOrphanRequestId;
    }

    int size()
    {
        return window.size();
    }

    /** Visits the remembered outcomes from oldest to newest. */
    void forEach(final RequestWindow.EntryVisitor visitor)
    {
        window.forEach(visitor);
    }
}
