using Projector.Core.Neighbors;

namespace Projector.Core.Projections.Tsne;

// The input-space side of t-SNE: conditional Gaussian affinities calibrated to a perplexity over the
// k nearest neighbours, symmetrised into the joint P (openTSNE affinity.py, van der Maaten 2014 §3).
public static partial class Tsne
{
    /// <summary>Entropy tolerance of the per-point binary search, in nats (openTSNE, bhtsne).</summary>
    internal const double EntropyTolerance = 1e-5;

    /// <summary>Binary-search steps per point before giving up with the best precision found.</summary>
    internal const int MaxCalibrationSteps = 100;

    /// <summary>
    /// Fills <paramref name="p"/> with P(j|i) ∝ exp(−β d_j²) over one point's neighbour distances, β chosen
    /// by bisection so that the entropy −Σ P log P equals log(<paramref name="perplexity"/>). Returns β.
    /// </summary>
    /// <remarks>
    /// Distances are shifted by the nearest one before exponentiating, which leaves P unchanged and keeps
    /// the largest term at exp(0) = 1, so the sum never underflows even for far-apart duplicates.
    /// </remarks>
    internal static double CalibrateRow(ReadOnlySpan<float> distances, double perplexity, Span<double> p)
    {
        var k = distances.Length;
        if (k == 0)
        {
            return 1;
        }

        var nearest = (double)distances[0] * distances[0];
        for (var j = 1; j < k; j++)
        {
            nearest = Math.Min(nearest, (double)distances[j] * distances[j]);
        }

        var target = Math.Log(perplexity);
        double beta = 1, lo = 0, hi = double.PositiveInfinity;
        for (var step = 0; step < MaxCalibrationSteps; step++)
        {
            double sum = 0, weighted = 0;
            for (var j = 0; j < k; j++)
            {
                var d2 = ((double)distances[j] * distances[j]) - nearest;
                p[j] = Math.Exp(-beta * d2);
                sum += p[j];
                weighted += d2 * p[j];
            }

            // H = log Σ exp(−β d²) + β Σ d² P.
            var entropy = Math.Log(sum) + (beta * weighted / sum);
            for (var j = 0; j < k; j++)
            {
                p[j] /= sum;
            }

            if (Math.Abs(entropy - target) < EntropyTolerance)
            {
                break;
            }

            if (entropy > target)
            {
                lo = beta;
                beta = double.IsPositiveInfinity(hi) ? beta * 2 : (beta + hi) / 2;
            }
            else
            {
                hi = beta;
                beta = (beta + lo) / 2;
            }
        }

        return beta;
    }

    /// <summary>The joint P = (P(j|i) + P(i|j)) / 2N over the graph's first k neighbours, optionally reweighted by labels.</summary>
    internal static SparseAffinities JointAffinities(KnnGraph graph, double perplexity, int threads, CancellationToken ct)
    {
        var n = graph.Points;
        var k = graph.K;
        var conditional = new double[(long)n * k];
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = ct }, i =>
            CalibrateRow(graph.Distances(i), perplexity, conditional.AsSpan(i * k, k)));
        return Symmetrize(n, k, graph.AllIndices, conditional);
    }

    /// <summary>P + Pᵀ over 2N as CSR. Built sequentially in row order, so the bytes never depend on threads.</summary>
    internal static SparseAffinities Symmetrize(int n, int k, int[] neighbors, double[] conditional)
    {
        var counts = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            counts[i] += k;
            for (var e = i * k; e < (i + 1) * k; e++)
            {
                counts[neighbors[e]]++;
            }
        }

        var start = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            start[i + 1] = start[i] + counts[i];
        }

        var fill = start[..n];
        var cols = new int[start[n]];
        var vals = new double[start[n]];
        for (var i = 0; i < n; i++)
        {
            for (var e = i * k; e < (i + 1) * k; e++)
            {
                var j = neighbors[e];
                cols[fill[i]] = j;
                vals[fill[i]++] = conditional[e];
                cols[fill[j]] = i;
                vals[fill[j]++] = conditional[e];
            }
        }

        // Sort each row by column and merge the (at most two) entries of a pair; a + b is exact-commutative,
        // so the unstable sort cannot change the bytes.
        var outStart = new int[n + 1];
        var outCount = 0;
        var scale = 1.0 / (2.0 * n);
        for (var i = 0; i < n; i++)
        {
            var c = cols.AsSpan(start[i], start[i + 1] - start[i]);
            var v = vals.AsSpan(start[i], start[i + 1] - start[i]);
            c.Sort(v);
            outStart[i] = outCount;
            for (var e = 0; e < c.Length; e++)
            {
                if (c[e] == i)
                {
                    continue;
                }

                if (outCount > outStart[i] && cols[outCount - 1] == c[e])
                {
                    vals[outCount - 1] += v[e] * scale;
                }
                else
                {
                    cols[outCount] = c[e];
                    vals[outCount++] = v[e] * scale;
                }
            }
        }

        outStart[n] = outCount;
        return new SparseAffinities(n, outStart, cols[..outCount], vals[..outCount]);
    }
}
