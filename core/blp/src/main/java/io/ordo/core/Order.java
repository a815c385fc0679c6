package io.ordo.core;

/**
 * An order inside the BLP: pooled, linked into its price level (time priority) and into its account's list of open
 * orders (ascending order id). Plain mutable fields for speed.
 * <p>
 * Not thread safe; owned by the BLP thread.
 */
final class Order
{
    long orderId;
    long accountId;
    Account account;
    Instrument instrument;
    byte sideCode;
    byte kindCode;
    long price;
    long remainingQuantity;
    /** What the order holds now: quote for buys (or the unspent budget), base for sells. */
    long heldAmount;
    /** Fee rate its buy hold is computed with; see docs/architecture.md. */
    long holdFeePpm;
    /** A market buy bounded by a quote budget: {@link #heldAmount} is the unspent budget. */
    boolean budget;
    /** Rests in the book, is in the order index and in its account's list. */
    boolean open;

    PriceLevel level;
    Order levelPrev;
    Order levelNext;
    Order accountPrev;
    Order accountNext;

    void reset()
    {
        orderId = 0;
        accountId = 0;
        account = null;
        instrument = null;
        sideCode = 0;
        kindCode = 0;
        price = 0;
        remainingQuantity = 0;
        heldAmount = 0;
        holdFeePpm = 0;
        budget = false;
        open = false;
        level = null;
        levelPrev = null;
        levelNext = null;
        accountPrev = null;
        accountNext = null;
    }
}
