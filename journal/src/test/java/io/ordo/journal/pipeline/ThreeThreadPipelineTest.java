package io.ordo.journal.pipeline;

/**
 * Every specification of {@link PipelineTest} again, with the pipeline on three threads (the journaller, the BLP,
 * the output journaller then the dispatcher): the layout must keep every promise of the four-thread one.
 */
class ThreeThreadPipelineTest extends PipelineTest
{
    @Override
    ThreadLayout layout()
    {
        return ThreadLayout.THREE_THREADS;
    }
}
