using System.Globalization;
using Projector.Core.Data;

namespace Projector.Core.Imaging;

/// <summary>
/// Where the tiles of a sprite go: the TF projector's square, row-major grid, with the tile size reduced
/// when the sheet would exceed <see cref="SpriteBuilder.MaxSheetSide"/> on a side (the projector's WebGL limit).
/// </summary>
internal sealed record SpriteLayout(int Count, int Side, int TileWidth, int TileHeight, int RequestedWidth, int RequestedHeight)
{
    /// <summary>Sheet width in pixels.</summary>
    public int SheetWidth => Side * TileWidth;

    /// <summary>Sheet height in pixels.</summary>
    public int SheetHeight => Side * TileHeight;

    /// <summary>Plans <paramref name="count"/> tiles of the requested size, shrinking them if needed to stay within <paramref name="max"/> pixels a side.</summary>
    public static SpriteLayout Plan(int count, int tileWidth, int tileHeight, string source, int max = SpriteBuilder.MaxSheetSide)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tileWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tileHeight);
        var side = SpriteSheet.GridSide(count);
        if ((long)side * tileWidth <= max && (long)side * tileHeight <= max)
        {
            return new SpriteLayout(count, side, tileWidth, tileHeight, tileWidth, tileHeight);
        }

        var room = max / side;
        if (room < 1)
        {
            var problem = string.Create(CultureInfo.InvariantCulture, $"{count} tiles need a {side}x{side} grid, which does not fit in {max}x{max} pixels even with 1x1 tiles");
            var hint = string.Create(CultureInfo.InvariantCulture, $"a sprite can hold at most {(long)max * max} points; use fewer points or no sprite");
            throw new DataFormatException(source, problem, hint);
        }

        // Scale both sides by the same factor so the tiles keep their aspect, then round down to whole pixels.
        var scale = Math.Min((double)room / tileWidth, (double)room / tileHeight);
        var w = Math.Clamp((int)Math.Floor((tileWidth * scale) + 1e-9), 1, room);
        var h = Math.Clamp((int)Math.Floor((tileHeight * scale) + 1e-9), 1, room);
        return new SpriteLayout(count, side, w, h, tileWidth, tileHeight);
    }

    /// <summary>The top-left pixel of tile <paramref name="index"/>: column index % side, row index / side.</summary>
    public (int X, int Y) Origin(int index) => (index % Side * TileWidth, index / Side * TileHeight);

    /// <summary>The user-facing note about shrinking, or null when the tiles kept their size.</summary>
    public string? Note => TileWidth == RequestedWidth && TileHeight == RequestedHeight
        ? null
        : string.Create(CultureInfo.InvariantCulture, $"tiles shrunk from {RequestedWidth}x{RequestedHeight} to {TileWidth}x{TileHeight} so {Count} tiles fit in {SpriteBuilder.MaxSheetSide}x{SpriteBuilder.MaxSheetSide}");

    /// <summary>A transparent sheet of the planned size.</summary>
    public RgbaImage CreateSheet() => new(SheetWidth, SheetHeight);

    /// <summary>Wraps the finished sheet with this layout's result data.</summary>
    public SpriteBuildResult ToResult(RgbaImage sheet) =>
        new(new SpriteSheet(sheet, TileWidth, TileHeight), Count, RequestedWidth, RequestedHeight, Note);
}
