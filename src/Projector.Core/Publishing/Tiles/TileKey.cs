namespace Projector.Core.Publishing.Tiles;

/// <summary>
/// One tile of the quadtree: at <paramref name="Level"/> the square bounds are cut into 2^level x 2^level
/// tiles; <paramref name="X"/> counts from the left, <paramref name="Y"/> from the bottom (smallest y).
/// </summary>
/// <param name="Level">0 is the single root tile.</param>
/// <param name="X">Column, 0 to 2^level - 1.</param>
/// <param name="Y">Row from the bottom, 0 to 2^level - 1.</param>
public readonly record struct TileKey(int Level, int X, int Y)
{
    /// <summary>The tile's file below the tile set's folder: <c>level/x/y.arrow</c>.</summary>
    public string RelativePath => $"{Level}/{X}/{Y}.arrow";
}
