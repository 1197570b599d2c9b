namespace Projector.Core.Publishing.Tiles;

/// <summary>The points of one tile, as <see cref="TileSetReader.ReadTile"/> reads them back.</summary>
/// <param name="Ids">Each point's row in the input.</param>
/// <param name="Positions">Rows of x, y (and z) floats.</param>
/// <param name="Dimensions">2 or 3.</param>
/// <param name="Columns">Each metadata column's values as text (dictionary values decoded), null where missing.</param>
public sealed record TileContents(IReadOnlyList<uint> Ids, IReadOnlyList<float> Positions, int Dimensions, IReadOnlyDictionary<string, IReadOnlyList<string?>> Columns);
