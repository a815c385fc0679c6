package io.ordo.core;

import io.ordo.core.codec.BalanceCause;
import io.ordo.core.codec.CancelReason;
import io.ordo.core.codec.CommandType;
import io.ordo.core.codec.ExpireReason;
import io.ordo.core.codec.OrderKind;
import io.ordo.core.codec.RejectReason;
import io.ordo.core.codec.Side;

/**
 * Raw wire codes of the schema's enums as {@code byte} constants, so that the hot path compares and writes bytes
 * without enum lookups. Each constant is derived from the generated enum, so the schema stays the one source.
 */
final class Codes
{
    static final byte BUY = (byte)Side.BUY.value();
    static final byte SELL = (byte)Side.SELL.value();

    static final byte GTC = (byte)OrderKind.GTC.value();
    static final byte IOC = (byte)OrderKind.IOC.value();
    static final byte FOK = (byte)OrderKind.FOK.value();
    static final byte POST_ONLY = (byte)OrderKind.POST_ONLY.value();
    static final byte MARKET = (byte)OrderKind.MARKET.value();

    static final byte OK = (byte)RejectReason.NONE.value();
    static final byte MALFORMED = (byte)RejectReason.MALFORMED.value();
    static final byte UNKNOWN_COMMAND = (byte)RejectReason.UNKNOWN_COMMAND.value();
    static final byte DUPLICATE_REQUEST = (byte)RejectReason.DUPLICATE_REQUEST.value();
    static final byte NOT_AUTHORIZED = (byte)RejectReason.NOT_AUTHORIZED.value();
    static final byte UNKNOWN_ACCOUNT = (byte)RejectReason.UNKNOWN_ACCOUNT.value();
    static final byte ACCOUNT_EXISTS = (byte)RejectReason.ACCOUNT_EXISTS.value();
    static final byte INVALID_ACCOUNT_ID = (byte)RejectReason.INVALID_ACCOUNT_ID.value();
    static final byte UNKNOWN_ASSET = (byte)RejectReason.UNKNOWN_ASSET.value();
    static final byte ASSET_EXISTS = (byte)RejectReason.ASSET_EXISTS.value();
    static final byte INVALID_ASSET = (byte)RejectReason.INVALID_ASSET.value();
    static final byte UNKNOWN_INSTRUMENT = (byte)RejectReason.UNKNOWN_INSTRUMENT.value();
    static final byte INSTRUMENT_EXISTS = (byte)RejectReason.INSTRUMENT_EXISTS.value();
    static final byte INVALID_INSTRUMENT = (byte)RejectReason.INVALID_INSTRUMENT.value();
    static final byte INSTRUMENT_HALTED = (byte)RejectReason.INSTRUMENT_HALTED.value();
    static final byte INSTRUMENT_NOT_HALTED = (byte)RejectReason.INSTRUMENT_NOT_HALTED.value();
    static final byte INVALID_AMOUNT = (byte)RejectReason.INVALID_AMOUNT.value();
    static final byte INSUFFICIENT_FUNDS = (byte)RejectReason.INSUFFICIENT_FUNDS.value();
    static final byte OVERFLOW = (byte)RejectReason.OVERFLOW.value();
    static final byte INVALID_SIDE = (byte)RejectReason.INVALID_SIDE.value();
    static final byte INVALID_ORDER_KIND = (byte)RejectReason.INVALID_ORDER_KIND.value();
    static final byte INVALID_QUANTITY = (byte)RejectReason.INVALID_QUANTITY.value();
    static final byte QUANTITY_OFF_LOT = (byte)RejectReason.QUANTITY_OFF_LOT.value();
    static final byte QUANTITY_OUT_OF_RANGE = (byte)RejectReason.QUANTITY_OUT_OF_RANGE.value();
    static final byte INVALID_PRICE = (byte)RejectReason.INVALID_PRICE.value();
    static final byte PRICE_OFF_TICK = (byte)RejectReason.PRICE_OFF_TICK.value();
    static final byte PRICE_OUT_OF_RANGE = (byte)RejectReason.PRICE_OUT_OF_RANGE.value();
    static final byte INVALID_MARKET_BOUND = (byte)RejectReason.INVALID_MARKET_BOUND.value();
    static final byte WOULD_CROSS = (byte)RejectReason.WOULD_CROSS.value();
    static final byte UNKNOWN_ORDER = (byte)RejectReason.UNKNOWN_ORDER.value();
    static final byte REPLACE_NO_CHANGE = (byte)RejectReason.REPLACE_NO_CHANGE.value();
    static final byte SAME_ACCOUNT = (byte)RejectReason.SAME_ACCOUNT.value();
    static final byte INTERNAL_ERROR = (byte)RejectReason.INTERNAL_ERROR.value();

    static final byte DEPOSIT = (byte)BalanceCause.DEPOSIT.value();
    static final byte WITHDRAWAL = (byte)BalanceCause.WITHDRAWAL.value();
    static final byte TRANSFER = (byte)BalanceCause.TRANSFER.value();
    static final byte ORDER_HOLD = (byte)BalanceCause.ORDER_HOLD.value();
    static final byte ORDER_RELEASE = (byte)BalanceCause.ORDER_RELEASE.value();
    static final byte TRADE = (byte)BalanceCause.TRADE.value();
    static final byte FEE = (byte)BalanceCause.FEE.value();

    static final byte CANCEL_USER = (byte)CancelReason.USER.value();
    static final byte CANCEL_ALL = (byte)CancelReason.CANCEL_ALL.value();

    static final byte NO_EXPIRY = 0;
    static final byte IOC_REMAINDER = (byte)ExpireReason.IOC_REMAINDER.value();
    static final byte FOK_UNFILLED = (byte)ExpireReason.FOK_UNFILLED.value();
    static final byte SELF_TRADE_PREVENTED = (byte)ExpireReason.SELF_TRADE_PREVENTED.value();
    static final byte BUDGET_EXHAUSTED = (byte)ExpireReason.BUDGET_EXHAUSTED.value();

    static final byte CMD_UNKNOWN = (byte)CommandType.UNKNOWN.value();

    private Codes()
    {
    }
}
