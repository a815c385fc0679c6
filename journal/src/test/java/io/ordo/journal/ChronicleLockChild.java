package io.ordo.journal;

import java.nio.file.Path;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The processes {@link ChronicleLogHandlerTest} runs. {@code hold DIR}: opens the input journal of the data
 * directory DIR, begins writing a record (which takes the queue's write lock), prints {@code L} and waits to be
 * killed, the way a kill -9 finds a journaller in the middle of an append. {@code restart DIR N}: starts an engine on
 * DIR (recovery), submits N commands, closes it and prints {@code R <last sequence>}.
 */
public final class ChronicleLockChild
{
    private ChronicleLockChild()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final DataDirectory directory = new DataDirectory(Path.of(args[1]));
        if (args[0].equals("hold"))
        {
            final long next = Recovery.JournalEnd.of(directory.inputJournal(), "input journal").lastSequence + 1;
            final SingleChronicleQueue queue = DataDirectory.openQueue(directory.inputJournal(), false);
            final ExcerptAppender appender = queue.createAppender();
            final DocumentContext context = appender.writingDocument();
            context.wire().bytes().writeLong(next); // the next record's sequence, as the journaller writes it first
            System.out.println("L");
            System.out.flush();
            Thread.sleep(120_000);
            return;
        }
        final Engine engine = Engine.start(ChronicleLogHandlerTest.engineConfig(directory.root()));
        final Submitter submitter = new Submitter();
        submitter.submit(engine, ChronicleLogHandlerTest.commands(Integer.parseInt(args[2])));
        submitter.awaitAll();
        engine.close();
        System.out.println("R " + engine.recovery().lastSequence());
    }
}
