package io.ordo.core;

/**
 * Receives the API keys of a BLP's state in id order (see {@link BusinessLogicProcessor#forEachApiKey}): what a
 * gateway loads at start, before it follows the keys' events.
 */
@FunctionalInterface
public interface ApiKeyVisitor
{
    /**
     * @param roleCode {@link io.ordo.protocol.Codes#ROLE_TRADER} or {@link io.ordo.protocol.Codes#ROLE_ADMIN}.
     * @param salt     a copy of the key's salt.
     * @param keyHash  a copy of SHA-256(salt, secret).
     */
    void onApiKey(long keyId, long accountId, byte roleCode, byte[] salt, byte[] keyHash, boolean revoked);
}
