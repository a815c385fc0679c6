package io.ordo.benchmarks.jmh;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import io.ordo.benchmarks.IsolatedWorkload;
import io.ordo.workload.CommandStream;
import io.ordo.workload.StandardWorkload;
import io.ordo.core.BlpConfig;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.core.EventSink;
import org.agrona.DirectBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The BLP alone on the standard workload: commands per second of {@code onCommand}, events going to a sink that
 * only counts them. Each invocation applies the next {@value #CHUNK} commands of the measured stream; a fresh BLP
 * (set-up and pre-fill applied, not measured) starts every iteration, and again if an iteration reaches the end
 * of the stream (make {@code commands} large enough that it does not: rebuilding allocates).
 * <p>
 * JMH state: one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BlpWorkloadBenchmark
{
    static final int CHUNK = 1_024;

    @Param("3000000")
    int commands;

    @Param("42")
    long seed;

    /** STANDARD, MULTI_INSTRUMENT or LEDGER_ONLY (-p variant=...). */
    @Param("STANDARD")
    StandardWorkload.Variant variant;

    private StandardWorkload workload;
    private CommandStream stream;
    private BusinessLogicProcessor blp;
    private int cursor;
    private long events;
    private final EventSink countingSink = (buffer, offset, length) -> events++;

    @Setup(Level.Trial)
    public void generate() throws IOException
    {
        workload = IsolatedWorkload.generate(seed, variant, commands);
        stream = workload.measured();
        System.out.println();
        System.out.println(variant + " workload, seed " + seed + ": " + workload.mix());
    }

    @Setup(Level.Iteration)
    public void prepare()
    {
        blp = workload.newPreparedBlp(new BlpConfig(), countingSink);
        cursor = 0;
    }

    @Benchmark
    @OperationsPerInvocation(CHUNK)
    public long standardWorkload()
    {
        if (cursor + CHUNK > stream.count())
        {
            prepare();
        }
        final DirectBuffer commands = stream.commands();
        final BusinessLogicProcessor blp = this.blp;
        for (int i = cursor, end = cursor + CHUNK; i < end; i++)
        {
            blp.onCommand(commands, stream.offset(i), stream.length(i));
        }
        cursor += CHUNK;
        return events;
    }
}
