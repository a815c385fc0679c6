/**
 * Seeded command streams that drive the BLP, and the deliberately simple reference model the tests check it
 * against: the demo's mix ({@code ./ordo demo}), the standard benchmark mix (exchange-core's single-instrument
 * workload), and the randomized differential stream with every kind of bad input. Each stream is a pure function
 * of its seed.
 * <p>
 * Depends on the protocol and the BLP ({@code io.ordo.core}); never on the journal, threads or a clock. Used by
 * the demo, the benchmarks and the tests of every module.
 */
package io.ordo.workload;
