package io.ordo.protocol;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import io.ordo.protocol.codec.BalanceCause;
import io.ordo.protocol.codec.BalanceChangedEncoder;
import io.ordo.protocol.codec.BooleanType;
import io.ordo.protocol.codec.CancelReason;
import io.ordo.protocol.codec.CommandAcceptedEncoder;
import io.ordo.protocol.codec.CommandRejectedEncoder;
import io.ordo.protocol.codec.CommandType;
import io.ordo.protocol.codec.ExpireReason;
import io.ordo.protocol.codec.MessageHeaderEncoder;
import io.ordo.protocol.codec.OrderAcceptedEncoder;
import io.ordo.protocol.codec.OrderCancelledEncoder;
import io.ordo.protocol.codec.OrderExpiredEncoder;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.OrderReplacedEncoder;
import io.ordo.protocol.codec.RejectReason;
import io.ordo.protocol.codec.Side;
import io.ordo.protocol.codec.TradeEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.ordo.protocol.EventAdapter.HEADER_LENGTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class EventAdapterTest
{
    private static final int VERSION = MessageHeaderEncoder.SCHEMA_VERSION;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final Recorder recorder = new Recorder();
    private final EventAdapter adapter = new EventAdapter(recorder);

    @Test
    void shouldPassEveryFieldOfCommandAccepted()
    {
        // given
        final int length = HEADER_LENGTH + new CommandAcceptedEncoder().wrapAndApplyHeader(buffer, 0, header)
            .accountId(11).clientRequestId(12).timestampNs(13).commandType(CommandType.TRANSFER).valueTimeNs(14)
            .encodedLength();

        // when
        final boolean decoded = adapter.onEvent(buffer, 0, length);

        // then
        assertThat(decoded).isTrue();
        assertThat(recorder.calls).containsExactly("onCommandAccepted 11 12 13 " + CommandType.TRANSFER.value() +
            " 14");
    }

    @Test
    void shouldPassEveryFieldOfCommandRejected()
    {
        // given
        final int length = HEADER_LENGTH + new CommandRejectedEncoder().wrapAndApplyHeader(buffer, 0, header)
            .accountId(21).clientRequestId(22).timestampNs(23).orderId(24).commandType(CommandType.PLACE_ORDER)
            .reason(RejectReason.DUPLICATE_REQUEST).originalReason(RejectReason.WOULD_CROSS).encodedLength();

        // when
        final boolean decoded = adapter.onEvent(buffer, 0, length);

        // then
        assertThat(decoded).isTrue();
        assertThat(recorder.calls).containsExactly("onCommandRejected 21 22 23 24 7 3 28");
    }

    @Test
    void shouldPassEveryFieldOfOrderAccepted()
    {
        // given
        final int length = HEADER_LENGTH + new OrderAcceptedEncoder().wrapAndApplyHeader(buffer, 0, header)
            .accountId(31).clientRequestId(32).timestampNs(33).orderId(34).instrumentId(35).side(Side.SELL)
            .kind(OrderKind.POST_ONLY).price(36).quantity(37).quoteBudget(38).heldAmount(39).encodedLength();

        // when
        final boolean decoded = adapter.onEvent(buffer, 0, length);

        // then
        assertThat(decoded).isTrue();
        assertThat(recorder.calls).containsExactly("onOrderAccepted 31 32 33 34 35 2 4 36 37 38 39");
    }

    @Test
    void shouldPassEveryFieldOfOrderCancelled()
    {
        // given
        final int length = HEADER_LENGTH + new OrderCancelledEncoder().wrapAndApplyHeader(buffer, 0, header)
            .accountId(41).clientRequestId(42).timestampNs(43).orderId(44).instrumentId(45)
            .reason(CancelReason.CANCEL_ALL).remainingQuantity(46).encodedLength();

        // when
        final boolean decoded = adapter.onEvent(buffer, 0, length);

        // then
        assertThat(decoded).isTrue();
        assertThat(recorder.calls).containsExactly("onOrderCancelled 41 42 43 44 45 2 46");
    }

    @Test
    void shouldPassEveryFieldOfOrderExpired()
    {
        // given
        final int length = HEADER_LENGTH + new OrderExpiredEncoder().wrapAndApplyHeader(buffer, 0, header)
            .accountId(51).clientRequestId(52).timestampNs(53).orderId(54).instrumentId(55)
            .reason(ExpireReason.BUDGET_EXHAUSTED).remainingQuantity(56).encodedLength();

        // when
        final boolean decoded = adapter.onEvent(buffer, 0, length);

        // then
        assertThat(decoded).isTrue();
        assertThat(recorder.calls).containsExactly("onOrderExpired 51 52 53 54 55 4 56");
    }

    @Test
    void shouldPassEveryFieldOfOrderReplaced()
    {
        // given
        final int length = HEADER_LENGTH + new OrderReplacedEncoder().wrapAndApplyHeader(buffer, 0, header)
            .accountId(61).clientRequestId(62).timestampNs(63).orderId(64).instrumentId(65)
            .priorityKept(BooleanType.TRUE).oldPrice(66).oldQuantity(67).newPrice(68).newQuantity(69)
            .encodedLength();

        // when
        final boolean decoded = adapter.onEvent(buffer, 0, length);

        // then
        assertThat(decoded).isTrue();
        assertThat(recorder.calls).containsExactly("onOrderReplaced 61 62 63 64 65 1 66 67 68 69");
    }

    @Test
    void shouldPassEveryFieldOfTrade()
    {
        // given
        final int length = HEADER_LENGTH + encodeTrade(0, 71);

        // when
        final boolean decoded = adapter.onEvent(buffer, 0, length);

        // then
        assertThat(decoded).isTrue();
        assertThat(recorder.calls).containsExactly("onTrade 71 72 73 2 74 75 76 77 78 79 80 -81 82 83");
    }

    @Test
    void shouldPassEveryFieldOfBalanceChanged()
    {
        // given
        final int length = HEADER_LENGTH + encodeBalanceChanged(0);

        // when
        final boolean decoded = adapter.onEvent(buffer, 0, length);

        // then
        assertThat(decoded).isTrue();
        assertThat(recorder.calls).containsExactly("onBalanceChanged 91 92 6 -93 94 95 96 97");
    }

    @Test
    void shouldPassAnEnumCodeThisVersionDoesNotKnowAsItsRawValue()
    {
        // given
        final int length = HEADER_LENGTH + encodeTrade(0, 71);
        buffer.putByte(HEADER_LENGTH + TradeEncoder.aggressorSideEncodingOffset(), (byte)200);

        // when
        adapter.onEvent(buffer, 0, length);

        // then
        assertThat(recorder.calls).as("the raw code, unsigned").containsExactly(
            "onTrade 71 72 73 200 74 75 76 77 78 79 80 -81 82 83");
    }

    @Test
    void shouldDecodeALongerBlockWhenTheExtraBytesFollowTheKnownFields()
    {
        // given: a block 8 bytes longer than this version's, as a compatible extension would write
        encodeBalanceChanged(0);
        header.wrap(buffer, 0).blockLength(BalanceChangedEncoder.BLOCK_LENGTH + 8);

        // when
        final boolean decoded = adapter.onEvent(buffer, 0, HEADER_LENGTH + BalanceChangedEncoder.BLOCK_LENGTH + 8);

        // then
        assertThat(decoded).isTrue();
        assertThat(recorder.calls).containsExactly("onBalanceChanged 91 92 6 -93 94 95 96 97");
    }

    @Test
    void shouldReportAnUnknownTemplateIdWhenGivenACommand()
    {
        // given
        final int length = new CommandWriter().openAccount(buffer, 0, 5, 6, 7);

        // when
        final boolean decoded = adapter.onEvent(buffer, 0, length);

        // then
        assertThat(decoded).isFalse();
        assertThat(recorder.calls).containsExactly("onUnknownEvent 7 " + VERSION + " 3 0 " + length);
    }

    @Test
    void shouldReportAnUnknownTemplateIdWhenTheTemplateIsNoEventOfThisSchema()
    {
        // given
        final int length = HEADER_LENGTH + encodeTrade(0, 71);
        header.wrap(buffer, 0).templateId(199);

        // when
        final boolean decoded = adapter.onEvent(buffer, 0, length);

        // then
        assertThat(decoded).isFalse();
        assertThat(recorder.calls).containsExactly("onUnknownEvent 7 " + VERSION + " 199 0 " + length);
    }

    @Test
    void shouldReportAnUnknownEventWhenTheSchemaIdOrVersionIsNotThisSchemas()
    {
        // given
        final int length = HEADER_LENGTH + encodeTrade(0, 71);
        final int otherLength = HEADER_LENGTH + encodeTrade(length, 71);
        header.wrap(buffer, 0).schemaId(99);
        header.wrap(buffer, length).version(VERSION + 1);

        // when
        adapter.onEvent(buffer, 0, length);
        adapter.onEvent(buffer, length, otherLength);

        // then
        assertThat(recorder.calls).containsExactly(
            "onUnknownEvent 99 " + VERSION + " 107 0 " + length,
            "onUnknownEvent 7 " + (VERSION + 1) + " 107 " + length + " " + otherLength);
    }

    @Test
    void shouldReportATruncatedHeaderWhenShorterThanAHeader()
    {
        // given
        encodeTrade(0, 71);

        // when
        final boolean decoded = adapter.onEvent(buffer, 0, HEADER_LENGTH - 1);

        // then
        assertThat(decoded).isFalse();
        assertThat(recorder.calls).containsExactly(
            "onMalformedEvent " + EventAdapter.TRUNCATED_HEADER + " -1 -1 0 " + (HEADER_LENGTH - 1));
    }

    @Test
    void shouldReportATruncatedBlockWhenTheEventIsCutShort()
    {
        // given
        final int length = HEADER_LENGTH + encodeTrade(0, 71);

        // when
        final boolean decoded = adapter.onEvent(buffer, 0, length - 1);

        // then
        assertThat(decoded).isFalse();
        assertThat(recorder.calls).containsExactly(
            "onMalformedEvent " + EventAdapter.TRUNCATED_BLOCK + " 107 " + TradeEncoder.BLOCK_LENGTH + " 0 " +
            (length - 1));
    }

    @Test
    void shouldReportAShortBlockWhenTheHeaderClaimsLessThanTheTemplatesBlock()
    {
        // given
        final int length = HEADER_LENGTH + encodeTrade(0, 71);
        header.wrap(buffer, 0).blockLength(TradeEncoder.BLOCK_LENGTH - 8);

        // when
        final boolean decoded = adapter.onEvent(buffer, 0, length);

        // then
        assertThat(decoded).isFalse();
        assertThat(recorder.calls).containsExactly(
            "onMalformedEvent " + EventAdapter.SHORT_BLOCK + " 107 " + (TradeEncoder.BLOCK_LENGTH - 8) + " 0 " +
            length);
    }

    @Test
    void shouldWalkConsecutiveEventsAndReportATruncatedTail()
    {
        // given: a trade, a balance change, an unknown template, and the first 20 bytes of another trade
        int offset = 0;
        offset += HEADER_LENGTH + encodeTrade(offset, 71);
        offset += HEADER_LENGTH + encodeBalanceChanged(offset);
        final int unknownOffset = offset;
        offset += HEADER_LENGTH + encodeTrade(offset, 71);
        header.wrap(buffer, unknownOffset).templateId(150);
        final int tailOffset = offset;
        encodeTrade(offset, 1);
        offset += 20;

        // when
        final int events = adapter.onEvents(buffer, 0, offset);

        // then
        assertThat(events).as("events framed").isEqualTo(3);
        assertThat(recorder.calls).containsExactly(
            "onTrade 71 72 73 2 74 75 76 77 78 79 80 -81 82 83",
            "onBalanceChanged 91 92 6 -93 94 95 96 97",
            "onUnknownEvent 7 " + VERSION + " 150 " + unknownOffset + " " + (HEADER_LENGTH + TradeEncoder.BLOCK_LENGTH),
            "onMalformedEvent " + EventAdapter.TRUNCATED_BLOCK + " 107 " + TradeEncoder.BLOCK_LENGTH + " " +
            tailOffset + " 20");
    }

    @Test
    void shouldWalkNothingWhenEmpty()
    {
        assertThat(adapter.onEvents(buffer, 0, 0)).isZero();
        assertThat(recorder.calls).isEmpty();
    }

    @Test
    void shouldAllocateNothingPerEvent()
    {
        // given
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assumeThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        int length = HEADER_LENGTH + encodeTrade(0, 71);
        length += HEADER_LENGTH + encodeBalanceChanged(length);
        final Counter counter = new Counter();
        final EventAdapter countingAdapter = new EventAdapter(counter);
        final long threadId = Thread.currentThread().getId();
        for (int round = 0; round < 10; round++) // warm up: let the JIT compile
        {
            decodeRepeatedly(countingAdapter, length, 100_000);
            threads.getThreadAllocatedBytes(threadId);
        }

        // when: the least of five rounds, so that a late compilation on a busy machine does not count; an
        // allocation per event would show in every round (200,000 events each)
        long leastAllocated = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++)
        {
            final long before = threads.getThreadAllocatedBytes(threadId);
            decodeRepeatedly(countingAdapter, length, 100_000);
            leastAllocated = Math.min(leastAllocated, threads.getThreadAllocatedBytes(threadId) - before);
        }

        // then
        assertThat(counter.sum).as("the listener saw the events").isEqualTo(1_500_000L * (71 + 97));
        assertThat(leastAllocated).as("bytes allocated decoding 200,000 events").isZero();
    }

    private void decodeRepeatedly(final EventAdapter adapter, final int length, final int times)
    {
        for (int i = 0; i < times; i++)
        {
            adapter.onEvents(buffer, 0, length);
        }
    }

    private int encodeTrade(final int offset, final long first)
    {
        return new TradeEncoder().wrapAndApplyHeader(buffer, offset, header)
            .tradeId(first).timestampNs(first + 1).instrumentId((int)first + 2).aggressorSide(Side.SELL)
            .makerOrderId(first + 3).takerOrderId(first + 4).makerAccountId(first + 5).takerAccountId(first + 6)
            .price(first + 7).quantity(first + 8).makerFee(first + 9).takerFee(-(first + 10))
            .makerRemainingQuantity(first + 11).takerRemainingQuantity(first + 12).encodedLength();
    }

    private int encodeBalanceChanged(final int offset)
    {
        return new BalanceChangedEncoder().wrapAndApplyHeader(buffer, offset, header)
            .accountId(91).assetId(92).cause(BalanceCause.TRADE).availableDelta(-93).heldDelta(94).availableAfter(95)
            .heldAfter(96).referenceId(97).encodedLength();
    }

    /** Sums one field of each event, allocation free. */
    private static final class Counter implements EventListener
    {
        long sum;

        @Override
        public void onTrade(
            final long tradeId, final long timestampNs, final int instrumentId, final short aggressorSideCode,
            final long makerOrderId, final long takerOrderId, final long makerAccountId, final long takerAccountId,
            final long priceMinor, final long quantityMinor, final long makerFeeMinor, final long takerFeeMinor,
            final long makerRemainingQuantityMinor, final long takerRemainingQuantityMinor)
        {
            sum += tradeId;
        }

        @Override
        public void onBalanceChanged(
            final long accountId, final int assetId, final short causeCode, final long availableDeltaMinor,
            final long heldDeltaMinor, final long availableAfterMinor, final long heldAfterMinor,
            final long referenceId)
        {
            sum += referenceId;
        }
    }

    /** Records each call as its name and arguments, separated by spaces. */
    private static final class Recorder implements EventListener
    {
        final List<String> calls = new ArrayList<>();

        private void record(final String name, final long... values)
        {
            final StringBuilder sb = new StringBuilder(name);
            for (final long value : values)
            {
                sb.append(' ').append(value);
            }
            calls.add(sb.toString());
        }

        @Override
        public void onCommandAccepted(
            final long accountId, final long clientRequestId, final long timestampNs, final short commandTypeCode,
            final long valueTimeNs)
        {
            record("onCommandAccepted", accountId, clientRequestId, timestampNs, commandTypeCode, valueTimeNs);
        }

        @Override
        public void onCommandRejected(
            final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
            final short commandTypeCode, final short reasonCode, final short originalReasonCode)
        {
            record("onCommandRejected", accountId, clientRequestId, timestampNs, orderId, commandTypeCode, reasonCode,
                originalReasonCode);
        }

        @Override
        public void onOrderAccepted(
            final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
            final int instrumentId, final short sideCode, final short kindCode, final long priceMinor,
            final long quantityMinor, final long quoteBudgetMinor, final long heldAmountMinor)
        {
            record("onOrderAccepted", accountId, clientRequestId, timestampNs, orderId, instrumentId, sideCode,
                kindCode, priceMinor, quantityMinor, quoteBudgetMinor, heldAmountMinor);
        }

        @Override
        public void onOrderCancelled(
            final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
            final int instrumentId, final short reasonCode, final long remainingQuantityMinor)
        {
            record("onOrderCancelled", accountId, clientRequestId, timestampNs, orderId, instrumentId, reasonCode,
                remainingQuantityMinor);
        }

        @Override
        public void onOrderExpired(
            final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
            final int instrumentId, final short reasonCode, final long remainingQuantityMinor)
        {
            record("onOrderExpired", accountId, clientRequestId, timestampNs, orderId, instrumentId, reasonCode,
                remainingQuantityMinor);
        }

        @Override
        public void onOrderReplaced(
            final long accountId, final long clientRequestId, final long timestampNs, final long orderId,
            final int instrumentId, final short priorityKeptCode, final long oldPriceMinor,
            final long oldQuantityMinor, final long newPriceMinor, final long newQuantityMinor)
        {
            record("onOrderReplaced", accountId, clientRequestId, timestampNs, orderId, instrumentId,
                priorityKeptCode, oldPriceMinor, oldQuantityMinor, newPriceMinor, newQuantityMinor);
        }

        @Override
        public void onTrade(
            final long tradeId, final long timestampNs, final int instrumentId, final short aggressorSideCode,
            final long makerOrderId, final long takerOrderId, final long makerAccountId, final long takerAccountId,
            final long priceMinor, final long quantityMinor, final long makerFeeMinor, final long takerFeeMinor,
            final long makerRemainingQuantityMinor, final long takerRemainingQuantityMinor)
        {
            record("onTrade", tradeId, timestampNs, instrumentId, aggressorSideCode, makerOrderId, takerOrderId,
                makerAccountId, takerAccountId, priceMinor, quantityMinor, makerFeeMinor, takerFeeMinor,
                makerRemainingQuantityMinor, takerRemainingQuantityMinor);
        }

        @Override
        public void onBalanceChanged(
            final long accountId, final int assetId, final short causeCode, final long availableDeltaMinor,
            final long heldDeltaMinor, final long availableAfterMinor, final long heldAfterMinor,
            final long referenceId)
        {
            record("onBalanceChanged", accountId, assetId, causeCode, availableDeltaMinor, heldDeltaMinor,
                availableAfterMinor, heldAfterMinor, referenceId);
        }

        @Override
        public void onUnknownEvent(
            final int schemaId, final int version, final int templateId,
            final DirectBuffer buffer, final int offset, final int length)
        {
            record("onUnknownEvent", schemaId, version, templateId, offset, length);
        }

        @Override
        public void onMalformedEvent(
            final int error, final int templateId, final int blockLength,
            final DirectBuffer buffer, final int offset, final int length)
        {
            record("onMalformedEvent", error, templateId, blockLength, offset, length);
        }
    }
}
