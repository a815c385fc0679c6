package io.ordo.core;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order index finds exactly the orders added and not removed, by id: also when ids share a slot (an order that
 * outlives a whole array of newer ids), and for any id a client may send (0, negative, never issued).
 */
class OrderIndexTest
{
    @Test
    void shouldFindAnAddedOrderByItsIdUntilItIsRemoved()
    {
        final OrderIndex index = new OrderIndex(16);
        final Order order = order(5);

        index.add(order);

        assertThat(index.get(5)).isSameAs(order);
        assertThat(index.size()).isEqualTo(1);

        index.remove(order);

        assertThat(index.get(5)).isNull();
        assertThat(index.size()).isZero();
    }

    @Test
    void shouldKeepOrdersWhoseIdsShareASlotApart()
    {
        final OrderIndex index = new OrderIndex(16);
        final Order old = order(3);
        final Order newer = order(3 + 16);
        final Order newest = order(3 + 32);

        index.add(old);
        index.add(newer);
        index.add(newest);

        assertThat(index.overflowSize()).as("the two that found slot 3 taken").isEqualTo(2);
        assertThat(index.get(3)).isSameAs(old);
        assertThat(index.get(19)).isSameAs(newer);
        assertThat(index.get(35)).isSameAs(newest);
        assertThat(index.get(51)).as("an id of the same slot never added").isNull();

        index.remove(old);

        assertThat(index.get(3)).as("the slot's order removed").isNull();
        assertThat(index.get(19)).as("an overflowed order after its slot was freed").isSameAs(newer);
        assertThat(index.get(35)).isSameAs(newest);

        index.remove(newest);

        assertThat(index.get(35)).isNull();
        assertThat(index.get(19)).isSameAs(newer);
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void shouldFindNothingForIdsThatWereNeverAdded()
    {
        final OrderIndex index = new OrderIndex(8);
        index.add(order(1));
        index.add(order(9));

        assertThat(index.get(0)).isNull();
        assertThat(index.get(-1)).isNull();
        assertThat(index.get(Long.MIN_VALUE)).isNull();
        assertThat(index.get(Long.MAX_VALUE)).isNull();
        assertThat(index.get(1L + (1L << 32))).as("an id equal to 1 in its low 32 bits").isNull();
        assertThat(index.get(17)).isNull();
    }

    @Test
    void shouldRoundItsSlotsUpToAPowerOfTwo()
    {
        final OrderIndex index = new OrderIndex(10);
        index.add(order(1));

        index.add(order(17));

        assertThat(index.overflowSize()).as("16 slots: ids 1 and 17 share one").isEqualTo(1);
    }

    /**
     * Ids issued in ascending order, as the BLP issues them; each step adds the next id or removes a random open
     * order, and some orders stay open for many times the array's length. After every step each id issued so far
     * is found exactly when it is open.
     */
    @Test
    void shouldFindExactlyTheOpenOrdersWhileIdsAscendAndSomeOrdersOutliveTheArray()
    {
        for (long seed = 1; seed <= 20; seed++)
        {
            final SplittableRandom random = new SplittableRandom(seed);
            final OrderIndex index = new OrderIndex(32);
            final List<Order> open = new ArrayList<>();
            final Order[] byId = new Order[3_001];
            long nextId = 1;
            while (nextId <= 3_000)
            {
                if (open.isEmpty() || random.nextInt(100) < 55)
                {
                    final Order order = order(nextId++);
                    byId[(int)order.orderId] = order;
                    index.add(order);
                    open.add(order);
                }
                else
                {
                    // remove mostly recent orders, so that a few old ones stay open for long
                    final int from = Math.max(0, open.size() - 1 - random.nextInt(20));
                    final Order order = open.remove(random.nextInt(10) == 0 ? random.nextInt(open.size()) : from);
                    index.remove(order);
                    order.open = false;
                }
                if (random.nextInt(50) == 0)
                {
                    assertIndexHolds(seed, index, byId, nextId, open.size());
                }
            }
            assertIndexHolds(seed, index, byId, nextId, open.size());
            assertThat(index.overflowSize()).as("seed %d: some orders outlived the array", seed).isPositive();
        }
    }

    private static void assertIndexHolds(
        final long seed, final OrderIndex index, final Order[] byId, final long nextId, final int openCount)
    {
        assertThat(index.size()).as("seed %d: size", seed).isEqualTo(openCount);
        for (long id = 1; id < nextId; id++)
        {
            final Order expected = byId[(int)id].open ? byId[(int)id] : null;
            assertThat(index.get(id)).as("seed %d: order %d", seed, id).isSameAs(expected);
        }
        assertThat(index.get(nextId)).as("seed %d: the next id, not issued yet", seed).isNull();
    }

    private static Order order(final long orderId)
    {
        final Order order = new Order();
        order.orderId = orderId;
        order.open = true;
        return order;
    }
}
