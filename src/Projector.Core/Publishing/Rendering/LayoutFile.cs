using Projector.Core.Data;
using Projector.Core.Formats;

namespace Projector.Core.Publishing.Rendering;

/// <summary>
/// Reads positions saved by <c>projector project</c> (.npy, .bytes, .csv with x and y columns, .tsv) for
/// a picture of a dataset.
/// </summary>
public static class LayoutFile
{
    /// <summary>The N x D positions (D ≥ 2) in <paramref name="path"/>, checked against the dataset's point count.</summary>
    /// <exception cref="DataFormatException">The file cannot be read or does not fit the dataset.</exception>
    public static EmbeddingMatrix Read(string path, int points, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var ext = Path.GetExtension(path).ToLowerInvariant();
        var options = ext switch
        {
            ".bytes" or ".f32" => new ReadOptions { Shape = (0, 2), CancellationToken = cancellationToken },
            ".csv" => new ReadOptions { CsvColumns = "^[xy]$", CancellationToken = cancellationToken },
            ".npy" or ".tsv" => new ReadOptions { CancellationToken = cancellationToken },
            _ => throw new DataFormatException(path, $"'{ext}' is not a layout file", "Give a .npy, .bytes, .csv or .tsv written by `projector project`, or tsne, umap or pca"),
        };
        using var read = DatasetReader.Read(path, options);
        if (read.Dimensions < 2)
        {
            throw new DataFormatException(path, $"holds {read.Dimensions} column(s); a layout needs x and y", "Write a 2-D layout", remedy: new Remedy(RemedyOption.LayoutDimensions, "2"));
        }

        if (read.Points != points)
        {
            throw new DataFormatException(path, $"holds {read.Points} positions but the data has {points} points", "Use the layout computed from the same input");
        }

        // A copy: the reader's matrix may be memory-mapped and is disposed with it.
        return EmbeddingMatrix.FromArray(read.Matrix.ToArray(), read.Points, read.Dimensions);
    }
}
