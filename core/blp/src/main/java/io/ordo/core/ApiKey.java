package io.ordo.core;

/**
 * One API key as the BLP knows it: the account it logs in as, its role and its salted hash (never the secret).
 * A revoked key stays, so that its id is never reused and history still names it.
 * <p>
 * Not thread safe; owned by the BLP thread.
 */
final class ApiKey
{
    final long keyId;
    final long accountId;
    final byte roleCode;
    final byte[] salt;
    final byte[] keyHash;
    boolean revoked;

    ApiKey(final long keyId, final long accountId, final byte roleCode, final byte[] salt, final byte[] keyHash)
    {
        this.keyId = keyId;
        this.accountId = accountId;
        this.roleCode = roleCode;
        this.salt = salt;
        this.keyHash = keyHash;
    }
}
