package io.ordo.journal.index;

import io.ordo.journal.LocatedRecordListener;
import io.ordo.journal.ReadPosition;

/**
 * A persistent read model built from the output journal alone: it is fed each record once, in sequence order,
 * and keeps, durably and together with what it built, the position it has reached, so that after a restart (or a
 * crash) it goes on from there and neither loses nor repeats a record. Fed live by a {@link Projector}, or from the
 * files by {@code ordo index}; built again from zero it must hold the same.
 * <p>
 * Called on one thread, the projector's.
 */
public interface Projection extends LocatedRecordListener, AutoCloseable
{
    /**
     * @return the last record applied, and where the journal goes on after it; {@link ReadPosition#START} for none.
     *         After a restart: the last one made durable by {@link #checkpoint()}.
     */
    ReadPosition position();

    /** Makes everything applied so far durable, together with {@link #position()}. */
    void checkpoint();

    /**
     * Releases its files without a checkpoint, after a failure that may have left a record half applied; the next
     * open goes on from the last checkpoint.
     */
    void discard();

    /** Checkpoints and releases its files. */
    @Override
    void close();
}
