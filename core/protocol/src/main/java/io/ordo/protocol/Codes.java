package io.ordo.protocol;

import io.ordo.protocol.codec.BalanceCause;
import io.ordo.protocol.codec.CancelReason;
import io.ordo.protocol.codec.CommandType;
import io.ordo.protocol.codec.ExpireReason;
import io.ordo.protocol.codec.KeyRole;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.RejectReason;
import io.ordo.protocol.codec.Side;

/**
 * Raw wire codes of the schema's enums as {@code byte} constants, so that the hot path compares and writes bytes
 * without enum lookups. Each constant is derived from the generated enum, so the schema stays the one source.
 */
public final class Codes
{
    public static final byte BUY = (byte)Side.BUY.value();
    public static final byte SELL = (byte)Side.SELL.value();

    public static final byte GTC = (byte)OrderKind.GTC.value();
    public static final byte IOC = (byte)OrderKind.IOC.value();
    public static final byte FOK = (byte)OrderKind.FOK.value();
    public static final byte POST_ONLY = (byte)OrderKind.POST_ONLY.value();
    public static final byte MARKET = (byte)OrderKind.MARKET.value();

    public static final byte OK = (byte)RejectReason.NONE.value();
    public static final byte INVALID_VALUE_TIME = (byte)RejectReason.INVALID_VALUE_TIME.value();
    public static final byte MALFORMED = (byte)RejectReason.MALFORMED.value();
    public static final byte UNKNOWN_COMMAND = (byte)RejectReason.UNKNOWN_COMMAND.value();
    public static final byte DUPLICATE_REQUEST = (byte)RejectReason.DUPLICATE_REQUEST.value();
    public static final byte NOT_AUTHORIZED = (byte)RejectReason.NOT_AUTHORIZED.value();
    public static final byte UNKNOWN_ACCOUNT = (byte)RejectReason.UNKNOWN_ACCOUNT.value();
    public static final byte ACCOUNT_EXISTS = (byte)RejectReason.ACCOUNT_EXISTS.value();
    public static final byte INVALID_ACCOUNT_ID = (byte)RejectReason.INVALID_ACCOUNT_ID.value();
    public static final byte UNKNOWN_ASSET = (byte)RejectReason.UNKNOWN_ASSET.value();
    public static final byte ASSET_EXISTS = (byte)RejectReason.ASSET_EXISTS.value();
    public static final byte INVALID_ASSET = (byte)RejectReason.INVALID_ASSET.value();
    public static final byte UNKNOWN_INSTRUMENT = (byte)RejectReason.UNKNOWN_INSTRUMENT.value();
    public static final byte INSTRUMENT_EXISTS = (byte)RejectReason.INSTRUMENT_EXISTS.value();
    public static final byte INVALID_INSTRUMENT = (byte)RejectReason.INVALID_INSTRUMENT.value();
    public static final byte INSTRUMENT_HALTED = (byte)RejectReason.INSTRUMENT_HALTED.value();
    public static final byte INSTRUMENT_NOT_HALTED = (byte)RejectReason.INSTRUMENT_NOT_HALTED.value();
    public static final byte INVALID_AMOUNT = (byte)RejectReason.INVALID_AMOUNT.value();
    public static final byte INSUFFICIENT_FUNDS = (byte)RejectReason.INSUFFICIENT_FUNDS.value();
    public static final byte OVERFLOW = (byte)RejectReason.OVERFLOW.value();
    public static final byte INVALID_SIDE = (byte)RejectReason.INVALID_SIDE.value();
    public static final byte INVALID_ORDER_KIND = (byte)RejectReason.INVALID_ORDER_KIND.value();
    public static final byte INVALID_QUANTITY = (byte)RejectReason.INVALID_QUANTITY.value();
    public static final byte QUANTITY_OFF_LOT = (byte)RejectReason.QUANTITY_OFF_LOT.value();
    public static final byte QUANTITY_OUT_OF_RANGE = (byte)RejectReason.QUANTITY_OUT_OF_RANGE.value();
    public static final byte INVALID_PRICE = (byte)RejectReason.INVALID_PRICE.value();
    public static final byte PRICE_OFF_TICK = (byte)RejectReason.PRICE_OFF_TICK.value();
    public static final byte PRICE_OUT_OF_RANGE = (byte)RejectReason.PRICE_OUT_OF_RANGE.value();
    public static final byte INVALID_MARKET_BOUND = (byte)RejectReason.INVALID_MARKET_BOUND.value();
    public static final byte WOULD_CROSS = (byte)RejectReason.WOULD_CROSS.value();
    public static final byte UNKNOWN_ORDER = (byte)RejectReason.UNKNOWN_ORDER.value();
    public static final byte REPLACE_NO_CHANGE = (byte)RejectReason.REPLACE_NO_CHANGE.value();
    public static final byte SAME_ACCOUNT = (byte)RejectReason.SAME_ACCOUNT.value();
    public static final byte INTERNAL_ERROR = (byte)RejectReason.INTERNAL_ERROR.value();
    public static final byte UNKNOWN_API_KEY = (byte)RejectReason.UNKNOWN_API_KEY.value();
    public static final byte INVALID_API_KEY = (byte)RejectReason.INVALID_API_KEY.value();

    public static final byte ROLE_TRADER = (byte)KeyRole.TRADER.value();
    public static final byte ROLE_ADMIN = (byte)KeyRole.ADMIN.value();

    public static final byte DEPOSIT = (byte)BalanceCause.DEPOSIT.value();
    public static final byte WITHDRAWAL = (byte)BalanceCause.WITHDRAWAL.value();
    public static final byte TRANSFER = (byte)BalanceCause.TRANSFER.value();
    public static final byte ORDER_HOLD = (byte)BalanceCause.ORDER_HOLD.value();
    public static final byte ORDER_RELEASE = (byte)BalanceCause.ORDER_RELEASE.value();
    public static final byte TRADE = (byte)BalanceCause.TRADE.value();
    public static final byte FEE = (byte)BalanceCause.FEE.value();

    public static final byte CANCEL_USER = (byte)CancelReason.USER.value();
    public static final byte CANCEL_ALL = (byte)CancelReason.CANCEL_ALL.value();

    public static final byte NO_EXPIRY = 0;
    public static final byte IOC_REMAINDER = (byte)ExpireReason.IOC_REMAINDER.value();
    public static final byte FOK_UNFILLED = (byte)ExpireReason.FOK_UNFILLED.value();
    public static final byte SELF_TRADE_PREVENTED = (byte)ExpireReason.SELF_TRADE_PREVENTED.value();
    public static final byte BUDGET_EXHAUSTED = (byte)ExpireReason.BUDGET_EXHAUSTED.value();

    public static final byte CMD_UNKNOWN = (byte)CommandType.UNKNOWN.value();

    private Codes()
    {
    }
}
