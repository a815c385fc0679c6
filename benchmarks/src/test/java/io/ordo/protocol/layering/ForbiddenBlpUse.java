package io.ordo.protocol.layering;

import io.ordo.core.BusinessLogicProcessor;

/**
 * A deliberate layering violation for {@code LayeringTest}: a class in a protocol package that uses the BLP. Test
 * scope only; it never reaches a production jar.
 */
public final class ForbiddenBlpUse
{
    public long openOrders(final BusinessLogicProcessor blp)
    {
        return blp.openOrderCount();
    }
}
