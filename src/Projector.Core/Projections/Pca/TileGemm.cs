using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Projector.Core.Projections.Pca;

/// <summary>
/// The register-blocked float32 kernel behind PCA's covariance (Xᵀ X) and projection (X Cᵀ): one
/// <see cref="Rows"/> x <see cref="Columns"/> tile of a product per call, its accumulators held in
/// registers for the whole reduction.
/// </summary>
/// <remarks>
/// Hand-written because no served package gives a float32 GEMM: MathNet's managed provider works in
/// double and copies into its own matrices, and the OpenBLAS provider package carries no Linux native
/// library. Covariance of 10,000 x 784 by one SIMD dot product per entry (TensorPrimitives.Dot, the
/// solver before this kernel) ran at about 3 G multiply-adds a second on the reference machine; the
/// tile keeps 12 vector accumulators busy per 2 loads and 6 broadcasts and reaches several times that
/// (docs/benchmarks.md, "Engine at scale"). Every output lane sees the same sequence of fused
/// multiply-adds whatever the vector width, so results do not depend on the machine's SIMD.
/// </remarks>
internal static class TileGemm
{
    /// <summary>Rows of a tile (broadcast operand).</summary>
    public const int Rows = 6;

    /// <summary>Columns of a tile: two vectors (of 512 bits where the machine has them).</summary>
    public static int Columns { get; } = Vector512.IsHardwareAccelerated ? 2 * Vector512<float>.Count : 2 * Vector<float>.Count;

    /// <summary>Rounds <paramref name="n"/> up to a multiple of <see cref="Columns"/>.</summary>
    public static int PadColumns(int n) => (n + Columns - 1) / Columns * Columns;

    /// <summary>
    /// tile[i * Columns + j] = Σ_{t &lt; k} A(i, t) B(t, j), where A(i, t) = a[i * aRow + t * aStep] and
    /// B(t, j) = b[t * bStep + j]. Summation runs in order of t with one fused multiply-add per term.
    /// </summary>
    public static void Tile(ReadOnlySpan<float> a, int aRow, int aStep, ReadOnlySpan<float> b, int bStep, int k, Span<float> tile)
    {
        if (k > 0)
        {
            // The last element each operand touches must be inside its span; the loops read no more.
            _ = a[(5 * aRow) + ((k - 1) * aStep)];
            _ = b[((k - 1) * bStep) + Columns - 1];
        }

        _ = tile[(Rows * Columns) - 1];
        if (Columns == 2 * Vector512<float>.Count && Vector512.IsHardwareAccelerated)
        {
            Tile512(a, aRow, aStep, b, bStep, k, tile);
        }
        else
        {
            TileVector(a, aRow, aStep, b, bStep, k, tile);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TileVector(ReadOnlySpan<float> a, int aRow, int aStep, ReadOnlySpan<float> b, int bStep, int k, Span<float> tile)
    {
        var w = Vector<float>.Count;
        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        Vector<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        nint ia = 0, ib = 0;
        nint r1 = aRow, r2 = 2 * aRow, r3 = 3 * aRow, r4 = 4 * aRow, r5 = 5 * aRow;
        for (var t = 0; t < k; t++, ia += aStep, ib += bStep)
        {
            var b0 = Vector.LoadUnsafe(ref pb, (nuint)ib);
            var b1 = Vector.LoadUnsafe(ref pb, (nuint)(ib + w));
            var x = new Vector<float>(Unsafe.Add(ref pa, ia));
            c00 = Vector.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector.FusedMultiplyAdd(x, b1, c01);
            x = new Vector<float>(Unsafe.Add(ref pa, ia + r1));
            c10 = Vector.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector.FusedMultiplyAdd(x, b1, c11);
            x = new Vector<float>(Unsafe.Add(ref pa, ia + r2));
            c20 = Vector.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector.FusedMultiplyAdd(x, b1, c21);
            x = new Vector<float>(Unsafe.Add(ref pa, ia + r3));
            c30 = Vector.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector.FusedMultiplyAdd(x, b1, c31);
            x = new Vector<float>(Unsafe.Add(ref pa, ia + r4));
            c40 = Vector.FusedMultiplyAdd(x, b0, c40);
            c41 = Vector.FusedMultiplyAdd(x, b1, c41);
            x = new Vector<float>(Unsafe.Add(ref pa, ia + r5));
            c50 = Vector.FusedMultiplyAdd(x, b0, c50);
            c51 = Vector.FusedMultiplyAdd(x, b1, c51);
        }

        ref var pc = ref MemoryMarshal.GetReference(tile);
        var row = (nuint)(2 * w);
        c00.StoreUnsafe(ref pc, 0);
        c01.StoreUnsafe(ref pc, (nuint)w);
        c10.StoreUnsafe(ref pc, row);
        c11.StoreUnsafe(ref pc, row + (nuint)w);
        c20.StoreUnsafe(ref pc, 2 * row);
        c21.StoreUnsafe(ref pc, (2 * row) + (nuint)w);
        c30.StoreUnsafe(ref pc, 3 * row);
        c31.StoreUnsafe(ref pc, (3 * row) + (nuint)w);
        c40.StoreUnsafe(ref pc, 4 * row);
        c41.StoreUnsafe(ref pc, (4 * row) + (nuint)w);
        c50.StoreUnsafe(ref pc, 5 * row);
        c51.StoreUnsafe(ref pc, (5 * row) + (nuint)w);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile512(ReadOnlySpan<float> a, int aRow, int aStep, ReadOnlySpan<float> b, int bStep, int k, Span<float> tile)
    {
        var w = Vector512<float>.Count;
        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        nint ia = 0, ib = 0;
        nint r1 = aRow, r2 = 2 * aRow, r3 = 3 * aRow, r4 = 4 * aRow, r5 = 5 * aRow;
        for (var t = 0; t < k; t++, ia += aStep, ib += bStep)
        {
            var b0 = Vector512.LoadUnsafe(ref pb, (nuint)ib);
            var b1 = Vector512.LoadUnsafe(ref pb, (nuint)(ib + w));
            var x = Vector512.Create(Unsafe.Add(ref pa, ia));
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(Unsafe.Add(ref pa, ia + r1));
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(Unsafe.Add(ref pa, ia + r2));
            c20 = Vector512.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(Unsafe.Add(ref pa, ia + r3));
            c30 = Vector512.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(Unsafe.Add(ref pa, ia + r4));
            c40 = Vector512.FusedMultiplyAdd(x, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(Unsafe.Add(ref pa, ia + r5));
            c50 = Vector512.FusedMultiplyAdd(x, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
        }

        ref var pc = ref MemoryMarshal.GetReference(tile);
        var row = (nuint)(2 * w);
        c00.StoreUnsafe(ref pc, 0);
        c01.StoreUnsafe(ref pc, (nuint)w);
        c10.StoreUnsafe(ref pc, row);
        c11.StoreUnsafe(ref pc, row + (nuint)w);
        c20.StoreUnsafe(ref pc, 2 * row);
        c21.StoreUnsafe(ref pc, (2 * row) + (nuint)w);
        c30.StoreUnsafe(ref pc, 3 * row);
        c31.StoreUnsafe(ref pc, (3 * row) + (nuint)w);
        c40.StoreUnsafe(ref pc, 4 * row);
        c41.StoreUnsafe(ref pc, (4 * row) + (nuint)w);
        c50.StoreUnsafe(ref pc, 5 * row);
        c51.StoreUnsafe(ref pc, (5 * row) + (nuint)w);
    }
}
