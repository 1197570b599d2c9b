using System.Globalization;
using Projector.Core.Data;
using Projector.Core.Formats.Npy;

namespace Projector.Server.Tests;

/// <summary>Small datasets written to disk: three well-separated Gaussian blobs with a label column.</summary>
public static class Synthetic
{
    public static float[] Blobs(int points, int dims, int seed = 7)
    {
        var random = new Random(seed);
        var values = new float[points * dims];
        for (var i = 0; i < points; i++)
        {
            var blob = i % 3;
            for (var j = 0; j < dims; j++)
            {
                var center = j == blob ? 10f : 0f;
                values[(i * dims) + j] = center + (float)((random.NextDouble() * 2) - 1);
            }
        }

        return values;
    }

    public static string[] Labels(int points) => [.. Enumerable.Range(0, points).Select(i => $"blob{i % 3}")];

    /// <summary>Writes <c>blobs.npy</c> and <c>blobs_labels.tsv</c> into <paramref name="folder"/>; returns the .npy path.</summary>
    public static string WriteNpy(string folder, int points = 300, int dims = 10)
    {
        var path = Path.Combine(folder, "blobs.npy");
        using var matrix = EmbeddingMatrix.FromArray(Blobs(points, dims), points, dims);
        NpyWriter.Write(path, matrix);
        File.WriteAllLines(Path.Combine(folder, "blobs_labels.tsv"), Labels(points));
        return path;
    }

    /// <summary>Writes <c>blobs.tsv</c> with the label as a text first column (read as the column <c>label</c>).</summary>
    public static string WriteLabelledTsv(string folder, int points = 300, int dims = 10)
    {
        var path = Path.Combine(folder, "blobs.tsv");
        var labels = Labels(points);
        var rows = Blobs(points, dims).Chunk(dims).Select((r, i) => labels[i] + "\t" + string.Join('\t', r.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        File.WriteAllText(path, string.Join('\n', rows) + "\n");
        return path;
    }

    public static string Tsv(float[] values, int dims) =>
        string.Join('\n', values.Chunk(dims).Select(r => string.Join('\t', r.Select(v => v.ToString("R", CultureInfo.InvariantCulture))))) + "\n";
}
