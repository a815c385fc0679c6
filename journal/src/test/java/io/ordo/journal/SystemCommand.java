package io.ordo.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** For tests: runs a system command (mount, umount) and says whether it worked. */
final class SystemCommand
{
    private SystemCommand()
    {
    }

    /** @return "" if the command succeeded, else the command, its exit code and output. */
    static String run(final String... command) throws InterruptedException
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            final int exitCode = process.waitFor();
            return exitCode == 0 ? "" : String.join(" ", command) + " exited with " + exitCode + ": " + output;
        }
        catch (final IOException e)
        {
            return String.join(" ", command) + ": " + e;
        }
    }
}
