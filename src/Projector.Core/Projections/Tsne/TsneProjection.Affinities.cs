using System.Numerics.Tensors;
using Projector.Core.Neighbors;

namespace Projector.Core.Projections.Tsne;

// The input-space side of t-SNE: conditional Gaussian affinities calibrated to a perplexity over the
// k nearest neighbours, symmetrised into the joint P (openTSNE affinity.py, van der Maaten 2014 §3).
public static partial class TsneProjection
{
    /// <summary>Entropy tolerance of the per-point binary search, in nats (openTSNE, bhtsne).</summary>
    internal const double EntropyTolerance = 1e-5;

    /// <summary>Binary-search steps per point before giving up with the best precision found.</summary>
    internal const int MaxCalibrationSteps = 100;

    /// <summary>Graph entries (N·k) from which the memory of earlier phases is returned before the affinities are built.</summary>
    private const long CollectBeforeEntries = 20_000_000;

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

        // Squared distances shifted by the nearest, once; each bisection step is then three vector passes
        // (scale and exponentiate, sum, dot), about 3x faster than a scalar Math.Exp per neighbour.
        Span<double> d2 = k <= 256 ? stackalloc double[k] : new double[k];
        for (var j = 0; j < k; j++)
        {
            d2[j] = (double)distances[j] * distances[j];
        }

        TensorPrimitives.Subtract(d2, TensorPrimitives.Min(d2), d2);
        p = p[..k];
        var target = Math.Log(perplexity);
        double beta = 1, lo = 0, hi = double.PositiveInfinity, sum = 1;
        for (var step = 0; step < MaxCalibrationSteps; step++)
        {
            TensorPrimitives.Multiply(d2, -beta, p);
            TensorPrimitives.Exp(p, p);
            sum = TensorPrimitives.Sum(p);

            // H = log Σ exp(−β d²) + β Σ d² P.
            var entropy = Math.Log(sum) + (beta * TensorPrimitives.Dot(d2, p) / sum);
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

        TensorPrimitives.Divide(p, sum, p);
        return beta;
    }

    /// <summary>The joint P = (P(j|i) + P(i|j)) / 2N over the graph's k neighbours, P(j|i) calibrated to the perplexity or uniform (1 / k).</summary>
    internal static SparseAffinities JointAffinities(KnnGraph graph, double perplexity, TsneAffinityKernel kernel, int threads, CancellationToken ct)
    {
        var n = graph.Points;
        var k = graph.K;
        if ((long)n * k >= CollectBeforeEntries)
        {
            // The neighbour search's scratch (heaps and candidate lists, over 500 MB at a million points)
            // is garbage by now, but a plain collection keeps its memory committed and the N·k scratch
            // below would come on top of it.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        // Float32 halves the largest scratch of a million-point run (N·k values); p is calibrated in double.
        var conditional = new float[(long)n * k];
        if (kernel == TsneAffinityKernel.Uniform)
        {
            Array.Fill(conditional, 1f / k);
            return Symmetrize(n, k, graph.AllIndices, conditional, threads);
        }

        Parallel.For(0, n, ParallelScheduling.Options(threads, ct), () => new double[k], (i, _, row) =>
        {
            CalibrateRow(graph.Distances(i), perplexity, row);
            for (var e = 0; e < k; e++)
            {
                conditional[((long)i * k) + e] = (float)row[e];
            }

            return row;
        }, _ => { });
        return Symmetrize(n, k, graph.AllIndices, conditional, threads);
    }

    /// <summary>
    /// P + Pᵀ over 2N as CSR, sized exactly: each row merges its own neighbours (sorted) with the points
    /// that list it (the transpose, built in point order), once to count and once to fill. Besides the
    /// graph and P(j|i), the only scratch is the transpose (one int per edge), so for a million points
    /// the peak stays near the final P rather than holding several unsymmetrised copies. Every row is
    /// merged by one thread in column order, so the bytes never depend on threads.
    /// </summary>
    internal static SparseAffinities Symmetrize(int n, int k, int[] neighbors, float[] conditional, int threads)
    {
        // Transpose by counting sort: for column j, the edges e (row e / k) that point at j, rows ascending.
        var reverseStart = new int[n + 1];
        foreach (var j in neighbors)
        {
            reverseStart[j + 1]++;
        }

        for (var j = 0; j < n; j++)
        {
            reverseStart[j + 1] += reverseStart[j];
        }

        var reverse = new int[neighbors.Length];
        var fill = reverseStart[..n];
        for (var e = 0; e < neighbors.Length; e++)
        {
            reverse[fill[neighbors[e]]++] = e;
        }

        fill = null;
        var rowStart = new int[n + 1];
        var parallel = ParallelScheduling.Options(threads);
        Parallel.For(0, n, parallel, () => new Row(k), (i, _, row) =>
        {
            rowStart[i + 1] = row.Merge(i, k, neighbors, conditional, reverseStart, reverse, null, null, 0);
            return row;
        }, _ => { });
        for (var i = 0; i < n; i++)
        {
            rowStart[i + 1] += rowStart[i];
        }

        var cols = new int[rowStart[n]];
        var vals = new float[rowStart[n]];
        var scale = 1.0 / (2.0 * n);
        Parallel.For(0, n, parallel, () => new Row(k), (i, _, row) =>
        {
            row.Merge(i, k, neighbors, conditional, reverseStart, reverse, cols.AsSpan(rowStart[i]), vals.AsSpan(rowStart[i]), scale);
            return row;
        }, _ => { });
        return new SparseAffinities(n, rowStart, cols, vals);
    }

    /// <summary>One thread's buffer for a row's own neighbours sorted by column.</summary>
    private sealed class Row(int k)
    {
        private readonly int[] _columns = new int[k];
        private readonly float[] _values = new float[k];

        /// <summary>
        /// Merges row i's neighbours with the points that list i; entries with the same column are summed
        /// (forward first, then reverse in row order) and scaled, the diagonal dropped. Writes only when
        /// <paramref name="cols"/> is given; returns the number of entries.
        /// </summary>
        public int Merge(int i, int k, int[] neighbors, float[] conditional, int[] reverseStart, int[] reverse, Span<int> cols, Span<float> vals, double scale)
        {
            neighbors.AsSpan(i * k, k).CopyTo(_columns);
            conditional.AsSpan(i * k, k).CopyTo(_values);
            _columns.AsSpan().Sort(_values.AsSpan());
            var write = !cols.IsEmpty || !vals.IsEmpty;
            var count = 0;
            var last = -1;
            var sum = 0.0;
            int a = 0, b = reverseStart[i], bEnd = reverseStart[i + 1];
            while (a < k || b < bEnd)
            {
                int column;
                double value;
                if (b >= bEnd || (a < k && _columns[a] <= reverse[b] / k))
                {
                    column = _columns[a];
                    value = _values[a++];
                }
                else
                {
                    column = reverse[b] / k;
                    value = conditional[reverse[b++]];
                }

                if (column == i)
                {
                    continue;
                }

                // Summed in double and rounded once, so p_ij and p_ji (the same two terms) are equal.
                if (column != last)
                {
                    last = column;
                    sum = value * scale;
                    if (write)
                    {
                        cols[count] = column;
                        vals[count] = (float)sum;
                    }

                    count++;
                }
                else if (write)
                {
                    sum += value * scale;
                    vals[count - 1] = (float)sum;
                }
            }

            return count;
        }
    }
}
