package io.ordo.gateway;

import java.time.Instant;

import picocli.CommandLine.Option;

/**
 * {@code --from-time T --to-time T}: a range of recorded time (the sequencer's timestamp of the command), inclusive,
 * each bound optional. A picocli mixin, so that the read-side commands say it the same way.
 */
final class RecordedTimeOptions
{
    @Option(names = "--from-time", paramLabel = "T", converter = InstantNs.class,
        description = "Only commands recorded at or after T (UTC, e.g. 2026-12-02T18:53:05Z).")
    private Long fromTimeNs;

    @Option(names = "--to-time", paramLabel = "T", converter = InstantNs.class,
        description = "Only commands recorded at or before T (UTC).")
    private Long toTimeNs;

    /** @return whether either bound was given. */
    boolean given()
    {
        return fromTimeNs != null || toTimeNs != null;
    }

    /** @return whether a lower bound was given. */
    boolean hasFrom()
    {
        return fromTimeNs != null;
    }

    /** @return the lower bound, {@code Long.MIN_VALUE} when none was given. */
    long fromNs()
    {
        return fromTimeNs == null ? Long.MIN_VALUE : fromTimeNs;
    }

    /** @return the upper bound, {@code Long.MAX_VALUE} when none was given. */
    long toNs()
    {
        return toTimeNs == null ? Long.MAX_VALUE : toTimeNs;
    }

    boolean contains(final long timestampNs)
    {
        return timestampNs >= fromNs() && timestampNs <= toNs();
    }

    /** @return ", from T, to T" for the bounds given, "" for none. */
    String describe()
    {
        return (fromTimeNs == null ? "" : ", from " + Instant.ofEpochSecond(0, fromTimeNs)) +
            (toTimeNs == null ? "" : ", to " + Instant.ofEpochSecond(0, toTimeNs));
    }
}
