/**
 * The wire protocol: the SBE schema ({@code sbe/ordo-schema.xml}) and its generated flyweights in
 * {@code io.ordo.protocol.codec}, {@link io.ordo.protocol.CommandWriter} (encodes commands) and
 * {@link io.ordo.protocol.Codes} (the schema's enum values as bytes for the hot path).
 * <p>
 * Reading events: {@link io.ordo.protocol.EventAdapter} is the one decoder of the event stream. It decodes one
 * event ({@code onEvent}) or the events of one command stored back to back ({@code onEvents}) and calls an
 * {@link io.ordo.protocol.EventListener}: {@code onTrade}, {@code onBalanceChanged}, ... with the fields as
 * primitives, and {@code onUnknownEvent} or {@code onMalformedEvent} for anything it cannot decode, never throwing.
 * Every reader of events goes through it (the text forms, the demo's order tracker, the journal's tools, tests,
 * the client); none switches on template ids itself. It allocates nothing per event; one adapter per thread.
 * <p>
 * Depends on Agrona only. The BLP, the journal, the server and the client library all speak it; the client
 * library depends on this module alone.
 */
package io.ordo.protocol;
