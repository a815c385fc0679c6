/**
 * Benchmarks: JMH benchmarks of the business logic processor's hot path ({@code io.ordo.benchmarks.jmh}) and the
 * standard workload they and the end-to-end harness drive ({@code io.ordo.benchmarks.workload}). May depend on
 * every other module; nothing depends on this one.
 */
package io.ordo.benchmarks;
