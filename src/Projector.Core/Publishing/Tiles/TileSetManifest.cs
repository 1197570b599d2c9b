namespace Projector.Core.Publishing.Tiles;

/// <summary>
/// <c>tiles.json</c>: what a tile set holds (docs/api.md, "Tile sets"). The root tile is the square
/// [<see cref="MinX"/>, <see cref="MinX"/> + <see cref="Side"/>) x [<see cref="MinY"/>, <see cref="MinY"/> + <see cref="Side"/>);
/// level L cuts it into 2^L x 2^L tiles.
/// </summary>
public sealed record TileSetManifest
{
    /// <summary>The file's name in a tile set's folder.</summary>
    public const string FileName = "tiles.json";

    /// <summary>The value of <c>format</c> in the file.</summary>
    public const string FormatName = "projector-tiles";

    /// <summary>The format version this library writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The format version.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The dataset's name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Where the positions came from: a method name or a layout file's name.</summary>
    public string? Layout { get; init; }

    /// <summary>Points in all tiles together (each in exactly one tile).</summary>
    public int Points { get; init; }

    /// <summary>2, or 3 when tiles carry z (the quadtree cuts x and y only).</summary>
    public int Dimensions { get; init; } = 2;

    /// <summary>The most points a tile holds.</summary>
    public int TilePoints { get; init; }

    /// <summary>The seed that chose the coarse tiles' samples.</summary>
    public int Seed { get; init; }

    /// <summary>The left edge of the root tile.</summary>
    public double MinX { get; init; }

    /// <summary>The bottom edge of the root tile.</summary>
    public double MinY { get; init; }

    /// <summary>The root tile's side; the positions' own extent is <see cref="DataBounds"/>.</summary>
    public double Side { get; init; }

    /// <summary>The smallest and largest x and y of the points: [minX, minY, maxX, maxY].</summary>
    public IReadOnlyList<double> DataBounds { get; init; } = [];

    /// <summary>Levels present: the deepest tile is at level <c>Levels - 1</c>.</summary>
    public int Levels { get; init; }

    /// <summary>Every field of the tiles, positions and id first, then the metadata columns.</summary>
    public IReadOnlyList<TileColumn> Columns { get; init; } = [];

    /// <summary>Every tile with points, ordered by level, then x, then y.</summary>
    public IReadOnlyList<TileInfo> Tiles { get; init; } = [];
}
