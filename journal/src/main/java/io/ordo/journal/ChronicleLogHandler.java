package io.ordo.journal;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import net.openhft.chronicle.core.Jvm;
import net.openhft.chronicle.core.onoes.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chronicle's own messages as Ordo's: Chronicle reports through the error, warn, debug and perf handlers of
 * {@link Jvm}, by default to SLF4J with stack traces. Installed by {@link #install()}, errors and warnings become one
 * line each on stderr, {@code ordo: chronicle: warning: <message> (<exception>; cause: <root cause>)}, with the
 * exceptions' names and messages instead of their stack traces. Debug and performance messages go to SLF4J at debug
 * level (silent unless enabled for the Chronicle class that sends them), and so does
 * {@value #FORCED_UNLOCK_PREFIX}...: a lock that a killed process (kill -9) held, which Chronicle releases when the
 * queue is opened again; after a kill that is expected, and recovery reports what matters.
 * <p>
 * Thread safe: Chronicle calls it from any thread.
 */
final class ChronicleLogHandler implements ExceptionHandler
{
    static final String PREFIX = "ordo: chronicle: ";
    static final String FORCED_UNLOCK_PREFIX = "Forced unlocking";
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private final String level;
    private final Supplier<PrintStream> err;

    /**
     * @param level "error" or "warning" (printed), or null for debug (to SLF4J at debug level).
     * @param err   where printed lines go.
     */
    ChronicleLogHandler(final String level, final Supplier<PrintStream> err)
    {
        this.level = level;
        this.err = err;
    }

    /** Installs the handlers for the whole JVM, once; called before a journal is opened. */
    static void install()
    {
        if (INSTALLED.compareAndSet(false, true))
        {
            final Supplier<PrintStream> stderr = () -> System.err;
            final ChronicleLogHandler debug = new ChronicleLogHandler(null, stderr);
            Jvm.setExceptionHandlers(
                new ChronicleLogHandler("error", stderr), new ChronicleLogHandler("warning", stderr), debug, debug);
        }
    }

    @Override
    public void on(final Class<?> source, final String message, final Throwable thrown)
    {
        on(LoggerFactory.getLogger(source), message, thrown);
    }

    @Override
    public void on(final Logger logger, final String message, final Throwable thrown)
    {
        final String text = oneLine(message, thrown);
        if (level == null || (message != null && message.startsWith(FORCED_UNLOCK_PREFIX)))
        {
            logger.debug(text);
            return;
        }
        err.get().println(PREFIX + level + ": " + text);
    }

    @Override
    public boolean isEnabled(final Class<?> source)
    {
        return level != null || LoggerFactory.getLogger(source).isDebugEnabled();
    }

    /** The message and, in parentheses, the exception and its root cause by name and message: no stack trace. */
    static String oneLine(final String message, final Throwable thrown)
    {
        final StringBuilder text = new StringBuilder(message == null ? "" : message);
        if (thrown != null)
        {
            Throwable root = thrown;
            while (root.getCause() != null && root.getCause() != root)
            {
                root = root.getCause();
            }
            text.append(text.length() == 0 ? "(" : " (").append(describe(thrown));
            if (root != thrown)
            {
                text.append("; cause: ").append(describe(root));
            }
            text.append(')');
        }
        return text.toString().replaceAll("\\s*\\R\\s*", " ");
    }

    /** Name and message; not a message that only repeats the cause (as {@code new Exception(cause)} makes). */
    private static String describe(final Throwable thrown)
    {
        final String name = thrown.getClass().getSimpleName();
        final String message = thrown.getMessage();
        final boolean repeatsCause = thrown.getCause() != null && thrown.getCause().toString().equals(message);
        return message == null || message.isEmpty() || repeatsCause ? name : name + ": " + message;
    }
}
