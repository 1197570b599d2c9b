using Projector.Core.Data;

namespace Projector.Core.Tests.Projections.Umap;

/// <summary>Seeded Gaussian blobs and a brute-force leave-one-out kNN label accuracy.</summary>
internal static class UmapTestData
{
    /// <summary><paramref name="clusters"/> blobs of <paramref name="perCluster"/> points, unit σ, centres <paramref name="separation"/> apart along axes.</summary>
    public static (EmbeddingMatrix Data, string[] Labels) Blobs(int clusters, int perCluster, int dimensions, double separation, int seed = 1)
    {
        var random = new Random(seed);
        var n = clusters * perCluster;
        var values = new float[n * dimensions];
        var labels = new string[n];
        for (var i = 0; i < n; i++)
        {
            var c = i % clusters;
            labels[i] = c.ToString(System.Globalization.CultureInfo.InvariantCulture);
            for (var d = 0; d < dimensions; d++)
            {
                var centre = d == c % dimensions ? separation * (1 + (c / dimensions)) : 0;
                values[(i * dimensions) + d] = (float)(centre + Gaussian(random));
            }
        }

        return (EmbeddingMatrix.FromArray(values, n, dimensions), labels);
    }

    /// <summary>The share of points whose <paramref name="k"/> nearest others (Euclidean, brute force) mostly carry their label.</summary>
    public static double LeaveOneOutAccuracy(float[] positions, int dimensions, IReadOnlyList<string> labels, int k = 10)
    {
        var n = labels.Count;
        var correct = 0;
        var distances = new (double Distance, int Index)[n - 1];
        for (var i = 0; i < n; i++)
        {
            var m = 0;
            for (var j = 0; j < n; j++)
            {
                if (j == i)
                {
                    continue;
                }

                var sum = 0.0;
                for (var d = 0; d < dimensions; d++)
                {
                    var x = positions[(i * dimensions) + d] - positions[(j * dimensions) + d];
                    sum += x * x;
                }

                distances[m++] = (sum, j);
            }

            Array.Sort(distances);
            var votes = distances.Take(Math.Min(k, n - 1)).GroupBy(t => labels[t.Index]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
            if (votes == labels[i])
            {
                correct++;
            }
        }

        return (double)correct / n;
    }

    private static double Gaussian(Random random)
    {
        var u = 1 - random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble());
    }
}
