package io.ordo.gateway;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.netty.handler.ssl.SslContext;
import io.netty.util.ResourceLeakDetector;
import io.ordo.gateway.server.Gateway;
import io.ordo.gateway.server.GatewayConfig;
import io.ordo.gateway.server.ServerTls;
import io.ordo.journal.Durability;
import io.ordo.journal.EngineConfig;
import io.ordo.journal.RecoveryReport;
import io.ordo.postgres.LiveEventStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ordo server [--data DIR] [--listen HOST:PORT]}: runs the journaled engine behind the TCP gateway until
 * SIGTERM or Ctrl-C, then stops cleanly (drain, snapshot, close) and exits 0.
 * <p>
 * Runs on the calling thread, which waits; the stop runs in a shutdown hook.
 */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {
        "Starts the engine on DIR (creating DIR when it is new or empty, recovering it otherwise) and serves "
            + "clients over TCP (docs/protocol.md). On a directory without an operator key it writes one to "
            + "DIR/operator.key, readable by its owner only. SIGTERM or Ctrl-C: stops accepting, lets every command "
            + "taken reach the journals and its session, takes a snapshot, closes, exit code 0. Exit code 1 when it "
            + "cannot start (directory damaged or in use, port taken) or the engine fails." })
public final class ServerCommand implements Callable<Integer>
{
    @Mixin
    private ServerSettings settings;

    @Option(names = "--config", paramLabel = "FILE",
        description = "The configuration file (default: ordo.properties in the current directory, if there): "
            + "option=value per line, keys the long option names without dashes; a flag wins over the file.")
    private Path configFile;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
        description = "The data directory (default: ${DEFAULT-VALUE}).")
    private Path dataDirectory;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7700",
        description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    private String listen;

    @Option(names = "--sync", description = "Force each journal write to disk before acknowledging (slower).")
    private boolean sync;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
        description = "Serve TLS with the key and certificate in this PKCS#12 file.")
    private Path tlsKeystore;

    @Option(names = "--tls-password-env", paramLabel = "NAME", defaultValue = "ORDO_TLS_PASSWORD",
        description = "Environment variable holding the keystore's password (default: ${DEFAULT-VALUE}).")
    private String tlsPasswordEnv;

    @Mixin
    private EventStoreOptions eventStore;

    @Option(names = "--postgres",
        description = "Keep the event store in PostgreSQL in step while serving (docs/operations.md): in the "
            + "database of --jdbc, or else in the embedded PostgreSQL of DIR/postgres. The engine never waits for it: "
            + "when the database is down the projection lags (ordo stat) and catches up when it is back.")
    private boolean postgres;

    @Option(names = "--allow-plaintext",
        description = "Allow plaintext on an address other than loopback (refused otherwise).")
    private boolean allowPlaintext;

    @Override
    public Integer call() throws Exception
    {
        if (System.getProperty("io.netty.leakDetection.level") == null)
        {
            // Netty samples buffers for leaks and records a stack per sample: a test-time aid (the tests keep it),
            // an allocation on the hot path in production. -Dio.netty.leakDetection.level=simple brings it back.
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        final boolean fresh = !Files.isDirectory(dataDirectory) || isEmpty(dataDirectory);
        final EngineConfig engineConfig = settings.apply(new EngineConfig().dataDirectory(dataDirectory)
            .createDataDirectory(fresh).durability(sync ? Durability.SYNC : Durability.MAPPED));
        final GatewayConfig config = settings.apply(new GatewayConfig().listen(address(listen))
            .allowPlaintextRemote(allowPlaintext));
        if (tlsKeystore != null)
        {
            config.tls(tls(tlsKeystore, tlsPasswordEnv));
        }
        // The server's threads (Netty's, the queries') are started from this one and inherit where it may run.
        engineConfig.threadAffinity().keepCurrentThreadOffBlpCpu();
        final Gateway gateway = Gateway.start(engineConfig, config, dataDirectory.resolve("operator.key"));
        final boolean projecting = postgres || eventStore.jdbcUrl != null;
        final EventStoreOptions.Target database = projecting ? eventStore.open(dataDirectory) : null;
        final LiveEventStore liveStore = projecting ?
            LiveEventStore.start(gateway.engine(), database.jdbcUrl(), eventStore.schema) : null;
        final RecoveryReport report = gateway.engine().recovery();
        System.out.printf(Locale.ROOT, "ordo server: data directory %s (%s; last sequence %d)%n", dataDirectory,
            fresh ? "new" : report.snapshot() == null ? "replayed " + report.replayedCommands() + " commands" :
            "snapshot at " + report.snapshotSequence() + ", replayed " + report.replayedCommands() + " commands",
            report.lastSequence());
        if (gateway.operatorKeyCreated() != 0)
        {
            System.out.printf(Locale.ROOT, "ordo server: created the operator API key (key id %d) in %s, readable " +
                "by its owner only; the server keeps only its hash%n", gateway.operatorKeyCreated(),
                dataDirectory.resolve("operator.key"));
        }
        if (projecting)
        {
            System.out.printf(Locale.ROOT, "ordo server: keeping the event store in schema %s of %s in step (%s)%n",
                eventStore.schema, database.describe(), database.jdbcUrl());
        }
        System.out.printf(Locale.ROOT, "ordo server: listening on %s:%d (%s); stop with Ctrl-C or SIGTERM%n",
            config.listen().getHostString(), gateway.port(), tlsKeystore != null ? "TLS" : "plaintext");
        System.out.flush();

        final AtomicInteger exitCode = new AtomicInteger();
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            System.out.println("ordo server: stopping (draining, snapshot, closing)");
            try
            {
                if (liveStore != null)
                {
                    liveStore.close();
                }
                gateway.close();
                if (database != null)
                {
                    database.close();
                }
                System.out.println("ordo server: stopped");
            }
            catch (final RuntimeException | Error e)
            {
                System.out.println("ordo server: stopped with an error: " + e.getMessage());
                exitCode.compareAndSet(0, 1);
            }
            System.out.flush();
            // The exit code of a stop asked for is 0, not the JVM's 128 + signal.
            Runtime.getRuntime().halt(exitCode.get());
        }, "ordo-server-stop"));

        while (gateway.engine().failure() == null)
        {
            Thread.sleep(100);
        }
        System.out.println("ordo server: the engine stopped: " + gateway.engine().failure().getMessage());
        exitCode.set(1);
        return 1;
    }

    private static boolean isEmpty(final Path directory) throws java.io.IOException
    {
        try (Stream<Path> entries = Files.list(directory))
        {
            return entries.findAny().isEmpty();
        }
    }

    static InetSocketAddress address(final String hostAndPort)
    {
        final int colon = hostAndPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostAndPort.length() - 1)
        {
            throw new IllegalArgumentException("--listen wants HOST:PORT, got " + hostAndPort);
        }
        return new InetSocketAddress(hostAndPort.substring(0, colon),
            Integer.parseInt(hostAndPort.substring(colon + 1)));
    }

    private static SslContext tls(final Path keystore, final String passwordEnv) throws Exception
    {
        final String password = System.getenv(passwordEnv);
        if (password == null)
        {
            throw new IllegalArgumentException("--tls-keystore " + keystore + " needs its password in the " +
                "environment variable " + passwordEnv);
        }
        return ServerTls.fromPkcs12(keystore, password.toCharArray());
    }
}
