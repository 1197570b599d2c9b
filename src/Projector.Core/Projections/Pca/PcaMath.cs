using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Projector.Core.Projections.Pca;

/// <summary>Shared row preparation and covariance kernels of the PCA solvers.</summary>
internal static class PcaMath
{
    /// <summary>Rows per block; blocks are reduced in index order so results do not depend on scheduling.</summary>
    public const int BlockRows = 2048;

    /// <summary>Writes the row as PCA sees it: unit length if sphereizing, then minus the mean.</summary>
    public static void Prepare(ReadOnlySpan<float> source, Span<float> target, ReadOnlySpan<float> mean, bool sphereize)
    {
        source.CopyTo(target);
        if (sphereize)
        {
            var norm = TensorPrimitives.Norm(target);
            if (norm > 0)
            {
                TensorPrimitives.Divide(target, norm, target);
            }
        }

        TensorPrimitives.Subtract(target, mean, target);
    }

    /// <summary>Column means of the prepared rows (zeros when not centring), accumulated in double.</summary>
    public static float[] Mean(Data.EmbeddingMatrix data, bool center, bool sphereize, CancellationToken ct)
    {
        var d = data.Dimensions;
        if (!center || data.Rows == 0)
        {
            return new float[d];
        }

        var zero = new float[d];
        var blocks = (data.Rows + BlockRows - 1) / BlockRows;
        var partial = new double[blocks][];
        Parallel.For(0, blocks, ParallelScheduling.Options(null, ct), b => partial[b] = BlockSum(data, b, zero, sphereize));
        var mean = new float[d];
        for (var j = 0; j < d; j++)
        {
            var s = 0.0;
            foreach (var p in partial)
            {
                s += p[j];
            }

            mean[j] = (float)(s / data.Rows);
        }

        return mean;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] BlockSum(Data.EmbeddingMatrix data, int b, float[] zero, bool sphereize)
    {
        var d = data.Dimensions;
        var sum = new double[d];
        var row = new float[d];
        for (var i = b * BlockRows; i < Math.Min(data.Rows, (b + 1) * BlockRows); i++)
        {
            Prepare(data.Row(i), row, zero, sphereize);
            for (var j = 0; j < d; j++)
            {
                sum[j] += row[j];
            }
        }

        return sum;
    }
}
