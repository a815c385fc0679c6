package io.ordo.journal.pipeline;

import java.util.List;

import io.ordo.protocol.CommandWriter;
import io.ordo.workload.DifferentialHarness;
import io.ordo.workload.RandomizedWorkload;
import io.ordo.workload.TestCommand;
import org.agrona.ExpandableArrayBuffer;

/** Input slots filled as the journaller leaves them, for tests that drive a handler of the input ring directly. */
final class TestCommandSlots
{
    private TestCommandSlots()
    {
    }

    /** Puts a seeded randomized stream's first {@code count} commands in ring slots 0.., sequences 1... */
    static void fill(final CommandSlots slots, final long seed, final int count)
    {
        final List<TestCommand> stream = RandomizedWorkload.generate(seed, count, DifferentialHarness.WINDOW_CAPACITY);
        final CommandWriter writer = new CommandWriter();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
        for (int s = 0; s < count; s++)
        {
            final int length = stream.get(s).encode(writer, buffer);
            final int slot = slots.slotOffset(s);
            slots.buffer.putBytes(slot + CommandSlots.COMMAND_OFFSET, buffer, 0, length);
            slots.length(slot, length);
            slots.sequence(slot, s + 1);
        }
    }
}
