/**
 * The pipeline around the business logic processor, the LMAX way: an input ring (Disruptor, multi-producer) whose
 * {@link io.ordo.core.pipeline.JournallerHandler} stamps sequence and time and appends each command to a
 * {@link io.ordo.core.pipeline.CommandJournal}; a {@link io.ordo.core.pipeline.BlpHandler}, gated by the
 * journaller, that applies the command and writes its events into one slot of the output ring; there an
 * {@link io.ordo.core.pipeline.EventJournallerHandler} appends them to an {@link io.ordo.core.pipeline.EventJournal}
 * and, gated by it, a {@link io.ordo.core.pipeline.ResultDispatcher} hands them to the submitter's
 * {@link io.ordo.core.pipeline.ResultListener}. {@link io.ordo.core.pipeline.Pipeline} wires it.
 * <p>
 * The journals are interfaces: their files live in the {@code journal} module, so this package does no I/O itself.
 * Depends on {@code io.ordo.core}, the Disruptor and Agrona.
 */
package io.ordo.core.pipeline;
