/**
 * The workload family: seeded command streams that drive the BLP, one generator per user, all numbering what they
 * generate with one {@link io.ordo.workload.CommandKind}, and the deliberately simple reference model the tests
 * check the BLP against. Each stream is a pure function of its seed (and of the BLP's events, which are
 * themselves a function of the commands).
 * <ul>
 * <li>{@link io.ordo.workload.DemoWorkload}: the demo's mix ({@code ./ordo demo}), every order kind, cancels,
 *     replaces, cancel-alls and ledger commands over a few instruments; appended chunk by chunk to a
 *     {@link io.ordo.workload.CommandStream}, learning open orders from events through
 *     {@link io.ordo.workload.OpenOrders} and {@link io.ordo.workload.TrackingEventSink}. Used by
 *     {@code io.ordo.gateway.demo}.</li>
 * <li>{@link io.ordo.workload.StandardWorkload}: the benchmarks' mix, exchange-core's single-instrument workload
 *     (and its multi-instrument and ledger-only variants) as set-up, pre-fill and measured
 *     {@link io.ordo.workload.CommandStream}s; {@link io.ordo.workload.WorkloadFile} exports it for
 *     exchange-core's runner ({@code benchmarks/compare.sh}). Used by the JMH benchmarks and the harness.</li>
 * <li>{@link io.ordo.workload.RandomizedWorkload}: the tests' stream of {@link io.ordo.workload.TestCommand}s
 *     with every kind of bad input, run on the BLP and the {@link io.ordo.workload.ReferenceModel} side by side by
 *     {@link io.ordo.workload.DifferentialHarness} (checked by {@link io.ordo.workload.InvariantChecker}), and
 *     replayed by the journal's tests.</li>
 * </ul>
 * Shared pieces: {@link io.ordo.workload.CommandKind} (one numbering, with display names and templateIds),
 * {@link io.ordo.workload.CommandStream} (encoded commands in one buffer with offsets, lengths, kinds and an
 * engine-neutral description), {@code RequestIds} (per-account request id counters) and
 * {@link io.ordo.workload.OpenOrders}.
 * <p>
 * Depends on the protocol and the BLP ({@code io.ordo.core}); never on the journal, the gateway, threads or a
 * clock. Used by the demo, the benchmarks and the tests of every module.
 */
package io.ordo.workload;
