using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Projector.Core.Data;

namespace Projector.Core.Neighbors;

/// <summary>
/// Nearest-neighbour search: the all-points kNN graph, and the neighbours of one point or one query
/// vector, with true distances.
/// </summary>
/// <remarks>
/// Inputs up to a size that grows with k (<see cref="NeighborOptions.ExactCutoff(int)"/>) are searched exactly by a blocked SIMD
/// matrix product; larger ones by NN-descent (<see cref="NNDescentIndex"/>), whose recall against exact search
/// on a sample is reported in <see cref="KnnGraph.EstimatedRecall"/>. Both are deterministic: the same input,
/// options and seed give the same graph, whatever the thread count.
/// </remarks>
public static class NeighborSearch
{
    /// <summary>Queries with at least this many rows x dimensions are scanned in parallel.</summary>
    private const long ParallelQueryWork = 1 << 20;

    /// <summary>Rows scanned between two looks at the cancellation token.</summary>
    private const int ScanChunk = 4096;

    /// <summary>Widest row whose unit copy goes on the stack (16 KB).</summary>
    private const int MaxStackDimensions = 4096;

    /// <summary>Rows kept beyond k by key and re-ranked by true distance, as the exact kNN graph keeps them.</summary>
    private const int ExtraCandidates = 8;

    /// <summary>The k nearest neighbours of every point (self excluded), nearest first; k is clamped to N − 1.</summary>
    public static KnnGraph BuildGraph(EmbeddingMatrix data, int k, Metric metric, IProgress<ProjectionProgress>? progress = null, CancellationToken cancellationToken = default) =>
        BuildGraph(data, k, metric, NeighborOptions.Default, progress, cancellationToken);

    /// <summary>
    /// The k nearest neighbours of every point (self excluded), nearest first by (distance, index); k is
    /// clamped to N − 1. Exact or approximate as <paramref name="options"/> say.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">k is not positive.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static KnnGraph BuildGraph(EmbeddingMatrix data, int k, Metric metric, NeighborOptions? options, IProgress<ProjectionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        options ??= NeighborOptions.Default;
        var n = data.Rows;
        k = Math.Min(k, Math.Max(0, n - 1));
        if (k == 0)
        {
            return new KnnGraph(n, 0, [], [], metric, isExact: true);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var rows = new PreparedRows(data, metric);
        var exact = options.SearchesExactly(n, k);
        if (exact)
        {
            return ExactKnn.Build(rows, k, options, progress, cancellationToken);
        }

        var graph = NNDescentIndex.Build(rows, k, options, progress, cancellationToken);
        if (options.RecallSample > 0)
        {
            graph.EstimatedRecall = KnnRecall.Estimate(data, graph, options.RecallSample, options.Seed, options.Parallel(cancellationToken));
        }

        return graph;
    }

    /// <summary>
    /// Bytes <see cref="BuildGraph(EmbeddingMatrix, int, Metric, NeighborOptions?, IProgress{ProjectionProgress}?, CancellationToken)"/>
    /// holds at once for k neighbours of n rows of d dimensions, by the search the options choose.
    /// </summary>
    internal static long WorkingBytes(int n, int d, int k, NeighborOptions options) =>
        options.SearchesExactly(n, k) ? ExactKnn.WorkingBytes(n, d, k) : NNDescentIndex.WorkingBytes(n, d, k, options);

    /// <summary>
    /// The k nearest rows of <paramref name="data"/> to <paramref name="query"/>, nearest first by (distance,
    /// index), with true distances; <paramref name="exclude"/> (a row index, or −1) is skipped. Exact.
    /// </summary>
    public static Neighbor[] Query(EmbeddingMatrix data, ReadOnlySpan<float> query, int k, Metric metric, int exclude = -1) =>
        Query(data, query, k, metric, exclude, threads: null);

    /// <summary>
    /// As <see cref="Query(EmbeddingMatrix, ReadOnlySpan{float}, int, Metric, int)"/>, on at most
    /// <paramref name="threads"/> threads (null: every core when the input is large; 1: only the calling
    /// thread, which is what a server answering many requests at once wants). The answer does not depend on it.
    /// </summary>
    /// <remarks>
    /// One pass over the rows with a kernel compiled fully optimised at its first call (a server's first
    /// queries must not run for tens of milliseconds in unoptimised code while the JIT tiers up): each row's
    /// ranking key (squared distance, or 1 − cosine from one dot product and one squared norm) goes straight
    /// into a heap of k + 8, so nothing of size N is allocated, not even the normalised copy of the matrix
    /// that cosine would otherwise need. The kept rows' true distances are then computed as
    /// <see cref="PreparedRows"/> computes them and the k nearest chosen by them, as the exact kNN graph does,
    /// so the answer and its distances are those of
    /// <see cref="BuildGraph(EmbeddingMatrix, int, Metric, IProgress{ProjectionProgress}?, CancellationToken)"/>, bit for bit.
    /// </remarks>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static Neighbor[] Query(EmbeddingMatrix data, ReadOnlySpan<float> query, int k, Metric metric, int exclude, int? threads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (query.Length != data.Dimensions)
        {
            throw new ArgumentException($"The query has {query.Length} values; the data has {data.Dimensions} dimensions.", nameof(query));
        }

        var n = data.Rows;
        var available = exclude >= 0 && exclude < n ? n - 1 : n;
        k = Math.Max(0, Math.Min(k, available));
        if (k == 0)
        {
            return [];
        }

        var q = Normalized(query, metric);
        var kept = Math.Min(available, k + ExtraCandidates);
        var chunks = (n + ScanChunk - 1) / ScanChunk;
        var parts = (long)n * data.Dimensions >= ParallelQueryWork ? Math.Min(chunks, threads ?? Environment.ProcessorCount) : 1;
        var keys = new float[kept];
        var rows = new int[kept];
        MaxHeap.Clear(keys, rows);
        if (parts <= 1)
        {
            Scan(data, q, metric, exclude, 0, n, keys, rows, cancellationToken);
        }
        else
        {
            // Each part keeps its own best; the (key, index) order is total, so merging them gives the
            // same rows whatever the split.
            var partKeys = new float[parts * kept];
            var partRows = new int[parts * kept];
            var rowsPerPart = (n + parts - 1) / parts;
            Parallel.For(0, parts, ParallelScheduling.Options(parts, cancellationToken), p =>
            {
                var pk = partKeys.AsSpan(p * kept, kept);
                var pr = partRows.AsSpan(p * kept, kept);
                MaxHeap.Clear(pk, pr);
                Scan(data, q, metric, exclude, p * rowsPerPart, Math.Min(n, (p + 1) * rowsPerPart), pk, pr, cancellationToken);
            });
            for (var j = 0; j < partKeys.Length; j++)
            {
                MaxHeap.TryPush(keys, rows, partKeys[j], partRows[j]);
            }
        }

        // Keys carry the rounding of their own sums; the answer is ranked by the true distances.
        var distances = keys;
        Span<float> unit = metric == Metric.Cosine && data.Dimensions <= MaxStackDimensions ? stackalloc float[data.Dimensions] : default;
        if (metric == Metric.Cosine && unit.IsEmpty)
        {
            unit = new float[data.Dimensions];
        }

        for (var j = 0; j < kept; j++)
        {
            distances[j] = rows[j] == int.MaxValue ? float.PositiveInfinity : TrueDistance(data.Row(rows[j]), q, metric, unit);
        }

        SortByDistance(distances, rows);
        // Rows whose key is not a number (a NaN in the data) are never kept; there may be fewer than k.
        while (k > 0 && rows[k - 1] == int.MaxValue)
        {
            k--;
        }

        var result = new Neighbor[k];
        for (var j = 0; j < k; j++)
        {
            result[j] = new Neighbor(rows[j], distances[j]);
        }

        return result;
    }

    /// <summary>The neighbours of row <paramref name="row"/> (itself excluded), nearest first, with true distances.</summary>
    public static Neighbor[] QueryRow(EmbeddingMatrix data, int row, int k, Metric metric) =>
        QueryRow(data, row, k, metric, threads: null);

    /// <summary>As <see cref="QueryRow(EmbeddingMatrix, int, int, Metric)"/>, on at most <paramref name="threads"/> threads (see <see cref="Query(EmbeddingMatrix, ReadOnlySpan{float}, int, Metric, int, int?, CancellationToken)"/>).</summary>
    public static Neighbor[] QueryRow(EmbeddingMatrix data, int row, int k, Metric metric, int? threads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Query(data, data.Row(row), k, metric, row, threads, cancellationToken);
    }

    /// <summary>The query as <see cref="PreparedRows.PrepareQuery"/> makes it: unit-normalised for cosine (zero stays zero).</summary>
    private static float[] Normalized(ReadOnlySpan<float> query, Metric metric)
    {
        var q = query.ToArray();
        if (metric == Metric.Cosine)
        {
            var norm = TensorPrimitives.Norm(query);
            if (norm > 0)
            {
                TensorPrimitives.Divide(q, norm, q);
            }
            else
            {
                Array.Clear(q);
            }
        }

        return q;
    }

    /// <summary>
    /// The distance as <see cref="PreparedRows.Distance(int, ReadOnlySpan{float})"/> computes it: the row
    /// unit-normalised (norm, then divide; a zero row stays zero) for cosine, into <paramref name="unit"/>.
    /// </summary>
    private static float TrueDistance(ReadOnlySpan<float> row, float[] q, Metric metric, Span<float> unit)
    {
        if (metric == Metric.Euclidean)
        {
            return TensorPrimitives.Distance(row, q);
        }

        var norm = TensorPrimitives.Norm(row);
        if (norm > 0)
        {
            TensorPrimitives.Divide(row, norm, unit);
        }
        else
        {
            unit.Clear();
        }

        return Math.Max(0f, 1f - TensorPrimitives.Dot(unit, q));
    }

    /// <summary>Sorts pairs ascending by (distance, index); a handful of them, so by insertion.</summary>
    private static void SortByDistance(Span<float> distances, Span<int> rows)
    {
        for (var a = 1; a < distances.Length; a++)
        {
            var d = distances[a];
            var i = rows[a];
            var b = a - 1;
            while (b >= 0 && MaxHeap.Before(d, i, distances[b], rows[b]))
            {
                distances[b + 1] = distances[b];
                rows[b + 1] = rows[b];
                b--;
            }

            distances[b + 1] = d;
            rows[b + 1] = i;
        }
    }

    /// <summary>Offers rows [start, end) to the heap (keys, rows) by their ranking key against the prepared query q.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scan(EmbeddingMatrix data, float[] q, Metric metric, int exclude, int start, int end, Span<float> keys, Span<int> rows, CancellationToken ct)
    {
        var d = data.Dimensions;
        if (end <= start)
        {
            return;
        }

        ref var first = ref MemoryMarshal.GetReference(data.RowBlock(start, end - start));
        ref var query = ref MemoryMarshal.GetArrayDataReference(q);
        var cosine = metric == Metric.Cosine;
        for (var j = start; j < end; j++)
        {
            if ((j - start) % ScanChunk == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            if (j == exclude)
            {
                continue;
            }

            ref var row = ref Unsafe.Add(ref first, (nint)(j - start) * d);
            float key;
            if (cosine)
            {
                // 1 − cos: the rank of 1 − x̂·q̂ without normalising the row; a zero row is at 1, as PreparedRows has it.
                var (dot, squares) = DotAndSquares(ref row, ref query, d);
                key = squares > 0 ? 1f - (dot / MathF.Sqrt(squares)) : 1f;
            }
            else
            {
                key = SquaredDistance(ref row, ref query, d);
            }

            MaxHeap.TryPush(keys, rows, key, j);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float SquaredDistance(ref float x, ref float y, int d)
    {
        var t = 0;
        var sum = 0f;
        if (Vector256.IsHardwareAccelerated)
        {
            // Two accumulators, so consecutive FMAs do not wait on each other.
            Vector256<float> a0 = default, a1 = default;
            for (; t <= d - 16; t += 16)
            {
                var e0 = Vector256.LoadUnsafe(ref x, (nuint)t) - Vector256.LoadUnsafe(ref y, (nuint)t);
                var e1 = Vector256.LoadUnsafe(ref x, (nuint)(t + 8)) - Vector256.LoadUnsafe(ref y, (nuint)(t + 8));
                a0 = Vector256.MultiplyAddEstimate(e0, e0, a0);
                a1 = Vector256.MultiplyAddEstimate(e1, e1, a1);
            }

            for (; t <= d - 8; t += 8)
            {
                var e = Vector256.LoadUnsafe(ref x, (nuint)t) - Vector256.LoadUnsafe(ref y, (nuint)t);
                a0 = Vector256.MultiplyAddEstimate(e, e, a0);
            }

            sum = Vector256.Sum(a0 + a1);
        }

        // Scalar tail: the last d mod 8 dimensions (all of them without Vector256).
        for (; t < d; t++)
        {
            var e = Unsafe.Add(ref x, t) - Unsafe.Add(ref y, t);
            sum += e * e;
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (float Dot, float Squares) DotAndSquares(ref float x, ref float y, int d)
    {
        var t = 0;
        var dot = 0f;
        var squares = 0f;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> p0 = default, p1 = default, s0 = default, s1 = default;
            for (; t <= d - 16; t += 16)
            {
                var x0 = Vector256.LoadUnsafe(ref x, (nuint)t);
                var x1 = Vector256.LoadUnsafe(ref x, (nuint)(t + 8));
                p0 = Vector256.MultiplyAddEstimate(x0, Vector256.LoadUnsafe(ref y, (nuint)t), p0);
                p1 = Vector256.MultiplyAddEstimate(x1, Vector256.LoadUnsafe(ref y, (nuint)(t + 8)), p1);
                s0 = Vector256.MultiplyAddEstimate(x0, x0, s0);
                s1 = Vector256.MultiplyAddEstimate(x1, x1, s1);
            }

            for (; t <= d - 8; t += 8)
            {
                var x0 = Vector256.LoadUnsafe(ref x, (nuint)t);
                p0 = Vector256.MultiplyAddEstimate(x0, Vector256.LoadUnsafe(ref y, (nuint)t), p0);
                s0 = Vector256.MultiplyAddEstimate(x0, x0, s0);
            }

            dot = Vector256.Sum(p0 + p1);
            squares = Vector256.Sum(s0 + s1);
        }

        for (; t < d; t++)
        {
            var v = Unsafe.Add(ref x, t);
            dot += v * Unsafe.Add(ref y, t);
            squares += v * v;
        }

        return (dot, squares);
    }
}
