using Projector.Core.Neighbors;

namespace Projector.Core.Projections.Umap;

/// <summary>
/// Per-point ρ (distance to the local-connectivity-th neighbour) and σ (the bandwidth that makes the
/// point's fuzzy neighbourhood sum to log2 k), as umap-learn's <c>smooth_knn_dist</c>.
/// </summary>
/// <remarks>
/// σ_i solves Σ_j exp(−max(0, d_ij − ρ_i) / σ_i) = log2 k by 64 steps of bisection (tolerance 1e-5).
/// Our graphs exclude the point itself, so the sum runs over all k neighbours where umap-learn skips
/// its column 0 (the self); k here is <see cref="UmapOptions.Neighbors"/>. σ is kept at least 1e-3
/// times the mean neighbour distance so that duplicate-heavy neighbourhoods stay finite.
/// </remarks>
internal static class SmoothKnnDistances
{
    private const int BisectionSteps = 64;
    private const double Tolerance = 1e-5;

    // umap-learn's MIN_K_DIST_SCALE: the floor of σ relative to the mean distance.
    private const double MinScale = 1e-3;

    /// <summary>ρ and σ of every point of <paramref name="graph"/>.</summary>
    public static (float[] Rho, float[] Sigma) Compute(KnnGraph graph, double localConnectivity, ParallelOptions parallel)
    {
        var n = graph.Points;
        var rho = new float[n];
        var sigma = new float[n];
        var globalMean = 0.0;
        foreach (var d in graph.AllDistances)
        {
            globalMean += d;
        }

        globalMean /= Math.Max(1, graph.AllDistances.Length);
        Parallel.For(0, n, parallel, i =>
        {
            var (r, g) = Row(graph.Distances(i), localConnectivity, globalMean);
            rho[i] = r;
            sigma[i] = g;
        });
        return (rho, sigma);
    }

    /// <summary>
    /// ρ and σ of one point from its ascending neighbour <paramref name="distances"/>; <paramref name="globalMean"/>
    /// floors σ when ρ is 0 (the point's own mean does otherwise).
    /// </summary>
    public static (float Rho, float Sigma) Row(ReadOnlySpan<float> distances, double localConnectivity, double globalMean)
    {
        var rho = (float)Rho(distances, localConnectivity);
        var target = Math.Log2(distances.Length);
        double lo = 0, hi = double.PositiveInfinity, mid = 1;
        for (var step = 0; step < BisectionSteps; step++)
        {
            var sum = 0.0;
            foreach (var d in distances)
            {
                var excess = d - rho;
                sum += excess > 0 ? Math.Exp(-excess / mid) : 1;
            }

            if (Math.Abs(sum - target) < Tolerance)
            {
                break;
            }

            if (sum > target)
            {
                hi = mid;
                mid = (lo + hi) / 2;
            }
            else
            {
                lo = mid;
                mid = double.IsPositiveInfinity(hi) ? mid * 2 : (lo + hi) / 2;
            }
        }

        var mean = 0.0;
        foreach (var d in distances)
        {
            mean += d;
        }

        mean /= distances.Length;
        var floor = MinScale * (rho > 0 ? mean : globalMean);
        return (rho, (float)Math.Max(mid, floor));
    }

    /// <summary>The distance to the local-connectivity-th nonzero neighbour, interpolated for fractional values.</summary>
    private static double Rho(ReadOnlySpan<float> distances, double localConnectivity)
    {
        // Distances are ascending, so the nonzero ones are a suffix.
        var firstNonZero = 0;
        while (firstNonZero < distances.Length && distances[firstNonZero] <= 0)
        {
            firstNonZero++;
        }

        var nonZero = distances[firstNonZero..];
        if (nonZero.Length == 0)
        {
            return 0;
        }

        if (nonZero.Length < localConnectivity)
        {
            return nonZero[^1];
        }

        var index = (int)Math.Floor(localConnectivity);
        var fraction = localConnectivity - index;
        if (index == 0)
        {
            return fraction * nonZero[0];
        }

        var rho = (double)nonZero[index - 1];
        if (fraction > Tolerance && index < nonZero.Length)
        {
            rho += fraction * (nonZero[index] - nonZero[index - 1]);
        }

        return rho;
    }
}
