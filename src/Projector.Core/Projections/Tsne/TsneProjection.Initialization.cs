using Projector.Core.Data;
using Projector.Core.Projections.Pca;

namespace Projector.Core.Projections.Tsne;

// The initial layout (Kobak and Berens 2019: PCA scaled to a standard deviation of 1e-4).
public static partial class TsneProjection
{
    /// <summary>Standard deviation of the first initial coordinate (openTSNE's rescaling of PCA and random starts).</summary>
    internal const double InitialScale = 1e-4;

    /// <summary>
    /// N x dims initial positions. PCA: the first min(dims, D) components, scaled so the first has
    /// standard deviation 1e-4; missing dimensions (D &lt; dims) and degenerate inputs (zero variance)
    /// get Gaussian noise of that size instead.
    /// </summary>
    internal static double[] InitialLayout(EmbeddingMatrix data, int dims, TsneInitialization initialization, int seed, CancellationToken ct)
    {
        var n = data.Rows;
        var y = RandomLayout(n, dims, seed);
        if (initialization != TsneInitialization.Pca || n < 2)
        {
            return y;
        }

        var components = Math.Min(dims, data.Dimensions);
        var pca = PrincipalComponents.Fit(data, new PcaOptions { Components = components, Seed = seed }, cancellationToken: ct);
        using var projected = pca.Transform(data, ct);
        var mean = 0.0;
        for (var i = 0; i < n; i++)
        {
            mean += projected[i, 0];
        }

        mean /= n;
        var variance = 0.0;
        for (var i = 0; i < n; i++)
        {
            variance += (projected[i, 0] - mean) * (projected[i, 0] - mean);
        }

        var std = Math.Sqrt(variance / n);
        if (!(std > 1e-12) || !double.IsFinite(std))
        {
            return y;
        }

        var scale = InitialScale / std;
        for (var i = 0; i < n; i++)
        {
            for (var c = 0; c < components; c++)
            {
                y[(i * dims) + c] = projected[i, c] * scale;
            }
        }

        return y;
    }

    /// <summary>Gaussian coordinates with standard deviation 1e-4 from <see cref="Random"/>(seed), whose sequence is fixed across .NET versions.</summary>
    internal static double[] RandomLayout(int n, int dims, int seed)
    {
        var rng = new Random(seed);
        var y = new double[n * dims];
        for (var k = 0; k < y.Length; k++)
        {
            // Box-Muller.
            var u1 = 1.0 - rng.NextDouble();
            var u2 = rng.NextDouble();
            y[k] = InitialScale * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }

        return y;
    }
}
