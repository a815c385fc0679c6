package io.ordo.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.ordo.workload.StandardWorkload;

/**
 * Generates a {@link StandardWorkload} in a class loader of its own, then reads it into this one.
 * <p>
 * The generator runs every command through a BLP of its own, with a different event sink than the engine's. In the
 * same class loader that BLP would share its classes, and so the JIT's profiles, with the engine measured after it:
 * call sites the engine sees with one receiver type would have been profiled with two, and code compiled for the
 * generator would be deoptimised and recompiled under the measurement. A server runs no generator, so the harness
 * keeps the generator's classes apart (the same jars, loaded again under the platform class loader) and hands the
 * workload over as bytes ({@link StandardWorkload#writeTo}, {@link StandardWorkload#readFrom}, through a temporary
 * file).
 * <p>
 * Used by the end-to-end harness and the JMH workload benchmark. Stateless; safe from any thread.
 */
public final class IsolatedWorkload
{
    private IsolatedWorkload()
    {
    }

    public static StandardWorkload generate(final long seed, final StandardWorkload.Variant variant, final int commands)
        throws IOException
    {
        final Path file = Files.createTempFile("ordo-workload-", ".bin");
        try (URLClassLoader loader = new URLClassLoader("ordo-workload-generator", classPath(),
            ClassLoader.getPlatformClassLoader()))
        {
            final Class<?> workloadClass = loader.loadClass(StandardWorkload.class.getName());
            if (workloadClass == StandardWorkload.class)
            {
                throw new IllegalStateException("the generator's class loader shares the engine's classes");
            }
            @SuppressWarnings({"unchecked", "rawtypes"})
            final Class<? extends Enum> variantClass =
                (Class<? extends Enum>)loader.loadClass(StandardWorkload.Variant.class.getName());
            @SuppressWarnings("unchecked")
            final Object isolatedVariant = Enum.valueOf(variantClass, variant.name());
            final Object workload = workloadClass.getMethod("generate", long.class, variantClass, int.class)
                .invoke(null, seed, isolatedVariant, commands);
            try (OutputStream out = Files.newOutputStream(file))
            {
                workloadClass.getMethod("writeTo", OutputStream.class).invoke(workload, out);
            }
        }
        catch (final ReflectiveOperationException e)
        {
            final Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
            throw new IllegalStateException("generating the workload in its own class loader failed: " + cause,
                cause);
        }
        try (InputStream in = Files.newInputStream(file))
        {
            return StandardWorkload.readFrom(in);
        }
        finally
        {
            Files.deleteIfExists(file);
        }
    }

    /** @return this JVM's class path (a jar's manifest Class-Path is followed by the class loader itself). */
    private static URL[] classPath() throws IOException
    {
        final List<URL> urls = new ArrayList<>();
        for (final String entry : System.getProperty("java.class.path").split(File.pathSeparator))
        {
            if (!entry.isEmpty())
            {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return urls.toArray(new URL[0]);
    }
}
