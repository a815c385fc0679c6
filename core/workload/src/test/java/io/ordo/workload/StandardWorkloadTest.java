package io.ordo.workload;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import io.ordo.core.BlpConfig;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.protocol.codec.CommandRejectedDecoder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standard workload is valid (nothing is rejected), deterministic for a seed, and has the shape of
 * exchange-core's single-instrument test: a book kept near its target size, mostly moves, a few percent of
 * commands trading.
 */
class StandardWorkloadTest
{
    private static final int COMMANDS = 200_000;

    @Test
    void shouldGenerateAValidStreamWithTheStandardMix()
    {
        // when
        final StandardWorkload workload = StandardWorkload.generate(1, COMMANDS);
        final StandardWorkload.Mix mix = workload.mix();
        System.out.println("StandardWorkload seed 1: " + mix);

        // then
        assertThat(mix.commands()).isEqualTo(COMMANDS);
        assertThat(mix.rejects()).as("every command is valid").isZero();
        assertThat(mix.share(CommandKind.MOVE_ORDER)).as("moves").isBetween(0.55, 0.85);
        assertThat(mix.share(CommandKind.PLACE_GTC)).as("GTC").isBetween(0.05, 0.20);
        assertThat(mix.share(CommandKind.PLACE_IOC)).as("IOC").isBetween(0.005, 0.06);
        assertThat(mix.share(CommandKind.CANCEL_ORDER)).as("cancels").isBetween(0.03, 0.15);
        assertThat(mix.share(CommandKind.REDUCE_ORDER)).as("reduces").isBetween(0.03, 0.15);
        assertThat((double)mix.commandsWithTrades() / mix.commands()).as("commands that trade").isBetween(0.01, 0.15);
        assertThat(mix.restingOrders()).as("book size").isBetween(500, 1_500);
    }

    @Test
    void shouldReplayWithoutRejectionOnAFreshBlpAndBeTheSameForTheSameSeed()
    {
        // given
        final StandardWorkload first = StandardWorkload.generate(7, 50_000);
        final StandardWorkload second = StandardWorkload.generate(7, 50_000);
        final long[] rejects = new long[1];
        final MessageHeaderDecoder header = new MessageHeaderDecoder();

        // when
        final BusinessLogicProcessor blp = first.newPreparedBlp(new BlpConfig(), (buffer, offset, length) ->
        {
            if (header.wrap(buffer, offset).templateId() == CommandRejectedDecoder.TEMPLATE_ID)
            {
                rejects[0]++;
            }
        });
        StandardWorkload.apply(blp, first.measured());
        final BusinessLogicProcessor again = second.newPreparedBlp(new BlpConfig(), (buffer, offset, length) -> {});
        StandardWorkload.apply(again, second.measured());

        // then
        assertThat(rejects[0]).as("rejected commands on a fresh BLP").isZero();
        assertThat(blp.openOrderCount()).as("the BLP's book = the generator's view of it")
            .isEqualTo(first.mix().restingOrders()).isPositive();
        assertThat(again.stateHash()).as("state hash of the same seed's workload").isEqualTo(blp.stateHash());
        assertThat(second.mix().toString()).isEqualTo(first.mix().toString());
    }

    @Test
    void shouldGenerateValidMultiInstrumentAndLedgerOnlyVariants()
    {
        final StandardWorkload multi = StandardWorkload.generate(5, StandardWorkload.Variant.MULTI_INSTRUMENT, 20_000);
        final StandardWorkload ledger = StandardWorkload.generate(5, StandardWorkload.Variant.LEDGER_ONLY, 20_000);
        System.out.println("MULTI_INSTRUMENT seed 5: " + multi.mix());
        System.out.println("LEDGER_ONLY seed 5: " + ledger.mix());

        assertThat(multi.mix().rejects()).isZero();
        assertThat(multi.accounts()).isEqualTo(10_000);
        assertThat(multi.mix().share(CommandKind.TRANSFER)).as("transfers mixed in").isBetween(0.03, 0.07);
        assertThat(multi.mix().restingOrders()).as("about 1,000 per instrument").isBetween(50_000, 150_000);
        assertThat(ledger.mix().rejects()).isZero();
        assertThat(ledger.mix().share(CommandKind.TRANSFER) + ledger.mix().share(CommandKind.DEPOSIT) +
            ledger.mix().share(CommandKind.WITHDRAW)).as("ledger commands only").isEqualTo(1.0);
        assertThat(ledger.mix().restingOrders()).isZero();
    }

    @Test
    void shouldReadBackTheWorkloadItWroteCommandForCommand() throws Exception
    {
        // given
        final StandardWorkload written = StandardWorkload.generate(9, StandardWorkload.Variant.MULTI_INSTRUMENT, 5_000);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        written.writeTo(bytes);

        // when
        final StandardWorkload read = StandardWorkload.readFrom(new ByteArrayInputStream(bytes.toByteArray()));

        // then
        assertThat(read.seed()).isEqualTo(9);
        assertThat(read.variant()).isEqualTo(StandardWorkload.Variant.MULTI_INSTRUMENT);
        assertThat(read.accounts()).isEqualTo(written.accounts());
        assertThat(read.mix().toString()).isEqualTo(written.mix().toString());
        assertSameStream(read.setup(), written.setup());
        assertSameStream(read.prefill(), written.prefill());
        assertSameStream(read.measured(), written.measured());
    }

    private static void assertSameStream(final CommandStream actual, final CommandStream expected)
    {
        assertThat(actual.count()).isEqualTo(expected.count()).isPositive();
        for (int i = 0; i < expected.count(); i++)
        {
            final byte[] expectedCommand = new byte[expected.length(i)];
            expected.commands().getBytes(expected.offset(i), expectedCommand);
            final byte[] actualCommand = new byte[actual.length(i)];
            actual.commands().getBytes(actual.offset(i), actualCommand);
            assertThat(actualCommand).as("command %d", i).isEqualTo(expectedCommand);
            assertThat(actual.kind(i)).isEqualTo(expected.kind(i));
            assertThat(actual.accountId(i)).isEqualTo(expected.accountId(i));
            assertThat(actual.orderId(i)).isEqualTo(expected.orderId(i));
            assertThat(actual.side(i)).isEqualTo(expected.side(i));
            assertThat(actual.price(i)).isEqualTo(expected.price(i));
            assertThat(actual.size(i)).isEqualTo(expected.size(i));
        }
    }
}
