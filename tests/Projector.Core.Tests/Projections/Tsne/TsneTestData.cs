using Projector.Core.Data;

namespace Projector.Core.Tests.Projections.Tsne;

/// <summary>Seeded inputs and brute-force measures for the t-SNE tests.</summary>
internal static class TsneTestData
{
    /// <summary><paramref name="blobs"/> Gaussian blobs of unit spread, centres 20 apart on the axes, and each point's blob label.</summary>
    public static (EmbeddingMatrix Data, string[] Labels) Blobs(int blobs, int perBlob, int dims, int seed, double separation = 20)
    {
        var rng = new Random(seed);
        var values = new float[blobs * perBlob * dims];
        var labels = new string[blobs * perBlob];
        for (var b = 0; b < blobs; b++)
        {
            for (var p = 0; p < perBlob; p++)
            {
                var i = (b * perBlob) + p;
                labels[i] = b.ToString(System.Globalization.CultureInfo.InvariantCulture);
                for (var d = 0; d < dims; d++)
                {
                    values[(i * dims) + d] = (float)(Gaussian(rng) + (d == b % dims ? separation * (1 + (b / dims)) : 0));
                }
            }
        }

        return (EmbeddingMatrix.FromArray(values, blobs * perBlob, dims), labels);
    }

    public static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>Leave-one-out k-NN label accuracy of a layout, by brute force.</summary>
    public static double KnnAccuracy(float[] positions, int dims, IReadOnlyList<string?> labels, int k = 10)
    {
        var n = labels.Count;
        var correct = 0;
        var distances = new (double D, int J)[n - 1];
        for (var i = 0; i < n; i++)
        {
            var c = 0;
            for (var j = 0; j < n; j++)
            {
                if (j == i)
                {
                    continue;
                }

                var r2 = 0.0;
                for (var d = 0; d < dims; d++)
                {
                    var diff = positions[(i * dims) + d] - positions[(j * dims) + d];
                    r2 += diff * diff;
                }

                distances[c++] = (r2, j);
            }

            Array.Sort(distances);
            var votes = distances.Take(k).GroupBy(x => labels[x.J]).OrderByDescending(g => g.Count()).First().Key;
            correct += votes == labels[i] ? 1 : 0;
        }

        return (double)correct / n;
    }

    /// <summary>A 2-D or 3-D layout shaped like a t-SNE result: a few clusters spread over about ±<paramref name="extent"/>.</summary>
    public static double[] ClusteredLayout(int n, int dims, int seed, double extent)
    {
        var rng = new Random(seed);
        var centres = new double[8 * dims];
        for (var c = 0; c < centres.Length; c++)
        {
            centres[c] = (rng.NextDouble() * 2 - 1) * extent;
        }

        var y = new double[n * dims];
        for (var i = 0; i < n; i++)
        {
            var c = i % 8;
            for (var d = 0; d < dims; d++)
            {
                y[(i * dims) + d] = centres[(c * dims) + d] + (Gaussian(rng) * extent / 6);
            }
        }

        return y;
    }

    /// <summary>The exact repulsion Σ_j (1 + r²)^−2 (y_i − y_j) / Z with Z = Σ_{i≠j} 1/(1 + r²), by the O(N²) double loop.</summary>
    public static double[] ExactNormalisedRepulsion(double[] y, int n, int dims)
    {
        var force = new double[n * dims];
        var z = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (i == j)
                {
                    continue;
                }

                var r2 = 0.0;
                for (var d = 0; d < dims; d++)
                {
                    r2 += (y[(i * dims) + d] - y[(j * dims) + d]) * (y[(i * dims) + d] - y[(j * dims) + d]);
                }

                var q = 1 / (1 + r2);
                z += q;
                for (var d = 0; d < dims; d++)
                {
                    force[(i * dims) + d] += q * q * (y[(i * dims) + d] - y[(j * dims) + d]);
                }
            }
        }

        for (var k = 0; k < force.Length; k++)
        {
            force[k] /= z;
        }

        return force;
    }

    /// <summary>‖a − b‖ / ‖b‖ over all entries.</summary>
    public static double RelativeError(double[] a, double[] b)
    {
        double num = 0, den = 0;
        for (var k = 0; k < a.Length; k++)
        {
            num += (a[k] - b[k]) * (a[k] - b[k]);
            den += b[k] * b[k];
        }

        return Math.Sqrt(num / den);
    }
}
