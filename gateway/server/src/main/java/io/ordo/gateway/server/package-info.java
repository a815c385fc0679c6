/**
 * The TCP gateway: {@link io.ordo.gateway.server.Gateway} starts the journaled engine and serves clients over
 * Netty. Frames are a 4-byte little-endian length and one SBE message of {@code core}'s schema; a connection says
 * Hello, logs in with an account id and an API key, and then sends commands, which the gateway stamps with its
 * session's key id and the BLP authorises again. See docs/protocol.md.
 */
package io.ordo.gateway.server;
