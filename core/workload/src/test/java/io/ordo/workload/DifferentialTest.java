package io.ordo.workload;

import io.ordo.protocol.codec.RejectReason;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Differential test of the {@link BusinessLogicProcessor} against the {@link ReferenceModel} on seeded random
 * streams (see {@link DifferentialHarness} for what is compared and {@link RandomizedWorkload} for what is
 * generated).
 * <p>
 * What is checked when, in the default build (8 seeds x 125,000 commands = 1,000,000 commands):
 * <ul>
 *     <li>events: after every command, every seed;</li>
 *     <li>state hash: every {@value #HASH_EVERY} commands and after the last, every seed;</li>
 *     <li>invariants ({@link InvariantChecker}): after every single command on seeds 1 and 2 (250,000 commands),
 *     every {@value #INVARIANT_EVERY} commands and after the last on the other seeds.</li>
 * </ul>
 * Seeds run with different BLP settings ({@link DifferentialHarness#configFor}): request windows of 1024, 16 and 2,
 * order pools of 1024 and 1.
 * <p>
 * Re-run one seed: {@code mvn -pl core test -Dtest=DifferentialTest -Dordo.seed=N -Dordo.commands=M}; that run
 * checks invariants after every command. The {@code slow} variant ({@code -Psoak}) runs 20,000,000 commands.
 * Seeds run on two threads, each with its own BLP and model.
 */
class DifferentialTest
{
    private static final int HASH_EVERY = 1_000;
    private static final int INVARIANT_EVERY = 64;
    private static final long SHRINK_BUDGET_MS = 5_000;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldMatchReferenceModelWhenFedSeededRandomStreams()
    {
        final String seedProperty = System.getProperty("ordo.seed");
        if (seedProperty != null && !seedProperty.isBlank())
        {
            final long seed = Long.parseLong(seedProperty.trim());
            final int commands = Integer.getInteger("ordo.commands", 125_000);
            final DifferentialHarness.Coverage coverage = new DifferentialHarness.Coverage();
            final DifferentialHarness.Divergence divergence =
                new DifferentialHarness(coverage, SHRINK_BUDGET_MS).run(seed, commands, 1, HASH_EVERY);
            if (divergence != null)
            {
                fail(divergence.describe());
            }
            System.out.printf("DifferentialTest: seed %d, %,d commands matched (invariants after every command)%n",
                seed, commands);
            return;
        }

        final long start = System.nanoTime();
        final DifferentialHarness.Coverage coverage = runSeeds(1, 8, 125_000, 2);
        System.out.printf("DifferentialTest: 8 seeds x 125,000 commands matched in %,d ms; outcomes:%n%s",
            (System.nanoTime() - start) / 1_000_000, coverage);
        assertEveryOutcomeCovered(coverage);
    }

    @Test
    @Tag("slow")
    @Timeout(value = 2, unit = TimeUnit.HOURS)
    void shouldMatchReferenceModelWhenFedLongSeededRandomStreams()
    {
        final int seeds = Integer.getInteger("ordo.soak.seeds", 40);
        final int commands = Integer.getInteger("ordo.soak.commands", 500_000);
        final long start = System.nanoTime();
        final DifferentialHarness.Coverage coverage = runSeeds(1_000, seeds, commands, 0);
        System.out.printf("DifferentialTest (slow): %d seeds x %,d commands matched in %,d ms%n",
            seeds, commands, (System.nanoTime() - start) / 1_000_000);
        assertEveryOutcomeCovered(coverage);
    }

    /**
     * Runs {@code seeds} seeds from {@code firstSeed} on two threads; the first {@code fullyCheckedSeeds} of them
     * check invariants after every command.
     */
    private static DifferentialHarness.Coverage runSeeds(
        final long firstSeed, final int seeds, final int commands, final int fullyCheckedSeeds)
    {
        final DifferentialHarness.Coverage total = new DifferentialHarness.Coverage();
        final ExecutorService executor = Executors.newFixedThreadPool(2);
        try
        {
            final List<Future<DifferentialHarness.Divergence>> results = new ArrayList<>();
            for (int i = 0; i < seeds; i++)
            {
                final long seed = firstSeed + i;
                final int invariantEvery = i < fullyCheckedSeeds ? 1 : INVARIANT_EVERY;
                results.add(executor.submit(() ->
                {
                    final DifferentialHarness.Coverage coverage = new DifferentialHarness.Coverage();
                    final DifferentialHarness.Divergence divergence = new DifferentialHarness(
                        coverage, SHRINK_BUDGET_MS).run(seed, commands, invariantEvery, HASH_EVERY);
                    total.merge(coverage);
                    return divergence;
                }));
            }
            final StringBuilder failures = new StringBuilder();
            for (final Future<DifferentialHarness.Divergence> result : results)
            {
                final DifferentialHarness.Divergence divergence = result.get();
                if (divergence != null)
                {
                    failures.append(divergence.describe()).append('\n');
                }
            }
            if (failures.length() > 0)
            {
                fail(failures.toString());
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (final java.util.concurrent.ExecutionException ex)
        {
            throw new IllegalStateException("a seed crashed the harness (reference model defect?)", ex.getCause());
        }
        finally
        {
            executor.shutdownNow();
        }
        return total;
    }

    /**
     * Every reject reason but INTERNAL_ERROR, every expire and cancel reason, both replace outcomes; both API key
     * events (a key revoked by RevokeApiKey and by a rotation), a retried key creation, and session refusals of a
     * trader's command (an order: only a session refuses those), of an admin command and of both key commands.
     */
    static void assertEveryOutcomeCovered(final DifferentialHarness.Coverage coverage)
    {
        final List<String> missing = new ArrayList<>();
        for (final RejectReason reason : RejectReason.values())
        {
            if (reason != RejectReason.NONE && reason != RejectReason.NULL_VAL &&
                reason != RejectReason.INTERNAL_ERROR && !coverage.counts().containsKey("reject " + reason.name()))
            {
                missing.add("reject " + reason.name());
            }
        }
        for (final String key : List.of(
            "expire IOC_REMAINDER", "expire FOK_UNFILLED", "expire SELF_TRADE_PREVENTED", "expire BUDGET_EXHAUSTED",
            "cancel USER", "cancel CANCEL_ALL", "replace kept=true", "replace kept=false", "fills 4+",
            "duplicate of NONE", "balance FEE", "balance ORDER_RELEASE", "balance TRANSFER", "balance WITHDRAWAL",
            "outcome ApiKeyCreated", "outcome CommandAccepted REVOKE_API_KEY", "key revoked by RevokeApiKey",
            "key revoked by rotation", "CreateApiKey DUPLICATE_REQUEST of NONE", "CreateApiKey UNKNOWN_ACCOUNT",
            "RevokeApiKey UNKNOWN_API_KEY",
            "not authorized PLACE_ORDER", "not authorized DEPOSIT", "not authorized CREATE_API_KEY",
            "not authorized REVOKE_API_KEY"))
        {
            if (!coverage.counts().containsKey(key))
            {
                missing.add(key);
            }
        }
        assertThat(missing).as("outcomes never produced by the generated streams; coverage was:%n%s", coverage)
            .isEmpty();
    }
}
