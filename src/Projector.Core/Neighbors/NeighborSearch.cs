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
    public static Neighbor[] Query(EmbeddingMatrix data, ReadOnlySpan<float> query, int k, Metric metric, int exclude = -1)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (query.Length != data.Dimensions)
        {
            throw new ArgumentException($"The query has {query.Length} values; the data has {data.Dimensions} dimensions.", nameof(query));
        }

        var rows = new PreparedRows(data, metric);
        return Query(rows, rows.PrepareQuery(query), k, exclude);
    }

    /// <summary>The neighbours of row <paramref name="row"/> (itself excluded), nearest first, with true distances.</summary>
    public static Neighbor[] QueryRow(EmbeddingMatrix data, int row, int k, Metric metric)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Query(data, data.Row(row), k, metric, row);
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
