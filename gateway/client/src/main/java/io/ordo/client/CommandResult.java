package io.ordo.client;

import io.ordo.protocol.codec.CommandType;
import io.ordo.protocol.codec.RejectReason;

/**
 * The outcome of one command, once its events are in the server's output journal.
 *
 * @param clientRequestId the command's request id.
 * @param sequence        the command's input journal sequence (of the retry, for a duplicate).
 * @param commandType     what the command was.
 * @param accepted        whether it was applied (for a duplicate: whether the original was).
 * @param reason          why not ({@link RejectReason#NONE} when accepted); for a duplicate the original's reason.
 * @param orderId         the order it placed, replaced or cancelled (or named); the key id of a new API key.
 * @param duplicate       true when the server had seen the request id already and answered with the original's
 *                        outcome: the command was not applied again (a resend after reconnect).
 * @param apiKey          a new API key's text form, shown this once; null otherwise (and for a duplicate).
 */
public record CommandResult(long clientRequestId, long sequence, CommandType commandType, boolean accepted,
    RejectReason reason, long orderId, boolean duplicate, String apiKey)
{
}
