package io.ordo.core;

/**
 * An account: available and held balance per asset (arrays indexed by {@link Asset#index}, grown on first use) and
 * the intrusive list of its open orders in ascending order id.
 * <p>
 * Not thread safe; owned by the BLP thread.
 */
final class Account
{
    private static final long[] EMPTY = new long[0];

    final long accountId;
    /**
     * No request id above this was ever recorded in the request window for this account, so a higher id needs no
     * window lookup. Derived state (rebuilt from the window on snapshot load); not hashed.
     */
    long highestRequestId = Long.MIN_VALUE;
    /**
     * The sequence of this account's newest entry in the request window, the head of its chain there (see
     * {@link RequestWindow}), or {@link RequestWindow#NONE}. Derived state, like {@link #highestRequestId}; not hashed.
     */
    long newestRequestSequence = RequestWindow.NONE;
    long[] available = EMPTY;
    long[] held = EMPTY;
    Order firstOrder;
    Order lastOrder;

    Account(final long accountId)
    {
        this.accountId = accountId;
    }

    long available(final Asset asset)
    {
        final int index = asset.index;
        return index < available.length ? available[index] : 0;
    }

    long held(final Asset asset)
    {
        final int index = asset.index;
        return index < held.length ? held[index] : 0;
    }

    /** Makes sure the balance arrays cover the asset; allocates only the first time an account meets an asset. */
    void ensureAsset(final Asset asset)
    {
        final int index = asset.index;
        if (index >= available.length)
        {
            final long[] newAvailable = new long[index + 1];
            final long[] newHeld = new long[index + 1];
            System.arraycopy(available, 0, newAvailable, 0, available.length);
            System.arraycopy(held, 0, newHeld, 0, held.length);
            available = newAvailable;
            held = newHeld;
        }
    }

    /** Appends an order with an id greater than any already in the list. */
    void appendOrder(final Order order)
    {
        order.accountNext = null;
        order.accountPrev = lastOrder;
        if (lastOrder == null)
        {
            firstOrder = order;
        }
        else
        {
            lastOrder.accountNext = order;
        }
        lastOrder = order;
    }

    void removeOrder(final Order order)
    {
        final Order prev = order.accountPrev;
        final Order next = order.accountNext;
        if (prev == null)
        {
            firstOrder = next;
        }
        else
        {
            prev.accountNext = next;
        }
        if (next == null)
        {
            lastOrder = prev;
        }
        else
        {
            next.accountPrev = prev;
        }
        order.accountPrev = null;
        order.accountNext = null;
    }
}
