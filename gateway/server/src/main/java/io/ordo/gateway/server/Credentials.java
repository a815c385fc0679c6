package io.ordo.gateway.server;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;

import io.ordo.protocol.ApiKeyText;
import io.ordo.protocol.Codes;
import io.ordo.protocol.CommandWriter;

/**
 * The gateway's copy of the API keys, to check logins: loaded from the recovered state at start, then kept up to
 * date from the keys' events ({@code ApiKeyCreated}, {@code ApiKeyRevoked}) as the engine publishes them. A key is
 * stored as the BLP stores it, salt and SHA-256(salt, secret), never the secret.
 * <p>
 * Thread safe: events update it on the engine's dispatcher thread, logins read it on the I/O threads.
 */
final class Credentials
{
    /** One key. */
    static final class Key
    {
        final long keyId;
        final long accountId;
        final byte roleCode;
        final byte[] salt;
        final byte[] keyHash;
        volatile boolean revoked;

        Key(final long keyId, final long accountId, final byte roleCode, final byte[] salt, final byte[] keyHash,
            final boolean revoked)
        {
            this.keyId = keyId;
            this.accountId = accountId;
            this.roleCode = roleCode;
            this.salt = salt;
            this.keyHash = keyHash;
            this.revoked = revoked;
        }

        boolean isAdmin()
        {
            return roleCode == Codes.ROLE_ADMIN;
        }
    }

    /** A key drawn for a CreateApiKey: the secret its owner gets once, the salt and the hash the journal keeps. */
    record NewKey(byte[] secret, byte[] salt, byte[] keyHash)
    {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Hashed when the key id is unknown, so that a failed login costs the same whether the key exists or not. */
    private static final byte[] ABSENT_SALT = new byte[16];
    private static final byte[] ABSENT_HASH = new byte[32];

    private final ConcurrentHashMap<Long, Key> keys = new ConcurrentHashMap<>();

    void put(final long keyId, final long accountId, final byte roleCode, final byte[] salt, final byte[] keyHash,
        final boolean revoked)
    {
        keys.put(keyId, new Key(keyId, accountId, roleCode, salt, keyHash, revoked));
    }

    void revoke(final long keyId)
    {
        final Key key = keys.get(keyId);
        if (key != null)
        {
            key.revoked = true;
        }
    }

    /** @return whether a live admin key of the operator account (0) exists. */
    boolean hasOperatorKey()
    {
        return keys.values().stream().anyMatch(k -> !k.revoked && k.accountId == 0 && k.isAdmin());
    }

    /** @return the id the next key created gets (ids are dense: 1, 2, 3, ...). */
    long nextKeyId()
    {
        return keys.size() + 1L;
    }

    /**
     * Checks a login: the key exists, is live, belongs to the account, and the secret hashes to its hash. The
     * work done is the same for every failure, and the answer does not say which check failed.
     *
     * @return the key, or null when the login fails.
     */
    Key check(final long accountId, final long keyId, final byte[] secret)
    {
        final Key key = keys.get(keyId);
        final byte[] hash = hash(key != null ? key.salt : ABSENT_SALT, secret);
        final boolean equal = MessageDigest.isEqual(hash, key != null ? key.keyHash : ABSENT_HASH);
        return key != null && equal && !key.revoked && key.accountId == accountId ? key : null;
    }

    /** @return a new random secret and salt, and SHA-256(salt, secret). */
    static NewKey draw()
    {
        final byte[] secret = new byte[ApiKeyText.SECRET_LENGTH];
        final byte[] salt = new byte[CommandWriter.SALT_LENGTH];
        RANDOM.nextBytes(secret);
        RANDOM.nextBytes(salt);
        return new NewKey(secret, salt, hash(salt, secret));
    }

    /** @return SHA-256 of the salt then the secret. */
    static byte[] hash(final byte[] salt, final byte[] secret)
    {
        try
        {
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            digest.update(secret);
            return digest.digest();
        }
        catch (final NoSuchAlgorithmException e)
        {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
