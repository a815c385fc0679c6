package io.ordo.gateway;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.ordo.client.ApiKeyFile;
import io.ordo.client.ClientConfig;
import io.ordo.client.OrdoClient;
import io.ordo.client.StatementPage;

/**
 * An account's statement lines from a running server ({@code QueryStatement} pages), for the read-side commands'
 * {@code --connect}: logs in with a key file, reads every page, logs out. Failures become one-line
 * {@link IllegalStateException}s naming the server.
 * <p>
 * Runs on the calling thread (the client's own threads do the I/O).
 */
final class RemoteStatement
{
    private static final long QUERY_TIMEOUT_S = 60;

    private RemoteStatement()
    {
    }

    /**
     * @param assetId    0 for every asset.
     * @param toSequence {@code Long.MAX_VALUE} for as far as journaled.
     */
    static List<StatementPage.Line> read(final String connect, final Path keyFile, final long accountId,
        final int assetId, final long fromSequence, final long toSequence)
    {
        final ApiKeyFile key;
        try
        {
            key = ApiKeyFile.read(keyFile);
        }
        catch (final IOException e)
        {
            throw new IllegalArgumentException("cannot read the key file " + keyFile + ": " + e.getMessage(), e);
        }
        try (OrdoClient client = OrdoClient.connect(new ClientConfig()
            .server(ServerCommand.address(connect).getHostString(), ServerCommand.address(connect).getPort())
            .login(key)))
        {
            return client.statement(accountId, assetId, fromSequence,
                toSequence == Long.MAX_VALUE ? 0 : toSequence).get(QUERY_TIMEOUT_S, TimeUnit.SECONDS);
        }
        catch (final ExecutionException e)
        {
            throw new IllegalStateException("the server at " + connect + " refused the statement: " +
                e.getCause().getMessage(), e.getCause());
        }
        catch (final InterruptedException | TimeoutException e)
        {
            throw new IllegalStateException("no statement from " + connect + " within " + QUERY_TIMEOUT_S + " s", e);
        }
        catch (final IOException e)
        {
            throw new IllegalStateException("cannot connect to " + connect + ": " + e.getMessage(), e);
        }
    }
}
