/**
 * The read side (CQRS): read models built from the output events alone, through the
 * {@link io.ordo.protocol.EventAdapter}, never from the BLP's state. Each takes the output journal's records in
 * order ({@link io.ordo.read.EventRecordListener}) and is a pure function of them: the passbook
 * ({@link io.ordo.read.StatementProjection}) and balances as of a sequence ({@link io.ordo.read.BalanceProjection}).
 */
package io.ordo.read;
