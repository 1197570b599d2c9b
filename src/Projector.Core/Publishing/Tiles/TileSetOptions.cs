namespace Projector.Core.Publishing.Tiles;

/// <summary>How <see cref="TileSetWriter"/> cuts a layout into level-of-detail tiles.</summary>
public sealed record TileSetOptions
{
    /// <summary>The default of <see cref="TilePoints"/>.</summary>
    public const int DefaultTilePoints = 50_000;

    /// <summary>The smallest <see cref="TilePoints"/> accepted: a tile's sample needs room for a 2 x 2 grid of cells at least.</summary>
    public const int MinTilePoints = 64;

    /// <summary>The most points one tile holds.</summary>
    public int TilePoints { get; init; } = DefaultTilePoints;

    /// <summary>Seeds which points a coarse tile samples: the same seed gives the same bytes.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>The metadata columns to carry, in this order; null carries every column.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Written into <c>tiles.json</c> to say where the positions came from (a method name or a file name).</summary>
    public string? LayoutName { get; init; }
}
