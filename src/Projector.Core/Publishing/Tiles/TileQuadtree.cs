namespace Projector.Core.Publishing.Tiles;

/// <summary>
/// Cuts N positions into a quadtree of tiles of at most <c>capacity</c> points, each point in exactly one
/// tile. A tile with more points below it than it can hold keeps a sample, stratified over a grid of cells
/// (a cell's quota grows with the square root of its count, at least one point: cells of a few points keep them all,
/// dense ones are thinned but still read denser), and hands the rest to its four children. The
/// rows start in an order shuffled by the seed and every move is a stable partition, so a cell's sample is
/// its first rows: random, and the same for the same seed. Work is one index array and one scratch array
/// of N; tiles are handed out one at a time, depth first, so no more than one is ever held.
/// </summary>
internal sealed class TileQuadtree
{
    /// <summary>Deeper than this, a tile is narrower than float32 can tell apart within the bounds.</summary>
    public const int MaxLevel = 24;

    private readonly float[] _positions;
    private readonly int _dims;
    private readonly int _capacity;
    private readonly int _grid;
    private readonly int[] _order;
    private readonly int[] _scratch;
    private readonly int[] _cellOf;
    private readonly int[] _counts;
    private readonly int[] _quota;
    private readonly double _minX;
    private readonly double _minY;
    private readonly double _side;

    public TileQuadtree(float[] positions, int points, int dims, int capacity, int seed, (double MinX, double MinY, double Side) bounds)
    {
        _positions = positions;
        _dims = dims;
        _capacity = capacity;
        _grid = GridFor(capacity);
        _order = Shuffled(points, seed);
        _scratch = new int[points];
        _cellOf = new int[points];
        _counts = new int[_grid * _grid];
        _quota = new int[_grid * _grid];
        (_minX, _minY, _side) = bounds;
    }

    /// <summary>Cells a side of a tile's sampling grid: a power of two, 64 at most, with at most capacity / 4 cells.</summary>
    public static int GridFor(int capacity)
    {
        var g = 64;
        while (g > 2 && g * g > capacity / 4)
        {
            g /= 2;
        }

        return g;
    }

    /// <summary>Calls <paramref name="emit"/> with each tile and its rows, depth first from the root.</summary>
    /// <exception cref="InvalidOperationException">More than a tile's worth of points share one position.</exception>
    public void Build(Action<TileKey, ReadOnlySpan<int>> emit, CancellationToken ct)
    {
        Visit(new TileKey(0, 0, 0), 0, _order.Length, emit, ct);
    }

    private void Visit(TileKey key, int start, int count, Action<TileKey, ReadOnlySpan<int>> emit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (count <= _capacity)
        {
            if (count > 0)
            {
                emit(key, _order.AsSpan(start, count));
            }

            return;
        }

        if (key.Level == MaxLevel)
        {
            throw new InvalidOperationException($"{count} points share one position (to float32 precision)");
        }

        var taken = Stratify(key, start, count);
        emit(key, _order.AsSpan(start, taken.Sample));
        var next = start + taken.Sample;
        for (var q = 0; q < 4; q++)
        {
            var child = new TileKey(key.Level + 1, (key.X * 2) + (q & 1), (key.Y * 2) + (q >> 1));
            Visit(child, next, taken.Children[q], emit, ct);
            next += taken.Children[q];
        }
    }

    /// <summary>
    /// Reorders rows [start, start + count) as [sample | child 0 | child 1 | child 2 | child 3], children
    /// numbered x + 2y, each part in the order the rows had (stable), and returns the part sizes.
    /// </summary>
    private (int Sample, int[] Children) Stratify(TileKey key, int start, int count)
    {
        var g = _grid;
        var tileSide = _side / (1L << key.Level);
        var x0 = _minX + (key.X * tileSide);
        var y0 = _minY + (key.Y * tileSide);
        var scale = g / tileSide;
        Array.Clear(_counts);
        for (var i = start; i < start + count; i++)
        {
            var row = _order[i];
            var cx = Math.Clamp((int)((_positions[row * _dims] - x0) * scale), 0, g - 1);
            var cy = Math.Clamp((int)((_positions[(row * _dims) + 1] - y0) * scale), 0, g - 1);
            var cell = (cy * g) + cx;
            _cellOf[row] = cell;
            _counts[cell]++;
        }

        var sample = Quotas(_counts, _quota, _capacity);

        // Each point goes to the sample while its cell's quota lasts, else to the child its cell lies in.
        var half = g / 2;
        var children = new int[4];
        var quotaLeft = (int[])_quota.Clone();
        var sampleCount = 0;
        for (var i = start; i < start + count; i++)
        {
            var cell = _cellOf[_order[i]];
            if (quotaLeft[cell] > 0)
            {
                quotaLeft[cell]--;
                sampleCount++;
            }
            else
            {
                children[Quadrant(cell, g, half)]++;
            }
        }

        var offsets = new int[5];
        offsets[0] = start;
        offsets[1] = start + sampleCount;
        for (var q = 0; q < 3; q++)
        {
            offsets[q + 2] = offsets[q + 1] + children[q];
        }

        Array.Copy(_quota, quotaLeft, _quota.Length);
        for (var i = start; i < start + count; i++)
        {
            var row = _order[i];
            var cell = _cellOf[row];
            if (quotaLeft[cell] > 0)
            {
                quotaLeft[cell]--;
                _scratch[offsets[0]++] = row;
            }
            else
            {
                _scratch[offsets[Quadrant(cell, g, half) + 1]++] = row;
            }
        }

        Array.Copy(_scratch, start, _order, start, count);
        return (sample, children);
    }

    private static int Quadrant(int cell, int g, int half) => ((cell % g) >= half ? 1 : 0) + ((cell / g) >= half ? 2 : 0);

    /// <summary>
    /// Fills <paramref name="quota"/> with min(count, max(1, floor(λ √count))) for the largest λ whose
    /// total stays within <paramref name="capacity"/>, and returns that total. The grid has at most
    /// capacity / 4 cells, so one point from each occupied cell always fits.
    /// </summary>
    internal static int Quotas(int[] counts, int[] quota, int capacity)
    {
        var lo = 0.0;
        var hi = Math.Sqrt(counts.Max()) + 1;
        for (var step = 0; step < 60; step++)
        {
            var mid = (lo + hi) / 2;
            if (Total(counts, mid) <= capacity)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        var total = 0;
        for (var c = 0; c < counts.Length; c++)
        {
            quota[c] = Quota(counts[c], lo);
            total += quota[c];
        }

        return total;
    }

    private static long Total(int[] counts, double lambda)
    {
        long total = 0;
        foreach (var c in counts)
        {
            total += Quota(c, lambda);
        }

        return total;
    }

    private static int Quota(int count, double lambda) =>
        count == 0 ? 0 : (int)Math.Min(count, Math.Max(1, Math.Floor(lambda * Math.Sqrt(count))));

    /// <summary>0..n-1 shuffled by a SplitMix64 stream: the same on every runtime, unlike System.Random's future.</summary>
    private static int[] Shuffled(int n, int seed)
    {
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var state = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL;
        for (var i = n - 1; i > 0; i--)
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            var j = (int)((z >> 11) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }
}
