using System.Buffers;
using System.Numerics.Tensors;
using Projector.Core.Data;

namespace Projector.Core.Neighbors;

/// <summary>
/// Nearest-neighbour search: the all-points kNN graph, and the neighbours of one point or one query
/// vector, with true distances.
/// </summary>
/// <remarks>
/// Small inputs (≤ <see cref="NeighborOptions.ExactMaxPoints"/> rows) are searched exactly by a blocked SIMD
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
        var exact = options.Exact ?? n <= options.ExactMaxPoints;
        if (exact)
        {
            return ExactKnn.Build(rows, k, options, progress, cancellationToken);
        }

        var graph = NNDescentIndex.Build(rows, k, options, progress, cancellationToken);
        if (options.RecallSample > 0)
        {
            graph.EstimatedRecall = KnnRecall.Estimate(data, graph, options.RecallSample, options.Seed);
        }

        return graph;
    }

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
    /// One pass over the rows, each row's distance computed as <see cref="PreparedRows"/> would (so the
    /// distances are those of <see cref="BuildGraph(EmbeddingMatrix, int, Metric, IProgress{ProjectionProgress}?, CancellationToken)"/>,
    /// bit for bit) and offered straight to a heap of k: nothing of size N is allocated, not even the
    /// normalised copy of the matrix that cosine would otherwise need.
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
        k = Math.Max(0, Math.Min(k, exclude >= 0 && exclude < n ? n - 1 : n));
        if (k == 0)
        {
            return [];
        }

        var q = Normalized(query, metric);
        var chunks = (n + ScanChunk - 1) / ScanChunk;
        var parts = (long)n * data.Dimensions >= ParallelQueryWork ? Math.Min(chunks, threads ?? Environment.ProcessorCount) : 1;
        var hd = new float[k];
        var hi = new int[k];
        MaxHeap.Clear(hd, hi);
        if (parts <= 1)
        {
            Scan(data, q, metric, exclude, 0, n, hd, hi, cancellationToken);
        }
        else
        {
            // Each part keeps its own k best; the (distance, index) order is total, so merging them gives
            // the same k whatever the split.
            var partDistances = new float[parts * k];
            var partIndices = new int[parts * k];
            var rowsPerPart = (n + parts - 1) / parts;
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts, CancellationToken = cancellationToken }, p =>
            {
                var d = partDistances.AsSpan(p * k, k);
                var i = partIndices.AsSpan(p * k, k);
                MaxHeap.Clear(d, i);
                Scan(data, q, metric, exclude, p * rowsPerPart, Math.Min(n, (p + 1) * rowsPerPart), d, i, cancellationToken);
            });
            for (var j = 0; j < partDistances.Length; j++)
            {
                MaxHeap.TryPush(hd, hi, partDistances[j], partIndices[j]);
            }
        }

        MaxHeap.SortAscending(hd, hi);
        var result = new Neighbor[k];
        for (var j = 0; j < k; j++)
        {
            result[j] = new Neighbor(hi[j], hd[j]);
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

    /// <summary>Offers rows [start, end) to the heap (hd, hi) by their distance to the prepared query q.</summary>
    private static void Scan(EmbeddingMatrix data, float[] q, Metric metric, int exclude, int start, int end, Span<float> hd, Span<int> hi, CancellationToken ct)
    {
        var d = data.Dimensions;
        // The unit row for cosine: normalised as PreparedRows does (norm, then divide), one row at a time,
        // so it stays in the L1 cache and the distance is the one the kNN graph holds.
        var rented = metric == Metric.Cosine && d > MaxStackDimensions ? ArrayPool<float>.Shared.Rent(d) : null;
        var unit = rented is not null ? rented.AsSpan(0, d) : metric == Metric.Cosine ? stackalloc float[d] : [];
        try
        {
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

                var row = data.Row(j);
                float distance;
                if (metric == Metric.Euclidean)
                {
                    distance = TensorPrimitives.Distance(row, q);
                }
                else
                {
                    var norm = TensorPrimitives.Norm(row);
                    if (norm > 0)
                    {
                        TensorPrimitives.Divide(row, norm, unit);
                        distance = Math.Max(0f, 1f - TensorPrimitives.Dot(unit, q));
                    }
                    else
                    {
                        distance = 1f;
                    }
                }

                MaxHeap.TryPush(hd, hi, distance, j);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        }
    }

    internal static Neighbor[] Query(PreparedRows rows, float[] query, int k, int exclude, float[]? buffer = null)
    {
        var n = rows.Count;
        var distances = buffer ?? new float[n];
        const int Chunk = 4096;
        var chunks = (n + Chunk - 1) / Chunk;
        void Fill(int c)
        {
            var end = Math.Min(n, (c + 1) * Chunk);
            for (var j = c * Chunk; j < end; j++)
            {
                distances[j] = rows.Distance(j, query);
            }
        }

        // Distances are computed per row independently, so splitting the scan cannot change them.
        if ((long)n * rows.Dimensions >= ParallelQueryWork)
        {
            Parallel.For(0, chunks, Fill);
        }
        else
        {
            for (var c = 0; c < chunks; c++)
            {
                Fill(c);
            }
        }

        k = Math.Max(0, Math.Min(k, exclude >= 0 && exclude < n ? n - 1 : n));
        var hd = new float[k];
        var hi = new int[k];
        MaxHeap.Clear(hd, hi);
        for (var j = 0; j < n; j++)
        {
            if (j != exclude && k > 0)
            {
                MaxHeap.TryPush(hd, hi, distances[j], j);
            }
        }

        MaxHeap.SortAscending(hd, hi);
        var result = new Neighbor[k];
        for (var j = 0; j < k; j++)
        {
            result[j] = new Neighbor(hi[j], hd[j]);
        }

        return result;
    }
}
