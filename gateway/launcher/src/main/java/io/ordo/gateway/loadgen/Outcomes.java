package io.ordo.gateway.loadgen;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.ordo.client.CommandResult;
import io.ordo.protocol.codec.RejectReason;

/**
 * Counts the answers of a run (the load generator's, the demo's): accepted, rejected by reason, and errors (a
 * command that failed: an exception, not a rejection).
 * <p>
 * Thread safe: recorded on the clients' reader threads, read by the reporting thread.
 */
public final class Outcomes
{
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final Map<RejectReason, AtomicLong> rejections = new EnumMap<>(RejectReason.class);

    public Outcomes()
    {
        for (final RejectReason reason : RejectReason.values())
        {
            rejections.put(reason, new AtomicLong());
        }
    }

    /** One command's answer: its result, or the error it failed with. */
    public void record(final CommandResult result, final Throwable error)
    {
        if (error != null)
        {
            errors.incrementAndGet();
        }
        else if (result.accepted())
        {
            accepted.incrementAndGet();
        }
        else
        {
            rejections.get(result.reason()).incrementAndGet();
        }
    }

    public long accepted()
    {
        return accepted.get();
    }

    public long errors()
    {
        return errors.get();
    }

    /** @return the rejections so far, by reason in the schema's order; reasons with none are left out. */
    public Map<RejectReason, Long> rejections()
    {
        final Map<RejectReason, Long> nonZero = new LinkedHashMap<>();
        rejections.forEach((reason, count) ->
        {
            if (count.get() > 0)
            {
                nonZero.put(reason, count.get());
            }
        });
        return nonZero;
    }

    /** @return every rejection so far. */
    public long rejected()
    {
        return rejections().values().stream().mapToLong(Long::longValue).sum();
    }
}
