using System.Globalization;
using System.Text;
using Projector.Core.Data;
using Projector.Core.Formats;

namespace Projector.Cluster.Tests;

/// <summary>Seeded Gaussian clusters written as a .npy and a metadata TSV with <c>label</c> and <c>row</c> columns.</summary>
internal static class SyntheticInput
{
    public static (string Npy, string Tsv) Write(string folder, string name, int rows, int dims, int clusters, int seed)
    {
        var random = new Random(seed);
        var centres = new float[clusters * dims];
        for (var i = 0; i < centres.Length; i++)
        {
            centres[i] = 6 * Gaussian(random);
        }

        var values = new float[rows * dims];
        var labels = new StringBuilder("label\trow\n");
        for (var i = 0; i < rows; i++)
        {
            // Uneven cluster sizes: cluster c is drawn with weight c + 1.
            var c = (int)Math.Floor(Math.Sqrt(random.NextDouble() * clusters * clusters));
            for (var d = 0; d < dims; d++)
            {
                values[(i * dims) + d] = centres[(c * dims) + d] + Gaussian(random);
            }

            labels.Append(CultureInfo.InvariantCulture, $"c{c}\t{i}\n");
        }

        var npy = Path.Combine(folder, name + ".npy");
        var tsv = Path.Combine(folder, name + ".tsv");
        DatasetWriter.Write(npy, [new Dataset(name, EmbeddingMatrix.FromArray(values, rows, dims))]);
        File.WriteAllText(tsv, labels.ToString());
        return (npy, tsv);
    }

    private static float Gaussian(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
}
