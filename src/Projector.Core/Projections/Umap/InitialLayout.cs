using Projector.Core.Data;
using Projector.Core.Projections.Pca;

namespace Projector.Core.Projections.Umap;

/// <summary>
/// The starting coordinates of a UMAP layout, every column finally scaled to [0, 10] as umap-learn's
/// <c>simplicial_set_embedding</c> does.
/// </summary>
/// <remarks>
/// Spectral and PCA starts are scaled so the largest coordinate is 10 and given Gaussian noise of
/// σ = 1e-4 (umap-learn's <c>noisy_scale_coords</c>), which also separates exact duplicates; random starts
/// are uniform in [−10, 10]. Spectral falls back to random below dimensions + 2 points, PCA to random
/// for the columns the input cannot give (D below the output dimension, or a single point).
/// </remarks>
internal static class InitialLayout
{
    private const double MaxCoordinate = 10;
    private const double Noise = 1e-4;

    /// <summary>N x dimensions float coordinates and the start actually used.</summary>
    public static (float[] Positions, UmapInitialization Used) Create(
        EmbeddingMatrix data, FuzzySimplicialSet graph, int dimensions, UmapInitialization requested, int seed, ParallelOptions parallel, CancellationToken ct)
    {
        var n = data.Rows;
        var random = new Random(seed);
        var used = requested;
        if (used == UmapInitialization.Spectral && n > UmapOptions.SpectralLimit)
        {
            used = UmapInitialization.Pca;
        }

        double[]? coordinates = null;
        if (used == UmapInitialization.Spectral)
        {
            coordinates = SpectralLayout.Compute(graph, dimensions, seed, parallel, ct);
        }
        else if (used == UmapInitialization.Pca)
        {
            coordinates = Principal(data, dimensions, random, ct);
        }

        if (coordinates is null)
        {
            used = UmapInitialization.Random;
            coordinates = new double[n * dimensions];
            for (var i = 0; i < coordinates.Length; i++)
            {
                coordinates[i] = (random.NextDouble() * 2 * MaxCoordinate) - MaxCoordinate;
            }
        }
        else
        {
            NoisyScale(coordinates, random);
        }

        return (ScaleColumns(coordinates, n, dimensions), used);
    }

    /// <summary>
    /// A caller's start (N x dimensions, row-major) as it is, with Gaussian noise of σ = 1e-4 (seeded) that
    /// separates duplicates, as the other starts get. Unlike them it is not rescaled to [0, 10]: the start is
    /// usually an earlier UMAP layout, already at UMAP's scale, whose shape and size are the point of it.
    /// </summary>
    public static float[] FromGiven(IReadOnlyList<float> given, int seed)
    {
        var random = new Random(seed);
        var result = new float[given.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (float)(given[i] + (Noise * Gaussian(random)));
        }

        return result;
    }

    private static double[]? Principal(EmbeddingMatrix data, int dimensions, Random random, CancellationToken ct)
    {
        var n = data.Rows;
        var components = Math.Min(dimensions, data.Dimensions);
        if (n < 2)
        {
            return null;
        }

        var pca = PrincipalComponents.Fit(data, new PcaOptions { Components = components }, cancellationToken: ct);
        using var projected = pca.Transform(data, ct);
        var result = new double[n * dimensions];
        for (var i = 0; i < n; i++)
        {
            var row = projected.Row(i);
            for (var c = 0; c < dimensions; c++)
            {
                // Columns the input lacks (D < dimensions) start random, at the scale of the first.
                result[(i * dimensions) + c] = c < components ? row[c] : random.NextDouble() - 0.5;
            }
        }

        return result;
    }

    private static void NoisyScale(double[] coordinates, Random random)
    {
        var max = 0.0;
        foreach (var x in coordinates)
        {
            max = Math.Max(max, Math.Abs(x));
        }

        var expansion = max > 0 ? MaxCoordinate / max : 1;
        for (var i = 0; i < coordinates.Length; i++)
        {
            coordinates[i] = (coordinates[i] * expansion) + (Noise * Gaussian(random));
        }
    }

    private static float[] ScaleColumns(double[] coordinates, int n, int dimensions)
    {
        var result = new float[coordinates.Length];
        for (var c = 0; c < dimensions; c++)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (var i = 0; i < n; i++)
            {
                min = Math.Min(min, coordinates[(i * dimensions) + c]);
                max = Math.Max(max, coordinates[(i * dimensions) + c]);
            }

            // A single point (or a column with no spread at all) sits at 0 rather than dividing by zero.
            var range = max - min;
            for (var i = 0; i < n; i++)
            {
                var x = coordinates[(i * dimensions) + c];
                result[(i * dimensions) + c] = range > 0 ? (float)(MaxCoordinate * (x - min) / range) : 0f;
            }
        }

        return result;
    }

    private static double Gaussian(Random random)
    {
        // Box–Muller; 1 − u keeps the logarithm's argument in (0, 1].
        var u = 1 - random.NextDouble();
        var v = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
