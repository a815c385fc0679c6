package io.ordo.gateway.server;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed logins per remote address with a token bucket: each address may fail {@code burst} times, then
 * once per {@code refillNs}. While an address has no token left its logins are refused unchecked, answered like
 * any failed login. Successful logins take no token.
 * <p>
 * Thread safe: called on the I/O threads. The table is bounded: past {@link #MAX_ADDRESSES} it is cleared (a flood
 * from that many addresses is not stopped by a per-address limit anyway).
 */
final class LoginThrottle
{
    static final int MAX_ADDRESSES = 65_536;

    private final int burst;
    private final long refillNs;
    private final ConcurrentHashMap<InetAddress, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket
    {
        double tokens;
        long updatedNs;
    }

    LoginThrottle(final int burst, final long refillNs)
    {
        this.burst = burst;
        this.refillNs = refillNs;
    }

    /** @return whether a login from this address may be checked now. */
    boolean mayTry(final InetAddress address, final long nowNs)
    {
        final Bucket bucket = buckets.get(address);
        if (bucket == null)
        {
            return true;
        }
        synchronized (bucket)
        {
            refill(bucket, nowNs);
            return bucket.tokens >= 1;
        }
    }

    /** Takes a token for a failed login. */
    void onFailure(final InetAddress address, final long nowNs)
    {
        if (buckets.size() >= MAX_ADDRESSES)
        {
            buckets.clear();
        }
        final Bucket bucket = buckets.computeIfAbsent(address, a ->
        {
            final Bucket fresh = new Bucket();
            fresh.tokens = burst;
            fresh.updatedNs = nowNs;
            return fresh;
        });
        synchronized (bucket)
        {
            refill(bucket, nowNs);
            bucket.tokens = Math.max(0, bucket.tokens - 1);
        }
    }

    private void refill(final Bucket bucket, final long nowNs)
    {
        final long elapsedNs = nowNs - bucket.updatedNs;
        if (elapsedNs > 0)
        {
            bucket.tokens = Math.min(burst, bucket.tokens + (double)elapsedNs / refillNs);
            bucket.updatedNs = nowNs;
        }
    }
}
