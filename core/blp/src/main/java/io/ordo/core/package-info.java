/**
 * The Ordo core: the business logic processor ({@link io.ordo.core.BusinessLogicProcessor}) and the domain it
 * owns (assets, accounts, balances and holds, instruments, order books, matching, fees, the idempotency window),
 * snapshots and the state hash. A command's path: {@link io.ordo.protocol.CommandWriter} encodes,
 * {@code BusinessLogicProcessor} decodes and validates, {@code Ledger} and {@code MatchingEngine} apply,
 * {@code EventPublisher} encodes events to an {@link io.ordo.core.EventSink}.
 * <p>
 * Depends on Agrona and the protocol ({@code io.ordo.protocol}) only. No file or network I/O, no clock, no
 * randomness, no threads: everything here is driven by one thread through plain method calls.
 */
package io.ordo.core;
