package io.ordo.workload;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the generated streams through the {@link ReferenceModel} alone: the model keeps its own invariants after
 * every command, and the streams reach every outcome the differential test relies on. Independent of the BLP.
 */
class ReferenceModelStreamTest
{
    @Test
    void shouldKeepInvariantsAndCoverEveryOutcomeWhenRunningGeneratedStreams()
    {
        final DifferentialHarness.Coverage coverage = new DifferentialHarness.Coverage();
        for (long seed = 1; seed <= 4; seed++)
        {
            final ReferenceModel model = new ReferenceModel(DifferentialHarness.WINDOW_CAPACITY);
            final RandomizedWorkload generator = new RandomizedWorkload(seed, model);
            for (int i = 0; i < 50_000; i++)
            {
                final TestCommand command = generator.next();
                final List<String> events = model.apply(command);
                coverage.onEvents(events);
                assertThat(events).as("seed %d command %d: %s", seed, i, command).isNotEmpty();
                final String violation = model.selfCheck();
                assertThat(violation).as("seed %d command %d: %s -> %s", seed, i, command, events).isNull();
            }
        }
        System.out.println("reference model coverage:\n" + coverage);
        DifferentialTest.assertEveryOutcomeCovered(coverage);
    }
}
