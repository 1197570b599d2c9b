using Projector.Core.Data;

namespace Projector.Core.Imaging;

/// <summary>
/// Scales RGBA pixels from one fixed size to another: area averaging when shrinking (each source pixel counts
/// by how much of it a target pixel covers), bilinear when enlarging, on premultiplied alpha so transparent
/// pixels do not darken edges. Weights and the work buffer are kept, so one instance serves every tile of a sheet.
/// </summary>
internal sealed class Resampler
{
    private readonly int _sourceWidth;
    private readonly int _sourceHeight;
    private readonly int _width;
    private readonly int _height;
    private readonly (int[] Start, float[][] Weights) _x;
    private readonly (int[] Start, float[][] Weights) _y;
    private readonly float[] _across;

    /// <summary>Prepares scaling <paramref name="sourceWidth"/> x <paramref name="sourceHeight"/> to <paramref name="width"/> x <paramref name="height"/>.</summary>
    public Resampler(int sourceWidth, int sourceHeight, int width, int height)
    {
        (_sourceWidth, _sourceHeight, _width, _height) = (sourceWidth, sourceHeight, width, height);
        _x = Weights(sourceWidth, width);
        _y = Weights(sourceHeight, height);
        _across = new float[sourceHeight * width * 4];
    }

    /// <summary>Scales <paramref name="source"/> (RGBA, source size) into <paramref name="target"/> with its top-left corner at (x, y).</summary>
    public void Resample(ReadOnlySpan<byte> source, RgbaImage target, int x, int y)
    {
        var across = _across;
        var (xStart, xWeights) = _x;
        for (var row = 0; row < _sourceHeight; row++)
        {
            for (var col = 0; col < _width; col++)
            {
                float r = 0, g = 0, b = 0, a = 0;
                var weights = xWeights[col];
                var p = ((row * _sourceWidth) + xStart[col]) * 4;
                for (var k = 0; k < weights.Length; k++, p += 4)
                {
                    var wa = weights[k] * source[p + 3];
                    r += wa * source[p];
                    g += wa * source[p + 1];
                    b += wa * source[p + 2];
                    a += wa;
                }

                var o = ((row * _width) + col) * 4;
                (across[o], across[o + 1], across[o + 2], across[o + 3]) = (r, g, b, a);
            }
        }

        var (yStart, yWeights) = _y;
        var dst = target.Pixels.AsSpan();
        for (var row = 0; row < _height; row++)
        {
            var weights = yWeights[row];
            for (var col = 0; col < _width; col++)
            {
                float r = 0, g = 0, b = 0, a = 0;
                var p = ((yStart[row] * _width) + col) * 4;
                for (var k = 0; k < weights.Length; k++, p += _width * 4)
                {
                    r += weights[k] * across[p];
                    g += weights[k] * across[p + 1];
                    b += weights[k] * across[p + 2];
                    a += weights[k] * across[p + 3];
                }

                var o = ((((y + row) * target.Width) + x + col) * 4);
                if (a > 0.5f)
                {
                    dst[o] = ToByte(r / a);
                    dst[o + 1] = ToByte(g / a);
                    dst[o + 2] = ToByte(b / a);
                    dst[o + 3] = ToByte(a);
                }
                else
                {
                    dst.Slice(o, 4).Clear();
                }
            }
        }
    }

    private static byte ToByte(float v) => (byte)Math.Clamp((int)MathF.Round(v), 0, 255);

    /// <summary>For each target index, the first source index it reads and the weights of it and the following ones.</summary>
    private static (int[] Start, float[][] Weights) Weights(int sourceLength, int targetLength)
    {
        var start = new int[targetLength];
        var weights = new float[targetLength][];
        var ratio = (double)sourceLength / targetLength;
        for (var d = 0; d < targetLength; d++)
        {
            if (targetLength < sourceLength)
            {
                double lo = d * ratio, hi = (d + 1) * ratio;
                var first = (int)Math.Floor(lo);
                var last = Math.Min(sourceLength - 1, (int)Math.Ceiling(hi) - 1);
                start[d] = first;
                weights[d] = new float[last - first + 1];
                for (var s = first; s <= last; s++)
                {
                    weights[d][s - first] = (float)((Math.Min(hi, s + 1) - Math.Max(lo, s)) / ratio);
                }
            }
            else
            {
                var centre = Math.Clamp(((d + 0.5) * ratio) - 0.5, 0, sourceLength - 1);
                var first = (int)Math.Floor(centre);
                var f = (float)(centre - first);
                start[d] = first;
                weights[d] = first + 1 < sourceLength ? [1 - f, f] : [1f];
            }
        }

        return (start, weights);
    }
}
