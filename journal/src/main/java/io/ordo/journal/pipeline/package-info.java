/**
 * The pipeline around the business logic processor, the LMAX way: an input ring (Disruptor, multi-producer) whose
 * {@link io.ordo.journal.pipeline.JournallerHandler} stamps sequence and time and appends each command to a
 * {@link io.ordo.journal.pipeline.CommandJournal}; a {@link io.ordo.journal.pipeline.BlpHandler}, gated by the
 * journaller, that applies the command and writes its events into one slot of the output ring; there an
 * {@link io.ordo.journal.pipeline.EventJournallerHandler} appends them to an
 * {@link io.ordo.journal.pipeline.EventJournal}
 * and, gated by it, a {@link io.ordo.journal.pipeline.ResultDispatcher} hands them to the submitter's
 * {@link io.ordo.journal.pipeline.ResultListener}. {@link io.ordo.journal.pipeline.Pipeline} wires it.
 * <p>
 * The journals are interfaces here (the Chronicle Queue files are in {@code io.ordo.journal}), so that the pipeline
 * can be tested with in-memory journals. Depends on {@code io.ordo.core}, the protocol, the Disruptor and Agrona.
 */
package io.ordo.journal.pipeline;
