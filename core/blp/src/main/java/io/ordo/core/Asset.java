package io.ordo.core;

/**
 * An asset: its id, decimal scale, its dense index into account balance arrays (creation order) and its supply
 * (deposits minus withdrawals), which bounds every balance of the asset.
 * <p>
 * Not thread safe; owned by the BLP thread.
 */
final class Asset
{
    final int assetId;
    final int scale;
    final int index;
    long supply;

    Asset(final int assetId, final int scale, final int index)
    {
        this.assetId = assetId;
        this.scale = scale;
        this.index = index;
    }
}
