using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Projector.Core.Neighbors;

/// <summary>The Vector512 kernel of <see cref="ExactKnn"/>: the same panels, one zmm per 16-row panel.</summary>
internal static unsafe partial class ExactKnn
{
    /// <summary>
    /// As <see cref="SearchBlock"/>, but 8 query rows x one panel per step with Vector512: 8 accumulators,
    /// one panel load and 8 broadcasts per dimension. Each lane's FMA sequence is the one the 256-bit
    /// kernel performs, so both give the same keys.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SearchBlock512(PreparedRows rows, float[] packed, float[] offsets, int start, int count, int k, Span<float> keys, Span<int> indices, CancellationToken ct)
    {
        var d = rows.Dimensions;
        var panels = offsets.Length / Lanes;
        var scale = Vector512.Create(rows.Scale);
        Span<float> worst = stackalloc float[QueryBlock];
        worst[..count].Fill(float.PositiveInfinity);
        Span<float> lane = stackalloc float[Lanes];
        Span<Vector512<float>> acc = stackalloc Vector512<float>[8];
        fixed (float* a = rows.All, b = packed, c = offsets)
        {
            for (var p0 = 0; p0 < panels; p0 += PanelChunk)
            {
                ct.ThrowIfCancellationRequested();
                var p1 = Math.Min(panels, p0 + PanelChunk);
                for (var r = 0; r < count; r += 8)
                {
                    var rowsHere = Math.Min(8, count - r);
                    var x0 = a + ((long)(start + r) * d);
                    for (var p = p0; p < p1; p++)
                    {
                        var panel = b + ((long)p * Lanes * d);
                        var cj = Vector512.Load(c + (p * Lanes));
                        Products512(x0, panel, d, rowsHere, acc);
                        for (var q = 0; q < rowsHere; q++)
                        {
                            var i = start + r + q;
                            Offer512(i, r + q, Keys512(acc[q], cj, scale, c[i]), p, k, worst, lane, keys, indices);
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// The dot products of <paramref name="rowsHere"/> (≤ 8) rows from <paramref name="x0"/> with one packed
    /// panel of 16 rows into <paramref name="acc"/>: 8 accumulators, one panel load and 8 broadcasts per
    /// dimension; a partial group row by row with the same operations per lane, so every key is the same.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Products512(float* x0, float* panel, int d, int rowsHere, Span<Vector512<float>> acc)
    {
        if (rowsHere == 8)
        {
            Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default;
            Vector512<float> s4 = default, s5 = default, s6 = default, s7 = default;
            var bp = panel;
            var x = x0;
            for (var t = 0; t < d; t++, bp += Lanes, x++)
            {
                var bv = Vector512.Load(bp);
                s0 = Vector512.MultiplyAddEstimate(Vector512.Create(x[0]), bv, s0);
                s1 = Vector512.MultiplyAddEstimate(Vector512.Create(x[d]), bv, s1);
                s2 = Vector512.MultiplyAddEstimate(Vector512.Create(x[2 * d]), bv, s2);
                s3 = Vector512.MultiplyAddEstimate(Vector512.Create(x[3 * d]), bv, s3);
                s4 = Vector512.MultiplyAddEstimate(Vector512.Create(x[4 * d]), bv, s4);
                s5 = Vector512.MultiplyAddEstimate(Vector512.Create(x[5 * d]), bv, s5);
                s6 = Vector512.MultiplyAddEstimate(Vector512.Create(x[6 * d]), bv, s6);
                s7 = Vector512.MultiplyAddEstimate(Vector512.Create(x[7 * d]), bv, s7);
            }

            (acc[0], acc[1], acc[2], acc[3], acc[4], acc[5], acc[6], acc[7]) = (s0, s1, s2, s3, s4, s5, s6, s7);
            return;
        }

        for (var q = 0; q < rowsHere; q++)
        {
            Vector512<float> s0 = default;
            var bp = panel;
            var x = x0 + (q * d);
            for (var t = 0; t < d; t++, bp += Lanes)
            {
                s0 = Vector512.MultiplyAddEstimate(Vector512.Create(x[t]), Vector512.Load(bp), s0);
            }

            acc[q] = s0;
        }
    }

    /// <summary>One row's 16 keys from its dot products with a panel: c_i + c_j + scale · x_i·x_j.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Keys512(Vector512<float> dot, Vector512<float> cj, Vector512<float> scale, float ci) =>
        Vector512.MultiplyAddEstimate(dot, scale, Vector512.Create(ci) + cj);

    /// <summary>Pushes those of row i's 16 keys under the row's current worst (kept at <paramref name="local"/> of the heaps given).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Offer512(int i, int local, Vector512<float> key, int panel, int k, Span<float> worst, Span<float> lane, Span<float> keys, Span<int> indices)
    {
        var mask = Vector512.LessThan(key, Vector512.Create(worst[local])).ExtractMostSignificantBits();
        if (mask == 0)
        {
            return;
        }

        key.CopyTo(lane);
        var hk = keys.Slice(local * k, k);
        var hi = indices.Slice(local * k, k);
        while (mask != 0)
        {
            var bit = BitOperations.TrailingZeroCount(mask);
            mask &= mask - 1;
            var j = (panel * Lanes) + bit;
            if (j != i && MaxHeap.TryPush(hk, hi, lane[bit], j))
            {
                worst[local] = hk[0];
            }
        }
    }
}
