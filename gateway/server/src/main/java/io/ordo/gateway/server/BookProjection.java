package io.ordo.gateway.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

import io.ordo.protocol.EventAdapter;
import io.ordo.protocol.EventListener;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2LongHashMap;

/**
 * The L2 books of every instrument, projected from the output events alone: it follows each open order (instrument,
 * side, price, open quantity) from its {@code OrderAccepted} or {@code OrderReplaced} through its {@code Trade}s to
 * its rest, cancel, expiry or fill, and keeps each price level's total in an {@link L2Book}. So a replay of the
 * output journal rebuilds the same books, and the market data never reads the BLP. For each command it also
 * records what changed: the books, the levels (for {@code BookUpdate}) and the trades.
 * <p>
 * The rules, from the BLP's event order: an accepted or re-priced order is the command's taker; it trades; it rests
 * at the end of the command at its price with what is left, unless an {@code OrderExpired} named it or nothing is
 * left. A maker's level loses each trade's quantity, and the order when its remaining quantity is 0. A replace
 * that keeps priority changes the level's quantity only.
 * <p>
 * Threading: one writer, the engine's dispatcher thread (the starting thread seeds it before). The books are read
 * from any thread through {@link #book}. Allocation free in steady state: orders live in pooled slots; only a new
 * instrument, or more open orders than ever before, allocates.
 */
final class BookProjection implements EventListener
{
    private static final long NO_SLOT = -1;

    private final EventAdapter adapter = new EventAdapter(this);
    private final Int2ObjectHashMap<L2Book> writerBooks = new Int2ObjectHashMap<>();
    private final ConcurrentHashMap<Integer, L2Book> readerBooks = new ConcurrentHashMap<>();
    private final Long2LongHashMap slotByOrder = new Long2LongHashMap(NO_SLOT);
    private int[] instrumentIds = new int[1024];
    private short[] sides = new short[1024];
    private long[] prices = new long[1024];
    private long[] remaining = new long[1024];
    private int[] freeSlots = new int[1024];
    private int freeCount;
    private int slotCount;

    private long commandSequence;
    private long commandTimestampNs;
    private long takerOrderId;
    private boolean takerExpired;

    // What the command being projected changed.
    private final ArrayList<L2Book> changedBooks = new ArrayList<>();
    private long[] topBefore = new long[16];
    private int levelCount;
    private L2Book[] levelBooks = new L2Book[16];
    private short[] levelSides = new short[16];
    private long[] levelPrices = new long[16];
    private int tradeCount;
    private int[] tradeInstruments = new int[16];
    private long[] tradeIds = new long[16];
    private long[] tradePrices = new long[16];
    private long[] tradeQuantities = new long[16];
    private short[] tradeSides = new short[16];

    /** @return the instrument's book, or null while it has never had an order. Any thread. */
    L2Book book(final int instrumentId)
    {
        return readerBooks.get(instrumentId);
    }

    /** Seeding (before the engine runs): an open order of the recovered state, in book order. */
    void seedOrder(final long orderId, final int instrumentId, final short sideCode, final long price,
        final long remainingQuantity)
    {
        final int slot = newSlot(orderId, instrumentId, sideCode, price, remainingQuantity);
        final L2Book book = bookFor(instrumentId);
        book.open();
        book.change(sideCode, price, remaining[slot], 1);
        book.close(0);
    }

    /** Seeding: every book is as of the recovered state's last command. */
    void seedDone(final long lastSequence)
    {
        for (final L2Book book : writerBooks.values())
        {
            book.open();
            book.close(lastSequence);
        }
    }

    /** Projects one command's events; then read what changed with the accessors below. */
    void onCommand(final long sequence, final DirectBuffer events, final int offset, final int length)
    {
        changedBooks.clear();
        levelCount = 0;
        tradeCount = 0;
        commandSequence = sequence;
        commandTimestampNs = 0;
        takerOrderId = 0;
        takerExpired = false;
        adapter.onEvents(events, offset, length);
        if (takerOrderId != 0)
        {
            final long slotValue = slotByOrder.get(takerOrderId);
            if (slotValue != NO_SLOT)
            {
                final int slot = (int)slotValue;
                if (!takerExpired && remaining[slot] > 0)
                {
                    changeLevel(instrumentIds[slot], sides[slot], prices[slot], remaining[slot], 1);
                }
                else
                {
                    freeSlot(takerOrderId, slot);
                }
            }
        }
        for (int i = 0, n = changedBooks.size(); i < n; i++)
        {
            changedBooks.get(i).close(sequence);
        }
    }

    int changedBookCount()
    {
        return changedBooks.size();
    }

    L2Book changedBook(final int index)
    {
        return changedBooks.get(index);
    }

    /** @return the book's sequence before this command. */
    long previousSequence(final int index)
    {
        return topBefore[index * 5 + 4];
    }

    /** @return whether the best bid or offer (price or quantity) of the changed book differs from before. */
    boolean topChanged(final int index)
    {
        final L2Book book = changedBooks.get(index);
        final int at = index * 5;
        return topBefore[at] != book.bids().bestPrice() || topBefore[at + 1] != book.bids().bestQuantity() ||
            topBefore[at + 2] != book.asks().bestPrice() || topBefore[at + 3] != book.asks().bestQuantity();
    }

    long timestampNs()
    {
        return commandTimestampNs;
    }

    int levelCount()
    {
        return levelCount;
    }

    L2Book levelBook(final int index)
    {
        return levelBooks[index];
    }

    short levelSide(final int index)
    {
        return levelSides[index];
    }

    long levelPrice(final int index)
    {
        return levelPrices[index];
    }

    int tradeCount()
    {
        return tradeCount;
    }

    int tradeInstrument(final int index)
    {
        return tradeInstruments[index];
    }

    long tradeId(final int index)
    {
        return tradeIds[index];
    }

    long tradePrice(final int index)
    {
        return tradePrices[index];
    }

    long tradeQuantity(final int index)
    {
        return tradeQuantities[index];
    }

    short tradeSide(final int index)
    {
        return tradeSides[index];
    }

    @Override
    public void onOrderAccepted(final long accountId, final long clientRequestId, final long timestampNs,
        final long orderId, final int instrumentId, final short sideCode, final short kindCode, final long priceMinor,
        final long quantityMinor, final long quoteBudgetMinor, final long heldAmountMinor)
    {
        commandTimestampNs = timestampNs;
        newSlot(orderId, instrumentId, sideCode, priceMinor, quantityMinor);
        takerOrderId = orderId;
    }

    @Override
    public void onOrderReplaced(final long accountId, final long clientRequestId, final long timestampNs,
        final long orderId, final int instrumentId, final short priorityKeptCode, final long oldPriceMinor,
        final long oldQuantityMinor, final long newPriceMinor, final long newQuantityMinor)
    {
        commandTimestampNs = timestampNs;
        final long slotValue = slotByOrder.get(orderId);
        if (slotValue == NO_SLOT)
        {
            return;
        }
        final int slot = (int)slotValue;
        if (priorityKeptCode == 1)
        {
            changeLevel(instrumentId, sides[slot], oldPriceMinor, newQuantityMinor - oldQuantityMinor, 0);
            remaining[slot] = newQuantityMinor;
        }
        else
        {
            // Leaves its level and trades again as the command's taker.
            changeLevel(instrumentId, sides[slot], oldPriceMinor, -oldQuantityMinor, -1);
            prices[slot] = newPriceMinor;
            remaining[slot] = newQuantityMinor;
            takerOrderId = orderId;
        }
    }

    @Override
    public void onTrade(final long tradeId, final long timestampNs, final int instrumentId,
        final short aggressorSideCode, final long makerOrderId, final long takerOrderId, final long makerAccountId,
        final long takerAccountId, final long priceMinor, final long quantityMinor, final long makerFeeMinor,
        final long takerFeeMinor, final long makerRemainingQuantityMinor, final long takerRemainingQuantityMinor)
    {
        commandTimestampNs = timestampNs;
        final long makerSlot = slotByOrder.get(makerOrderId);
        if (makerSlot != NO_SLOT)
        {
            final int slot = (int)makerSlot;
            final boolean filled = makerRemainingQuantityMinor == 0;
            changeLevel(instrumentId, sides[slot], prices[slot], -quantityMinor, filled ? -1 : 0);
            remaining[slot] = makerRemainingQuantityMinor;
            if (filled)
            {
                freeSlot(makerOrderId, slot);
            }
        }
        final long takerSlot = slotByOrder.get(takerOrderId);
        if (takerSlot != NO_SLOT)
        {
            remaining[(int)takerSlot] = takerRemainingQuantityMinor;
        }
        addTrade(instrumentId, tradeId, priceMinor, quantityMinor, aggressorSideCode);
    }

    @Override
    public void onOrderCancelled(final long accountId, final long clientRequestId, final long timestampNs,
        final long orderId, final int instrumentId, final short reasonCode, final long remainingQuantityMinor)
    {
        commandTimestampNs = timestampNs;
        removeResting(orderId);
    }

    @Override
    public void onOrderExpired(final long accountId, final long clientRequestId, final long timestampNs,
        final long orderId, final int instrumentId, final short reasonCode, final long remainingQuantityMinor)
    {
        commandTimestampNs = timestampNs;
        if (orderId == takerOrderId)
        {
            takerExpired = true;
        }
        else
        {
            removeResting(orderId);
        }
    }

    private void removeResting(final long orderId)
    {
        final long slotValue = slotByOrder.get(orderId);
        if (slotValue != NO_SLOT)
        {
            final int slot = (int)slotValue;
            changeLevel(instrumentIds[slot], sides[slot], prices[slot], -remaining[slot], -1);
            freeSlot(orderId, slot);
        }
    }

    private void changeLevel(final int instrumentId, final short sideCode, final long price, final long quantityDelta,
        final int orderCountDelta)
    {
        final L2Book book = bookFor(instrumentId);
        if (!changedBooks.contains(book))
        {
            final int index = changedBooks.size();
            if (topBefore.length < (index + 1) * 5)
            {
                topBefore = Arrays.copyOf(topBefore, topBefore.length * 2);
            }
            final int at = index * 5;
            topBefore[at] = book.bids().bestPrice();
            topBefore[at + 1] = book.bids().bestQuantity();
            topBefore[at + 2] = book.asks().bestPrice();
            topBefore[at + 3] = book.asks().bestQuantity();
            topBefore[at + 4] = book.sequence();
            changedBooks.add(book);
            book.open();
        }
        book.change(sideCode, price, quantityDelta, orderCountDelta);
        for (int i = 0; i < levelCount; i++)
        {
            if (levelBooks[i] == book && levelSides[i] == sideCode && levelPrices[i] == price)
            {
                return;
            }
        }
        if (levelCount == levelPrices.length)
        {
            levelBooks = Arrays.copyOf(levelBooks, levelCount * 2);
            levelSides = Arrays.copyOf(levelSides, levelCount * 2);
            levelPrices = Arrays.copyOf(levelPrices, levelCount * 2);
        }
        levelBooks[levelCount] = book;
        levelSides[levelCount] = sideCode;
        levelPrices[levelCount] = price;
        levelCount++;
    }

    private void addTrade(final int instrumentId, final long tradeId, final long price, final long quantity,
        final short aggressorSideCode)
    {
        if (tradeCount == tradeIds.length)
        {
            tradeInstruments = Arrays.copyOf(tradeInstruments, tradeCount * 2);
            tradeIds = Arrays.copyOf(tradeIds, tradeCount * 2);
            tradePrices = Arrays.copyOf(tradePrices, tradeCount * 2);
            tradeQuantities = Arrays.copyOf(tradeQuantities, tradeCount * 2);
            tradeSides = Arrays.copyOf(tradeSides, tradeCount * 2);
        }
        tradeInstruments[tradeCount] = instrumentId;
        tradeIds[tradeCount] = tradeId;
        tradePrices[tradeCount] = price;
        tradeQuantities[tradeCount] = quantity;
        tradeSides[tradeCount] = aggressorSideCode;
        tradeCount++;
    }

    private L2Book bookFor(final int instrumentId)
    {
        L2Book book = writerBooks.get(instrumentId);
        if (book == null)
        {
            book = new L2Book(instrumentId);
            writerBooks.put(instrumentId, book);
            readerBooks.put(instrumentId, book);
        }
        return book;
    }

    private int newSlot(final long orderId, final int instrumentId, final short sideCode, final long price,
        final long quantity)
    {
        final int slot;
        if (freeCount > 0)
        {
            slot = freeSlots[--freeCount];
        }
        else
        {
            if (slotCount == prices.length)
            {
                instrumentIds = Arrays.copyOf(instrumentIds, slotCount * 2);
                sides = Arrays.copyOf(sides, slotCount * 2);
                prices = Arrays.copyOf(prices, slotCount * 2);
                remaining = Arrays.copyOf(remaining, slotCount * 2);
                freeSlots = Arrays.copyOf(freeSlots, slotCount * 2);
            }
            slot = slotCount++;
        }
        instrumentIds[slot] = instrumentId;
        sides[slot] = sideCode;
        prices[slot] = price;
        remaining[slot] = quantity;
        slotByOrder.put(orderId, slot);
        return slot;
    }

    private void freeSlot(final long orderId, final int slot)
    {
        slotByOrder.remove(orderId);
        freeSlots[freeCount++] = slot;
    }
}
