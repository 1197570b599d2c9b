using System.Runtime.Intrinsics.X86;
using Projector.Core.Projections.Tsne;

namespace Projector.Core.Tests.Projections.Tsne;

public sealed class TsneAttractionTests
{
    [Theory]
    [InlineData(2, 1.0)]
    [InlineData(3, 1.0)]
    [InlineData(2, 0.5)]
    [InlineData(3, 0.5)]
    public unsafe void The_float32_gather_rows_sum_what_the_double_rows_sum(int dims, double alpha)
    {
        Assert.SkipUnless(Avx2.IsSupported, "the gather rows need AVX2");

        // Given a layout at t-SNE's scale and rows of 0 to 130 entries (whole vectors and tails)
        var rng = new Random(dims);
        const int points = 2000;
        var y = Enumerable.Range(0, points * dims).Select(_ => (rng.NextDouble() - 0.5) * 60).ToArray();
        var single = y.Select(v => (float)v).ToArray();
        var rowStart = new int[points + 1];
        for (var i = 0; i < points; i++)
        {
            rowStart[i + 1] = rowStart[i] + (i % 131);
        }

        var columns = Enumerable.Range(0, rowStart[points]).Select(_ => rng.Next(points)).ToArray();
        var values = Enumerable.Range(0, rowStart[points]).Select(_ => (ushort)rng.Next(65536)).ToArray();

        fixed (double* yp = y)
        fixed (float* sp = single)
        fixed (int* cp = columns)
        fixed (ushort* vp = values)
        {
            for (var i = 0; i < points; i += 7)
            {
                // When one row is summed both ways
                double[] exact, fast;
                if (dims == 2)
                {
                    var (ex, ey) = TsneRun.Row2D(yp, cp, vp, i, rowStart[i], rowStart[i + 1], 1 / alpha);
                    var (fx, fy) = TsneRun.Row2DAvx2(sp, cp, vp, i, rowStart[i], rowStart[i + 1], (float)(1 / alpha));
                    (exact, fast) = ([ex, ey], [fx, fy]);
                }
                else
                {
                    var (ex, ey, ez) = TsneRun.Row3D(yp, cp, vp, i, rowStart[i], rowStart[i + 1], 1 / alpha);
                    var (fx, fy, fz) = TsneRun.Row3DAvx2(sp, cp, vp, i, rowStart[i], rowStart[i + 1], (float)(1 / alpha));
                    (exact, fast) = ([ex, ey, ez], [fx, fy, fz]);
                }

                // Then the float32 sums agree to float precision of the row's scale
                var scale = exact.Sum(Math.Abs) + 1e-12;
                for (var d = 0; d < dims; d++)
                {
                    Assert.True(Math.Abs(exact[d] - fast[d]) <= 1e-5 * scale, $"row {i}, axis {d}: {fast[d]} vs {exact[d]}");
                }
            }
        }
    }
}
