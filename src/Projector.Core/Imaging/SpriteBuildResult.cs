using Projector.Core.Data;

namespace Projector.Core.Imaging;

/// <summary>A sprite sheet built by <see cref="SpriteBuilder"/> and what was done to make it fit.</summary>
public sealed class SpriteBuildResult
{
    internal SpriteBuildResult(SpriteSheet sheet, int tileCount, int requestedTileWidth, int requestedTileHeight, string? note)
    {
        Sheet = sheet;
        TileCount = tileCount;
        RequestedTileWidth = requestedTileWidth;
        RequestedTileHeight = requestedTileHeight;
        Note = note;
    }

    /// <summary>The sheet: a square grid of ceil(sqrt(N)) tiles per side, row-major, unused cells transparent.</summary>
    public SpriteSheet Sheet { get; }

    /// <summary>How many tiles were placed (the number of points).</summary>
    public int TileCount { get; }

    /// <summary>The tile width asked for (or taken from the first image), before any shrinking.</summary>
    public int RequestedTileWidth { get; }

    /// <summary>The tile height asked for (or taken from the first image), before any shrinking.</summary>
    public int RequestedTileHeight { get; }

    /// <summary>True when the tiles were made smaller than requested to keep the sheet within the size limit.</summary>
    public bool TilesShrunk => Sheet.TileWidth != RequestedTileWidth || Sheet.TileHeight != RequestedTileHeight;

    /// <summary>A sentence for the user about anything surprising (such as shrunk tiles), or null.</summary>
    public string? Note { get; }
}
