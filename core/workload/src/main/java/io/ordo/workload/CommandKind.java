package io.ordo.workload;

import io.ordo.protocol.Codes;
import io.ordo.protocol.codec.CancelAllDecoder;
import io.ordo.protocol.codec.CancelOrderDecoder;
import io.ordo.protocol.codec.CreateApiKeyDecoder;
import io.ordo.protocol.codec.CreateAssetDecoder;
import io.ordo.protocol.codec.CreateInstrumentDecoder;
import io.ordo.protocol.codec.DepositDecoder;
import io.ordo.protocol.codec.HaltInstrumentDecoder;
import io.ordo.protocol.codec.OpenAccountDecoder;
import io.ordo.protocol.codec.PlaceOrderDecoder;
import io.ordo.protocol.codec.ReplaceOrderDecoder;
import io.ordo.protocol.codec.ResumeInstrumentDecoder;
import io.ordo.protocol.codec.RevokeApiKeyDecoder;
import io.ordo.protocol.codec.TakeSnapshotDecoder;
import io.ordo.protocol.codec.TransferDecoder;
import io.ordo.protocol.codec.WithdrawDecoder;

/**
 * The kinds of generated command, numbered once for the whole workload family: {@link DemoWorkload} counts the
 * commands it sends by kind, {@link StandardWorkload} reports its realised mix by kind, {@link CommandStream}
 * stores each command's {@link #ordinal()} as a byte, and every {@link TestCommand} of {@link RandomizedWorkload}
 * has one.
 * <p>
 * Finer than the wire's templateId ({@link #templateId()}): placements are split by order kind, the standard
 * workload's replaces into moves and reduces (exchange-core's two commands), and {@link #MALFORMED} stands for the
 * deliberately bad frames of the randomized stream, which have no template of their own.
 * <p>
 * Immutable, so thread safe.
 */
public enum CommandKind
{
    CREATE_ASSET("CreateAsset", CreateAssetDecoder.TEMPLATE_ID),
    CREATE_INSTRUMENT("CreateInstrument", CreateInstrumentDecoder.TEMPLATE_ID),
    OPEN_ACCOUNT("OpenAccount", OpenAccountDecoder.TEMPLATE_ID),
    DEPOSIT("Deposit", DepositDecoder.TEMPLATE_ID),
    WITHDRAW("Withdraw", WithdrawDecoder.TEMPLATE_ID),
    TRANSFER("Transfer", TransferDecoder.TEMPLATE_ID),
    PLACE_GTC("PlaceOrder GTC", PlaceOrderDecoder.TEMPLATE_ID),
    PLACE_IOC("PlaceOrder IOC", PlaceOrderDecoder.TEMPLATE_ID),
    PLACE_FOK("PlaceOrder FOK", PlaceOrderDecoder.TEMPLATE_ID),
    PLACE_POST_ONLY("PlaceOrder POST_ONLY", PlaceOrderDecoder.TEMPLATE_ID),
    /** A market order bounded by a price limit. */
    PLACE_MARKET_LIMIT("PlaceOrder MARKET (price limit)", PlaceOrderDecoder.TEMPLATE_ID),
    /** A market buy bounded by a quote budget. */
    PLACE_MARKET_BUDGET("PlaceOrder MARKET (quote budget)", PlaceOrderDecoder.TEMPLATE_ID),
    /** A placement whose order kind code is none of the schema's. */
    PLACE_INVALID_KIND("PlaceOrder (invalid kind)", PlaceOrderDecoder.TEMPLATE_ID),
    CANCEL_ORDER("CancelOrder", CancelOrderDecoder.TEMPLATE_ID),
    /** Any replace: new price, new open quantity or both. */
    REPLACE_ORDER("ReplaceOrder", ReplaceOrderDecoder.TEMPLATE_ID),
    /** A replace at a new price with the same open quantity (loses time priority). */
    MOVE_ORDER("ReplaceOrder (move)", ReplaceOrderDecoder.TEMPLATE_ID),
    /** A replace at the same price with a smaller open quantity (keeps time priority). */
    REDUCE_ORDER("ReplaceOrder (reduce)", ReplaceOrderDecoder.TEMPLATE_ID),
    CANCEL_ALL("CancelAll", CancelAllDecoder.TEMPLATE_ID),
    HALT_INSTRUMENT("HaltInstrument", HaltInstrumentDecoder.TEMPLATE_ID),
    RESUME_INSTRUMENT("ResumeInstrument", ResumeInstrumentDecoder.TEMPLATE_ID),
    TAKE_SNAPSHOT("TakeSnapshot", TakeSnapshotDecoder.TEMPLATE_ID),
    /** A new API key, or (it names the key it replaces) a rotation. */
    CREATE_API_KEY("CreateApiKey", CreateApiKeyDecoder.TEMPLATE_ID),
    REVOKE_API_KEY("RevokeApiKey", RevokeApiKeyDecoder.TEMPLATE_ID),
    /** A deliberately malformed frame (truncated, wrong header, unknown template), sent as raw bytes. */
    MALFORMED("Malformed frame", 0);

    /** How many kinds there are: the size of an array indexed by {@link #ordinal()}. */
    public static final int COUNT = values().length;

    private static final CommandKind[] BY_ORDINAL = values();

    private final String displayName;
    private final int templateId;

    CommandKind(final String displayName, final int templateId)
    {
        this.displayName = displayName;
        this.templateId = templateId;
    }

    /** @return the name in reports, e.g. {@code "PlaceOrder MARKET (quote budget)"}. */
    public String displayName()
    {
        return displayName;
    }

    /** @return the SBE templateId of the command's message, 0 for {@link #MALFORMED}. */
    public int templateId()
    {
        return templateId;
    }

    /** @return the kind whose {@link #ordinal()} this is, as {@link CommandStream} stores it. */
    public static CommandKind get(final int ordinal)
    {
        return BY_ORDINAL[ordinal];
    }

    /**
     * The kind of a placement, from its wire fields.
     *
     * @param kindCode    the {@link io.ordo.protocol.codec.OrderKind} code, possibly none of them.
     * @param quoteBudget a market order with a budget is bounded by it, one without by its price limit.
     */
    public static CommandKind placeOrder(final int kindCode, final long quoteBudget)
    {
        if (kindCode == Codes.GTC)
        {
            return PLACE_GTC;
        }
        if (kindCode == Codes.IOC)
        {
            return PLACE_IOC;
        }
        if (kindCode == Codes.FOK)
        {
            return PLACE_FOK;
        }
        if (kindCode == Codes.POST_ONLY)
        {
            return PLACE_POST_ONLY;
        }
        if (kindCode == Codes.MARKET)
        {
            return quoteBudget != 0 ? PLACE_MARKET_BUDGET : PLACE_MARKET_LIMIT;
        }
        return PLACE_INVALID_KIND;
    }
}
