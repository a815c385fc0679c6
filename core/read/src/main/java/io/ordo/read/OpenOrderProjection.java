package io.ordo.read;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

import io.ordo.protocol.EventAdapter;
import io.ordo.protocol.EventListener;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongArrayList;

/**
 * Every open order, and from them each instrument's L2 book, as of a sequence, from the output events alone. An
 * order is followed from its {@code OrderAccepted} (or an {@code OrderReplaced} that loses priority) through its
 * {@code Trade}s: the command's incoming order rests at the end of its record with what is left, unless an
 * {@code OrderExpired} named it or nothing is left; a resting order leaves by a fill, a cancel or an expiry. The
 * same rules as the gateway's market data projection, for the read side (queries by account and as of a past
 * sequence). Output is ordered by order id, and levels by price, never by hash order.
 * <p>
 * Not thread safe; one reader thread. Allocates per order (the read side).
 */
public final class OpenOrderProjection implements EventRecordListener
{
    /** One open order. */
    public record OpenOrder(long orderId, long accountId, int instrumentId, short sideCode, long priceMinor,
        long remainingQuantityMinor, long acceptedSequence)
    {
    }

    /** One price level: its total open quantity and how many orders make it. */
    public record Level(long priceMinor, long quantityMinor, int orderCount)
    {
    }

    /** Told, at the end of each record, of every order the record opened, changed or closed. */
    public interface ChangeListener
    {
        /** The order is open after the record, as given (new, or with a new price or quantity). */
        void onOpen(long sequence, OpenOrder order);

        /** The order is no longer open after the record (filled, cancelled or expired). */
        void onClosed(long sequence, long orderId);
    }

    private static final short BUY = 1;

    private final long asOfSequence;
    private final TreeMap<Long, MutableOrder> orders = new TreeMap<>();
    private final EventAdapter adapter = new EventAdapter(new OrderListener());
    private long sequence;
    private long lastSequence;
    private final LongArrayList touched = new LongArrayList();
    private MutableOrder taker;
    private boolean takerExpired;
    private ChangeListener changes;

    /** @param asOfSequence the last sequence applied ({@code Long.MAX_VALUE}: all). */
    public OpenOrderProjection(final long asOfSequence)
    {
        this.asOfSequence = asOfSequence;
    }

    @Override
    public void onRecord(final long sequence, final DirectBuffer events, final int offset, final int length)
    {
        if (sequence > asOfSequence)
        {
            return;
        }
        this.sequence = sequence;
        lastSequence = sequence;
        touched.clear();
        taker = null;
        takerExpired = false;
        adapter.onEvents(events, offset, length);
        if (taker != null && (takerExpired || taker.remaining <= 0))
        {
            orders.remove(taker.orderId);
        }
        if (changes != null)
        {
            reportChanges();
        }
    }

    /**
     * @param listener told of each record's changes from now on (a projection that keeps the open orders
     *                 elsewhere, e.g. in a database table).
     * @return this.
     */
    public OpenOrderProjection changes(final ChangeListener listener)
    {
        this.changes = listener;
        return this;
    }

    /** Puts back an order known open before the first record given (a projection resuming from its store). */
    public void restore(final OpenOrder order)
    {
        orders.put(order.orderId(), new MutableOrder(order.orderId(), order.accountId(), order.instrumentId(),
            order.sideCode(), order.priceMinor(), order.remainingQuantityMinor(), order.acceptedSequence()));
    }

    private void reportChanges()
    {
        for (int i = 0; i < touched.size(); i++)
        {
            final long orderId = touched.getLong(i);
            if (touched.indexOf(orderId) != i)
            {
                continue;
            }
            final MutableOrder order = orders.get(orderId);
            if (order != null)
            {
                changes.onOpen(sequence, order.snapshot());
            }
            else
            {
                changes.onClosed(sequence, orderId);
            }
        }
    }

    /** @return the last sequence applied: the orders are as of it. */
    public long lastSequence()
    {
        return lastSequence;
    }

    /** @return the open orders, of one account or of all ({@link StatementProjection#ANY_ACCOUNT}), by order id. */
    public List<OpenOrder> openOrders(final long accountId)
    {
        final List<OpenOrder> open = new ArrayList<>();
        for (final MutableOrder order : orders.values())
        {
            if (accountId == StatementProjection.ANY_ACCOUNT || order.accountId == accountId)
            {
                open.add(order.snapshot());
            }
        }
        return open;
    }

    /** @return the instrument's bids, best (highest) first. */
    public List<Level> bids(final int instrumentId)
    {
        return levels(instrumentId, BUY, Comparator.reverseOrder());
    }

    /** @return the instrument's asks, best (lowest) first. */
    public List<Level> asks(final int instrumentId)
    {
        return levels(instrumentId, (short)2, Comparator.naturalOrder());
    }

    private List<Level> levels(final int instrumentId, final short sideCode, final Comparator<Long> order)
    {
        final TreeMap<Long, long[]> levels = new TreeMap<>(order);
        for (final MutableOrder open : orders.values())
        {
            if (open.instrumentId == instrumentId && open.sideCode == sideCode)
            {
                final long[] level = levels.computeIfAbsent(open.price, price -> new long[2]);
                level[0] += open.remaining;
                level[1]++;
            }
        }
        final List<Level> result = new ArrayList<>(levels.size());
        levels.forEach((price, level) -> result.add(new Level(price, level[0], (int)level[1])));
        return result;
    }

    private static final class MutableOrder
    {
        final long orderId;
        final long accountId;
        final int instrumentId;
        final short sideCode;
        final long acceptedSequence;
        long price;
        long remaining;

        MutableOrder(final long orderId, final long accountId, final int instrumentId, final short sideCode,
            final long price, final long remaining, final long acceptedSequence)
        {
            this.orderId = orderId;
            this.accountId = accountId;
            this.instrumentId = instrumentId;
            this.sideCode = sideCode;
            this.price = price;
            this.remaining = remaining;
            this.acceptedSequence = acceptedSequence;
        }

        OpenOrder snapshot()
        {
            return new OpenOrder(orderId, accountId, instrumentId, sideCode, price, remaining, acceptedSequence);
        }
    }

    private final class OrderListener implements EventListener
    {
        @Override
        public void onOrderAccepted(final long accountId, final long clientRequestId, final long timestampNs,
            final long orderId, final int instrumentId, final short sideCode, final short kindCode,
            final long priceMinor, final long quantityMinor, final long quoteBudgetMinor, final long heldAmountMinor)
        {
            taker = new MutableOrder(orderId, accountId, instrumentId, sideCode, priceMinor, quantityMinor, sequence);
            orders.put(orderId, taker);
            touched.addLong(orderId);
        }

        @Override
        public void onOrderReplaced(final long accountId, final long clientRequestId, final long timestampNs,
            final long orderId, final int instrumentId, final short priorityKeptCode, final long oldPriceMinor,
            final long oldQuantityMinor, final long newPriceMinor, final long newQuantityMinor)
        {
            final MutableOrder order = orders.get(orderId);
            if (order == null)
            {
                return;
            }
            order.price = newPriceMinor;
            order.remaining = newQuantityMinor;
            touched.addLong(orderId);
            if (priorityKeptCode != 1)
            {
                // Loses its place and trades again as the command's incoming order.
                taker = order;
            }
        }

        @Override
        public void onTrade(final long tradeId, final long timestampNs, final int instrumentId,
            final short aggressorSideCode, final long makerOrderId, final long takerOrderId,
            final long makerAccountId, final long takerAccountId, final long priceMinor, final long quantityMinor,
            final long makerFeeMinor, final long takerFeeMinor, final long makerRemainingQuantityMinor,
            final long takerRemainingQuantityMinor)
        {
            final MutableOrder maker = orders.get(makerOrderId);
            touched.addLong(makerOrderId);
            touched.addLong(takerOrderId);
            if (maker != null)
            {
                maker.remaining = makerRemainingQuantityMinor;
                if (makerRemainingQuantityMinor == 0)
                {
                    orders.remove(makerOrderId);
                }
            }
            final MutableOrder incoming = orders.get(takerOrderId);
            if (incoming != null)
            {
                incoming.remaining = takerRemainingQuantityMinor;
            }
        }

        @Override
        public void onOrderCancelled(final long accountId, final long clientRequestId, final long timestampNs,
            final long orderId, final int instrumentId, final short reasonCode, final long remainingQuantityMinor)
        {
            orders.remove(orderId);
            touched.addLong(orderId);
        }

        @Override
        public void onOrderExpired(final long accountId, final long clientRequestId, final long timestampNs,
            final long orderId, final int instrumentId, final short reasonCode, final long remainingQuantityMinor)
        {
            touched.addLong(orderId);
            if (taker != null && taker.orderId == orderId)
            {
                takerExpired = true;
            }
            else
            {
                orders.remove(orderId);
            }
        }
    }
}
