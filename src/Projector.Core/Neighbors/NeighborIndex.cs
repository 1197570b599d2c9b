using System.Numerics.Tensors;
using Projector.Core.Data;

namespace Projector.Core.Neighbors;

// Why hand-written: no approximate-search package is served on our NuGet feed (see README.md), and an
// exact scan costs rows x dimensions per query: placing the 9M other rows of a 10M input into the map of
// a 1M-point sample is 4.5e14 multiply-adds exactly. Structure as pynndescent's query: random projection
// trees give each query a first set of candidates, then a best-first walk over the rows' kNN graph (with
// reverse edges, so every row is reachable) widens them while a candidate is within (1 + ε) of the
// worst kept. Measured in bench/ (`neighbor-index`) against the exact scan.

/// <summary>
/// Approximate nearest neighbours of new vectors among fixed rows: for placing many new points into the
/// layout of a large reference (a cluster job's sample). Built once (a kNN graph of the rows and two
/// random projection trees); each query then visits a few hundred rows instead of all of them.
/// Deterministic: the same rows, metric and seed give the same answers.
/// </summary>
public sealed class NeighborIndex
{
    /// <summary>Neighbours per row in the graph the queries walk.</summary>
    private const int GraphK = 16;

    /// <summary>Reverse edges kept per row (the first rows, ascending, that list it).</summary>
    private const int MaxReverse = 16;

    private const int LeafSize = 32;
    private const int Trees = 2;
    /// <summary>How much farther than the worst kept row a row may be and still be walked from.</summary>
    private const float Epsilon = 0.1f;

    /// <summary>
    /// Rows kept while walking, at least (k when more). Measured on 100,000 rows of the 50-d mixture (bench
    /// `neighbor-index`, k = 15): ε = 0.1 and 16 give recall 0.97 at 1.7x the exact scan's speed; 32 gave
    /// 0.99 at 1.1x; ε = 0 lost a quarter of the neighbours or more.
    /// </summary>
    private const int MinWidth = 16;

    [ThreadStatic]
    private static int[]? _threadVisited;

    [ThreadStatic]
    private static int _threadStamp;

    private readonly float[] _rows;
    private readonly int _dims;
    private readonly Metric _metric;
    private readonly int[] _edgeStart;
    private readonly int[] _edges;
    private readonly ProjectionTree[] _trees;

    private NeighborIndex(float[] rows, int points, int dims, Metric metric, int[] edgeStart, int[] edges, ProjectionTree[] trees)
    {
        _rows = rows;
        Points = points;
        _dims = dims;
        _metric = metric;
        _edgeStart = edgeStart;
        _edges = edges;
        _trees = trees;
    }

    /// <summary>Rows indexed.</summary>
    public int Points { get; }

    /// <summary>Values per row.</summary>
    public int Dimensions => _dims;

    /// <summary>The metric of the answers.</summary>
    public Metric Metric => _metric;

    /// <summary>
    /// Indexes the rows of <paramref name="data"/> (copied: the index does not keep the matrix). The kNN
    /// graph is <see cref="NeighborSearch.BuildGraph(EmbeddingMatrix, int, Metric, NeighborOptions?, IProgress{ProjectionProgress}?, CancellationToken)"/>'s,
    /// exact or NN-descent by size.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static NeighborIndex Build(EmbeddingMatrix data, Metric metric, int seed = 42, int? threads = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var n = data.Rows;
        var d = data.Dimensions;
        // Cosine: unit rows, on which the Euclidean order is the cosine order (|a - b|^2 = 2 - 2 cos).
        var rows = new float[(long)n * d];
        for (var i = 0; i < n; i++)
        {
            var target = rows.AsSpan(i * d, d);
            data.Row(i).CopyTo(target);
            if (metric == Metric.Cosine)
            {
                Normalize(target);
            }
        }

        var edgeStart = new int[n + 1];
        var edges = Array.Empty<int>();
        if (n > 1)
        {
            using var matrix = EmbeddingMatrix.FromArray(rows, n, d);
            var graph = NeighborSearch.BuildGraph(matrix, Math.Min(GraphK, n - 1), Metric.Euclidean, new NeighborOptions { Seed = seed, Threads = threads }, null, cancellationToken);
            (edgeStart, edges) = Adjacency(graph, n);
        }

        var trees = new ProjectionTree[Trees];
        for (var t = 0; t < Trees; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            trees[t] = ProjectionTree.Build(rows, n, d, LeafSize, unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) + (ulong)t + 1);
        }

        return new NeighborIndex(rows, n, d, metric, edgeStart, edges, trees);
    }

    /// <summary>
    /// About the <paramref name="k"/> nearest rows to <paramref name="query"/>, nearest first (ties by row),
    /// with their distances in the index's metric. Safe to call from several threads at once.
    /// </summary>
    /// <exception cref="ArgumentException">The query's width is not the rows'.</exception>
    public Neighbor[] Query(ReadOnlySpan<float> query, int k)
    {
        if (query.Length != _dims)
        {
            throw new ArgumentException($"The query has {query.Length} values; the index's rows have {_dims}.", nameof(query));
        }

        k = Math.Min(Math.Max(k, 0), Points);
        if (k == 0)
        {
            return [];
        }

        Span<float> q = _dims <= 256 ? stackalloc float[_dims] : new float[_dims];
        query.CopyTo(q);
        if (_metric == Metric.Cosine)
        {
            Normalize(q);
        }

        var width = Math.Max(k, MinWidth);
        var visited = new Visited(Points);
        var candidates = new PriorityQueue<int, (float, int)>();
        // The kept rows, worst first: the root is the one a closer row replaces.
        var kept = new PriorityQueue<int, (float, int)>(Comparer<(float, int)>.Create((a, b) => b.CompareTo(a)));
        foreach (var tree in _trees)
        {
            var (start, count) = tree.Leaf(q);
            foreach (var row in tree.Order.AsSpan(start, count))
            {
                if (visited.Add(row))
                {
                    Offer(row, Distance(q, row), width, candidates, kept);
                }
            }
        }

        while (candidates.TryDequeue(out var row, out var key))
        {
            if (kept.Count >= width && key.Item1 > Worst(kept) * (1 + Epsilon))
            {
                break;
            }

            for (var e = _edgeStart[row]; e < _edgeStart[row + 1]; e++)
            {
                var next = _edges[e];
                if (visited.Add(next))
                {
                    Offer(next, Distance(q, next), width, candidates, kept);
                }
            }
        }

        var found = new (float Distance, int Row)[kept.Count];
        for (var i = found.Length - 1; i >= 0; i--)
        {
            kept.TryDequeue(out var r, out var p);
            found[i] = (p.Item1, r);
        }

        var result = new Neighbor[Math.Min(k, found.Length)];
        for (var i = 0; i < result.Length; i++)
        {
            var distance = found[i].Distance;
            result[i] = new Neighbor(found[i].Row, _metric == Metric.Cosine ? distance * distance / 2 : distance);
        }

        return result;
    }

    // Rows seen by the current query: a stamp per row, kept per thread, so a query allocates no set.
    private readonly ref struct Visited
    {
        private readonly int[] _stamps;
        private readonly int _stamp;

        public Visited(int points)
        {
            if (_threadVisited is null || _threadVisited.Length < points)
            {
                _threadVisited = new int[points];
                _threadStamp = 0;
            }

            if (++_threadStamp == int.MaxValue)
            {
                Array.Clear(_threadVisited);
                _threadStamp = 1;
            }

            _stamps = _threadVisited;
            _stamp = _threadStamp;
        }

        public bool Add(int row)
        {
            if (_stamps[row] == _stamp)
            {
                return false;
            }

            _stamps[row] = _stamp;
            return true;
        }
    }

    private static float Worst(PriorityQueue<int, (float, int)> kept)
    {
        kept.TryPeek(out _, out var worst);
        return worst.Item1;
    }

    // A row within (1 + ε) of the worst kept is worth walking from; one closer than the worst is kept.
    private static void Offer(int row, float distance, int width, PriorityQueue<int, (float, int)> candidates, PriorityQueue<int, (float, int)> kept)
    {
        var key = (distance, row);
        if (kept.Count < width)
        {
            kept.Enqueue(row, key);
            candidates.Enqueue(row, key);
            return;
        }

        kept.TryPeek(out _, out var worst);
        if (distance <= worst.Item1 * (1 + Epsilon))
        {
            candidates.Enqueue(row, key);
        }

        if (key.CompareTo(worst) < 0)
        {
            kept.EnqueueDequeue(row, key);
        }
    }

    private float Distance(ReadOnlySpan<float> q, int row) => TensorPrimitives.Distance(q, _rows.AsSpan(row * _dims, _dims));

    private static void Normalize(Span<float> v)
    {
        var norm = TensorPrimitives.Norm(v);
        if (norm > 0)
        {
            TensorPrimitives.Divide(v, norm, v);
        }
    }

    // Forward edges of the graph, then up to MaxReverse rows that list each row, in CSR form.
    private static (int[] Start, int[] Edges) Adjacency(KnnGraph graph, int n)
    {
        var k = graph.K;
        var reverse = new int[n];
        for (var i = 0; i < n; i++)
        {
            foreach (var j in graph.AllIndices.AsSpan(i * k, k))
            {
                if (j >= 0 && j < n && reverse[j] < MaxReverse)
                {
                    reverse[j]++;
                }
            }
        }

        var start = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            start[i + 1] = start[i] + k + reverse[i];
        }

        var edges = new int[start[n]];
        var fill = new int[n];
        for (var i = 0; i < n; i++)
        {
            foreach (var j in graph.AllIndices.AsSpan(i * k, k))
            {
                edges[start[i] + fill[i]++] = j >= 0 && j < n ? j : i;
            }
        }

        Array.Clear(reverse);
        for (var i = 0; i < n; i++)
        {
            foreach (var j in graph.AllIndices.AsSpan(i * k, k))
            {
                if (j >= 0 && j < n && reverse[j] < MaxReverse)
                {
                    reverse[j]++;
                    edges[start[j] + fill[j]++] = i;
                }
            }
        }

        return (start, edges);
    }
}
