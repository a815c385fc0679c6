package io.ordo.workload;

import org.agrona.collections.Long2LongHashMap;

/**
 * Client request ids per account, each account counting up from 1: the (account, request id) keys of the
 * generated commands, all distinct, as the BLP's idempotency window expects of a well-behaved client. Shared by
 * {@link StandardWorkload} and {@link RandomizedWorkload}; {@link DemoWorkload} numbers its commands instead.
 * <p>
 * Any long is an account id here, the randomized stream's negative and extreme ones too. Not thread safe; owned by
 * one generator.
 */
final class RequestIds
{
    private static final long NONE = 0;

    private final Long2LongHashMap lastByAccountId = new Long2LongHashMap(NONE);

    /** @return the account's next request id: 1 the first time, then one more each time. */
    long next(final long accountId)
    {
        final long requestId = lastByAccountId.get(accountId) + 1;
        lastByAccountId.put(accountId, requestId);
        return requestId;
    }
}
