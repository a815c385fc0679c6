package io.ordo.protocol;

import java.util.HexFormat;

import io.ordo.protocol.codec.LoginEncoder;

/**
 * The text form of an API key, as shown once at creation and kept by its owner: {@code ordo_<key id>_<secret>},
 * the secret as 64 lower-case hex digits (32 random bytes). The key id says which stored hash to check; the secret
 * is what the hash is of. The prefix lets secret scanners find leaked keys.
 * <p>
 * Stateless and thread safe.
 */
public final class ApiKeyText
{
    /** What every key starts with. */
    public static final String PREFIX = "ordo_";
    /** Bytes of a key's secret. */
    public static final int SECRET_LENGTH = LoginEncoder.secretLength();

    private static final HexFormat HEX = HexFormat.of();

    private ApiKeyText()
    {
    }

    /** @return the key's text form. */
    public static String format(final long keyId, final byte[] secret)
    {
        if (keyId < 1 || secret.length != SECRET_LENGTH)
        {
            throw new IllegalArgumentException("a key needs an id >= 1 and a secret of " + SECRET_LENGTH + " bytes");
        }
        return PREFIX + keyId + "_" + HEX.formatHex(secret);
    }

    /**
     * @return the key id of a key's text form.
     * @throws IllegalArgumentException if the text is not a key.
     */
    public static long keyId(final String text)
    {
        final int separator = check(text);
        return Long.parseLong(text, PREFIX.length(), separator, 10);
    }

    /**
     * @return the secret of a key's text form.
     * @throws IllegalArgumentException if the text is not a key.
     */
    public static byte[] secret(final String text)
    {
        final int separator = check(text);
        return HEX.parseHex(text, separator + 1, text.length());
    }

    private static int check(final String text)
    {
        final int separator = text == null || !text.startsWith(PREFIX) ? -1 : text.indexOf('_', PREFIX.length());
        if (separator <= PREFIX.length() || text.length() - separator - 1 != 2 * SECRET_LENGTH)
        {
            throw notAKey();
        }
        for (int i = PREFIX.length(); i < separator; i++)
        {
            if (text.charAt(i) < '0' || text.charAt(i) > '9')
            {
                throw notAKey();
            }
        }
        for (int i = separator + 1; i < text.length(); i++)
        {
            if (Character.digit(text.charAt(i), 16) < 0)
            {
                throw notAKey();
            }
        }
        if (separator - PREFIX.length() > 18)
        {
            throw notAKey();
        }
        return separator;
    }

    private static IllegalArgumentException notAKey()
    {
        return new IllegalArgumentException(
            "not an Ordo API key: expected " + PREFIX + "<key id>_<" + 2 * SECRET_LENGTH + " hex digits>");
    }
}
