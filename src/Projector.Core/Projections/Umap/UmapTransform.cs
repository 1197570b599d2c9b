using Projector.Core.Data;
using Projector.Core.Neighbors;

namespace Projector.Core.Projections.Umap;

/// <summary>
/// Places new points into a finished UMAP layout without moving it, as umap-learn's <c>transform</c>: each
/// new point's fuzzy neighbourhood among the reference points (ρ and σ with the local connectivity less
/// one), a start at the membership-weighted mean of those neighbours' positions, then SGD epochs in which
/// only the new point moves (attraction to its neighbours, repulsion from sampled reference points) with a
/// learning rate starting at a quarter of the run's.
/// </summary>
/// <remarks>
/// New points do not interact, so each is optimised on its own with a random stream derived from the seed
/// and its index: the result does not depend on the thread count or on the other new points.
/// </remarks>
internal static class UmapTransform
{
    private const float Clip = 4f;

    /// <summary>M x dims positions, row-major, for <paramref name="newPoints"/> in <paramref name="layout"/> of <paramref name="reference"/>.</summary>
    public static float[] Place(EmbeddingMatrix reference, ProjectionFrame layout, EmbeddingMatrix newPoints, UmapOptions options, NeighborIndex? index, CancellationToken cancellationToken)
    {
        var n = reference.Rows;
        var m = newPoints.Rows;
        var dims = layout.Dimensions;
        var k = Math.Clamp(options.Neighbors, 1, n);
        var (a, b) = UmapCurve.Fit(options.MinDist, options.Spread);
        // umap-learn: a third of the run's epochs when given, else 100 for small and 30 for large references.
        var epochs = Math.Max(1, options.Epochs is { } e ? e / 3 : n <= 10_000 ? 100 : 30);
        var alpha0 = (float)options.LearningRate / 4f;
        var result = new float[m * dims];
        var refY = layout.Positions;
        Parallel.For(0, m, ParallelScheduling.Options(options.Threads, cancellationToken), i =>
        {
            var found = index?.Query(newPoints.Row(i), k) ?? NeighborSearch.Query(reference, newPoints.Row(i), k, options.Metric, -1, threads: 1);
            var weights = Memberships(found, Math.Max(0, options.LocalConnectivity - 1));
            var y = result.AsSpan(i * dims, dims);
            var total = 0.0;
            for (var e = 0; e < found.Length; e++)
            {
                total += weights[e];
            }

            for (var d = 0; d < dims; d++)
            {
                var sum = 0.0;
                for (var e = 0; e < found.Length; e++)
                {
                    sum += weights[e] * refY[(found[e].Index * dims) + d];
                }

                y[d] = total > 0 ? (float)(sum / total) : refY[(found[0].Index * dims) + d];
            }

            Optimise(y, found, weights, refY, n, dims, epochs, alpha0, a, b, options.NegativeSampleRate, StreamFor(options.Seed, i));
        });

        return result;
    }

    // The fuzzy membership of each neighbour, exp(-(d - ρ) / σ), with ρ and σ as the run computes them.
    private static double[] Memberships(Neighbor[] found, double localConnectivity)
    {
        var distances = new float[found.Length];
        var mean = 0.0;
        for (var e = 0; e < found.Length; e++)
        {
            distances[e] = found[e].Distance;
            mean += distances[e];
        }

        var (rho, sigma) = SmoothKnnDistances.Row(distances, localConnectivity, mean / Math.Max(1, found.Length));
        var weights = new double[distances.Length];
        for (var e = 0; e < distances.Length; e++)
        {
            var excess = distances[e] - rho;
            weights[e] = excess <= 0 || sigma <= 0 ? 1 : Math.Exp(-excess / sigma);
        }

        return weights;
    }

    private static void Optimise(Span<float> y, Neighbor[] found, double[] weights, float[] refY, int n, int dims, int epochs, float alpha0, double a, double b, int negativeRate, ulong rng)
    {
        var max = weights.Length > 0 ? weights.Max() : 0;
        var perSample = new double[weights.Length];
        var next = new double[weights.Length];
        var perNegative = new double[weights.Length];
        var nextNegative = new double[weights.Length];
        for (var e = 0; e < weights.Length; e++)
        {
            // Edges weaker than max / epochs are never sampled, as in the run.
            perSample[e] = weights[e] >= max / epochs && weights[e] > 0 ? max / weights[e] : -1;
            next[e] = perSample[e];
            perNegative[e] = perSample[e] / Math.Max(1, negativeRate);
            nextNegative[e] = perNegative[e];
        }

        Span<float> delta = stackalloc float[3];
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            var alpha = alpha0 * (1f - ((float)epoch / epochs));
            for (var e = 0; e < weights.Length; e++)
            {
                if (perSample[e] <= 0 || next[e] > epoch)
                {
                    continue;
                }

                var tail = found[e].Index * dims;
                var dist2 = Difference(y, refY.AsSpan(tail, dims), delta);
                if (dist2 > 0)
                {
                    var coefficient = (float)(-2 * a * b * Math.Pow(dist2, b - 1) / ((a * Math.Pow(dist2, b)) + 1));
                    for (var d = 0; d < dims; d++)
                    {
                        y[d] += Math.Clamp(coefficient * delta[d], -Clip, Clip) * alpha;
                    }
                }

                next[e] += perSample[e];
                var negatives = (int)((epoch - nextNegative[e]) / perNegative[e]);
                for (var s = 0; s < negatives; s++)
                {
                    var other = (int)(((UmapOptimizer.Next(ref rng) >> 32) * (ulong)n) >> 32) * dims;
                    var far2 = Difference(y, refY.AsSpan(other, dims), delta);
                    for (var d = 0; d < dims; d++)
                    {
                        var step = far2 > 0
                            ? Math.Clamp((float)(2 * b / ((0.001 + far2) * ((a * Math.Pow(far2, b)) + 1))) * delta[d], -Clip, Clip)
                            : Clip;
                        y[d] += step * alpha;
                    }
                }

                nextNegative[e] += negatives * perNegative[e];
            }
        }
    }

    private static float Difference(ReadOnlySpan<float> y, ReadOnlySpan<float> other, Span<float> delta)
    {
        var dist2 = 0f;
        for (var d = 0; d < y.Length; d++)
        {
            delta[d] = y[d] - other[d];
            dist2 += delta[d] * delta[d];
        }

        return dist2;
    }

    // xorshift64* (the optimiser's generator) started from SplitMix64 of the seed and the point.
    private static ulong StreamFor(int seed, int point)
    {
        var state = ((ulong)(uint)seed << 32) ^ (uint)point ^ 0x5DEECE66DUL;
        var z = UmapOptimizer.SplitMix64(ref state);
        return z == 0 ? 0x2545F4914F6CDD1DUL : z;
    }
}
