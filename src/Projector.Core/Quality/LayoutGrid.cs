namespace Projector.Core.Quality;

// Exact k nearest neighbours among the points of a 2-D or 3-D layout, from a uniform grid of about two
// points per cell searched ring by ring. A layout has only 2 or 3 coordinates, so a grid finds a point's
// neighbours in a handful of cells: a million t-SNE points take about a second on two cores (see
// docs/benchmarks.md, "Clusters"), where the blocked exact search of Neighbors, built for wide rows, is
// quadratic. Ties in distance go to the lower index, as everywhere in Quality, and the answer does not
// depend on the thread count.

/// <summary>A uniform grid over a 2-D or 3-D layout answering exact k-nearest-neighbour queries.</summary>
internal sealed class LayoutGrid
{
    private readonly float[] _positions;
    private readonly int _dims;
    private readonly int _points;
    private readonly double[] _min = new double[3];
    private readonly int[] _cells = [1, 1, 1];
    private readonly double _cellSize;
    private readonly int[] _cellStart;
    private readonly int[] _order;

    public LayoutGrid(ReadOnlySpan<float> positions, int dims)
    {
        if (dims is not (2 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(dims), dims, "A layout has 2 or 3 dimensions.");
        }

        _dims = dims;
        _points = positions.Length / dims;
        _positions = positions.ToArray();
        var max = new double[3];
        for (var d = 0; d < dims; d++)
        {
            _min[d] = double.PositiveInfinity;
            max[d] = double.NegativeInfinity;
        }

        for (var i = 0; i < _points; i++)
        {
            for (var d = 0; d < dims; d++)
            {
                var v = (double)_positions[(i * dims) + d];
                if (!double.IsFinite(v))
                {
                    throw new ArgumentException($"The layout's point {i} has a coordinate that is not a finite number.", nameof(positions));
                }

                _min[d] = Math.Min(_min[d], v);
                max[d] = Math.Max(max[d], v);
            }
        }

        // About two points per cell on average: the cell edge is the side of the box's volume shared out.
        var volume = 1.0;
        var extent = 0.0;
        for (var d = 0; d < dims; d++)
        {
            var side = Math.Max(max[d] - _min[d], 1e-12);
            volume *= side;
            extent = Math.Max(extent, side);
        }

        // A flat layout (one axis nearly constant) would ask for more cells than points: grow the edge
        // until the grid has at most four cells per point.
        var cellCount = Math.Max(1.0, _points / 2.0);
        _cellSize = Math.Max(Math.Pow(volume / cellCount, 1.0 / dims), extent / 4000.0);
        long total;
        while (true)
        {
            total = 1;
            for (var d = 0; d < dims; d++)
            {
                _cells[d] = (int)Math.Floor((max[d] - _min[d]) / _cellSize) + 1;
                total *= _cells[d];
            }

            if (total <= Math.Max(1024, 4L * _points))
            {
                break;
            }

            _cellSize *= 1.5;
        }

        _cellStart = new int[total + 1];
        var cellOf = new int[_points];
        for (var i = 0; i < _points; i++)
        {
            cellOf[i] = CellOf(i);
            _cellStart[cellOf[i] + 1]++;
        }

        for (var c = 0; c < total; c++)
        {
            _cellStart[c + 1] += _cellStart[c];
        }

        _order = new int[_points];
        var fill = _cellStart[..^1];
        for (var i = 0; i < _points; i++)
        {
            _order[fill[cellOf[i]]++] = i;
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
        Parallel.For(0, (_points + Block - 1) / Block, parallel, () => new Query(k), (b, _, q) =>
        {
            var end = Math.Min(_points, (b + 1) * Block);
            for (var i = b * Block; i < end; i++)
            {
                Nearest(i, q);
                for (var j = 0; j < k; j++)
                {
                    indices[((long)i * k) + j] = q.Index[j];
                    distances[((long)i * k) + j] = (float)Math.Sqrt(q.Squared[j]);
                }
            }

            return q;
        }, _ => { });
        return (indices, distances);
    }

    private void Nearest(int point, Query q)
    {
        q.Count = 0;
        var c = new int[3];
        for (var d = 0; d < 3; d++)
        {
            c[d] = d < _dims ? Cell(point, d) : 0;
        }

        var maxRing = Math.Max(_cells[0], Math.Max(_cells[1], _cells[2]));
        for (var r = 0; r <= maxRing; r++)
        {
            var zFrom = _dims == 3 ? c[2] - r : 0;
            var zTo = _dims == 3 ? c[2] + r : 0;
            for (var z = zFrom; z <= zTo; z++)
            {
                if (z < 0 || z >= _cells[2])
                {
                    continue;
                }

                for (var y = c[1] - r; y <= c[1] + r; y++)
                {
                    if (y < 0 || y >= _cells[1])
                    {
                        continue;
                    }

                    // Only the cells on the ring's shell: the inside was searched at smaller radii.
                    var onShell = Math.Abs(y - c[1]) == r || Math.Abs(z - c[2]) == r;
                    var step = onShell || r == 0 ? 1 : 2 * r;
                    for (var x = c[0] - r; x <= c[0] + r; x += step)
                    {
                        if (x >= 0 && x < _cells[0])
                        {
                            Scan(point, (((z * _cells[1]) + y) * _cells[0]) + x, q);
                        }
                    }
                }
            }

            // Points in ring r + 1 or beyond are at least r cell edges away.
            if (q.Count == q.K && q.Squared[q.K - 1] <= (r * _cellSize) * (r * _cellSize))
            {
                return;
            }
        }
    }

    private void Scan(int point, int cell, Query q)
    {
        var p = point * _dims;
        for (var s = _cellStart[cell]; s < _cellStart[cell + 1]; s++)
        {
            var j = _order[s];
            if (j == point)
            {
                continue;
            }

            var o = j * _dims;
            var squared = 0.0;
            for (var d = 0; d < _dims; d++)
            {
                var diff = (double)_positions[p + d] - _positions[o + d];
                squared += diff * diff;
            }

            q.Offer(j, squared);
        }
    }

    private int CellOf(int point)
    {
        var cell = 0;
        for (var d = _dims - 1; d >= 0; d--)
        {
            cell = (cell * _cells[d]) + Cell(point, d);
        }

        return cell;
    }

    private int Cell(int point, int d) =>
        Math.Clamp((int)((_positions[(point * _dims) + d] - _min[d]) / _cellSize), 0, _cells[d] - 1);

    /// <summary>A sorted buffer of the k best (squared distance, index) pairs so far.</summary>
    private sealed class Query(int k)
    {
        public int K { get; } = k;

        public int Count { get; set; }

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
