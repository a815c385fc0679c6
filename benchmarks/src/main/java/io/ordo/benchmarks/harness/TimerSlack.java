package io.ordo.benchmarks.harness;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The calling thread's timer slack on Linux ({@code prctl(PR_SET_TIMERSLACK)}, through JNA): how much later than
 * asked the kernel may wake a sleeping thread, 50 us by default. The open-loop sender parks until each command is
 * due; with the default slack every send may be up to 50 us late, and, as latency is measured from the due time,
 * that lateness of the load generator would count as the engine's. A thread sets its own slack without privileges.
 * <p>
 * Acts on the calling thread only.
 */
final class TimerSlack
{
    private static final int PR_SET_TIMERSLACK = 29;
    private static final int PR_GET_TIMERSLACK = 30;

    private TimerSlack()
    {
    }

    /** @return the calling thread's timer slack in ns, or -1 where it cannot be read (not Linux). */
    static long current()
    {
        final C c = C.INSTANCE;
        return c == null ? -1 : c.prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0);
    }

    /**
     * Sets the calling thread's timer slack.
     *
     * @return true if it was set.
     */
    static boolean set(final long slackNs)
    {
        final C c = C.INSTANCE;
        return c != null && c.prctl(PR_SET_TIMERSLACK, slackNs, 0, 0, 0) == 0 && current() == slackNs;
    }

    /** The C library's {@code prctl}, bound once; null off Linux or where JNA cannot load it. */
    private interface C extends Library
    {
        C INSTANCE = load();

        int prctl(int option, long arg2, long arg3, long arg4, long arg5);

        private static C load()
        {
            try
            {
                return Platform.isLinux() ? Native.load("c", C.class) : null;
            }
            catch (final UnsatisfiedLinkError | RuntimeException e)
            {
                return null;
            }
        }
    }
}
