namespace Projector.Server.Contracts;

/// <summary>The answer of <c>GET /api/tiles</c>: what the tile page may ask the server about the tile set it shows.</summary>
/// <param name="Points">Points in the tile set.</param>
/// <param name="Dataset">The served dataset it was made from (its search and neighbours answer for the set's rows), or null.</param>
/// <param name="Positions">Whether rows can be located on the map (<c>GET /api/tiles/points</c>).</param>
public sealed record TileSetLinks(int Points, string? Dataset, bool Positions);

/// <summary>The answer of <c>GET /api/tiles/points</c>.</summary>
/// <param name="Ids">The rows asked for, in the order asked.</param>
/// <param name="Positions">x, y of each, in the layout's coordinates (those of <c>tiles.json</c>'s bounds).</param>
public sealed record TilePoints(IReadOnlyList<int> Ids, IReadOnlyList<float> Positions);
