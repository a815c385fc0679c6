/**
 * The {@code ordo} command-line launcher ({@link io.ordo.gateway.OrdoLauncher}, picocli): the demo, replay, verify,
 * recover and repair; the TCP server joins it here (module {@code gateway/launcher}).
 * <p>
 * May depend on everything but the benchmarks: the protocol, the BLP, the workloads (for the demo), the journal,
 * Agrona and picocli. Nothing depends on it.
 */
package io.ordo.gateway;
