/**
 * The {@code ordo} command-line launcher ({@link io.ordo.gateway.OrdoLauncher}, picocli) and, with later issues,
 * the TCP gateway and the client library.
 * <p>
 * May depend on {@code io.ordo.core}, {@code io.ordo.journal}, Agrona and picocli. Only {@code benchmarks}
 * may depend on this module.
 */
package io.ordo.gateway;
