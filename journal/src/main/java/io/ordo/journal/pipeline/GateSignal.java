package io.ordo.journal.pipeline;

import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.WaitStrategy;

/**
 * What a handler that gates another does at the end of each batch: moves its own sequence (the callback the
 * Disruptor hands it) and wakes a handler that sleeps waiting for it ({@link GatedLiteBlockingWaitStrategy}). Until
 * the Disruptor hands it a sequence (or if it never does: a handler run by a {@link ChainedHandler}, whose
 * sequence is the chain's and moves only after the second handler) it does nothing.
 * <p>
 * Owned by the handler's thread.
 */
final class GateSignal
{
    private final WaitStrategy waitStrategy;
    private Sequence sequence;

    GateSignal(final WaitStrategy waitStrategy)
    {
        this.waitStrategy = waitStrategy;
    }

    /** The handler's own sequence, from {@code EventHandler.setSequenceCallback}. */
    void sequence(final Sequence sequence)
    {
        this.sequence = sequence;
    }

    /** The handler is done with everything up to {@code ringSequence}: the handlers it gates may go on. */
    void passed(final long ringSequence)
    {
        if (sequence != null)
        {
            sequence.set(ringSequence);
            waitStrategy.signalAllWhenBlocking();
        }
    }
}
