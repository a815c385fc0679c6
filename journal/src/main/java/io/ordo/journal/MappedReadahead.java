package io.ordo.journal;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * Turns off the kernel's readahead for faults in one memory mapping ({@code madvise(MADV_RANDOM)}, through JNA).
 * <p>
 * A fault in a mapped file that is not yet in the page cache reads ahead: the kernel brings in the device's
 * readahead window at once ({@code /sys/block/DEV/queue/read_ahead_kb}, 8 MiB on this machine's virtual disk). For
 * a journal's new, sparse cycle file that is 8 MiB of page cache allocated and zeroed inside one fault, about 21 ms
 * here, on a kernel that does not preempt a thread in a fault: whatever else was queued on that CPU waited as long
 * (docs/performance.md, "The 8 MiB stalls"). With readahead off for the mapping, each fault brings in its own page
 * and the same work comes in pieces of microseconds.
 * <p>
 * Stateless; safe from any thread. Does nothing where the C library cannot be bound (then faults read ahead as
 * before).
 */
final class MappedReadahead
{
    private static final int MADV_RANDOM = 1;
    private static final long PAGE_BYTES = 4096;

    private MappedReadahead()
    {
    }

    /**
     * @param address of the mapping (rounded down to its page).
     * @param length  of the mapping in bytes.
     * @return true if readahead is now off for that range.
     */
    static boolean turnOff(final long address, final long length)
    {
        final C c = C.INSTANCE;
        if (c == null || length <= 0)
        {
            return false;
        }
        final long start = address & ~(PAGE_BYTES - 1);
        return c.madvise(new Pointer(start), length + (address - start), MADV_RANDOM) == 0;
    }

    /** The C library's {@code madvise}, bound once; null where JNA cannot load it. */
    private interface C extends com.sun.jna.Library
    {
        C INSTANCE = load();

        int madvise(Pointer address, long length, int advice);

        private static C load()
        {
            try
            {
                return Platform.isLinux() || Platform.isMac() ? Native.load("c", C.class) : null;
            }
            catch (final UnsatisfiedLinkError | RuntimeException e)
            {
                return null;
            }
        }
    }
}
