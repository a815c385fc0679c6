package io.ordo.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request window against an obviously correct model (an insertion-ordered map trimmed to capacity), on seeded
 * random keys drawn from a small space so that an id's entries chain through the ring and are overwritten. An id
 * starts without an account (its entries are orphans) and gets one at a random step, as an OpenAccount does: the
 * window remembers the same entries either way.
 */
class RequestWindowTest
{
    @Test
    void shouldRememberExactlyTheLastCapacityEntriesWhenKeysCollideAndEvict()
    {
        for (long seed = 1; seed <= 20; seed++)
        {
            final SplittableRandom random = new SplittableRandom(seed);
            final int capacity = 1 << (1 + random.nextInt(6));
            final RequestWindow window = new RequestWindow(capacity);
            final LinkedHashMap<List<Long>, long[]> model = new LinkedHashMap<>();
            final Account[] accounts = new Account[4];

            for (int step = 0; step < 20_000; step++)
            {
                final int accountIndex = random.nextInt(4);
                final long accountId = accountIndex;
                if (accounts[accountIndex] == null && random.nextInt(5_000) == 0)
                {
                    accounts[accountIndex] = new Account(accountId);
                    window.onAccountOpened(accounts[accountIndex]);
                }
                final Account account = accounts[accountIndex];
                final long requestId = random.nextInt(capacity * 3);
                final List<Long> key = List.of(accountId, requestId);
                final int slot = window.find(account, accountId, requestId);
                final long[] expected = model.get(key);
                assertThat(slot != RequestWindow.NOT_FOUND)
                    .as("seed %d step %d key %s present", seed, step, key).isEqualTo(expected != null);
                if (expected != null)
                {
                    assertThat(window.reasonCode(slot)).as("seed %d reason", seed).isEqualTo((byte)expected[0]);
                    assertThat(window.orderId(slot)).as("seed %d orderId", seed).isEqualTo(expected[1]);
                    continue;
                }
                final byte reason = (byte)random.nextInt(30);
                final long orderId = random.nextLong();
                window.record(account, accountId, requestId, reason, orderId);
                model.put(key, new long[]{reason, orderId});
                if (model.size() > capacity)
                {
                    model.remove(model.keySet().iterator().next());
                }
                assertThat(window.size()).isEqualTo(model.size());
            }

            final List<List<Long>> order = new ArrayList<>();
            window.forEach((accountId, requestId, reason, orderId) -> order.add(List.of(accountId, requestId)));
            assertThat(order).as("seed %d: oldest to newest", seed).containsExactlyElementsOf(model.keySet());
            for (final Map.Entry<List<Long>, long[]> entry : model.entrySet())
            {
                final long accountId = entry.getKey().get(0);
                assertThat(window.find(accounts[(int)accountId], accountId, entry.getKey().get(1)))
                    .isNotEqualTo(RequestWindow.NOT_FOUND);
            }
        }
    }
}
