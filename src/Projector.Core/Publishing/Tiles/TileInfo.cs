namespace Projector.Core.Publishing.Tiles;

/// <summary>A tile that exists in a tile set and how many points it holds.</summary>
/// <param name="Key">Where it is in the quadtree.</param>
/// <param name="Points">Its point count (at most the set's tile size).</param>
public readonly record struct TileInfo(TileKey Key, int Points);
