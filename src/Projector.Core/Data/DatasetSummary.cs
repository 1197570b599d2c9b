namespace Projector.Core.Data;

/// <summary>What <c>projector inspect</c> reports about one embedding; the JSON field names are a contract.</summary>
/// <param name="Name">Embedding name.</param>
/// <param name="Points">Number of points.</param>
/// <param name="Dimensions">Number of dimensions.</param>
/// <param name="DType">Element type in the source.</param>
/// <param name="Metadata">Metadata columns.</param>
/// <param name="Sprite">Sprite sheet, if any.</param>
/// <param name="Warnings">Problems found while reading.</param>
/// <param name="Source">Where the vectors came from.</param>
/// <param name="Run">TensorBoard run, if any.</param>
/// <param name="Step">Checkpoint step, if known.</param>
/// <param name="CheckpointKey">The checkpoint tensor the vectors came from, if any.</param>
public sealed record DatasetSummary(string Name, int Points, int Dimensions, string DType, IReadOnlyList<ColumnSummary> Metadata, SpriteSummary? Sprite, IReadOnlyList<string> Warnings, string? Source, string? Run = null, long? Step = null, string? CheckpointKey = null)
{
    /// <summary>Summarises a dataset (counts distinct values of every column).</summary>
    public static DatasetSummary From(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var sprite = dataset.Sprite is { } s ? new SpriteSummary(s.Width, s.Height, s.TileWidth, s.TileHeight) : null;
        var columns = dataset.Metadata.Columns
            .Select(c => new ColumnSummary(c.Name, c.Kind == MetadataKind.Number ? "number" : "text", c.DistinctCount, c.MissingCount))
            .ToList();
        return new DatasetSummary(dataset.Name, dataset.Points, dataset.Dimensions, dataset.SourceDType, columns, sprite, dataset.Warnings, dataset.Source, dataset.Run, dataset.Step, dataset.CheckpointKey);
    }
}

/// <summary>One metadata column in a <see cref="DatasetSummary"/>.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Kind"><c>text</c> or <c>number</c>.</param>
/// <param name="Distinct">Number of distinct present values.</param>
/// <param name="Missing">Number of rows without a value.</param>
public sealed record ColumnSummary(string Name, string Kind, int Distinct, int Missing);

/// <summary>The sprite sheet in a <see cref="DatasetSummary"/>.</summary>
/// <param name="Width">Sheet width in pixels.</param>
/// <param name="Height">Sheet height in pixels.</param>
/// <param name="TileWidth">Tile width in pixels.</param>
/// <param name="TileHeight">Tile height in pixels.</param>
public sealed record SpriteSummary(int Width, int Height, int TileWidth, int TileHeight);
