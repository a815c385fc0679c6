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
 * random keys drawn from a small space so that probes collide, wrap around and are deleted by backward shifting.
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

            for (int step = 0; step < 20_000; step++)
            {
                final long accountId = random.nextInt(4);
                final long requestId = random.nextInt(capacity * 3);
                final List<Long> key = List.of(accountId, requestId);
                final int slot = window.find(accountId, requestId);
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
                window.record(accountId, requestId, reason, orderId);
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
                assertThat(window.find(entry.getKey().get(0), entry.getKey().get(1)))
                    .isNotEqualTo(RequestWindow.NOT_FOUND);
            }
        }
    }
}
