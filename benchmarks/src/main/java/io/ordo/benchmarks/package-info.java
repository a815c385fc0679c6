/**
 * Benchmarks: JMH benchmarks of the business logic processor's hot path ({@code io.ordo.benchmarks.jmh}) and the
 * end-to-end harness ({@code io.ordo.benchmarks.harness}), both driven by the standard workload of
 * {@code io.ordo.workload}. May depend on every other module; nothing depends on this one.
 */
package io.ordo.benchmarks;
