namespace Projector.Server.Contracts;

/// <summary>One tensor at one step, as <c>GET /api/datasets</c> lists it.</summary>
/// <param name="Id">Short, URL-safe, stable for the same inputs.</param>
/// <param name="Name">Display name.</param>
/// <param name="Points">N.</param>
/// <param name="Dimensions">D.</param>
/// <param name="Source">The input as given.</param>
/// <param name="Group">Items of the same source share it.</param>
/// <param name="Tensor">Tensor name within the source.</param>
/// <param name="Run">TensorBoard run, if any.</param>
/// <param name="Step">Checkpoint step, if any.</param>
/// <param name="Columns">Metadata columns.</param>
/// <param name="Sprite">The sprite sheet, if any.</param>
/// <param name="Warnings">Problems found while reading.</param>
public sealed record CatalogItem(
    string Id,
    string Name,
    int Points,
    int Dimensions,
    string Source,
    string Group,
    string Tensor,
    string? Run,
    long? Step,
    IReadOnlyList<ColumnInfo> Columns,
    SpriteInfo? Sprite,
    IReadOnlyList<string> Warnings);

/// <summary>A metadata column of a catalog item.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Kind"><c>text</c> or <c>number</c>.</param>
/// <param name="Distinct">Distinct present values.</param>
/// <param name="Missing">Rows without a value.</param>
public sealed record ColumnInfo(string Name, string Kind, int Distinct, int Missing);

/// <summary>The sprite sheet of a catalog item.</summary>
/// <param name="Width">Sheet width in pixels.</param>
/// <param name="Height">Sheet height in pixels.</param>
/// <param name="TileWidth">Tile width in pixels.</param>
/// <param name="TileHeight">Tile height in pixels.</param>
public sealed record SpriteInfo(int Width, int Height, int TileWidth, int TileHeight);
