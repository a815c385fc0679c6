package io.ordo.peer;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The calling thread's timer slack on Linux ({@code prctl(PR_SET_TIMERSLACK)}), set for the open-loop sender as
 * Ordo's harness sets it for its own (benchmarks' {@code io.ordo.benchmarks.harness.TimerSlack}; this project cannot
 * depend on Ordo): with the default 50 us a parked sender wakes up to 50 us late, which the latency from the due time
 * would count as the engine's. Through the JNA that exchange-core's thread-affinity library brings (4.x here).
 */
final class TimerSlack
{
    private static final int PR_SET_TIMERSLACK = 29;
    private static final int PR_GET_TIMERSLACK = 30;
    private static final C LIBC = load();

    private TimerSlack()
    {
    }

    /** @return the calling thread's timer slack in ns, or -1 where it cannot be read. */
    static long current()
    {
        return LIBC == null ? -1 : LIBC.prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0);
    }

    /** @return true if the calling thread's timer slack is now {@code slackNs}. */
    static boolean set(final long slackNs)
    {
        return LIBC != null && LIBC.prctl(PR_SET_TIMERSLACK, slackNs, 0, 0, 0) == 0 && current() == slackNs;
    }

    @SuppressWarnings("deprecation")
    private static C load()
    {
        try
        {
            return Platform.isLinux() ? (C)Native.loadLibrary("c", C.class) : null;
        }
        catch (final UnsatisfiedLinkError | RuntimeException e)
        {
            return null;
        }
    }

    /** The C library's {@code prctl}. */
    public interface C extends Library
    {
        int prctl(int option, long arg2, long arg3, long arg4, long arg5);
    }
}
