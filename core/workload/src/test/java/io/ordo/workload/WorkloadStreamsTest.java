package io.ordo.workload;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.ordo.core.BlpConfig;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.protocol.CommandWriter;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The byte streams of the workload family do not change by accident: the demo's state hash, the benchmarks'
 * recorded results and the tests' seeds all stand on them. The hashes are those of the three generators before
 * they became one family (a SHA-256 of the encoded commands, back to back, first 8 bytes). A generator changed on
 * purpose gets new hashes here, and its commit says so.
 */
class WorkloadStreamsTest
{
    private static final String WHY = "the generated commands must not change; if the change is deliberate, " +
        "update this hash and say so in the commit";

    @Test
    void shouldGenerateTheSameDemoStreamForTheSameSeed()
    {
        // given
        final OpenOrders openOrders = new OpenOrders(4 * DemoWorkload.TARGET_OPEN_ORDERS);
        final BusinessLogicProcessor blp =
            new BusinessLogicProcessor(new BlpConfig(), new TrackingEventSink(openOrders));
        final DemoWorkload workload = new DemoWorkload(42, 100_000, openOrders);
        final CommandStream chunk = new CommandStream();
        final MessageDigest digest = sha256();

        // when
        while (workload.generate(chunk, 1_024) > 0)
        {
            for (int i = 0; i < chunk.count(); i++)
            {
                blp.onCommand(chunk.commands(), chunk.offset(i), chunk.length(i));
            }
            update(digest, chunk);
            chunk.clear();
        }

        // then
        assertThat(hex(digest)).as(WHY).isEqualTo("4b99ae9389695283");
        assertThat(workload.sent(CommandKind.PLACE_GTC)).as("GTC placements counted").isEqualTo(35_767);
    }

    @Test
    void shouldGenerateTheSameStandardStreamsForTheSameSeed()
    {
        // when
        final StandardWorkload workload = StandardWorkload.generate(42, 20_000);
        final MessageDigest digest = sha256();
        update(digest, workload.setup());
        update(digest, workload.prefill());
        update(digest, workload.measured());

        // then
        assertThat(hex(digest)).as(WHY).isEqualTo("33f54b09ffde570b");
    }

    @Test
    void shouldGenerateTheSameRandomizedStreamForTheSameSeed()
    {
        // when
        final CommandWriter writer = new CommandWriter();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final MessageDigest digest = sha256();
        for (long seed = 1; seed <= 5; seed++)
        {
            for (final TestCommand command : RandomizedWorkload.generate(seed, 5_000, 1_024))
            {
                digest.update(buffer.byteArray(), 0, command.encode(writer, buffer));
            }
        }

        // then
        assertThat(hex(digest)).as(WHY).isEqualTo("cacc2ae7a1acded8");
    }

    private static void update(final MessageDigest digest, final CommandStream stream)
    {
        final byte[] bytes = new byte[256];
        for (int i = 0; i < stream.count(); i++)
        {
            stream.commands().getBytes(stream.offset(i), bytes, 0, stream.length(i));
            digest.update(bytes, 0, stream.length(i));
        }
    }

    private static MessageDigest sha256()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static String hex(final MessageDigest digest)
    {
        return HexFormat.of().formatHex(digest.digest(), 0, 8);
    }
}
