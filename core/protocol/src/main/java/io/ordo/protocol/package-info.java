/**
 * The wire protocol: the SBE schema ({@code sbe/ordo-schema.xml}) and its generated flyweights in
 * {@code io.ordo.protocol.codec}, {@link io.ordo.protocol.CommandWriter} (encodes commands) and
 * {@link io.ordo.protocol.Codes} (the schema's enum values as bytes for the hot path).
 * <p>
 * Depends on Agrona only. The BLP, the journal, the server and the client library all speak it; the client
 * library depends on this module alone.
 */
package io.ordo.protocol;
