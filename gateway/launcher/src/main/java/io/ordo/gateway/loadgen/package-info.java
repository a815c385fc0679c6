/**
 * {@code ordo loadgen}: an open-loop load generator for a running server, over the client library.
 */
package io.ordo.gateway.loadgen;
