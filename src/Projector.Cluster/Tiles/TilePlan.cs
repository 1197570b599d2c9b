using Projector.Core.Publishing.Tiles;

namespace Projector.Cluster.Tiles;

/// <summary>
/// The quadtree of a job's tile set, fixed from the sample's layout before any shard is placed, so that
/// each shard cuts its own points into tiles with no word from the others. The single tile export
/// (<c>TileQuadtree</c>) sees every point; here the sample stands for them: each sample point weighs
/// rows / sample, and the export's rules run on those weights. A tile whose estimated points exceed half
/// a tile is split; its sampling grid (the export's) gets the export's quotas, min(count, max(1, λ√count))
/// with λ as large as the half tile allows, and each cell keeps the share quota / count of the points
/// that reach it. A point then keeps to the first tile on its path whose cell accepts it by a coin seeded
/// by the job's seed, the point's row and the level, or to the leaf it reaches: the same tile on any
/// silo, at any retry. Aiming at half a tile leaves room for a placement denser than the sample's;
/// whatever still exceeds a tile is thinned by the merge (<see cref="TileMerge"/>).
/// </summary>
/// <remarks>
/// The root square is the sample's extent, its longer side padded by 5 % each way: placed points lie
/// among their neighbours in the sample, so few fall outside, and those land in the tile at the edge
/// they are nearest (their positions are kept as they are).
/// </remarks>
internal sealed class TilePlan
{
    /// <summary>The share of a tile the plan fills; the rest is room for the sample's estimate to be low.</summary>
    public const double Fill = 0.5;

    private const double Padding = 0.05;

    private readonly Dictionary<TileKey, float[]> _accept;

    private TilePlan(double minX, double minY, double side, int grid, int seed, Dictionary<TileKey, float[]> accept)
    {
        MinX = minX;
        MinY = minY;
        Side = side;
        Grid = grid;
        Seed = seed;
        _accept = accept;
    }

    /// <summary>The root tile's left edge.</summary>
    public double MinX { get; }

    /// <summary>The root tile's bottom edge.</summary>
    public double MinY { get; }

    /// <summary>The root tile's side.</summary>
    public double Side { get; }

    /// <summary>Cells a side of a split tile's sampling grid.</summary>
    public int Grid { get; }

    /// <summary>Seeds the coins that keep points in coarse tiles.</summary>
    public int Seed { get; }

    /// <summary>Tiles split into four (the others that receive points are leaves).</summary>
    public int SplitTiles => _accept.Count;

    /// <summary>The plan of a tile set of <paramref name="points"/> points whose sample lies at <paramref name="sample"/> (x, y pairs).</summary>
    public static TilePlan Build(ReadOnlySpan<float> sample, long points, int tilePoints, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tilePoints, TileSetOptions.MinTilePoints);
        var count = sample.Length / 2;
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity, maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        for (var i = 0; i < count; i++)
        {
            double x = sample[2 * i], y = sample[(2 * i) + 1];
            if (double.IsFinite(x) && double.IsFinite(y))
            {
                (minX, maxX) = (Math.Min(minX, x), Math.Max(maxX, x));
                (minY, maxY) = (Math.Min(minY, y), Math.Max(maxY, y));
            }
        }

        if (!double.IsFinite(minX))
        {
            (minX, minY, maxX, maxY) = (0, 0, 0, 0);
        }

        var side = Math.Max(maxX - minX, maxY - minY);
        side = side > 0 ? side : 1;
        var pad = side * Padding;
        var plan = new TilePlan(minX - pad, minY - pad, side + (2 * pad), TileQuadtree.GridFor(tilePoints), seed, []);
        if (count > 0)
        {
            var weights = new double[count];
            Array.Fill(weights, (double)Math.Max(points, count) / count);
            plan.Split(new TileKey(0, 0, 0), [.. Enumerable.Range(0, count)], sample, weights, tilePoints * Fill);
        }

        return plan;
    }

    /// <summary>The tile row <paramref name="row"/> at (<paramref name="x"/>, <paramref name="y"/>) belongs to.</summary>
    public TileKey TileOf(int row, float x, float y)
    {
        var key = new TileKey(0, 0, 0);
        while (_accept.TryGetValue(key, out var accept))
        {
            var cell = CellOf(key, x, y);
            if (Coin(Seed, row, key.Level) < accept[cell])
            {
                return key;
            }

            key = Child(key, cell);
        }

        return key;
    }

    /// <summary>The child of <paramref name="key"/> that (<paramref name="x"/>, <paramref name="y"/>) lies in (clamped into the tile).</summary>
    public TileKey ChildOf(TileKey key, float x, float y) => Child(key, CellOf(key, x, y));

    /// <summary>
    /// A number in [0, 1) from a SplitMix64 mix of the seed, the row and the level: the coin that keeps a
    /// point in a coarse tile, and the order in which an overfull tile keeps its points.
    /// </summary>
    public static double Coin(int seed, int row, int level)
    {
        var z = ((ulong)(uint)seed << 32) ^ ((ulong)(uint)row * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)level << 56);
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    private int CellOf(TileKey key, double x, double y)
    {
        var g = Grid;
        var tileSide = Side / (1L << key.Level);
        var scale = g / tileSide;
        var cx = Math.Clamp((int)Math.Clamp((x - (MinX + (key.X * tileSide))) * scale, -1, g), 0, g - 1);
        var cy = Math.Clamp((int)Math.Clamp((y - (MinY + (key.Y * tileSide))) * scale, -1, g), 0, g - 1);
        return (cy * g) + cx;
    }

    private TileKey Child(TileKey key, int cell)
    {
        var half = Grid / 2;
        var right = cell % Grid >= half ? 1 : 0;
        var up = cell / Grid >= half ? 1 : 0;
        return new TileKey(key.Level + 1, (key.X * 2) + right, (key.Y * 2) + up);
    }

    // The export's recursion on weighted sample points: a tile estimated above the target is split, its
    // cells' acceptances recorded, and each sample point's weight reduced by the share its cell keeps.
    private void Split(TileKey key, int[] members, ReadOnlySpan<float> sample, double[] weights, double target)
    {
        var estimate = 0.0;
        foreach (var m in members)
        {
            estimate += weights[m];
        }

        if (estimate <= target || key.Level == TileQuadtree.MaxLevel)
        {
            return;
        }

        var g = Grid;
        var counts = new double[g * g];
        var cells = new int[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            cells[i] = CellOf(key, sample[2 * members[i]], sample[(2 * members[i]) + 1]);
            counts[cells[i]] += weights[members[i]];
        }

        var accept = Acceptances(counts, target);
        _accept[key] = accept;
        var children = new List<int>[4];
        for (var q = 0; q < 4; q++)
        {
            children[q] = [];
        }

        for (var i = 0; i < members.Length; i++)
        {
            weights[members[i]] *= 1 - accept[cells[i]];
            var child = Child(key, cells[i]);
            children[(child.X & 1) + ((child.Y & 1) * 2)].Add(members[i]);
        }

        for (var q = 0; q < 4; q++)
        {
            Split(new TileKey(key.Level + 1, (key.X * 2) + (q & 1), (key.Y * 2) + (q >> 1)), [.. children[q]], sample, weights, target);
        }
    }

    // The export's quotas on estimated counts, as the share of each cell's points the tile keeps.
    private static float[] Acceptances(double[] counts, double target)
    {
        var lo = 0.0;
        var hi = Math.Sqrt(counts.Max()) + 1;
        for (var step = 0; step < 60; step++)
        {
            var mid = (lo + hi) / 2;
            if (Total(counts, mid) <= target)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        var accept = new float[counts.Length];
        for (var c = 0; c < counts.Length; c++)
        {
            accept[c] = counts[c] > 0 ? (float)(Quota(counts[c], lo) / counts[c]) : 0;
        }

        return accept;
    }

    private static double Total(double[] counts, double lambda)
    {
        var total = 0.0;
        foreach (var c in counts)
        {
            total += Quota(c, lambda);
        }

        return total;
    }

    private static double Quota(double count, double lambda) =>
        count <= 0 ? 0 : Math.Min(count, Math.Max(1, lambda * Math.Sqrt(count)));
}
