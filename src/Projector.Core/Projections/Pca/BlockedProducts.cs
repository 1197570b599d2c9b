using System.Runtime.CompilerServices;
using Projector.Core.Data;

namespace Projector.Core.Projections.Pca;

/// <summary>
/// PCA's two large products over the prepared rows (sphereized and centred on the fly, a block of rows at
/// a time, so the centred matrix is never held whole): the scatter matrix Xᵀ X and the projection X Cᵀ,
/// both through <see cref="TileGemm"/>.
/// </summary>
/// <remarks>
/// Blocks are reduced in row order and each output entry is owned by one task, so the result does not
/// depend on the number of threads. Within a block of <see cref="BlockRows"/> rows the sum is float32 (as
/// the dot products before it were, over 2,048 rows); across blocks it is double.
/// </remarks>
internal static class BlockedProducts
{
    /// <summary>Rows prepared at a time: the block (at most 240 x D floats) stays in a core's L2 cache.</summary>
    public const int BlockRows = 240;

    /// <summary>
    /// Σ x xᵀ over the prepared rows: the upper triangle (b ≥ a) of the D x D result at [a * D + b]; the
    /// lower triangle is left zero.
    /// </summary>
    public static double[] Scatter(EmbeddingMatrix data, float[] mean, bool sphereize, int? threads, CancellationToken ct)
    {
        var d = data.Dimensions;
        var dp = Stride(d);
        var nr = TileGemm.Columns;
        var acc = new double[dp * dp];
        var block = new float[BlockRows * dp];
        var strips = (d + TileGemm.Rows - 1) / TileGemm.Rows;
        var options = ParallelScheduling.Options(threads, ct);
        for (var start = 0; start < data.Rows; start += BlockRows)
        {
            ct.ThrowIfCancellationRequested();
            var count = Math.Min(BlockRows, data.Rows - start);
            PrepareBlock(data, mean, sphereize, start, count, block, dp);
            Parallel.For(0, strips, options, () => new float[TileGemm.Rows * nr], (s, _, tile) =>
            {
                ScatterStrip(block, dp, count, d, s * TileGemm.Rows, acc, tile);
                return tile;
            }, _ => { });
        }

        var result = new double[d * d];
        for (var a = 0; a < d; a++)
        {
            acc.AsSpan((a * dp) + a, d - a).CopyTo(result.AsSpan((a * d) + a));
        }

        return result;
    }

    /// <summary>Adds rows i0 to i0 + 5 of the block's Xᵀ X, from the diagonal on, into <paramref name="acc"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScatterStrip(float[] block, int dp, int count, int d, int i0, double[] acc, float[] tile)
    {
        var nr = TileGemm.Columns;
        var a = block.AsSpan(i0);
        // Tiles wholly below the diagonal are skipped: the scatter matrix is symmetric.
        for (var j0 = i0 / nr * nr; j0 < d; j0 += nr)
        {
            TileGemm.Tile(a, 1, dp, block.AsSpan(j0), dp, count, tile);
            for (var i = 0; i < TileGemm.Rows; i++)
            {
                var row = acc.AsSpan(((i0 + i) * dp) + j0, nr);
                var sums = tile.AsSpan(i * nr, nr);
                for (var j = 0; j < nr; j++)
                {
                    row[j] += sums[j];
                }
            }
        }
    }

    /// <summary>Projects every prepared row onto the <paramref name="count"/> unit vectors of <paramref name="components"/> (row-major, count x D).</summary>
    public static EmbeddingMatrix Project(EmbeddingMatrix data, float[] mean, bool sphereize, float[] components, int count, CancellationToken ct)
    {
        var d = data.Dimensions;
        var dp = Stride(d);
        var nr = TileGemm.Columns;
        var kp = TileGemm.PadColumns(count);
        // Components transposed (D x count, zero-padded) so a tile reads one contiguous row per dimension.
        var transposed = new float[dp * kp];
        for (var c = 0; c < count; c++)
        {
            for (var j = 0; j < d; j++)
            {
                transposed[(j * kp) + c] = components[(c * d) + j];
            }
        }

        var output = EmbeddingMatrix.Allocate(data.Rows, count);
        var blocks = (data.Rows + BlockRows - 1) / BlockRows;
        Parallel.For(0, blocks, ParallelScheduling.Options(null, ct), () => (new float[BlockRows * dp], new float[TileGemm.Rows * nr]), (b, _, buffers) =>
        {
            var (block, tile) = buffers;
            ProjectBlock(data, mean, sphereize, b * BlockRows, block, dp, transposed, kp, count, output, tile);
            return buffers;
        }, _ => { });
        return output;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ProjectBlock(EmbeddingMatrix data, float[] mean, bool sphereize, int start, float[] block, int dp, float[] transposed, int kp, int count, EmbeddingMatrix output, float[] tile)
    {
        var d = data.Dimensions;
        var nr = TileGemm.Columns;
        var rows = Math.Min(BlockRows, data.Rows - start);
        PrepareBlock(data, mean, sphereize, start, rows, block, dp);
        for (var i0 = 0; i0 < rows; i0 += TileGemm.Rows)
        {
            for (var j0 = 0; j0 < kp; j0 += nr)
            {
                TileGemm.Tile(block.AsSpan(i0 * dp), dp, 1, transposed.AsSpan(j0), kp, d, tile);
                for (var i = 0; i < Math.Min(TileGemm.Rows, rows - i0); i++)
                {
                    var width = Math.Min(nr, count - j0);
                    tile.AsSpan(i * nr, width).CopyTo(output.GetWritableRow(start + i0 + i)[j0..]);
                }
            }
        }
    }

    /// <summary>Row stride of a prepared block: room for whole tiles in both directions, zero-padded.</summary>
    private static int Stride(int d) => TileGemm.PadColumns(Math.Max(d, (d + TileGemm.Rows - 1) / TileGemm.Rows * TileGemm.Rows));

    /// <summary>Writes rows [start, start + count) as PCA sees them into <paramref name="block"/> (stride dp), zeros after them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PrepareBlock(EmbeddingMatrix data, float[] mean, bool sphereize, int start, int count, float[] block, int dp)
    {
        var d = data.Dimensions;
        for (var r = 0; r < count; r++)
        {
            PcaMath.Prepare(data.Row(start + r), block.AsSpan(r * dp, d), mean, sphereize);
        }

        block.AsSpan(count * dp).Clear();
    }
}
