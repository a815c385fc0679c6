package io.ordo.journal.pipeline;

/**
 * Every specification of {@link PipelineTest} again, with the pipeline on two threads (journal then apply, journal
 * then dispatch): the layout must keep every promise of the four-thread one.
 */
class TwoThreadPipelineTest extends PipelineTest
{
    @Override
    ThreadLayout layout()
    {
        return ThreadLayout.TWO_THREADS;
    }
}
