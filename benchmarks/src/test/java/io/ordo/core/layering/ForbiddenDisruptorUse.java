package io.ordo.core.layering;

import com.lmax.disruptor.Sequence;

/**
 * A deliberate layering violation for {@code LayeringTest}: a class in a core package that uses the Disruptor and
 * reads the clock. Test scope only; it never reaches a production jar.
 */
public final class ForbiddenDisruptorUse
{
    private final Sequence sequence = new Sequence();

    public long stamp()
    {
        sequence.set(System.nanoTime());
        return sequence.get();
    }
}
