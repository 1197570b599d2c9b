using Projector.Core.Projections.Tsne;

namespace Projector.Core.Tests.Projections.Tsne;

public sealed class Fft2DTests
{
    [Theory]
    [InlineData(48, 20, 17)]
    [InlineData(64, 30, 32)]
    [InlineData(96, 40, 45)]
    [InlineData(192, 9, 96)]
    public void The_transform_equals_a_direct_DFT_and_the_inverse_undoes_it(int size, int rows, int cols)
    {
        // Given a complex rows x cols block, zero-padded to size x size
        var rng = new Random(size);
        var inRe = Enumerable.Range(0, rows * cols).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        var inIm = Enumerable.Range(0, rows * cols).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        var fft = new Fft2D(size, threads: 2);
        var re = new float[fft.Length];
        var im = new float[fft.Length];

        // When transformed
        fft.Forward(inRe, inIm, rows, cols, cols, re, im);

        // Then every tenth frequency is the direct sum, to float32 accuracy
        for (var u = 0; u < size; u += 3)
        {
            for (var v = 0; v < size; v += 7)
            {
                double sr = 0, si = 0;
                for (var a = 0; a < rows; a++)
                {
                    for (var b = 0; b < cols; b++)
                    {
                        var angle = -2 * Math.PI * ((((long)u * a) + ((long)v * b)) % size) / size;
                        var (c, s) = (Math.Cos(angle), Math.Sin(angle));
                        sr += (inRe[(a * cols) + b] * c) - (inIm[(a * cols) + b] * s);
                        si += (inRe[(a * cols) + b] * s) + (inIm[(a * cols) + b] * c);
                    }
                }

                Assert.Equal(sr, re[(u * fft.Stride) + v], 2e-3);
                Assert.Equal(si, im[(u * fft.Stride) + v], 2e-3);
            }
        }

        // And the unscaled inverse gives size² times the block back
        var outRe = new float[rows * cols];
        var outIm = new float[rows * cols];
        fft.Inverse(re, im, rows, cols, outRe, outIm);
        var scale = (double)size * size;
        for (var e = 0; e < rows * cols; e++)
        {
            Assert.Equal(inRe[e], outRe[e] / scale, 1e-4);
            Assert.Equal(inIm[e], outIm[e] / scale, 1e-4);
        }
    }

    [Theory]
    [InlineData(100, 128)]
    [InlineData(96, 96)]
    [InlineData(97, 128)]
    [InlineData(653, 768)]
    [InlineData(769, 1024)]
    public void Sizes_follow_the_need_in_steps_of_three_quarters(int needed, int size)
    {
        Assert.Equal(size, Fft2D.SizeFor(needed));
        Assert.True(Fft2D.IsSupportedSize(size));
        Assert.False(Fft2D.IsSupportedSize(size + 16));
    }
}
