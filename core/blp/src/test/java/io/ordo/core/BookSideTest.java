package io.ordo.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The book side's search: for any ascending keys (with repeats, negative, at the extremes of a long) and any key, the
 * index it returns splits the keys into those below the key and those at or above it. A move of a resting order
 * leaves the book as a removal and a new placement would: the levels by price, and the order last at its new
 * price. Levels are found by the place they were last seen at while it still holds them, so the book stays right
 * however the levels before them came and went.
 */
class BookSideTest
{
    @Test
    void shouldReturnTheFirstIndexWhoseKeyIsNotBelowTheKeyForAnySortedKeys()
    {
        for (long seed = 1; seed <= 200; seed++)
        {
            final SplittableRandom random = new SplittableRandom(seed);
            final int size = random.nextInt(70);
            final long[] keys = new long[size + random.nextInt(3)]; // spare capacity past size is never read as keys
            Arrays.fill(keys, Long.MIN_VALUE);
            for (int i = 0; i < size; i++)
            {
                keys[i] = random.nextInt(5) == 0 ? extreme(random) : random.nextLong(-50, 50);
            }
            Arrays.sort(keys, 0, size);
            for (int probe = 0; probe < 200; probe++)
            {
                final long key = random.nextInt(10) == 0 ? extreme(random) : random.nextLong(-60, 60);

                final int index = BookSide.lowerBound(keys, size, key);

                assertThat(index).as("seed %d key %d in %s", seed, key, Arrays.toString(keys)).isBetween(0, size);
                for (int i = 0; i < index; i++)
                {
                    assertThat(keys[i]).as("seed %d: key %d at %d, before the index %d", seed, keys[i], i, index)
                        .isLessThan(key);
                }
                for (int i = index; i < size; i++)
                {
                    assertThat(keys[i]).as("seed %d: key %d at %d, from the index %d", seed, keys[i], i, index)
                        .isGreaterThanOrEqualTo(key);
                }
            }
        }
    }

    @Test
    void shouldPlaceAKeyIntoAnEmptySideAtTheStart()
    {
        assertThat(BookSide.lowerBound(new long[4], 0, 7)).isZero();
    }

    @Test
    void shouldMoveALoneOrderBetweenItsNeighboursInPlace()
    {
        final Order moved = order(2, 105);
        final BookSide bids = side(true, order(1, 100), moved, order(3, 110));
        final PriceLevel level = moved.level;

        bids.move(moved, 107);

        assertThat(book(bids)).isEqualTo("110:[3] 107:[2] 100:[1]");
        assertThat(moved.price).isEqualTo(107);
        assertThat(moved.level).as("the level kept its slot and took the new price").isSameAs(level);
    }

    @Test
    void shouldMoveALoneOrderPastOtherLevelsToItsNewPlace()
    {
        final Order moved = order(2, 105);
        final BookSide asks = side(false, order(1, 100), moved, order(3, 110));

        asks.move(moved, 99);

        assertThat(book(asks)).isEqualTo("99:[2] 100:[1] 110:[3]");
        asks.move(moved, 120);
        assertThat(book(asks)).isEqualTo("100:[1] 110:[3] 120:[2]");
    }

    @Test
    void shouldMoveAnOrderToTheBackOfAnExistingLevel()
    {
        final Order moved = order(1, 100);
        final BookSide bids = side(true, moved, order(2, 101), order(3, 101));

        bids.move(moved, 101);

        assertThat(book(bids)).isEqualTo("101:[2, 3, 1]");
    }

    @Test
    void shouldMoveOneOfSeveralOrdersAtAPriceAndLeaveTheOthers()
    {
        final Order moved = order(2, 100);
        final BookSide bids = side(true, order(1, 100), moved, order(3, 100));

        bids.move(moved, 102);

        assertThat(book(bids)).isEqualTo("102:[2] 100:[1, 3]");
    }

    @Test
    void shouldMoveALoneOrderAcrossManyLevelsWithItsLevel()
    {
        final Order moved = order(4, 104);
        final BookSide bids = side(true, order(1, 101), order(2, 102), order(3, 103), moved, order(5, 105),
            order(6, 106), order(7, 107));
        final PriceLevel level = moved.level;

        bids.move(moved, 110);
        assertThat(book(bids)).isEqualTo("110:[4] 107:[7] 106:[6] 105:[5] 103:[3] 102:[2] 101:[1]");
        bids.move(moved, 100);
        assertThat(book(bids)).isEqualTo("107:[7] 106:[6] 105:[5] 103:[3] 102:[2] 101:[1] 100:[4]");
        bids.move(moved, 104);

        assertThat(book(bids)).isEqualTo("107:[7] 106:[6] 105:[5] 104:[4] 103:[3] 102:[2] 101:[1]");
        assertThat(moved.level).as("the level went with its lone order").isSameAs(level);
        assertThat(bids.levelCount()).isEqualTo(7);
    }

    @Test
    void shouldMoveRandomOrdersAsARemovalAndAPlacementWould()
    {
        for (long seed = 1; seed <= 50; seed++)
        {
            final SplittableRandom random = new SplittableRandom(seed);
            final boolean bidSide = random.nextBoolean();
            final BookSide moving = new BookSide(bidSide);
            final BookSide replacing = new BookSide(bidSide);
            final Order[] movingOrders = new Order[40];
            final Order[] replacingOrders = new Order[40];
            for (int i = 0; i < movingOrders.length; i++)
            {
                final long price = random.nextLong(1, 60);
                movingOrders[i] = order(i + 1, price);
                replacingOrders[i] = order(i + 1, price);
                moving.add(movingOrders[i]);
                replacing.add(replacingOrders[i]);
            }
            for (int step = 0; step < 500; step++)
            {
                final int i = random.nextInt(movingOrders.length);
                final long jump = seed % 2 == 0 ? random.nextLong(-3, 4) : random.nextLong(-40, 41);
                final long newPrice = Math.max(1, movingOrders[i].price + jump);

                moving.move(movingOrders[i], newPrice);
                replacing.remove(replacingOrders[i]);
                replacingOrders[i].price = newPrice;
                replacing.add(replacingOrders[i]);

                assertThat(book(moving)).as("seed %d step %d", seed, step).isEqualTo(book(replacing));
            }
        }
    }

    @Test
    void shouldFindALevelWhoseSlotMovedWhenWorseLevelsCameAndWent()
    {
        final Order kept = order(1, 105);
        final BookSide bids = side(true, kept, order(2, 110));
        final Order worse = order(3, 100);
        bids.add(worse); // the level at 105 moves up a slot
        bids.add(order(4, 90)); // and another

        bids.remove(worse); // and back down one
        bids.move(kept, 106);

        assertThat(book(bids)).isEqualTo("110:[2] 106:[1] 90:[4]");
        bids.remove(kept);
        assertThat(book(bids)).isEqualTo("110:[2] 90:[4]");
    }

    @Test
    void shouldKeepTheLevelsOfAnyRandomRunOfPlacementsMovesAndRemovalsInPriceOrder()
    {
        for (long seed = 1; seed <= 40; seed++)
        {
            final SplittableRandom random = new SplittableRandom(seed);
            final boolean bidSide = random.nextBoolean();
            final BookSide side = new BookSide(bidSide);
            final TreeMap<Long, List<Long>> expected = new TreeMap<>();
            final List<Order> resting = new ArrayList<>();
            long nextOrderId = 1;
            for (int step = 0; step < 2_000; step++)
            {
                final int action = resting.isEmpty() ? 0 : random.nextInt(3);
                if (action == 0)
                {
                    final Order placed = order(nextOrderId++, random.nextLong(1, 200));
                    side.add(placed);
                    expected.computeIfAbsent(placed.price, price -> new ArrayList<>()).add(placed.orderId);
                    resting.add(placed);
                }
                else
                {
                    final Order chosen = resting.get(random.nextInt(resting.size()));
                    takeOut(expected, chosen);
                    if (action == 1)
                    {
                        final long newPrice = Math.max(1, chosen.price + random.nextLong(-5, 6));
                        side.move(chosen, newPrice);
                        expected.computeIfAbsent(newPrice, price -> new ArrayList<>()).add(chosen.orderId);
                    }
                    else
                    {
                        side.remove(chosen);
                        resting.remove(chosen);
                    }
                }

                assertThat(book(side)).as("seed %d step %d", seed, step).isEqualTo(book(expected, bidSide));
            }
        }
    }

    private static void takeOut(final TreeMap<Long, List<Long>> levels, final Order order)
    {
        final List<Long> ids = levels.get(order.price);
        ids.remove(order.orderId);
        if (ids.isEmpty())
        {
            levels.remove(order.price);
        }
    }

    /** The model's levels as {@link #book(BookSide)} writes a side's: from the best. */
    private static String book(final TreeMap<Long, List<Long>> levels, final boolean bids)
    {
        final StringBuilder text = new StringBuilder();
        for (final Map.Entry<Long, List<Long>> level : (bids ? levels.descendingMap() : levels).entrySet())
        {
            text.append(text.length() == 0 ? "" : " ").append(level.getKey()).append(':').append(level.getValue());
        }
        return text.toString();
    }

    /** A side with the orders added in the order given. */
    private static BookSide side(final boolean bids, final Order... orders)
    {
        final BookSide side = new BookSide(bids);
        for (final Order order : orders)
        {
            side.add(order);
        }
        return side;
    }

    private static Order order(final long orderId, final long price)
    {
        final Order order = new Order();
        order.orderId = orderId;
        order.price = price;
        return order;
    }

    /** Levels from the best, each with its orders' ids in time priority. */
    private static String book(final BookSide side)
    {
        final StringBuilder text = new StringBuilder();
        for (int rank = 0; rank < side.levelCount(); rank++)
        {
            final PriceLevel level = side.levelByRank(rank);
            final List<Long> ids = new ArrayList<>();
            for (Order order = level.head; order != null; order = order.levelNext)
            {
                assertThat(order.price).as("order %d in the level at %d", order.orderId, level.price)
                    .isEqualTo(level.price);
                ids.add(order.orderId);
            }
            text.append(rank == 0 ? "" : " ").append(level.price).append(':').append(ids);
        }
        return text.toString();
    }

    private static long extreme(final SplittableRandom random)
    {
        return random.nextBoolean() ? Long.MAX_VALUE - random.nextInt(2) : Long.MIN_VALUE + random.nextInt(2);
    }
}
