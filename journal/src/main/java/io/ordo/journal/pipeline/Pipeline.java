package io.ordo.journal.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.ordo.journal.counters.EngineCounters;
import org.agrona.DirectBuffer;

/**
 * The running pipeline: input ring (journaller, then BLP) and output ring (output journaller, then result
 * dispatcher), on four threads, three or two ({@link ThreadLayout}). See the package documentation for the flow.
 * <p>
 * {@link #submit} is safe from any number of threads (from one only if configured as a single submitter).
 * {@link #close()} stops taking commands, drains both rings (every submitted command is journaled, applied, its
 * events journaled and dispatched) and closes the journals. If a handler fails (a journal cannot write), the
 * pipeline stops where it is: {@link #failure()} says why (the first failure, if handlers of both rings fail),
 * {@code submit} refuses, and nothing after the failed step is applied or acknowledged.
 */
public final class Pipeline implements AutoCloseable
{
    private static final long SHUTDOWN_POLL_NS = 100_000;
    /**
     * How long {@link #submit} parks per input slot when it finds the ring full: a conservative time for the BLP to
     * take one command, so that one park frees a good part of the ring instead of a few slots.
     */
    static final long FULL_RING_PARK_NS_PER_SLOT = 50;
    /** Longest park of {@link #submit} on a full ring. */
    static final long MAX_FULL_RING_PARK_NS = 1_000_000;

    private final PipelineConfig config;
    private final Disruptor<CommandSlots> input;
    private final Disruptor<EventSlots> output;
    private final RingBuffer<CommandSlots> inputRing;
    private final CommandSlots inputSlots;
    private final ResultDispatcher dispatcher;
    private final BlpHandler blpHandler;
    /** The processor that finishes with a slot of each ring: what {@link #close()} waits for. */
    private final CappedBatchProcessorFactory<CommandSlots> inputLast;
    private final CappedBatchProcessorFactory<EventSlots> outputLast;
    private final int maxCommandLength;
    private final long fullRingParkNs;
    private final FirstFailure failures = new FirstFailure();
    /** The handler threads (four or two, see {@link ThreadLayout}), created when the rings start. */
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    public Pipeline(final PipelineConfig config)
    {
        if (config.blp() == null || config.blpSink() == null)
        {
            throw new IllegalArgumentException("PipelineConfig needs the BLP and the sink it was built with");
        }
        if (config.nextSequence() < 1)
        {
            throw new IllegalArgumentException("nextSequence must be >= 1: " + config.nextSequence());
        }
        if (config.snapshotIntervalCommands() < 0)
        {
            throw new IllegalArgumentException("snapshotIntervalCommands must be >= 0: " +
                config.snapshotIntervalCommands());
        }
        if (config.maxCommandLength() < 1)
        {
            throw new IllegalArgumentException("maxCommandLength must be >= 1: " + config.maxCommandLength());
        }
        this.config = config;
        this.maxCommandLength = config.maxCommandLength();
        this.fullRingParkNs = Math.min(MAX_FULL_RING_PARK_NS, FULL_RING_PARK_NS_PER_SLOT * config.inputRingSize());
        final ExceptionHandler<Object> failureHandler = new FailureHandler();
        final EngineCounters counters = config.counters();
        dispatcher = new ResultDispatcher(counters);

        final ThreadLayout layout = config.threadLayout();
        final boolean twoThreads = layout == ThreadLayout.TWO_THREADS;
        // The output side on one thread (journal a run, then dispatch it): in two layouts.
        final boolean chainedOutput = twoThreads || layout == ThreadLayout.THREE_THREADS;
        final ThreadAffinity affinity = config.threadAffinity();
        // Every entry of a ring is the ring's one slots object: the handlers find their slot by ring sequence.
        final EventSlots outputSlots = new EventSlots(config.outputRingSize());
        final WaitStrategy outputWaitStrategy = config.outputWaitStrategy().newWaitStrategy();
        final EventJournallerHandler eventJournaller =
            new EventJournallerHandler(config.eventJournal(), counters, new GateSignal(outputWaitStrategy));
        output = new Disruptor<>(
            () -> outputSlots, config.outputRingSize(),
            chainedOutput ?
                namedThreads(threads, config.threadNamePrefix(), affinity, -1, "event-journaller-dispatcher") :
                namedThreads(threads, config.threadNamePrefix(), affinity, -1, "event-journaller", "dispatcher"),
            ProducerType.SINGLE, outputWaitStrategy);
        outputLast = handleInTurn(output, eventJournaller, dispatcher, chainedOutput, failureHandler);

        blpHandler = new BlpHandler(
            config.blp(), output.getRingBuffer(), outputSlots, config.snapshotListener(),
            config.snapshotIntervalCommands(), failures);
        inputSlots = new CommandSlots(config.inputRingSize(), maxCommandLength);
        final WaitStrategy inputWaitStrategy = config.inputWaitStrategy().newWaitStrategy();
        input = new Disruptor<>(
            () -> inputSlots, config.inputRingSize(),
            twoThreads ? namedThreads(threads, config.threadNamePrefix(), affinity, 0, "journaller-blp") :
                namedThreads(threads, config.threadNamePrefix(), affinity, 1, "journaller", "blp"),
            config.singleSubmitter() ? ProducerType.SINGLE : ProducerType.MULTI,
            inputWaitStrategy);
        final JournallerHandler journaller = new JournallerHandler(config.commandJournal(), config.clock(),
            config.nextSequence(), config.lastTimestampNs(), counters, input.getRingBuffer(),
            new GateSignal(inputWaitStrategy));
        inputLast = handleInTurn(input, journaller, blpHandler, twoThreads, failureHandler);

        config.blpSink().target(blpHandler);
        output.start();
        inputRing = input.start();
    }

    /**
     * Submits one encoded command: copies it into the next input slot and publishes it. Waits while the input
     * ring is full (back pressure), unless the pipeline fails meanwhile (its handlers then take nothing more). The
     * listener is called once the command's events are in the output journal.
     *
     * @param listener for the result, or null if the submitter does not want it.
     * @throws IllegalArgumentException if the frame is longer than the configured maximum.
     * @throws IllegalStateException    once the pipeline is closed or has failed.
     */
    public void submit(final DirectBuffer buffer, final int offset, final int length, final ResultListener listener)
    {
        if (length < 0 || length > maxCommandLength)
        {
            throw new IllegalArgumentException("command length must be 0.." + maxCommandLength + ": " + length);
        }
        checkRunning();
        long sequence;
        while (true)
        {
            try
            {
                sequence = inputRing.tryNext();
                break;
            }
            catch (final InsufficientCapacityException full)
            {
                // Full ring: a failed handler would never free a slot, and next() would wait for ever. One park
                // long enough for the BLP to free a good part of the ring: waking for each few freed slots cost
                // the submitter half its CPU in context switches (docs/performance.md, "Waiting on a full ring").
                checkRunning();
                LockSupport.parkNanos(fullRingParkNs);
            }
        }
        publish(sequence, buffer, offset, length, listener);
    }

    /**
     * Submits one encoded command if the input ring has a free slot now, as {@link #submit} does; never waits.
     * What a network gateway calls: when the ring is full it answers "busy" instead of holding up its I/O thread.
     *
     * @return true if the command was taken, false if the ring was full (nothing was taken).
     * @throws IllegalArgumentException if the frame is longer than the configured maximum.
     * @throws IllegalStateException    once the pipeline is closed or has failed.
     */
    public boolean trySubmit(
        final DirectBuffer buffer, final int offset, final int length, final ResultListener listener)
    {
        if (length < 0 || length > maxCommandLength)
        {
            throw new IllegalArgumentException("command length must be 0.." + maxCommandLength + ": " + length);
        }
        checkRunning();
        final long sequence;
        try
        {
            sequence = inputRing.tryNext();
        }
        catch (final InsufficientCapacityException full)
        {
            return false;
        }
        publish(sequence, buffer, offset, length, listener);
        return true;
    }

    private void publish(
        final long sequence, final DirectBuffer buffer, final int offset, final int length,
        final ResultListener listener)
    {
        try
        {
            final int slot = inputSlots.slotOffset(sequence);
            inputSlots.buffer.putBytes(slot + CommandSlots.COMMAND_OFFSET, buffer, offset, length);
            inputSlots.length(slot, length);
            inputSlots.listener(sequence, listener);
        }
        finally
        {
            inputRing.publish(sequence);
        }
    }

    private void checkRunning()
    {
        final Throwable failure = failures.failure();
        if (failure != null)
        {
            throw new IllegalStateException("pipeline failed: " + failure, failure);
        }
        if (closed)
        {
            throw new IllegalStateException("pipeline closed");
        }
    }

    /** @return why the pipeline stopped (the first handler failure), or null while it is healthy. */
    public Throwable failure()
    {
        return failures.failure();
    }

    /** @return how many handler failures came after the first (each stopped its handler's thread too). */
    public long laterFailures()
    {
        return failures.laterFailures();
    }

    /** @return how many result listener calls threw; the pipeline carried on past each. */
    public long listenerFailures()
    {
        return dispatcher.listenerFailures();
    }

    public PipelineConfig config()
    {
        return config;
    }

    /**
     * Stops taking commands, drains both rings and closes both journals. After it returns the BLP may be read
     * from the calling thread. Idempotent. Stop the submitters first: a submit racing this call is either refused
     * or drained, except one that claims its slot after the last check, which is not processed.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        drain(input, inputLast);
        drain(output, outputLast);
        // After a failure the drains only halted the rings: a handler of the other ring may still be in the middle
        // of an append, and closing its journal (unmapping the file) under it would crash the JVM.
        awaitHandlerThreads();
        config.commandJournal().close();
        config.eventJournal().close();
    }

    private void awaitHandlerThreads()
    {
        boolean interrupted = false;
        for (final Thread thread : threads)
        {
            while (thread.isAlive())
            {
                try
                {
                    thread.join();
                }
                catch (final InterruptedException e)
                {
                    interrupted = true;
                }
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sets up a ring's two handlers, the second gated by the first: on one thread ({@link ChainedHandler}) or on a
     * thread each. Every processor's batches are capped ({@link CappedBatchProcessorFactory}).
     *
     * @return the factory of the processor that finishes with each slot: what {@link #drain} waits for.
     */
    private static <T> CappedBatchProcessorFactory<T> handleInTurn(
        final Disruptor<T> disruptor, final EventHandler<T> first, final EventHandler<T> second,
        final boolean oneThread, final ExceptionHandler<Object> failureHandler)
    {
        if (oneThread)
        {
            final CappedBatchProcessorFactory<T> chained = new CappedBatchProcessorFactory<>(
                new ChainedHandler<>(first, second, disruptor.getRingBuffer()), failureHandler);
            disruptor.handleEventsWith(chained);
            return chained;
        }
        final CappedBatchProcessorFactory<T> last = new CappedBatchProcessorFactory<>(second, failureHandler);
        disruptor.handleEventsWith(new CappedBatchProcessorFactory<>(first, failureHandler)).then(last);
        return last;
    }

    /**
     * Waits until the last handler of a ring has processed everything published to it, then stops the ring's
     * threads. (Disruptor's own shutdown counts only handlers already running, so right after start it could stop
     * a ring with work still in it.) Stops waiting if a handler has failed: that handler will process nothing more.
     */
    private void drain(final Disruptor<?> disruptor, final CappedBatchProcessorFactory<?> last)
    {
        long cursor;
        do
        {
            cursor = disruptor.getCursor();
            while (last.handledSequence() < cursor)
            {
                if (failures.failure() != null)
                {
                    disruptor.halt();
                    return;
                }
                LockSupport.parkNanos(SHUTDOWN_POLL_NS);
            }
        }
        while (cursor != disruptor.getCursor());
        disruptor.halt();
    }

    /**
     * @param blpThread the index, in {@code names}, of the thread that runs the BLP, or -1 if none does: it is pinned
     *                  to the BLP's CPU, every other thread kept off it (if {@code affinity} says so).
     */
    private static ThreadFactory namedThreads(
        final List<Thread> created, final String prefix, final ThreadAffinity affinity, final int blpThread,
        final String... names)
    {
        final AtomicInteger count = new AtomicInteger();
        return runnable ->
        {
            final int index = count.getAndIncrement();
            final Thread thread = new Thread(
                index == blpThread ? affinity.onBlpCpu(runnable) : affinity.offBlpCpu(runnable),
                prefix + (index < names.length ? names[index] : names[names.length - 1] + "-" + index));
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler(Pipeline::onUncaughtException);
            created.add(thread);
            return thread;
        };
    }

    /**
     * A handler thread stopped by {@link FailureHandler} ends quietly: its failure is {@link #failure()}'s to report
     * (one line, by whoever runs the engine), not a stack trace on stderr. Anything else is printed as usual.
     */
    private static void onUncaughtException(final Thread thread, final Throwable failure)
    {
        if (!(failure instanceof HandlerStopped))
        {
            thread.getThreadGroup().uncaughtException(thread, failure);
        }
    }

    /** Thrown by {@link FailureHandler} to end a failed handler's thread; the failure itself is its cause. */
    private static final class HandlerStopped extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        HandlerStopped(final String message, final Throwable cause)
        {
            super(message, cause, false, false);
        }
    }

    /**
     * Records the first failure (later ones are counted) and stops the failing handler's thread without advancing
     * its sequence, so nothing downstream of the failed step happens. Called on the handler threads of both rings.
     */
    private final class FailureHandler implements ExceptionHandler<Object>
    {
        @Override
        public void handleEventException(final Throwable ex, final long sequence, final Object event)
        {
            failures.onFailure(ex);
            throw new HandlerStopped("pipeline handler failed at ring sequence " + sequence, ex);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            failures.onFailure(ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            failures.onFailure(ex);
        }
    }
}
