/**
 * The Ordo core: the business logic processor ({@link io.ordo.core.BusinessLogicProcessor}) and the domain it
 * owns, snapshots and the state hash.
 * <p>
 * A command's path: {@link io.ordo.protocol.CommandWriter} encodes it; {@code CommandAdapter} checks the frame and
 * decodes it into {@code CommandListener} calls; the BLP, through a private listener, looks the account up once, asks
 * {@code RequestDeduplicator} whether the command is a retry, and runs the command's handler, which validates,
 * publishes the outcome and applies the command through {@code Ledger} and {@code MatchingEngine};
 * {@code EventPublisher} encodes every event to an {@link io.ordo.core.EventSink}.
 * <p>
 * What lives here, one job each:
 * <ul>
 *     <li>{@code CommandAdapter}, {@code CommandListener}: the one decoder of commands and its callbacks;</li>
 *     <li>{@code BusinessLogicProcessor}: the handlers, one entry point, exactly one outcome per command;</li>
 *     <li>{@code RequestDeduplicator} (over {@code RequestWindow}): idempotency by (account, client request id);
 *     </li>
 *     <li>{@code Ledger}, {@code Account}, {@code Asset}: balances and holds, changed only by
 *     {@code Ledger.change};</li>
 *     <li>{@code InstrumentRegistry}, {@code Instrument}: instruments by id and by rank, each with its book;</li>
 *     <li>{@code MatchingEngine}, {@code BookSide}, {@code PriceLevel}, {@code Order}: orders, books, matching,
 *     settlement and fees ({@code FixedPoint});</li>
 *     <li>{@code EventPublisher}, {@link io.ordo.core.EventSink}: encoding the events, and where they go;</li>
 *     <li>{@link io.ordo.core.BlpSnapshotTaker}, {@link io.ordo.core.BlpSnapshotLoader},
 *     {@code SnapshotFormat}, {@code StateHasher}: snapshots and the state hash.</li>
 * </ul>
 * <p>
 * Depends on Agrona and the protocol ({@code io.ordo.protocol}) only. No file or network I/O, no clock, no
 * randomness, no threads: everything here is driven by one thread through plain method calls.
 */
package io.ordo.core;
