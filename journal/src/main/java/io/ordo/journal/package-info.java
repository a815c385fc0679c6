/**
 * Durable history and recovery: the input journal and the output (event) journal on Chronicle Queue, each record
 * chained to the previous one by a CRC-32C ({@link io.ordo.journal.JournalRecord}); snapshot files
 * ({@link io.ordo.journal.SnapshotStore}); start-up recovery ({@link io.ordo.journal.Recovery}); the embedding API
 * ({@link io.ordo.journal.Engine}); and the offline tools {@link io.ordo.journal.Replayer} and
 * {@link io.ordo.journal.Verifier}.
 * <p>
 * Depends on {@code io.ordo.core} (the BLP), the protocol, the pipeline, Chronicle Queue, the Disruptor and Agrona. Every error names the file
 * and the position it is about.
 */
package io.ordo.journal;
