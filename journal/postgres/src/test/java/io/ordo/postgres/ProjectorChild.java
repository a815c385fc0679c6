package io.ordo.postgres;

import java.nio.file.Path;

import io.ordo.journal.DataDirectory;

/**
 * A projector in a process of its own, for the kill test: projects a data directory into a schema, printing
 * "committed SEQUENCE" after each transaction, then "done". Arguments: the directory, the JDBC URL, the schema,
 * records per transaction.
 */
public final class ProjectorChild
{
    private ProjectorChild()
    {
    }

    public static void main(final String[] args)
    {
        final PostgresProjectionRun.Result result = PostgresProjectionRun.run(new DataDirectory(Path.of(args[0])),
            args[1], args[2], false, Integer.parseInt(args[3]), records -> { }, sequence ->
            {
                System.out.println("committed " + sequence);
                System.out.flush();
            });
        System.out.println("done " + result.lastSequence());
    }
}
