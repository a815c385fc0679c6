package io.ordo.journal.pipeline;

/**
 * How many threads the pipeline's four steps run on. Both layouts keep the same promises: a command is applied only
 * once it is in the input journal (on disk, in sync mode), and a result is dispatched only once its events are in
 * the output journal. They differ in what runs in parallel.
 */
public enum ThreadLayout
{
    /**
     * Journaller, BLP, output journaller and result dispatcher on a thread each, the LMAX layout: the steps of
     * consecutive commands overlap. For machines with a core to spare for each of them.
     */
    FOUR_THREADS,

    /**
     * Two threads: the first journals a run of commands, then applies the same run to the BLP; the second journals
     * a run of results, then dispatches the same run. Nothing waits for another core, and the bytes a step has just
     * written are still in its cache for the next step. What runs in parallel is the input side with the output
     * side. For machines with two cores (or fewer), where four busy threads and the submitters only take turns.
     */
    TWO_THREADS,

    /**
     * Three threads: the journaller; the BLP, gated by it; and the output side as in {@link #TWO_THREADS} (journal
     * a run of results, then dispatch it). The input journal's append runs in parallel with the BLP, the output
     * side hands over between cores once, not twice as with {@link #FOUR_THREADS}.
     */
    THREE_THREADS;

    /** @return {@link #TWO_THREADS} on a machine of at most two cores, {@link #FOUR_THREADS} above. */
    public static ThreadLayout forCores(final int cores)
    {
        return cores <= 2 ? TWO_THREADS : FOUR_THREADS;
    }
}
