package io.ordo.core.spec;

import java.util.ArrayList;
import java.util.List;

import io.ordo.core.BlpConfig;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.core.EventSink;
import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.codec.BalanceChangedDecoder;
import io.ordo.protocol.codec.CommandRejectedDecoder;
import io.ordo.protocol.codec.CommandType;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.protocol.codec.OrderAcceptedDecoder;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.RejectReason;
import io.ordo.protocol.codec.Side;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.ordo.core.spec.BlpDriver.BTC;
import static io.ordo.core.spec.BlpDriver.BTC_USD;
import static io.ordo.core.spec.BlpDriver.LOT;
import static io.ordo.core.spec.BlpDriver.TICK;
import static io.ordo.core.spec.BlpDriver.USD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of a defect: a {@code Throwable} escaping the processing of a command. The defect is provoked
 * through the BLP's real collaborator, an {@link EventSink} that throws on a chosen event; the command still gets
 * exactly one terminal outcome, the defect is counted and reported, and {@code onCommand} does not throw.
 */
class InternalErrorTest
{
    private static final long ACCOUNT = 1;
    private static final long PRICE = 100 * TICK;

    private final FaultySink sink = new FaultySink();
    private final List<Throwable> reported = new ArrayList<>();
    private final BusinessLogicProcessor blp = new BusinessLogicProcessor(
        new BlpConfig().requestWindowCapacity(1024).orderPoolCapacity(16).errorHandler(reported::add), sink);
    private final CommandWriter writer = new CommandWriter();
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[256]);
    private long nextRequestId = 1;

    @Test
    void shouldRejectWithInternalErrorWhenDefectPrecedesOutcome()
    {
        // given a funded account, and a sink that fails on the next OrderAccepted
        givenMarketAndFundedAccount();
        sink.failOn(OrderAcceptedDecoder.TEMPLATE_ID, 1);
        final long requestId = nextRequestId++;

        // when
        placeBuy(requestId);

        // then
        assertThat(sink.templateIds()).as("exactly one outcome, the rejection").containsExactly(
            CommandRejectedDecoder.TEMPLATE_ID);
        final CommandRejectedDecoder rejected = sink.rejected(0);
        assertThat(rejected.reason()).isEqualTo(RejectReason.INTERNAL_ERROR);
        assertThat(rejected.commandType()).isEqualTo(CommandType.PLACE_ORDER);
        assertThat(rejected.accountId()).isEqualTo(ACCOUNT);
        assertThat(rejected.clientRequestId()).isEqualTo(requestId);
        assertThat(rejected.orderId()).as("no order id was taken").isZero();
        assertThat(blp.internalErrorCount()).isEqualTo(1);
        assertThat(reported).as("the error handler was told of the defect").containsExactly(sink.defect);
        assertThat(blp.openOrderCount()).as("nothing applied: no order rests").isZero();
        assertThat(heldUsd()).as("nothing applied: no hold").isZero();

        // and a retry is answered with the outcome the command got
        placeBuy(requestId);
        assertThat(sink.rejected(0).reason()).isEqualTo(RejectReason.DUPLICATE_REQUEST);
        assertThat(sink.rejected(0).originalReason()).isEqualTo(RejectReason.INTERNAL_ERROR);

        // and the next order gets the order id the failed command did not take
        placeBuy(nextRequestId++);
        assertThat(sink.templateIds().get(0)).isEqualTo(OrderAcceptedDecoder.TEMPLATE_ID);
        assertThat(sink.orderAccepted(0).orderId()).isEqualTo(1);
    }

    @Test
    void shouldPublishNoSecondOutcomeWhenDefectFollowsOutcome()
    {
        // given a funded account, and a sink that fails on the next BalanceChanged (the order's hold)
        givenMarketAndFundedAccount();
        sink.failOn(BalanceChangedDecoder.TEMPLATE_ID, 1);
        final long requestId = nextRequestId++;

        // when
        placeBuy(requestId);

        // then
        assertThat(sink.templateIds()).as("the acceptance stays the one outcome: no CommandRejected after it")
            .containsExactly(OrderAcceptedDecoder.TEMPLATE_ID);
        assertThat(blp.internalErrorCount()).isEqualTo(1);
        assertThat(reported).as("the error handler was told of the defect").containsExactly(sink.defect);

        // and a retry is answered with the outcome the command got: accepted, with its order id
        placeBuy(requestId);
        assertThat(sink.rejected(0).reason()).isEqualTo(RejectReason.DUPLICATE_REQUEST);
        assertThat(sink.rejected(0).originalReason()).isEqualTo(RejectReason.NONE);
        assertThat(sink.rejected(0).orderId()).isEqualTo(1);
    }

    @Test
    void shouldNotThrowWhenSinkAlsoFailsOnTheInternalErrorRejection()
    {
        // given a sink that fails on the next two events: the outcome and then the rejection of the defect
        givenMarketAndFundedAccount();
        sink.failOn(FaultySink.ANY_TEMPLATE, 2);

        // when
        placeBuy(nextRequestId++);

        // then
        assertThat(sink.templateIds()).as("nothing could be published").isEmpty();
        assertThat(blp.internalErrorCount()).as("the defect and the failed rejection").isEqualTo(2);
        assertThat(reported).containsExactly(sink.defect, sink.defect);
        assertThat(blp.openOrderCount()).isZero();
    }

    @Test
    void shouldCountDefectWhenErrorHandlerThrows()
    {
        // given an error handler that fails itself
        final BusinessLogicProcessor strict = new BusinessLogicProcessor(new BlpConfig().requestWindowCapacity(16)
            .orderPoolCapacity(4).errorHandler(error ->
            {
                throw new IllegalStateException("error handler failed");
            }), sink);
        sink.failOn(FaultySink.ANY_TEMPLATE, 1);

        // when
        strict.onCommand(command, 0, writer.openAccount(command, 0, ACCOUNT, nextRequestId++, 0));

        // then
        assertThat(strict.internalErrorCount()).isEqualTo(1);
        assertThat(sink.rejected(0).reason()).isEqualTo(RejectReason.INTERNAL_ERROR);
    }

    private void givenMarketAndFundedAccount()
    {
        send(writer.createAsset(command, 0, 0, nextRequestId++, 0, BTC, 8));
        send(writer.createAsset(command, 0, 0, nextRequestId++, 0, USD, 2));
        send(writer.createInstrument(command, 0, 0, nextRequestId++, 0, BTC_USD, BTC, USD, 0, 0, LOT, TICK, LOT,
            1_000 * LOT, TICK, 1_000_000 * TICK));
        send(writer.openAccount(command, 0, ACCOUNT, nextRequestId++, 0));
        send(writer.deposit(command, 0, ACCOUNT, nextRequestId++, 0, USD, 1_000_000));
        assertThat(blp.internalErrorCount()).isZero();
    }

    private void placeBuy(final long requestId)
    {
        send(writer.placeOrder(command, 0, ACCOUNT, requestId, 0, BTC_USD, Side.BUY, OrderKind.GTC, PRICE, LOT, 0));
    }

    private void send(final int length)
    {
        sink.events.clear();
        blp.onCommand(command, 0, length);
    }

    private long heldUsd()
    {
        final long[] held = new long[1];
        blp.forEachBalance((accountId, assetId, available, heldAmount) ->
        {
            if (accountId == ACCOUNT && assetId == USD)
            {
                held[0] = heldAmount;
            }
        });
        return held[0];
    }

    /** Keeps a copy of each event it accepts; throws instead of accepting the chosen events. */
    private static final class FaultySink implements EventSink
    {
        static final int ANY_TEMPLATE = -1;

        final RuntimeException defect = new IllegalStateException("defect injected by the test's event sink");
        final List<byte[]> events = new ArrayList<>();
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private int failTemplateId;
        private int failuresLeft;

        void failOn(final int templateId, final int times)
        {
            failTemplateId = templateId;
            failuresLeft = times;
        }

        @Override
        public void onEvent(final DirectBuffer buffer, final int offset, final int length)
        {
            final int templateId = header.wrap(buffer, offset).templateId();
            if (failuresLeft > 0 && (failTemplateId == ANY_TEMPLATE || failTemplateId == templateId))
            {
                failuresLeft--;
                throw defect;
            }
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            events.add(copy);
        }

        List<Integer> templateIds()
        {
            final List<Integer> ids = new ArrayList<>();
            for (final byte[] event : events)
            {
                ids.add(new MessageHeaderDecoder().wrap(new UnsafeBuffer(event), 0).templateId());
            }
            return ids;
        }

        CommandRejectedDecoder rejected(final int index)
        {
            return new CommandRejectedDecoder().wrapAndApplyHeader(
                new UnsafeBuffer(events.get(index)), 0, new MessageHeaderDecoder());
        }

        OrderAcceptedDecoder orderAccepted(final int index)
        {
            return new OrderAcceptedDecoder().wrapAndApplyHeader(
                new UnsafeBuffer(events.get(index)), 0, new MessageHeaderDecoder());
        }
    }
}
