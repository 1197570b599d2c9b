using Projector.Core.Data;
using Projector.Core.Neighbors;

namespace Projector.Core.Tests.Neighbors;

/// <summary>Seeded inputs and a naive, double-precision kNN to check the fast searches against.</summary>
internal static class NeighborTestData
{
    /// <summary>Gaussian values (Box–Muller), seeded.</summary>
    public static float[] Gaussian(int rows, int dims, int seed)
    {
        var rng = new Random(seed);
        var v = new float[rows * dims];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));
        }

        return v;
    }

    /// <summary>A mixture of <paramref name="clusters"/> unit gaussians with centres spread by <paramref name="spread"/>.</summary>
    public static EmbeddingMatrix Mixture(int rows, int dims, int clusters, float spread, int seed)
    {
        var centres = Gaussian(clusters, dims, seed + 1);
        var v = Gaussian(rows, dims, seed);
        for (var i = 0; i < rows; i++)
        {
            var c = i % clusters;
            for (var t = 0; t < dims; t++)
            {
                v[(i * dims) + t] += spread * centres[(c * dims) + t];
            }
        }

        return EmbeddingMatrix.FromArray(v, rows, dims);
    }

    public static double Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Metric metric)
    {
        double dot = 0, na = 0, nb = 0, sq = 0;
        for (var t = 0; t < a.Length; t++)
        {
            dot += (double)a[t] * b[t];
            na += (double)a[t] * a[t];
            nb += (double)b[t] * b[t];
            sq += ((double)a[t] - b[t]) * ((double)a[t] - b[t]);
        }

        if (metric == Metric.Euclidean)
        {
            return Math.Sqrt(sq);
        }

        return na == 0 || nb == 0 ? 1 : Math.Max(0, 1 - (dot / Math.Sqrt(na * nb)));
    }

    /// <summary>The k nearest rows to row i by a full sort on (distance, index).</summary>
    public static (int Index, double Distance)[] Naive(EmbeddingMatrix data, int i, int k, Metric metric) =>
        Enumerable.Range(0, data.Rows).Where(j => j != i)
            .Select(j => (Index: j, Distance: Distance(data.Row(i), data.Row(j), metric)))
            .OrderBy(p => p.Distance).ThenBy(p => p.Index).Take(k).ToArray();

    /// <summary>Mean fraction of the exact k nearest neighbours that <paramref name="graph"/> lists.</summary>
    public static double Recall(KnnGraph exact, KnnGraph graph)
    {
        long hits = 0;
        for (var i = 0; i < exact.Points; i++)
        {
            var found = graph.Indices(i);
            foreach (var j in exact.Indices(i))
            {
                hits += found.Contains(j) ? 1 : 0;
            }
        }

        return hits / ((double)exact.Points * exact.K);
    }
}
