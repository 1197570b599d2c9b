using Projector.Core.Data;

namespace Projector.Core.Imaging;

/// <summary>Fits whole images into sprite tiles with <see cref="Resampler"/>.</summary>
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
        var tile = new RgbaImage(width, height);
        new Resampler(source.Width, source.Height, w, h).Resample(source.Pixels, tile, (width - w) / 2, (height - h) / 2);
        return tile;
    }

    /// <summary><paramref name="source"/> stretched to exactly <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static RgbaImage Resize(RgbaImage source, int width, int height)
    {
        if (source.Width == width && source.Height == height)
        {
            return source;
        }

        var result = new RgbaImage(width, height);
        new Resampler(source.Width, source.Height, width, height).Resample(source.Pixels, result, 0, 0);
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
}
