package io.ordo.gateway;

import io.ordo.gateway.server.GatewayConfig;
import io.ordo.journal.EngineConfig;
import io.ordo.journal.pipeline.PipelineConfig;
import io.ordo.journal.pipeline.ThreadAffinity;
import io.ordo.journal.pipeline.ThreadLayout;
import io.ordo.journal.pipeline.WaitStrategyKind;
import picocli.CommandLine.Option;

/**
 * The engine's and the gateway's settings as {@code ordo server} options, each with its documented default; the
 * same names are the keys of the configuration file ({@code ordo.properties}, or {@code --config FILE}), where a flag
 * on the command line wins over the file and the file over the default. {@code ordo config --print} shows the
 * effective values and where each came from.
 * <p>
 * A picocli mixin; filled on the calling thread.
 */
public final class ServerSettings
{
    @Option(names = "--snapshot-interval", paramLabel = "COMMANDS", defaultValue = "1000000",
        description = "A snapshot every this many commands (0: only when asked; default: ${DEFAULT-VALUE}).")
    long snapshotIntervalCommands;

    @Option(names = "--snapshots-to-keep", paramLabel = "N", defaultValue = "3",
        description = "Snapshots kept (default: ${DEFAULT-VALUE}).")
    int snapshotsToKeep;

    @Option(names = "--input-ring-size", paramLabel = "SLOTS",
        defaultValue = "" + PipelineConfig.DEFAULT_INPUT_RING_SIZE,
        description = "Input ring slots, a power of two (default: ${DEFAULT-VALUE}).")
    int inputRingSize;

    @Option(names = "--output-ring-size", paramLabel = "SLOTS",
        defaultValue = "" + PipelineConfig.DEFAULT_OUTPUT_RING_SIZE,
        description = "Output ring slots, a power of two (default: ${DEFAULT-VALUE}).")
    int outputRingSize;

    @Option(names = "--input-wait-strategy", paramLabel = "KIND", defaultValue = WaitStrategyKind.DEFAULT_NAME,
        description = "How the journaller and the BLP wait: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; "
            + "busy spinning starves other threads on a small machine).")
    WaitStrategyKind inputWaitStrategy;

    @Option(names = "--output-wait-strategy", paramLabel = "KIND", defaultValue = WaitStrategyKind.DEFAULT_NAME,
        description = "How the output journaller and the dispatcher wait (default: ${DEFAULT-VALUE}).")
    WaitStrategyKind outputWaitStrategy;

    @Option(names = "--pipeline-threads", paramLabel = "LAYOUT",
        description = "Threads of the engine's pipeline: ${COMPLETION-CANDIDATES} (default: TWO_THREADS on a "
            + "machine of 2 cores or fewer, FOUR_THREADS above; THREE_THREADS trades latency for throughput there).")
    ThreadLayout pipelineThreads;

    @Option(names = "--blp-cpu", paramLabel = "CPU", defaultValue = "-1",
        description = "Give the BLP's thread this CPU to itself: it is pinned there, and the engine's and the "
            + "server's other threads to the other CPUs; -1 for no pinning (default: ${DEFAULT-VALUE}).")
    int blpCpu;

    @Option(names = "--disk-reserve-mib", paramLabel = "MIB", defaultValue = "64",
        description = "Free space the journals keep on their file system; below it the engine refuses to go on "
            + "(default: ${DEFAULT-VALUE}).")
    long diskReserveMib;

    @Option(names = "--journal-pretouch-mib", paramLabel = "MIB", defaultValue = "8",
        description = "How far ahead of the journals' write positions a thread of the engine faults their pages in, "
            + "so that the journalling threads do not wait for it; 0 for none (default: ${DEFAULT-VALUE}).")
    long journalPretouchMib;

    @Option(names = "--account-index", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Keep the index by account (DIR/index) in step with the output journal on a thread of its "
            + "own, for fast `ordo statement` (default: ${DEFAULT-VALUE}).")
    boolean accountIndex;

    @Option(names = "--max-frame-length", paramLabel = "BYTES", defaultValue = "4096",
        description = "Longest frame a client may send (default: ${DEFAULT-VALUE}).")
    int maxFrameLength;

    @Option(names = "--heartbeat-interval-ms", paramLabel = "MS", defaultValue = "5000",
        description = "Server heartbeats (default: ${DEFAULT-VALUE}).")
    int heartbeatIntervalMs;

    @Option(names = "--idle-timeout-ms", paramLabel = "MS", defaultValue = "15000",
        description = "A connection silent this long is closed (default: ${DEFAULT-VALUE}).")
    int idleTimeoutMs;

    @Option(names = "--failed-login-delay-ms", paramLabel = "MS", defaultValue = "250",
        description = "Delay before a failed login's answer (default: ${DEFAULT-VALUE}).")
    long failedLoginDelayMs;

    @Option(names = "--login-burst", paramLabel = "N", defaultValue = "5",
        description = "Failed logins an address may make at once (default: ${DEFAULT-VALUE}).")
    int loginBurst;

    @Option(names = "--login-refill-ms", paramLabel = "MS", defaultValue = "2000",
        description = "One more failed login allowed per this long (default: ${DEFAULT-VALUE}).")
    long loginRefillMs;

    @Option(names = "--max-pending-outbound-bytes", paramLabel = "BYTES", defaultValue = "16777216",
        description = "Unsent output per session before SLOW_CONSUMER (default: ${DEFAULT-VALUE}).")
    long maxPendingOutboundBytes;

    @Option(names = "--max-queued-frames", paramLabel = "N", defaultValue = "16384",
        description = "Frames queued per session before SLOW_CONSUMER (default: ${DEFAULT-VALUE}).")
    int maxQueuedFrames;

    @Option(names = "--max-subscriptions", paramLabel = "N", defaultValue = "64",
        description = "BOOK and TOP subscriptions per session (default: ${DEFAULT-VALUE}).")
    int maxSubscriptions;

    @Option(names = "--io-threads", paramLabel = "N", defaultValue = "1",
        description = "Netty I/O threads (default: ${DEFAULT-VALUE}).")
    int ioThreads;

    /** @return the engine configuration with these settings. */
    EngineConfig apply(final EngineConfig config)
    {
        return config.snapshotIntervalCommands(snapshotIntervalCommands).snapshotsToKeep(snapshotsToKeep)
            .inputRingSize(inputRingSize).outputRingSize(outputRingSize).inputWaitStrategy(inputWaitStrategy)
            .outputWaitStrategy(outputWaitStrategy).diskSpaceReserveBytes(diskReserveMib << 20)
            .pretouchAheadBytes(journalPretouchMib << 20)
            .threadLayout(pipelineThreads != null ? pipelineThreads :
                ThreadLayout.forCores(Runtime.getRuntime().availableProcessors()))
            .threadAffinity(threadAffinity())
            .accountIndex(accountIndex);
    }

    /** @return where the engine's threads run, as {@code --blp-cpu} says. */
    ThreadAffinity threadAffinity()
    {
        return blpCpu < 0 ? ThreadAffinity.NONE : ThreadAffinity.blpOn(blpCpu);
    }

    /** @return the gateway configuration with these settings. */
    GatewayConfig apply(final GatewayConfig config)
    {
        return config.maxFrameLength(maxFrameLength).heartbeatIntervalMs(heartbeatIntervalMs)
            .idleTimeoutMs(idleTimeoutMs).failedLoginDelayMs(failedLoginDelayMs).loginLimit(loginBurst, loginRefillMs)
            .maxPendingOutboundBytes(maxPendingOutboundBytes).maxQueuedFrames(maxQueuedFrames)
            .maxSubscriptions(maxSubscriptions).ioThreads(ioThreads);
    }
}
