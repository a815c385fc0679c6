package io.ordo.benchmarks;

import io.ordo.core.BlpConfig;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.workload.StandardWorkload;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A workload generated in a class loader of its own is the workload of that seed: the same mix, and the same
 * state when its streams run on a BLP of this class loader.
 */
class IsolatedWorkloadTest
{
    @Test
    void shouldGenerateInItsOwnClassLoaderTheWorkloadOfTheSeed() throws Exception
    {
        // given
        final StandardWorkload expected = StandardWorkload.generate(11, StandardWorkload.Variant.STANDARD, 20_000);

        // when
        final StandardWorkload isolated = IsolatedWorkload.generate(11, StandardWorkload.Variant.STANDARD, 20_000);

        // then
        assertThat(isolated.mix().toString()).isEqualTo(expected.mix().toString());
        assertThat(isolated.measured().count()).isEqualTo(20_000);
        final BusinessLogicProcessor expectedBlp = expected.newPreparedBlp(new BlpConfig(), (b, o, l) -> {});
        StandardWorkload.apply(expectedBlp, expected.measured());
        final BusinessLogicProcessor isolatedBlp = isolated.newPreparedBlp(new BlpConfig(), (b, o, l) -> {});
        StandardWorkload.apply(isolatedBlp, isolated.measured());
        assertThat(isolatedBlp.openOrderCount()).isEqualTo(expected.mix().restingOrders()).isPositive();
        assertThat(isolatedBlp.stateHash()).isEqualTo(expectedBlp.stateHash());
    }
}
