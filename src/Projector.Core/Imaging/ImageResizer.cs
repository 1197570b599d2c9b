namespace Projector.Core.Imaging;

/// <summary>
/// Resizes RGBA images for sprite tiles: area averaging when shrinking (each source pixel counts by how much
/// of it a target pixel covers), bilinear when enlarging, on premultiplied alpha so transparent pixels do
/// not darken edges.
/// </summary>
internal static class ImageResizer
{
    /// <summary>
    /// <paramref name="source"/> scaled to fit a <paramref name="width"/> x <paramref name="height"/> tile with its
    /// aspect kept and centred; the uncovered margin stays transparent.
    /// </summary>
    public static RgbaImage FitInto(RgbaImage source, int width, int height)
    {
        if (source.Width == width && source.Height == height)
        {
            return source;
        }

        var scale = Math.Min((double)width / source.Width, (double)height / source.Height);
        var w = Math.Clamp((int)Math.Round(source.Width * scale), 1, width);
        var h = Math.Clamp((int)Math.Round(source.Height * scale), 1, height);
        var resized = Resize(source, w, h);
        if (w == width && h == height)
        {
            return resized;
        }

        var tile = new RgbaImage(width, height);
        Blit(resized, tile, (width - w) / 2, (height - h) / 2);
        return tile;
    }

    /// <summary><paramref name="source"/> stretched to exactly <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static RgbaImage Resize(RgbaImage source, int width, int height)
    {
        if (source.Width == width && source.Height == height)
        {
            return source;
        }

        var (xStart, xWeights) = Weights(source.Width, width);
        var (yStart, yWeights) = Weights(source.Height, height);
        var src = source.Pixels;

        // Horizontal pass into premultiplied floats, source rows x target columns.
        var across = new float[source.Height * width * 4];
        for (var y = 0; y < source.Height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                float r = 0, g = 0, b = 0, a = 0;
                var weights = xWeights[x];
                for (var k = 0; k < weights.Length; k++)
                {
                    var p = ((y * source.Width) + xStart[x] + k) * 4;
                    var wa = weights[k] * src[p + 3];
                    r += wa * src[p];
                    g += wa * src[p + 1];
                    b += wa * src[p + 2];
                    a += wa;
                }

                var o = ((y * width) + x) * 4;
                (across[o], across[o + 1], across[o + 2], across[o + 3]) = (r, g, b, a);
            }
        }

        var result = new RgbaImage(width, height);
        var dst = result.Pixels;
        for (var y = 0; y < height; y++)
        {
            var weights = yWeights[y];
            for (var x = 0; x < width; x++)
            {
                float r = 0, g = 0, b = 0, a = 0;
                for (var k = 0; k < weights.Length; k++)
                {
                    var p = (((yStart[y] + k) * width) + x) * 4;
                    r += weights[k] * across[p];
                    g += weights[k] * across[p + 1];
                    b += weights[k] * across[p + 2];
                    a += weights[k] * across[p + 3];
                }

                var o = ((y * width) + x) * 4;
                if (a > 0.5f)
                {
                    dst[o] = ToByte(r / a);
                    dst[o + 1] = ToByte(g / a);
                    dst[o + 2] = ToByte(b / a);
                    dst[o + 3] = ToByte(a);
                }
            }
        }

        return result;
    }

    /// <summary>Copies <paramref name="source"/> into <paramref name="target"/> with its top-left corner at (x, y).</summary>
    public static void Blit(RgbaImage source, RgbaImage target, int x, int y)
    {
        var rowBytes = source.Width * 4;
        for (var row = 0; row < source.Height; row++)
        {
            source.Pixels.AsSpan(row * rowBytes, rowBytes).CopyTo(target.Pixels.AsSpan((((y + row) * target.Width) + x) * 4));
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
