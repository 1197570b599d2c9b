using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Projector.Core.Neighbors;

/// <summary>
/// Exact all-points kNN as a blocked matrix product with a top-k per row. Each distance is
/// <c>key = c_i + c_j + s·x_i·x_j</c> (see <see cref="PreparedRows"/>); keys are compared against each
/// row's current k-th best, and only winners touch the row's heap.
/// </summary>
/// <remarks>
/// Tiling: the data is packed once into panels of 16 rows stored dimension-major (d0: 16 values, d1: 16
/// values, ...), so one dimension of a panel is two Vector256 loads or one Vector512 load. A micro-kernel
/// multiplies 4 query rows (Vector256) or 8 (Vector512, <c>ExactKnn.Kernel512.cs</c>) by one panel into 8
/// accumulators. Query rows go in fixed blocks of <see cref="QueryBlock"/> (the unit of parallelism, so
/// results never depend on scheduling); panels go in chunks of <see cref="PanelChunk"/> that stay in L2
/// while the block's rows pass over them. Candidates arrive in ascending index per row, so a strict "less
/// than the current worst" test keeps the lower index on ties.
/// </remarks>
internal static unsafe partial class ExactKnn
{
    private const int Lanes = 16;          // rows per panel: two Vector256<float>
    private const int QueryBlock = 128;    // query rows per parallel work item (heaps: 128·k pairs)
    private const int PanelChunk = 32;     // panels per cache tile: 512 rows, 100 KB at D = 50
    private const int ExtraCandidates = 8; // kept beyond k by key, re-ranked by true distance

    /// <summary>
    /// Searches all rows with the widest vectors up to <paramref name="maxWidth"/> bits (512, 256, or 0 for
    /// scalar; lower for tests); with 512-bit vectors over half the pairs unless <paramref name="symmetric"/> is false.
    /// </summary>
    public static KnnGraph Build(PreparedRows rows, int k, NeighborOptions options, IProgress<ProjectionProgress>? progress, CancellationToken ct, int maxWidth = 512, bool symmetric = true)
    {
        var n = rows.Count;
        // Keep a few more than k by key, then choose the k by true distance: keys carry the rounding of
        // ‖x‖² + ‖y‖² − 2x·y, which can swap near-equal neighbours at the k-th place.
        var wanted = k;
        k = Math.Min(n - 1, k + ExtraCandidates);
        var d = rows.Dimensions;
        var panels = (n + Lanes - 1) / Lanes;
        var width = maxWidth >= 512 && Vector512.IsHardwareAccelerated ? 512 : maxWidth >= 256 && Vector256.IsHardwareAccelerated ? 256 : 0;
        var packed = width > 0 ? Pack(rows, panels) : [];
        var offsets = new float[panels * Lanes];
        rows.Offsets.CopyTo(offsets, 0);
        offsets.AsSpan(n).Fill(float.PositiveInfinity);    // padding lanes never win

        var keys = new float[(long)n * k];
        var indices = new int[(long)n * k];
        if (width == 512 && symmetric)
        {
            Parallel.For(0, n, options.Parallel(ct), i => MaxHeap.Clear(keys.AsSpan(i * k, k), indices.AsSpan(i * k, k)));
            SearchSymmetric512(rows, packed, offsets, k, keys, indices, options.Parallel(ct), progress);
            return new KnnGraph(n, k, indices, Finish(rows, k, keys, indices, options.Parallel(ct)), rows.Metric, isExact: true).Truncate(wanted);
        }

        var blocks = (n + QueryBlock - 1) / QueryBlock;
        var done = 0L;
        Parallel.For(0, blocks, options.Parallel(ct), b =>
        {
            var start = b * QueryBlock;
            var count = Math.Min(QueryBlock, n - start);
            var bk = keys.AsSpan(start * k, count * k);
            var bi = indices.AsSpan(start * k, count * k);
            for (var r = 0; r < count; r++)
            {
                MaxHeap.Clear(bk.Slice(r * k, k), bi.Slice(r * k, k));
            }

            if (width == 512)
            {
                SearchBlock512(rows, packed, offsets, start, count, k, bk, bi, ct);
            }
            else if (width == 256)
            {
                SearchBlock(rows, packed, offsets, start, count, k, bk, bi, ct);
            }
            else
            {
                SearchBlockScalar(rows, start, count, k, bk, bi, ct);
            }

            var total = Interlocked.Add(ref done, count);
            progress?.Report(new ProjectionProgress("neighbors", total, n));
        });

        var distances = Finish(rows, k, keys, indices, options.Parallel(ct));
        return new KnnGraph(n, k, indices, distances, rows.Metric, isExact: true).Truncate(wanted);
    }

    /// <summary>
    /// Bytes <see cref="Build"/> holds at once for k neighbours of n rows of d dimensions: keys and indices of
    /// k + <see cref="ExtraCandidates"/> per row, the rows packed in panels, and the graph it returns.
    /// </summary>
    internal static long WorkingBytes(int n, int d, int k) => (8L * n * (k + ExtraCandidates)) + (4L * n * d) + (8L * n * k);

    /// <summary>Turns heaps of keys into rows sorted by (true distance, index).</summary>
    internal static float[] Finish(PreparedRows rows, int k, float[] keys, int[] indices, ParallelOptions parallel)
    {
        Parallel.For(0, rows.Count, parallel, i =>
        {
            var dist = keys.AsSpan(i * k, k);
            var idx = indices.AsSpan(i * k, k);
            // Recompute the kept distances directly: the key form loses digits to cancellation when
            // ‖x‖² is large next to ‖x − y‖², the direct form does not. Then re-sort on the true values.
            for (var j = 0; j < k; j++)
            {
                dist[j] = rows.Distance(i, idx[j]);
            }

            InsertionSort(dist, idx);
        });
        return keys;
    }

    internal static void InsertionSort(Span<float> dist, Span<int> idx)
    {
        for (var a = 1; a < dist.Length; a++)
        {
            var d = dist[a];
            var i = idx[a];
            var b = a - 1;
            while (b >= 0 && MaxHeap.Before(d, i, dist[b], idx[b]))
            {
                dist[b + 1] = dist[b];
                idx[b + 1] = idx[b];
                b--;
            }

            dist[b + 1] = d;
            idx[b + 1] = i;
        }
    }

    private static float[] Pack(PreparedRows rows, int panels)
    {
        var d = rows.Dimensions;
        var packed = new float[(long)panels * Lanes * d];    // padding rows stay zero
        var all = rows.All;
        for (var i = 0; i < rows.Count; i++)
        {
            var p = i / Lanes;
            var lane = i % Lanes;
            var baseIndex = (long)p * Lanes * d;
            for (var c = 0; c < d; c++)
            {
                packed[baseIndex + (c * Lanes) + lane] = all[(i * d) + c];
            }
        }

        return packed;
    }

    // Fully optimised at first call: the block loop runs for seconds, too long to wait for tiering.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SearchBlock(PreparedRows rows, float[] packed, float[] offsets, int start, int count, int k, Span<float> keys, Span<int> indices, CancellationToken ct)
    {
        var d = rows.Dimensions;
        var panels = offsets.Length / Lanes;
        var scale = Vector256.Create(rows.Scale);
        Span<float> worst = stackalloc float[QueryBlock];
        worst[..count].Fill(float.PositiveInfinity);
        Span<float> lane = stackalloc float[Lanes];
        fixed (float* a = rows.All, b = packed, c = offsets)
        {
            for (var p0 = 0; p0 < panels; p0 += PanelChunk)
            {
                ct.ThrowIfCancellationRequested();
                var p1 = Math.Min(panels, p0 + PanelChunk);
                for (var r = 0; r < count; r += 4)
                {
                    var rowsHere = Math.Min(4, count - r);
                    for (var p = p0; p < p1; p++)
                    {
                        var panel = b + ((long)p * Lanes * d);
                        var cj0 = Vector256.Load(c + (p * Lanes));
                        var cj1 = Vector256.Load(c + (p * Lanes) + 8);
                        for (var q = 0; q < rowsHere; q += rowsHere == 4 ? 4 : 1)
                        {
                            var i = start + r + q;
                            if (rowsHere == 4)
                            {
                                // Main loop: 4 rows x 16 columns, 8 accumulators, one broadcast per row and dimension.
                                var x0 = a + ((long)i * d);
                                var x1 = x0 + d;
                                var x2 = x1 + d;
                                var x3 = x2 + d;
                                Vector256<float> s00 = default, s01 = default, s10 = default, s11 = default;
                                Vector256<float> s20 = default, s21 = default, s30 = default, s31 = default;
                                var bp = panel;
                                for (var t = 0; t < d; t++, bp += Lanes)
                                {
                                    var b0 = Vector256.Load(bp);
                                    var b1 = Vector256.Load(bp + 8);
                                    var v = Vector256.Create(x0[t]);
                                    s00 = Vector256.MultiplyAddEstimate(v, b0, s00);
                                    s01 = Vector256.MultiplyAddEstimate(v, b1, s01);
                                    v = Vector256.Create(x1[t]);
                                    s10 = Vector256.MultiplyAddEstimate(v, b0, s10);
                                    s11 = Vector256.MultiplyAddEstimate(v, b1, s11);
                                    v = Vector256.Create(x2[t]);
                                    s20 = Vector256.MultiplyAddEstimate(v, b0, s20);
                                    s21 = Vector256.MultiplyAddEstimate(v, b1, s21);
                                    v = Vector256.Create(x3[t]);
                                    s30 = Vector256.MultiplyAddEstimate(v, b0, s30);
                                    s31 = Vector256.MultiplyAddEstimate(v, b1, s31);
                                }

                                Offer(i, r + q, s00, s01, cj0, cj1, scale, c[i], p, k, worst, lane, keys, indices);
                                Offer(i + 1, r + q + 1, s10, s11, cj0, cj1, scale, c[i + 1], p, k, worst, lane, keys, indices);
                                Offer(i + 2, r + q + 2, s20, s21, cj0, cj1, scale, c[i + 2], p, k, worst, lane, keys, indices);
                                Offer(i + 3, r + q + 3, s30, s31, cj0, cj1, scale, c[i + 3], p, k, worst, lane, keys, indices);
                            }
                            else
                            {
                                // Tail rows of the block: the same operations in the same order, one row at a
                                // time, so a row's keys do not depend on where the block boundary falls.
                                var x0 = a + ((long)i * d);
                                Vector256<float> s00 = default, s01 = default;
                                var bp = panel;
                                for (var t = 0; t < d; t++, bp += Lanes)
                                {
                                    var v = Vector256.Create(x0[t]);
                                    s00 = Vector256.MultiplyAddEstimate(v, Vector256.Load(bp), s00);
                                    s01 = Vector256.MultiplyAddEstimate(v, Vector256.Load(bp + 8), s01);
                                }

                                Offer(i, r + q, s00, s01, cj0, cj1, scale, c[i], p, k, worst, lane, keys, indices);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Turns one row's 16 dot products into keys and pushes those under the row's current worst.</summary>
    /// <remarks>Inlined: it runs once per row and panel, next to only 50-odd FMAs at typical dimensions.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Offer(int i, int local, Vector256<float> dot0, Vector256<float> dot1, Vector256<float> cj0, Vector256<float> cj1, Vector256<float> scale, float ci, int panel, int k, Span<float> worst, Span<float> lane, Span<float> keys, Span<int> indices)
    {
        var civ = Vector256.Create(ci);
        var k0 = Vector256.MultiplyAddEstimate(dot0, scale, civ + cj0);
        var k1 = Vector256.MultiplyAddEstimate(dot1, scale, civ + cj1);
        var w = Vector256.Create(worst[local]);
        var mask = Vector256.LessThan(k0, w).ExtractMostSignificantBits() | (Vector256.LessThan(k1, w).ExtractMostSignificantBits() << 8);
        if (mask == 0)
        {
            return;
        }

        k0.CopyTo(lane);
        k1.CopyTo(lane[8..]);
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

    /// <summary>Scalar fallback: the same keys through TensorPrimitives.Dot, for machines without Vector256.</summary>
    private static void SearchBlockScalar(PreparedRows rows, int start, int count, int k, Span<float> keys, Span<int> indices, CancellationToken ct)
    {
        for (var r = 0; r < count; r++)
        {
            ct.ThrowIfCancellationRequested();
            var i = start + r;
            var xi = rows.Row(i);
            var hk = keys.Slice(r * k, k);
            var hi = indices.Slice(r * k, k);
            for (var j = 0; j < rows.Count; j++)
            {
                if (j != i)
                {
                    var key = rows.Offsets[i] + rows.Offsets[j] + (rows.Scale * TensorPrimitives.Dot(xi, rows.Row(j)));
                    MaxHeap.TryPush(hk, hi, key, j);
                }
            }
        }
    }
}
