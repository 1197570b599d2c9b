using Projector.Core.Data;
using SkiaSharp;

namespace Projector.Core.Imaging;

/// <summary>
/// Scales RGBA pixels with SkiaSharp. Shrinking to half or less samples a mipmap pyramid (trilinear): every
/// level is a 2 x 2 box average, so a 256 px one-pixel checkerboard shrunk to 28 px comes out an even grey
/// (127 everywhere), where Mitchell cubic alone, reading a 4 x 4 neighbourhood, leaves stripes from 55 to 200.
/// Milder shrinking and enlarging use the Mitchell-Netravali cubic (B = C = 1/3): smoother than bilinear
/// without visible ringing. Pixels are scaled premultiplied, so the colour of transparent pixels does not
/// bleed into the edges of what is drawn.
/// </summary>
internal static class ImageResizer
{
    private static readonly SKSamplingOptions Mipmaps = new(SKFilterMode.Linear, SKMipmapMode.Linear);
    private static readonly SKSamplingOptions Cubic = new(SKCubicResampler.Mitchell);

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
        Scale(source, Whole(source), tile, SKRectI.Create((width - w) / 2, (height - h) / 2, w, h));
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
        Scale(source, Whole(source), result, Whole(result));
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

    /// <summary>
    /// Scales the <paramref name="from"/> rectangle of <paramref name="source"/> into the <paramref name="to"/>
    /// rectangle of <paramref name="target"/>, replacing what was there; both rectangles must lie inside their images.
    /// </summary>
    public static void Scale(RgbaImage source, SKRectI from, RgbaImage target, SKRectI to)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        Check(source, from, nameof(from));
        Check(target, to, nameof(to));
        var sampling = from.Width >= 2 * to.Width || from.Height >= 2 * to.Height ? Mipmaps : Cubic;
        unsafe
        {
            fixed (byte* s = source.Pixels)
            fixed (byte* t = target.Pixels)
            {
                using var src = new SKPixmap(Info(from, SKAlphaType.Unpremul), (IntPtr)(s + Offset(source, from)), source.Width * 4);
                using var dst = new SKPixmap(Info(to, SKAlphaType.Unpremul), (IntPtr)(t + Offset(target, to)), target.Width * 4);
                if (src.ComputeIsOpaque())
                {
                    // Opaque pixels are the same premultiplied or not: scale straight into the target.
                    using var opaqueSrc = src.WithAlphaType(SKAlphaType.Premul);
                    using var opaqueDst = dst.WithAlphaType(SKAlphaType.Premul);
                    Require(opaqueSrc.ScalePixels(opaqueDst, sampling));
                    return;
                }

                // Skia scales unpremultiplied pixels as they are, so premultiply first and divide back after.
                var premul = new byte[from.Width * from.Height * 4];
                var scaled = new byte[to.Width * to.Height * 4];
                fixed (byte* p = premul)
                fixed (byte* q = scaled)
                {
                    using var premulSrc = new SKPixmap(Info(from, SKAlphaType.Premul), (IntPtr)p);
                    using var premulDst = new SKPixmap(Info(to, SKAlphaType.Premul), (IntPtr)q);
                    Require(src.ReadPixels(premulSrc));
                    Require(premulSrc.ScalePixels(premulDst, sampling));
                    Require(premulDst.ReadPixels(dst));
                }
            }
        }
    }

    private static SKRectI Whole(RgbaImage image) => SKRectI.Create(image.Width, image.Height);

    private static SKImageInfo Info(SKRectI rect, SKAlphaType alpha) => new(rect.Width, rect.Height, SKColorType.Rgba8888, alpha);

    private static long Offset(RgbaImage image, SKRectI rect) => (((long)rect.Top * image.Width) + rect.Left) * 4;

    private static void Check(RgbaImage image, SKRectI rect, string name)
    {
        if (rect.Left < 0 || rect.Top < 0 || rect.Width <= 0 || rect.Height <= 0 || rect.Right > image.Width || rect.Bottom > image.Height)
        {
            throw new ArgumentOutOfRangeException(name, $"{rect} does not lie inside the {image.Width}x{image.Height} image.");
        }
    }

    private static void Require(bool done)
    {
        if (!done)
        {
            throw new InvalidOperationException("SkiaSharp could not convert or scale the pixels.");
        }
    }
}
