/**
 * The Java client library (issue "TCP gateway"): connects to an Ordo server, logs in, sends commands encoded with
 * {@link io.ordo.protocol.CommandWriter} and receives events through the protocol's event adapter.
 * <p>
 * Depends on {@code io.ordo.protocol} only: never on the BLP, the journal, Chronicle, the Disruptor or the
 * server. The layering test in {@code benchmarks} enforces it.
 */
package io.ordo.client;
