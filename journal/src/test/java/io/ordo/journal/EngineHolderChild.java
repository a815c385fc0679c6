package io.ordo.journal;

import java.nio.file.Path;

/**
 * A process that holds an engine open on a data directory (creating it) until its standard input closes, for the
 * tests of what a second process may do meanwhile. Prints {@code S} once the engine has started.
 * Argument: the data directory.
 */
public final class EngineHolderChild
{
    private EngineHolderChild()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        try (Engine engine = Engine.start(new EngineConfig().dataDirectory(Path.of(args[0])).createDataDirectory(true)))
        {
            System.out.println("S");
            System.out.flush();
            while (System.in.read() >= 0)
            {
                // Holds the engine (and its lock) until the parent closes our standard input.
            }
        }
    }
}
