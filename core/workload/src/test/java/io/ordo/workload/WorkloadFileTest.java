package io.ordo.workload;

import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exported workload file holds exactly the generated commands, in the layout exchange-core's runner
 * (benchmarks/exchange-core) reads.
 */
class WorkloadFileTest
{
    @TempDir
    Path dir;

    @Test
    void shouldWriteEveryPrefillAndMeasuredCommandWithItsNeutralFields() throws Exception
    {
        final StandardWorkload workload = StandardWorkload.generate(3, 5_000);
        final Path file = dir.resolve("workload.bin");

        WorkloadFile.write(workload, file);

        try (DataInputStream in = new DataInputStream(Files.newInputStream(file)))
        {
            assertThat(in.readLong()).isEqualTo(WorkloadFile.MAGIC);
            assertThat(in.readInt()).isEqualTo(WorkloadFile.VERSION);
            assertThat(in.readInt()).isEqualTo(workload.accounts());
            final int prefill = in.readInt();
            final int measured = in.readInt();
            assertThat(prefill).isEqualTo(workload.prefill().count());
            assertThat(measured).isEqualTo(5_000);
            for (int i = 0; i < prefill + measured; i++)
            {
                final CommandStream stream = i < prefill ? workload.prefill() : workload.measured();
                final int index = i < prefill ? i : i - prefill;
                assertThat(in.readByte()).isEqualTo(WorkloadFile.kindCode(stream.kind(index)));
                assertThat(in.readByte()).isEqualTo(stream.side(index));
                assertThat(in.readLong()).isEqualTo(stream.accountId(index));
                assertThat(in.readLong()).as("order id").isEqualTo(stream.orderId(index)).isPositive();
                assertThat(in.readLong()).isEqualTo(stream.price(index));
                assertThat(in.readLong()).isEqualTo(stream.size(index));
            }
            assertThat(in.read()).as("nothing after the last command").isEqualTo(-1);
        }
    }
}
