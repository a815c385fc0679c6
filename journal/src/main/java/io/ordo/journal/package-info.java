/**
 * Placeholder: the journal module is an empty shell until the journaled-pipeline issue lands.
 * <p>
 * What will live here: the input journal (commands stamped with sequence and time) and the output journal (the
 * event store) on Chronicle Queue; snapshots on disk; recovery (latest snapshot plus replay of the input journal
 * after it); replay of a journal through a {@link io.ordo.core.BusinessLogicProcessor}; and verify (replay and
 * compare events and state hashes).
 * <p>
 * May depend on {@code io.ordo.core}, Chronicle Queue and Agrona; never on {@code gateway} or {@code benchmarks}.
 */
package io.ordo.journal;
