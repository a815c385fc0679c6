/**
 * Placeholder: the benchmarks module is an empty shell until the benchmarks issue lands.
 * <p>
 * What will live here: JMH benchmarks of the hot path (codecs, the BLP, the rings, the journals; allocation checked
 * with {@code -prof gc}), and the end-to-end harness that drives the whole pipeline and records latency histograms.
 * JMH forks get their JVM flags from the parent pom's {@code ordo.jvm.flags}.
 * <p>
 * May depend on every other module; nothing depends on it.
 */
package io.ordo.benchmarks;
