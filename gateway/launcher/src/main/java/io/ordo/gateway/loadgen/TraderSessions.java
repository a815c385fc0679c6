package io.ordo.gateway.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

import io.ordo.client.ApiKeyFile;
import io.ordo.client.ClientConfig;
import io.ordo.client.CommandResult;
import io.ordo.client.OrdoClient;
import io.ordo.protocol.EventListener;
import io.ordo.protocol.codec.KeyRole;
import io.ordo.protocol.codec.RejectReason;

/**
 * Sets up trading sessions on a running server with the operator key: assets 1 (8 decimals) and 2 (2 decimals) and
 * instrument {@value #INSTRUMENT} (lot 1, tick 1), each created unless it exists; then per session an account
 * (opened unless it exists), funded, with a new trader key, and a logged-in session with an {@link OrderFlow}.
 * <p>
 * Runs on the calling thread.
 */
public final class TraderSessions
{
    /** The instrument the sessions trade. */
    public static final int INSTRUMENT = 900;

    private TraderSessions()
    {
    }

    /**
     * @param listeners the event listener of each account's session (null for none).
     * @return one order flow per session, accounts {@code accountBase}, {@code accountBase + 1}, ...
     */
    public static List<OrderFlow> open(final String host, final int port, final ApiKeyFile operatorKey,
        final int sessions, final long accountBase, final LongFunction<EventListener> listeners) throws Exception
    {
        final List<OrderFlow> flows = new ArrayList<>();
        try (OrdoClient operator = OrdoClient.connect(new ClientConfig().server(host, port).login(operatorKey)))
        {
            allowExisting(operator.createAsset(1, 8).join());
            allowExisting(operator.createAsset(2, 2).join());
            allowExisting(operator.createInstrument(INSTRUMENT, 1, 2, 100, 200, 1, 1, 1, 1_000_000, 1,
                1_000_000_000L).join());
            for (int i = 0; i < sessions; i++)
            {
                final long account = accountBase + i;
                allowExisting(operator.openAccount(account).join());
                require(operator.deposit(account, 1, 1_000_000_000_000L).join(), "deposit");
                require(operator.deposit(account, 2, 1_000_000_000_000_000L).join(), "deposit");
                final CommandResult key = require(operator.createApiKey(account, KeyRole.TRADER).join(), "key");
                final ClientConfig config = new ClientConfig().server(host, port).login(account, key.apiKey());
                final EventListener listener = listeners.apply(account);
                if (listener != null)
                {
                    config.eventListener(listener);
                }
                flows.add(new OrderFlow(OrdoClient.connect(config), INSTRUMENT));
            }
        }
        catch (final Exception | Error e)
        {
            flows.forEach(flow -> flow.client().close());
            throw e;
        }
        return flows;
    }

    private static void allowExisting(final CommandResult result)
    {
        if (!result.accepted() && result.reason() != RejectReason.ASSET_EXISTS &&
            result.reason() != RejectReason.INSTRUMENT_EXISTS && result.reason() != RejectReason.ACCOUNT_EXISTS)
        {
            throw new IllegalStateException("setup command rejected: " + result);
        }
    }

    private static CommandResult require(final CommandResult result, final String what)
    {
        if (!result.accepted())
        {
            throw new IllegalStateException(what + " rejected: " + result);
        }
        return result;
    }
}
