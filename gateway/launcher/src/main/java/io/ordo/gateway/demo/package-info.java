/**
 * {@code ordo demo}: drives the {@link io.ordo.core.BusinessLogicProcessor} in process with a seeded, deterministic
 * workload and reports its throughput, outcomes and final state hash.
 * <p>
 * {@link io.ordo.workload.DemoWorkload} encodes commands with {@link io.ordo.protocol.CommandWriter};
 * {@link io.ordo.workload.TrackingEventSink} decodes the BLP's events and keeps the generator's view of the open
 * orders ({@link io.ordo.workload.OpenOrders}); {@link io.ordo.gateway.demo.Demo} runs the two in chunks and
 * prints the report. All of it runs on one thread.
 * <p>
 * May depend on the public API of {@code io.ordo.core} and its codecs ({@code io.ordo.protocol.codec}), Agrona, and
 * picocli (in {@link io.ordo.gateway.demo.DemoCommand} only). No I/O other than printing the report.
 */
package io.ordo.gateway.demo;
