package io.ordo.gateway.server;

import io.ordo.journal.counters.EngineCounters;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The gateway's live counters, allocated among the engine's ({@link EngineCounters}), so that {@code ordo stat}
 * shows them beside the engine's: connections, logged-in sessions, slow consumers cut off, market data
 * subscriptions moved to snapshot recovery.
 * <p>
 * Allocated on the starting thread. The connection and session counters are written by every I/O thread (atomic
 * adds); the slow-consumer and market data ones by the engine's dispatcher thread.
 */
final class GatewayCounters
{
    final AtomicCounter connectionsAccepted;
    final AtomicCounter connectionsOpen;
    final AtomicCounter sessionsLoggedIn;
    final AtomicCounter slowConsumerDisconnects;
    final AtomicCounter marketDataRecoveries;

    GatewayCounters(final EngineCounters counters)
    {
        connectionsAccepted = counters.newCounter("gateway connections accepted", EngineCounters.TYPE_TOTAL);
        connectionsOpen = counters.newCounter("gateway connections open", EngineCounters.TYPE_GAUGE);
        sessionsLoggedIn = counters.newCounter("gateway sessions logged in", EngineCounters.TYPE_GAUGE);
        slowConsumerDisconnects = counters.newCounter("gateway slow consumers disconnected",
            EngineCounters.TYPE_TOTAL);
        marketDataRecoveries = counters.newCounter("gateway market data subscriptions sent to snapshot recovery",
            EngineCounters.TYPE_TOTAL);
    }
}
