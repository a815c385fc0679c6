package io.ordo.core;

import java.util.Arrays;

/**
 * Every API key ever created, by id. Ids are dense (1, 2, 3, ... in creation order), so the keys live in an
 * array indexed by id: lookups hash nothing and iteration is in id order.
 * <p>
 * Not thread safe; owned by the BLP thread. Allocates when a key is created (an admin command, not the hot path).
 */
final class ApiKeyRegistry
{
    private ApiKey[] keys = new ApiKey[16];
    private int count;

    /** @return the key, revoked or not, or null when no key has this id. */
    ApiKey key(final long keyId)
    {
        return keyId >= 1 && keyId <= count ? keys[(int)(keyId - 1)] : null;
    }

    /** @return the id the next key gets. */
    long nextKeyId()
    {
        return count + 1L;
    }

    /** @return how many keys were created (revoked ones included). */
    int count()
    {
        return count;
    }

    /** @return the key with id {@code index + 1}. */
    ApiKey keyByIndex(final int index)
    {
        return keys[index];
    }

    /**
     * @param key with the id {@link #nextKeyId()}.
     */
    void add(final ApiKey key)
    {
        if (key.keyId != nextKeyId())
        {
            throw new IllegalArgumentException("key id " + key.keyId + " is not the next, " + nextKeyId());
        }
        if (count == keys.length)
        {
            keys = Arrays.copyOf(keys, count * 2);
        }
        keys[count++] = key;
    }
}
