package io.ordo.core;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The book side's search: for any ascending keys (with repeats, negative, at the extremes of a long) and any key, the
 * index it returns splits the keys into those below the key and those at or above it.
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

    private static long extreme(final SplittableRandom random)
    {
        return random.nextBoolean() ? Long.MAX_VALUE - random.nextInt(2) : Long.MIN_VALUE + random.nextInt(2);
    }
}
