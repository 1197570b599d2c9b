using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Projector.Core.Neighbors;

/// <summary>
/// NN-descent's distance keys, many pairs at a time: one row against a block of rows packed dimension by
/// dimension, a pair per SIMD lane (16 with 512-bit vectors, else 8), so no horizontal sums are needed.
/// </summary>
/// <remarks>
/// Written here because the joins compare each point's candidates with each other (up to 120 rows, all
/// pairs): that is a small dense block, which per-pair dot products (a horizontal sum per pair) waste.
/// Every key NN-descent compares comes from here, and each is computed by the same arithmetic on every
/// path: per pair, one fused multiply-add per dimension in dimension order, of (x_t − y_t)² (Euclidean) or
/// x_t·y_t (cosine, key 1 − x̂·ŷ). So a pair has one key, bit for bit, whichever point's join offers it,
/// in whichever lane and on whichever hardware; the order-free heaps rely on that (a pair offered with
/// two keys would make the kept set depend on arrival order). The key is symmetric, as (x − y)² = (y − x)²
/// and x·y = y·x exactly, and it is computed directly, not through norms, so close pairs keep their digits.
/// </remarks>
internal static unsafe class PairKeys
{
    /// <summary>Pairs per vector: the block width the packed columns are padded to.</summary>
    public static int Width { get; } = Vector512.IsHardwareAccelerated ? Vector512<float>.Count : Vector256<float>.Count;

    /// <summary>The padded column count for <paramref name="columns"/> columns.</summary>
    public static int Stride(int columns) => (columns + Width - 1) / Width * Width;

    /// <summary>
    /// Copies rows <paramref name="columns"/> into <paramref name="packed"/> dimension by dimension:
    /// packed[t · stride + c] is dimension t of row columns[c].
    /// </summary>
    /// <remarks>
    /// Eight rows at a time are gathered one dimension per instruction and stored as one vector, where the
    /// scalar copy scattered each row's values over d cache lines of the block; the copy was a seventh of
    /// a search's time (200k x 50, k = 90). Offsets are 32-bit, so inputs of 2^31 floats or more copy by scalars.
    /// </remarks>
    public static void Pack(PreparedRows rows, ReadOnlySpan<int> columns, Span<float> packed, int stride)
    {
        var d = rows.Dimensions;
        var c = 0;
        if (Avx2.IsSupported && (long)rows.Count * d <= int.MaxValue && packed.Length >= (long)d * stride)
        {
            var data = rows.Data;
            var scale = Vector256.Create(d);
            fixed (int* cols = columns)
            fixed (float* target = packed)
            {
                for (; c + 8 <= columns.Length; c += 8)
                {
                    var offset = Avx2.MultiplyLow(Avx.LoadVector256(cols + c), scale);
                    var column = target + c;
                    for (var t = 0; t < d; t++, column += stride)
                    {
                        Avx.Store(column, Avx2.GatherVector256(data + t, offset, 4));
                    }
                }
            }
        }

        for (; c < columns.Length; c++)
        {
            var source = rows.Data + ((long)columns[c] * d);
            for (var t = 0; t < d; t++)
            {
                packed[(t * stride) + c] = source[t];
            }
        }
    }

    /// <summary>
    /// Keys of row <paramref name="row"/> against packed columns [<paramref name="from"/>, <paramref name="to"/>)
    /// into the same positions of <paramref name="keys"/> (whole blocks are computed: lanes outside the range hold
    /// values to ignore, and <paramref name="keys"/> must be as long as the stride).
    /// </summary>
    /// <remarks>
    /// Four blocks run side by side: each lane's sum is one chain of dependent multiply-adds, so a block alone
    /// waits on the adder's latency at every dimension (measured: 14 ns a pair, against 4 ns with four chains).
    /// </remarks>
    public static void Keys(PreparedRows rows, int row, ReadOnlySpan<float> packed, int stride, int from, int to, Span<float> keys) =>
        Keys(rows, row, packed, stride, from, to, keys, Vector512.IsHardwareAccelerated);

    /// <summary><see cref="Keys(PreparedRows, int, ReadOnlySpan{float}, int, int, int, Span{float})"/> with 512-bit vectors only when <paramref name="wide"/> (and supported).</summary>
    internal static void Keys(PreparedRows rows, int row, ReadOnlySpan<float> packed, int stride, int from, int to, Span<float> keys, bool wide)
    {
        var x = rows.Data + ((long)row * rows.Dimensions);
        var euclidean = rows.Metric == Metric.Euclidean;
        fixed (float* p = packed)
        fixed (float* k = keys)
        {
            if (wide && Vector512.IsHardwareAccelerated)
            {
                Keys512(x, rows.Dimensions, euclidean, p, stride, from, to, k);
            }
            else
            {
                Keys256(x, rows.Dimensions, euclidean, p, stride, from, to, k);
            }
        }
    }

    /// <summary>
    /// Keys of the four rows <paramref name="four"/> against packed columns [0, <paramref name="to"/>), row r's
    /// into keys[r · stride ..] (whole blocks, as <see cref="Keys(PreparedRows, int, ReadOnlySpan{float}, int, int, int, Span{float})"/>;
    /// <paramref name="keys"/> holds 4 · stride values). Each key is bit for bit the one that method gives.
    /// </summary>
    /// <remarks>
    /// For a few packed columns against many rows: one block per row is a single chain of dependent
    /// multiply-adds, so four rows run side by side instead of four blocks of one row.
    /// </remarks>
    public static void Keys4(PreparedRows rows, ReadOnlySpan<int> four, ReadOnlySpan<float> packed, int stride, int to, Span<float> keys)
    {
        var d = rows.Dimensions;
        var euclidean = rows.Metric == Metric.Euclidean;
        var data = rows.Data;
        var x0 = data + ((long)four[0] * d);
        var x1 = data + ((long)four[1] * d);
        var x2 = data + ((long)four[2] * d);
        var x3 = data + ((long)four[3] * d);
        fixed (float* p = packed)
        fixed (float* k = keys)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                Keys4x512(x0, x1, x2, x3, d, euclidean, p, stride, to, k);
            }
            else
            {
                Keys4x256(x0, x1, x2, x3, d, euclidean, p, stride, to, k);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Keys4x512(float* x0, float* x1, float* x2, float* x3, int d, bool euclidean, float* packed, int stride, int to, float* keys)
    {
        for (var c = 0; c < to; c += 16)
        {
            var (a0, a1, a2, a3) = (Vector512<float>.Zero, Vector512<float>.Zero, Vector512<float>.Zero, Vector512<float>.Zero);
            var column = packed + c;
            for (var t = 0; t < d; t++, column += stride)
            {
                var y = Vector512.Load(column);
                if (euclidean)
                {
                    var (e0, e1, e2, e3) = (Vector512.Create(x0[t]) - y, Vector512.Create(x1[t]) - y, Vector512.Create(x2[t]) - y, Vector512.Create(x3[t]) - y);
                    a0 = Vector512.FusedMultiplyAdd(e0, e0, a0);
                    a1 = Vector512.FusedMultiplyAdd(e1, e1, a1);
                    a2 = Vector512.FusedMultiplyAdd(e2, e2, a2);
                    a3 = Vector512.FusedMultiplyAdd(e3, e3, a3);
                }
                else
                {
                    a0 = Vector512.FusedMultiplyAdd(Vector512.Create(x0[t]), y, a0);
                    a1 = Vector512.FusedMultiplyAdd(Vector512.Create(x1[t]), y, a1);
                    a2 = Vector512.FusedMultiplyAdd(Vector512.Create(x2[t]), y, a2);
                    a3 = Vector512.FusedMultiplyAdd(Vector512.Create(x3[t]), y, a3);
                }
            }

            if (!euclidean)
            {
                (a0, a1, a2, a3) = (Vector512<float>.One - a0, Vector512<float>.One - a1, Vector512<float>.One - a2, Vector512<float>.One - a3);
            }

            a0.Store(keys + c);
            a1.Store(keys + stride + c);
            a2.Store(keys + (2 * stride) + c);
            a3.Store(keys + (3 * stride) + c);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Keys4x256(float* x0, float* x1, float* x2, float* x3, int d, bool euclidean, float* packed, int stride, int to, float* keys)
    {
        for (var c = 0; c < to; c += 8)
        {
            var (a0, a1, a2, a3) = (Vector256<float>.Zero, Vector256<float>.Zero, Vector256<float>.Zero, Vector256<float>.Zero);
            var column = packed + c;
            for (var t = 0; t < d; t++, column += stride)
            {
                var y = Vector256.Load(column);
                if (euclidean)
                {
                    var (e0, e1, e2, e3) = (Vector256.Create(x0[t]) - y, Vector256.Create(x1[t]) - y, Vector256.Create(x2[t]) - y, Vector256.Create(x3[t]) - y);
                    a0 = Vector256.FusedMultiplyAdd(e0, e0, a0);
                    a1 = Vector256.FusedMultiplyAdd(e1, e1, a1);
                    a2 = Vector256.FusedMultiplyAdd(e2, e2, a2);
                    a3 = Vector256.FusedMultiplyAdd(e3, e3, a3);
                }
                else
                {
                    a0 = Vector256.FusedMultiplyAdd(Vector256.Create(x0[t]), y, a0);
                    a1 = Vector256.FusedMultiplyAdd(Vector256.Create(x1[t]), y, a1);
                    a2 = Vector256.FusedMultiplyAdd(Vector256.Create(x2[t]), y, a2);
                    a3 = Vector256.FusedMultiplyAdd(Vector256.Create(x3[t]), y, a3);
                }
            }

            if (!euclidean)
            {
                (a0, a1, a2, a3) = (Vector256<float>.One - a0, Vector256<float>.One - a1, Vector256<float>.One - a2, Vector256<float>.One - a3);
            }

            a0.Store(keys + c);
            a1.Store(keys + stride + c);
            a2.Store(keys + (2 * stride) + c);
            a3.Store(keys + (3 * stride) + c);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Keys512(float* x, int d, bool euclidean, float* packed, int stride, int from, int to, float* keys)
    {
        var c = from / 16 * 16;
        for (; c + 48 < to; c += 64)
        {
            var (a0, a1, a2, a3) = (Vector512<float>.Zero, Vector512<float>.Zero, Vector512<float>.Zero, Vector512<float>.Zero);
            var column = packed + c;
            for (var t = 0; t < d; t++, column += stride)
            {
                var v = Vector512.Create(x[t]);
                if (euclidean)
                {
                    var (e0, e1, e2, e3) = (v - Vector512.Load(column), v - Vector512.Load(column + 16), v - Vector512.Load(column + 32), v - Vector512.Load(column + 48));
                    a0 = Vector512.FusedMultiplyAdd(e0, e0, a0);
                    a1 = Vector512.FusedMultiplyAdd(e1, e1, a1);
                    a2 = Vector512.FusedMultiplyAdd(e2, e2, a2);
                    a3 = Vector512.FusedMultiplyAdd(e3, e3, a3);
                }
                else
                {
                    a0 = Vector512.FusedMultiplyAdd(v, Vector512.Load(column), a0);
                    a1 = Vector512.FusedMultiplyAdd(v, Vector512.Load(column + 16), a1);
                    a2 = Vector512.FusedMultiplyAdd(v, Vector512.Load(column + 32), a2);
                    a3 = Vector512.FusedMultiplyAdd(v, Vector512.Load(column + 48), a3);
                }
            }

            if (!euclidean)
            {
                (a0, a1, a2, a3) = (Vector512<float>.One - a0, Vector512<float>.One - a1, Vector512<float>.One - a2, Vector512<float>.One - a3);
            }

            a0.Store(keys + c);
            a1.Store(keys + c + 16);
            a2.Store(keys + c + 32);
            a3.Store(keys + c + 48);
        }

        for (; c < to; c += 16)
        {
            var acc = Vector512<float>.Zero;
            var column = packed + c;
            for (var t = 0; t < d; t++, column += stride)
            {
                var v = Vector512.Create(x[t]);
                if (euclidean)
                {
                    var e = v - Vector512.Load(column);
                    acc = Vector512.FusedMultiplyAdd(e, e, acc);
                }
                else
                {
                    acc = Vector512.FusedMultiplyAdd(v, Vector512.Load(column), acc);
                }
            }

            (euclidean ? acc : Vector512<float>.One - acc).Store(keys + c);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Keys256(float* x, int d, bool euclidean, float* packed, int stride, int from, int to, float* keys)
    {
        var c = from / 8 * 8;
        for (; c + 24 < to; c += 32)
        {
            var (a0, a1, a2, a3) = (Vector256<float>.Zero, Vector256<float>.Zero, Vector256<float>.Zero, Vector256<float>.Zero);
            var column = packed + c;
            for (var t = 0; t < d; t++, column += stride)
            {
                var v = Vector256.Create(x[t]);
                if (euclidean)
                {
                    var (e0, e1, e2, e3) = (v - Vector256.Load(column), v - Vector256.Load(column + 8), v - Vector256.Load(column + 16), v - Vector256.Load(column + 24));
                    a0 = Vector256.FusedMultiplyAdd(e0, e0, a0);
                    a1 = Vector256.FusedMultiplyAdd(e1, e1, a1);
                    a2 = Vector256.FusedMultiplyAdd(e2, e2, a2);
                    a3 = Vector256.FusedMultiplyAdd(e3, e3, a3);
                }
                else
                {
                    a0 = Vector256.FusedMultiplyAdd(v, Vector256.Load(column), a0);
                    a1 = Vector256.FusedMultiplyAdd(v, Vector256.Load(column + 8), a1);
                    a2 = Vector256.FusedMultiplyAdd(v, Vector256.Load(column + 16), a2);
                    a3 = Vector256.FusedMultiplyAdd(v, Vector256.Load(column + 24), a3);
                }
            }

            if (!euclidean)
            {
                (a0, a1, a2, a3) = (Vector256<float>.One - a0, Vector256<float>.One - a1, Vector256<float>.One - a2, Vector256<float>.One - a3);
            }

            a0.Store(keys + c);
            a1.Store(keys + c + 8);
            a2.Store(keys + c + 16);
            a3.Store(keys + c + 24);
        }

        for (; c < to; c += 8)
        {
            var acc = Vector256<float>.Zero;
            var column = packed + c;
            for (var t = 0; t < d; t++, column += stride)
            {
                var v = Vector256.Create(x[t]);
                if (euclidean)
                {
                    var e = v - Vector256.Load(column);
                    acc = Vector256.FusedMultiplyAdd(e, e, acc);
                }
                else
                {
                    acc = Vector256.FusedMultiplyAdd(v, Vector256.Load(column), acc);
                }
            }

            (euclidean ? acc : Vector256<float>.One - acc).Store(keys + c);
        }
    }
}
