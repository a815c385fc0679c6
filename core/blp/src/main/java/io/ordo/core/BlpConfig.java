package io.ordo.core;

import org.agrona.ErrorHandler;

/**
 * Settings of a {@link BusinessLogicProcessor}. Those that change outcomes ({@link #requestWindowCapacity()})
 * are part of the state: they travel in snapshots, and a journal must always be replayed with the same values.
 * The others ({@link #orderPoolCapacity()}, {@link #errorHandler()}) do not change a single event byte.
 * <p>
 * Mutable builder-style while being set up; not thread safe.
 */
public final class BlpConfig
{
    /** Default number of remembered (account, client request id) outcomes. */
    public static final int DEFAULT_REQUEST_WINDOW_CAPACITY = 1 << 20;
    /** Default number of orders preallocated in the pool; the pool grows beyond it when needed. */
    public static final int DEFAULT_ORDER_POOL_CAPACITY = 1 << 16;
    /** The default error handler: does nothing; the BLP still counts every defect in its internalErrorCount(). */
    public static final ErrorHandler NO_OP_ERROR_HANDLER = (throwable) -> {};

    private int requestWindowCapacity = DEFAULT_REQUEST_WINDOW_CAPACITY;
    private int orderPoolCapacity = DEFAULT_ORDER_POOL_CAPACITY;
    private ErrorHandler errorHandler = NO_OP_ERROR_HANDLER;

    public int requestWindowCapacity()
    {
        return requestWindowCapacity;
    }

    /**
     * @param capacity a power of two of at least 2: how many recent outcomes are remembered for idempotency.
     * @return this for chaining.
     */
    public BlpConfig requestWindowCapacity(final int capacity)
    {
        if (capacity < 2 || Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("requestWindowCapacity must be a power of two >= 2: " + capacity);
        }
        this.requestWindowCapacity = capacity;
        return this;
    }

    public int orderPoolCapacity()
    {
        return orderPoolCapacity;
    }

    /**
     * @param capacity orders to preallocate; more are allocated if ever needed (outcomes do not depend on it).
     * @return this for chaining.
     */
    public BlpConfig orderPoolCapacity(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("orderPoolCapacity must be >= 1: " + capacity);
        }
        this.orderPoolCapacity = capacity;
        return this;
    }

    public ErrorHandler errorHandler()
    {
        return errorHandler;
    }

    /**
     * @param errorHandler told, on the BLP thread, of every defect (a {@code Throwable} escaping a command's
     *                     processing; see {@link BusinessLogicProcessor#internalErrorCount()}). It must not block;
     *                     what it throws is ignored.
     * @return this for chaining.
     */
    public BlpConfig errorHandler(final ErrorHandler errorHandler)
    {
        if (errorHandler == null)
        {
            throw new IllegalArgumentException("errorHandler must not be null; use NO_OP_ERROR_HANDLER");
        }
        this.errorHandler = errorHandler;
        return this;
    }
}
