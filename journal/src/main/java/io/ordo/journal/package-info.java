/**
 * Durable history and recovery: the input journal and the output (event) journal on Chronicle Queue, each record
 * chained to the previous one by a CRC-32C ({@link io.ordo.journal.JournalRecord}); snapshot files
 * ({@link io.ordo.journal.SnapshotStore}); the embedding API ({@link io.ordo.journal.Engine}); and the one loop
 * that rebuilds the state from a data directory, {@link io.ordo.journal.JournalReplay} (load the newest usable
 * snapshot, then apply the chain-checked input journal after it), which serves start-up recovery
 * ({@link io.ordo.journal.Recovery}: writes the output records a crash left missing), the offline
 * {@link io.ordo.journal.Replayer} (counts and hashes) and {@link io.ordo.journal.Verifier} (compares every
 * command's events with the output journal and checks the snapshots), each through its
 * {@link io.ordo.journal.ReplayListener}. A running engine's output journal is followed live by
 * {@link io.ordo.journal.EventTail}s ({@link io.ordo.journal.Engine#openEventTail}), which position through
 * Chronicle's index ({@link io.ordo.journal.RecordSeek}).
 * <p>
 * Depends on {@code io.ordo.core} (the BLP), the protocol, the pipeline, Chronicle Queue, the Disruptor and
 * Agrona. Every error names the file and the position it is about.
 */
package io.ordo.journal;
