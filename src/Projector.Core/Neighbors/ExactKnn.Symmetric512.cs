using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Projector.Core.Neighbors;

/// <summary>
/// The Vector512 search over half the pairs: key(i, j) is key(j, i) bit for bit (the same products summed
/// in the same order, c_i + c_j commuting), so each tile of 128 x 128 rows is computed once and offered to
/// both rows' heaps. Measured on 100,000 x 50 (k = 90): the full product took 12–16 s on this machine.
/// </summary>
/// <remarks>
/// Tiles are scheduled in rounds by the circle method of round-robin tournaments: in each round every block
/// of rows is in exactly one tile, so the two heaps a tile writes are its own and nothing is locked. Each
/// heap keeps the k smallest distinct (key, index) pairs under a total order, the same set whatever order
/// the offers arrive in, so the graph is the one the full product gives, for any thread count.
/// </remarks>
internal static unsafe partial class ExactKnn
{
    private static void SearchSymmetric512(PreparedRows rows, float[] packed, float[] offsets, int k, float[] keys, int[] indices, ParallelOptions parallel, IProgress<ProjectionProgress>? progress)
    {
        var n = rows.Count;
        var blocks = (n + QueryBlock - 1) / QueryBlock;
        var worst = new float[offsets.Length];
        Array.Fill(worst, float.PositiveInfinity);
        Parallel.For(0, blocks, parallel, b => Tile512(rows, packed, offsets, b, b, k, keys, indices, worst));

        // Slots: the blocks and, when their number is odd, one empty block; slot S − 1 stays, the rest rotate.
        var slots = blocks + (blocks & 1);
        for (var round = 0; round < slots - 1; round++)
        {
            parallel.CancellationToken.ThrowIfCancellationRequested();
            var r = round;
            Parallel.For(0, slots / 2, parallel, t =>
            {
                var a = t == 0 ? r : (r + t) % (slots - 1);
                var b = t == 0 ? slots - 1 : (r - t + slots - 1) % (slots - 1);
                if (a < blocks && b < blocks)
                {
                    Tile512(rows, packed, offsets, Math.Min(a, b), Math.Max(a, b), k, keys, indices, worst);
                }
            });
            progress?.Report(new ProjectionProgress("neighbors", (long)(round + 1) * n / (slots - 1), n));
        }
    }

    /// <summary>
    /// Rows of block <paramref name="rowBlock"/> against the panels of block <paramref name="panelBlock"/>:
    /// each key offered to the row's heap and, off the diagonal, to the panel row's heap. <paramref name="worst"/>
    /// holds every row's current k-th key.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile512(PreparedRows rows, float[] packed, float[] offsets, int rowBlock, int panelBlock, int k, float[] keys, int[] indices, float[] worst)
    {
        var d = rows.Dimensions;
        var n = rows.Count;
        var start = rowBlock * QueryBlock;
        var count = Math.Min(QueryBlock, n - start);
        var p0 = panelBlock * (QueryBlock / Lanes);
        var p1 = Math.Min(offsets.Length / Lanes, p0 + (QueryBlock / Lanes));
        var both = rowBlock != panelBlock;
        var scale = Vector512.Create(rows.Scale);
        Span<float> lane = stackalloc float[Lanes];
        Span<Vector512<float>> acc = stackalloc Vector512<float>[8];
        fixed (float* a = rows.All, b = packed, c = offsets, w = worst)
        {
            for (var r = 0; r < count; r += 8)
            {
                var rowsHere = Math.Min(8, count - r);
                var x0 = a + ((long)(start + r) * d);
                for (var p = p0; p < p1; p++)
                {
                    var panel = b + ((long)p * Lanes * d);
                    Products512(x0, panel, d, rowsHere, acc);
                    var cj = Vector512.Load(c + (p * Lanes));
                    for (var q = 0; q < rowsHere; q++)
                    {
                        var i = start + r + q;
                        var key = Keys512(acc[q], cj, scale, c[i]);
                        Offer512(i, i, key, p, k, worst, lane, keys, indices);
                        if (!both)
                        {
                            continue;
                        }

                        // The same keys offered to the panel's rows, each under its own current worst.
                        var columns = Vector512.LessThan(key, Vector512.Load(w + (p * Lanes))).ExtractMostSignificantBits();
                        if (columns != 0)
                        {
                            key.CopyTo(lane);
                        }

                        while (columns != 0)
                        {
                            var bit = BitOperations.TrailingZeroCount(columns);
                            columns &= columns - 1;
                            var j = (p * Lanes) + bit;
                            if (MaxHeap.TryPush(keys.AsSpan(j * k, k), indices.AsSpan(j * k, k), lane[bit], i))
                            {
                                w[j] = keys[j * k];
                            }
                        }
                    }
                }
            }
        }
    }
}
