package io.ordo.journal;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a test class's {@code main} in a child JVM with this JVM's class path and the flags Chronicle needs, for
 * tests of what happens across processes (a kill, a lock held by another process).
 */
final class ChildJvm
{
    private ChildJvm()
    {
    }

    static Process start(final Class<?> mainClass, final String... arguments) throws Exception
    {
        return new ProcessBuilder(command(mainClass, List.of("-Xmx512m"), arguments))
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** @return the command line of a child JVM running {@code mainClass} with extra JVM options. */
    static List<String> command(final Class<?> mainClass, final List<String> jvmOptions, final String... arguments)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-") || argument.startsWith("-Dchronicle") ||
                argument.startsWith("--enable-native-access") || argument.startsWith("--sun-misc"))
            {
                command.add(argument);
            }
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(arguments));
        return command;
    }
}
