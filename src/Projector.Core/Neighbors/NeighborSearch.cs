using System.Numerics.Tensors;
using Projector.Core.Data;

namespace Projector.Core.Neighbors;

/// <summary>
/// Nearest-neighbour search: the all-points kNN graph, and the neighbours of one point or one query
/// vector, with true distances.
/// </summary>
public static class NeighborSearch
{
    /// <summary>The k nearest neighbours of every point (self excluded), nearest first.</summary>
    public static KnnGraph BuildGraph(EmbeddingMatrix data, int k, Metric metric, IProgress<Projections.ProjectionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var n = data.Rows;
        k = Math.Min(k, n - 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var indices = new int[n * k];
        var distances = new float[n * k];
        var norms = Norms(data, metric);
        var done = 0;
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var top = Query(data, data.Row(i), k, metric, i, norms);
            for (var j = 0; j < k; j++)
            {
                indices[(i * k) + j] = top[j].Index;
                distances[(i * k) + j] = top[j].Distance;
            }

            if ((Interlocked.Increment(ref done) & 0x3FF) == 0)
            {
                progress?.Report(new Projections.ProjectionProgress("neighbors", done, n));
            }
        });
        return new KnnGraph(n, k, indices, distances, metric, isExact: true);
    }

    /// <summary>The k nearest rows of <paramref name="data"/> to <paramref name="query"/>, nearest first; <paramref name="exclude"/> is skipped.</summary>
    public static Neighbor[] Query(EmbeddingMatrix data, ReadOnlySpan<float> query, int k, Metric metric, int exclude = -1) =>
        Query(data, query, k, metric, exclude, Norms(data, metric));

    private static Neighbor[] Query(EmbeddingMatrix data, ReadOnlySpan<float> query, int k, Metric metric, int exclude, float[]? norms)
    {
        var qNorm = metric == Metric.Cosine ? TensorPrimitives.Norm(query) : 0;
        var heap = new PriorityQueue<int, float>(k + 1, Comparer<float>.Create((a, b) => b.CompareTo(a)));
        for (var j = 0; j < data.Rows; j++)
        {
            if (j == exclude)
            {
                continue;
            }

            var d = Distance(query, data.Row(j), metric, qNorm, norms is null ? 0 : norms[j]);
            if (heap.Count < k)
            {
                heap.Enqueue(j, d);
            }
            else if (heap.TryPeek(out var worstIndex, out var worst) && (d < worst || (d == worst && j < worstIndex)))
            {
                heap.EnqueueDequeue(j, d);
            }
        }

        var result = new Neighbor[heap.Count];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            heap.TryDequeue(out var idx, out var dist);
            result[i] = new Neighbor(idx, dist);
        }

        Array.Sort(result, (a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.Index.CompareTo(b.Index));
        return result;
    }

    internal static float Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Metric metric, float aNorm, float bNorm)
    {
        if (metric == Metric.Euclidean)
        {
            return TensorPrimitives.Distance(a, b);
        }

        if (aNorm == 0 || bNorm == 0)
        {
            return 1f;
        }

        return Math.Max(0f, 1f - (TensorPrimitives.Dot(a, b) / (aNorm * bNorm)));
    }

    private static float[]? Norms(EmbeddingMatrix data, Metric metric)
    {
        if (metric != Metric.Cosine)
        {
            return null;
        }

        var norms = new float[data.Rows];
        for (var i = 0; i < norms.Length; i++)
        {
            norms[i] = TensorPrimitives.Norm(data.Row(i));
        }

        return norms;
    }
}
