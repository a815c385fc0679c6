package io.ordo.benchmarks.jmh;

import java.util.Collection;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the JMH benchmarks from rotting: runs every one of them in this JVM (no fork) for one short iteration on a
 * small workload and checks that each produced a score. Measures nothing.
 */
class JmhSmokeTest
{
    @Test
    void shouldRunEveryBenchmarkOnce() throws Exception
    {
        final Options options = new OptionsBuilder()
            .include(BlpWorkloadBenchmark.class.getSimpleName())
            .include(BlpOperationsBenchmark.class.getSimpleName())
            .param("commands", "20000")
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(200))
            .shouldFailOnError(true)
            .build();

        final Collection<RunResult> results = new Runner(options).run();

        assertThat(results).extracting(r -> r.getParams().getBenchmark().replaceAll(".*\\.", ""))
            .containsExactlyInAnyOrder("standardWorkload", "placeRestingOrder", "matchAcrossOneLevel",
                "matchAcrossFiveLevels", "cancelOrder", "replaceOrder", "transfer");
        assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }
}
