package io.ordo.core;

/**
 * All orders resting at one price on one side, as an intrusive FIFO list (time priority). Pooled.
 * <p>
 * Not thread safe; owned by the BLP thread.
 */
final class PriceLevel
{
    long price;
    /**
     * Where this level was last seen in its {@link BookSide}'s arrays: a hint, right only while
     * {@code levels[index] == this} (levels shift as others come and go), which {@link BookSide} checks before use.
     */
    int index;
    Order head;
    Order tail;
    PriceLevel nextFree;

    void append(final Order order)
    {
        order.level = this;
        order.levelNext = null;
        order.levelPrev = tail;
        if (tail == null)
        {
            head = order;
        }
        else
        {
            tail.levelNext = order;
        }
        tail = order;
    }

    void remove(final Order order)
    {
        final Order prev = order.levelPrev;
        final Order next = order.levelNext;
        if (prev == null)
        {
            head = next;
        }
        else
        {
            prev.levelNext = next;
        }
        if (next == null)
        {
            tail = prev;
        }
        else
        {
            next.levelPrev = prev;
        }
        order.level = null;
        order.levelPrev = null;
        order.levelNext = null;
    }

    boolean isEmpty()
    {
        return head == null;
    }
}
