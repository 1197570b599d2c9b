using Projector.Core.Data;
using SkiaSharp;

namespace Projector.Core.Imaging.Png;

/// <summary>
/// Writes <see cref="RgbaImage"/> as 8-bit PNG through SkiaSharp's encoder (libpng, adaptive row filters).
/// Grayscale, RGB or RGBA is chosen by what the pixels need, which keeps sprite sheets of gray digits small.
/// </summary>
public static class PngEncoder
{
    /// <summary>The PNG bytes of <paramref name="image"/>.</summary>
    public static byte[] Encode(RgbaImage image, PngCompression compression = PngCompression.Fastest)
    {
        using var stream = new MemoryStream();
        Encode(image, stream, compression);
        return stream.ToArray();
    }

    /// <summary>Writes <paramref name="image"/> as PNG to <paramref name="stream"/> (left open).</summary>
    public static void Encode(RgbaImage image, Stream stream, PngCompression compression = PngCompression.Fastest)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(stream);

        // zlib level 1 is several times faster than the default 6 on sheets of tiles and barely larger.
        var options = new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, compression == PngCompression.Optimal ? 6 : 1);
        var (opaque, gray) = Inspect(image.Pixels);
        var pixels = gray ? GrayOf(image.Pixels) : image.Pixels;

        // Skia writes RGB for an opaque RGBA source and a gray PNG for a Gray8 one.
        var info = new SKImageInfo(image.Width, image.Height, gray ? SKColorType.Gray8 : SKColorType.Rgba8888, opaque ? SKAlphaType.Opaque : SKAlphaType.Unpremul);
        bool written;
        unsafe
        {
            fixed (byte* p = pixels)
            {
                using var pixmap = new SKPixmap(info, (IntPtr)p, info.RowBytes);
                written = pixmap.Encode(stream, options);
            }
        }

        if (!written)
        {
            throw new IOException($"Could not encode a {image.Width}x{image.Height} image as PNG.");
        }
    }

    /// <summary>Writes <paramref name="image"/> to the PNG file <paramref name="path"/> atomically.</summary>
    public static void Save(RgbaImage image, string path, PngCompression compression = PngCompression.Fastest)
    {
        ArgumentNullException.ThrowIfNull(image);
        AtomicFile.Write(path, s => Encode(image, s, compression));
    }

    private static (bool Opaque, bool Gray) Inspect(byte[] rgba)
    {
        var gray = true;
        for (var i = 0; i < rgba.Length; i += 4)
        {
            if (rgba[i + 3] != 255)
            {
                return (false, false);
            }

            gray &= rgba[i] == rgba[i + 1] && rgba[i] == rgba[i + 2];
        }

        return (true, gray);
    }

    private static byte[] GrayOf(byte[] rgba)
    {
        var gray = new byte[rgba.Length / 4];
        for (var i = 0; i < gray.Length; i++)
        {
            gray[i] = rgba[i * 4];
        }

        return gray;
    }
}
