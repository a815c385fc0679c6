package io.ordo.client;

import io.ordo.protocol.codec.SessionErrorCode;

/**
 * The server refused a frame of this session (never journaled): the code says why (see docs/protocol.md,
 * "Session errors").
 */
public final class SessionErrorException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final transient SessionErrorCode code;
    private final long detail;

    public SessionErrorException(final SessionErrorCode code, final long detail)
    {
        super("server refused: " + code + (detail != 0 ? " (" + detail + ")" : ""));
        this.code = code;
        this.detail = detail;
    }

    public SessionErrorCode code()
    {
        return code;
    }

    public long detail()
    {
        return detail;
    }
}
