package io.ordo.gateway;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * The options of a command that talks to a running server: where it is and the operator key to log in with. A
 * picocli mixin, so that {@code example} and {@code loadgen} say it the same way.
 */
public final class ConnectOptions
{
    @Option(names = "--connect", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7700",
        description = "The server (default: ${DEFAULT-VALUE}).")
    private String connect;

    @Option(names = "--key-file", paramLabel = "FILE", defaultValue = "data/operator.key",
        description = "The operator key (default: ${DEFAULT-VALUE}).")
    private Path keyFile;

    public String host()
    {
        return ServerCommand.address(connect).getHostString();
    }

    public int port()
    {
        return ServerCommand.address(connect).getPort();
    }

    public Path keyFile()
    {
        return keyFile;
    }
}
