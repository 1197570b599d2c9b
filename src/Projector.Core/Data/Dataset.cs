namespace Projector.Core.Data;

/// <summary>
/// One embedding: its vectors, metadata (one row per point), an optional sprite sheet, where it came
/// from, and warnings found while reading (e.g. a metadata row count that did not match).
/// </summary>
public sealed class Dataset : IDisposable
{
    /// <summary>Creates a dataset. The metadata must have one row per point.</summary>
    public Dataset(string name, EmbeddingMatrix matrix, MetadataTable? metadata = null, SpriteSheet? sprite = null, string? source = null, string sourceDType = "float32", IEnumerable<string>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(matrix);
        metadata ??= MetadataTable.Empty(matrix.Rows);
        if (metadata.Rows != matrix.Rows)
        {
            throw new ArgumentException($"Metadata has {metadata.Rows} rows; the matrix has {matrix.Rows} points.", nameof(metadata));
        }

        Name = name;
        Matrix = matrix;
        Metadata = metadata;
        Sprite = sprite;
        Source = source;
        SourceDType = sourceDType;
        Warnings = [.. warnings ?? []];
    }

    /// <summary>Display name (tensor name, file name or demo name).</summary>
    public string Name { get; }

    /// <summary>The N x D vectors.</summary>
    public EmbeddingMatrix Matrix { get; }

    /// <summary>One row per point.</summary>
    public MetadataTable Metadata { get; }

    /// <summary>Images per point, if any.</summary>
    public SpriteSheet? Sprite { get; }

    /// <summary>Where the vectors came from (path or <c>demo:...</c>).</summary>
    public string? Source { get; }

    /// <summary>Element type in the source (<c>float32</c>, <c>float64</c>, <c>float16</c>, <c>text</c>, ...).</summary>
    public string SourceDType { get; }

    /// <summary>A bookmarks file that came with the data, if any.</summary>
    public string? BookmarksPath { get; init; }

    /// <summary>The TensorBoard run the embedding belongs to (its folder relative to the log dir), if any.</summary>
    public string? Run { get; init; }

    /// <summary>The training step of the checkpoint it was read from, if known.</summary>
    public long? Step { get; init; }

    /// <summary>
    /// The key of the checkpoint tensor the vectors were read from, when they came from a checkpoint; it can
    /// differ from <see cref="Name"/>, which is what the config called it (<c>embed/embeddings</c> for
    /// <c>layer_with_weights-0/embeddings/.ATTRIBUTES/VARIABLE_VALUE</c>).
    /// </summary>
    public string? CheckpointKey { get; init; }

    /// <summary>Binary image columns of a columnar input (Parquet, Arrow), kept for the sprite sheet.</summary>
    internal IReadOnlyList<ImageColumn> ImageColumns { get; init; } = [];

    /// <summary>Non-fatal problems found while reading.</summary>
    public List<string> Warnings { get; }

    /// <summary>Number of points.</summary>
    public int Points => Matrix.Rows;

    /// <summary>Number of dimensions.</summary>
    public int Dimensions => Matrix.Dimensions;

    /// <inheritdoc />
    public void Dispose() => Matrix.Dispose();
}
