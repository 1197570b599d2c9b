namespace Projector.Core.Quality;

// Exact k nearest neighbours among the points of a 2-D or 3-D layout, from a k-d tree (median splits on
// the wider side, leaves of at most 16 points, coordinates stored in tree order). A layout has only 2 or 3
// coordinates, so a query visits a few leaves, while the blocked exact search of Neighbors, built for wide
// rows, is quadratic. A uniform grid was tried first: on map-like layouts (dense islands in empty space) the
// cell size that suits the bounding box puts hundreds of points in an island's cells, and 15 neighbours of
// 100,000 points took 2.45 s against 0.70 s for this tree (wall time, ClusterBenchmarks' "phases" line, two
// runs minutes apart on the same loaded machine; the tree's CPU time there is 0.17 s). Ties in distance go to
// the lower index, as everywhere in Quality, and the answer does not depend on the thread count.

/// <summary>A k-d tree over a 2-D or 3-D layout answering exact k-nearest-neighbour queries of its own points.</summary>
internal sealed class LayoutTree
{
    private const int LeafSize = 16;

    private readonly int _dims;
    private readonly int _points;
    private readonly float[] _sorted;     // coordinates in tree order
    private readonly int[] _order;        // tree position -> point index
    private readonly int[] _position;     // point index -> tree position
    private readonly List<Node> _nodes = [];

    public LayoutTree(ReadOnlySpan<float> positions, int dims)
    {
        if (dims is not (2 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(dims), dims, "A layout has 2 or 3 dimensions.");
        }

        _dims = dims;
        _points = positions.Length / dims;
        for (var i = 0; i < positions.Length; i++)
        {
            if (!float.IsFinite(positions[i]))
            {
                throw new ArgumentException($"The layout's point {i / dims} has a coordinate that is not a finite number.", nameof(positions));
            }
        }

        var source = positions.ToArray();
        _order = new int[_points];
        for (var i = 0; i < _points; i++)
        {
            _order[i] = i;
        }

        if (_points > 0)
        {
            Build(source, 0, _points);
        }

        _sorted = new float[positions.Length];
        _position = new int[_points];
        for (var t = 0; t < _points; t++)
        {
            _position[_order[t]] = t;
            source.AsSpan(_order[t] * dims, dims).CopyTo(_sorted.AsSpan(t * dims, dims));
        }
    }

    public int Points => _points;

    /// <summary>
    /// The k nearest other points of every point, nearest first (ties to the lower index), as flat
    /// N x k arrays of indices and Euclidean distances.
    /// </summary>
    public (int[] Indices, float[] Distances) Neighbors(int k, int? threads, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, _points - 1);
        var indices = new int[(long)_points * k];
        var distances = new float[(long)_points * k];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads is > 0 ? threads.Value : -1, CancellationToken = cancellationToken };
        const int Block = 4096;
        Parallel.For(0, (_points + Block - 1) / Block, parallel, () => new Query(k, _dims), (b, _, q) =>
        {
            // In tree order, so consecutive queries walk the same leaves.
            var end = Math.Min(_points, (b + 1) * Block);
            for (var t = b * Block; t < end; t++)
            {
                var point = _order[t];
                q.Count = 0;
                _sorted.AsSpan(t * _dims, _dims).CopyTo(q.Coordinates);
                q.Self = point;
                Search(0, q);
                for (var j = 0; j < k; j++)
                {
                    indices[((long)point * k) + j] = q.Index[j];
                    distances[((long)point * k) + j] = (float)Math.Sqrt(q.Squared[j]);
                }
            }

            return q;
        }, _ => { });
        return (indices, distances);
    }

    private int Build(float[] source, int start, int end)
    {
        var id = _nodes.Count;
        _nodes.Add(default);
        if (end - start <= LeafSize)
        {
            _nodes[id] = new Node(start, end, -1, 0, -1, -1);
            return id;
        }

        // Split the wider side of the box at the median point.
        var dim = 0;
        var widest = -1.0;
        for (var d = 0; d < _dims; d++)
        {
            var lo = double.PositiveInfinity;
            var hi = double.NegativeInfinity;
            for (var t = start; t < end; t++)
            {
                var v = source[(_order[t] * _dims) + d];
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }

            if (hi - lo > widest)
            {
                (widest, dim) = (hi - lo, d);
            }
        }

        var mid = (start + end) / 2;
        Select(source, dim, start, end - 1, mid);
        var split = source[(_order[mid] * _dims) + dim];
        var left = Build(source, start, mid);
        var right = Build(source, mid, end);
        _nodes[id] = new Node(start, end, dim, split, left, right);
        return id;
    }

    /// <summary>Quickselect: puts the point of rank <paramref name="nth"/> by (coordinate, index) at nth, smaller before, larger after.</summary>
    private void Select(float[] source, int dim, int lo, int hi, int nth)
    {
        while (lo < hi)
        {
            var pivot = _order[(lo + hi) >>> 1];
            var pv = source[(pivot * _dims) + dim];
            var i = lo;
            var j = hi;
            while (i <= j)
            {
                while (Less(source, dim, _order[i], pivot, pv))
                {
                    i++;
                }

                while (Less(source, dim, pivot, pv, _order[j]))
                {
                    j--;
                }

                if (i <= j)
                {
                    (_order[i], _order[j]) = (_order[j], _order[i]);
                    i++;
                    j--;
                }
            }

            if (nth <= j)
            {
                hi = j;
            }
            else if (nth >= i)
            {
                lo = i;
            }
            else
            {
                return;
            }
        }
    }

    private bool Less(float[] source, int dim, int a, int b, float bv)
    {
        var av = source[(a * _dims) + dim];
        return av < bv || (av == bv && a < b);
    }

    private bool Less(float[] source, int dim, int a, float av, int b)
    {
        var bv = source[(b * _dims) + dim];
        return av < bv || (av == bv && a < b);
    }

    private void Search(int id, Query q)
    {
        var node = _nodes[id];
        if (node.Dim < 0)
        {
            for (var t = node.Start; t < node.End; t++)
            {
                var j = _order[t];
                if (j == q.Self)
                {
                    continue;
                }

                var squared = 0.0;
                for (var d = 0; d < _dims; d++)
                {
                    var diff = (double)q.Coordinates[d] - _sorted[(t * _dims) + d];
                    squared += diff * diff;
                }

                q.Offer(j, squared);
            }

            return;
        }

        var gap = (double)q.Coordinates[node.Dim] - node.Split;
        var (near, far) = gap <= 0 ? (node.Left, node.Right) : (node.Right, node.Left);
        Search(near, q);

        // Equal distances must still be looked at: a farther-side point of lower index wins the tie.
        if (q.Count < q.K || gap * gap <= q.Squared[q.K - 1])
        {
            Search(far, q);
        }
    }

    private readonly record struct Node(int Start, int End, int Dim, float Split, int Left, int Right);

    /// <summary>A sorted buffer of the k best (squared distance, index) pairs so far.</summary>
    private sealed class Query(int k, int dims)
    {
        public int K { get; } = k;

        public int Count { get; set; }

        public int Self { get; set; }

        public float[] Coordinates { get; } = new float[dims];

        public double[] Squared { get; } = new double[k];

        public int[] Index { get; } = new int[k];

        public void Offer(int j, double squared)
        {
            if (Count == K && !Before(squared, j, Squared[K - 1], Index[K - 1]))
            {
                return;
            }

            var pos = Math.Min(Count, K - 1);
            while (pos > 0 && Before(squared, j, Squared[pos - 1], Index[pos - 1]))
            {
                Squared[pos] = Squared[pos - 1];
                Index[pos] = Index[pos - 1];
                pos--;
            }

            Squared[pos] = squared;
            Index[pos] = j;
            Count = Math.Min(K, Count + 1);
        }

        private static bool Before(double a, int ia, double b, int ib) => a < b || (a == b && ia < ib);
    }
}
