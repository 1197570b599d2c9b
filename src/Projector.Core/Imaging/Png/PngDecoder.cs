using Projector.Core.Data;

namespace Projector.Core.Imaging.Png;

/// <summary>
/// Reads PNG files (every colour type, bit depth and interlacing) into <see cref="RgbaImage"/> through
/// SkiaSharp, refusing content that is not PNG. <see cref="ImageFile"/> reads any supported format.
/// </summary>
public static class PngDecoder
{
    /// <summary>True when <paramref name="data"/> starts with the PNG signature.</summary>
    public static bool HasSignature(ReadOnlySpan<byte> data) => ImageSignature.IsPng(data);

    /// <summary>Decodes the PNG file at <paramref name="path"/>.</summary>
    public static RgbaImage Decode(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Decode(ImageIO.ReadAll(path), path);
    }

    /// <summary>Decodes a PNG read from <paramref name="stream"/>; <paramref name="displayName"/> names it in errors.</summary>
    public static RgbaImage Decode(Stream stream, string displayName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(displayName);
        return Decode(ImageIO.ReadAll(stream, displayName), displayName);
    }

    /// <summary>Decodes the PNG bytes <paramref name="data"/>; <paramref name="displayName"/> names them in errors.</summary>
    public static RgbaImage Decode(byte[] data, string displayName)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(displayName);
        RequireSignature(data, displayName);
        return ImageDecoder.Decode(data, displayName);
    }

    /// <summary>Reads only the width and height of the PNG file at <paramref name="path"/>.</summary>
    public static ImageSize ReadSize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using (var file = ImageIO.OpenRead(path))
        {
            RequireSignature(ImageIO.ReadHead(file, ImageSignature.HeadBytes, path), path);
        }

        return ImageDecoder.ReadSize(path);
    }

    /// <summary>Reads only the width and height from the start of a PNG file (its first 33 bytes are enough).</summary>
    public static ImageSize ReadSize(byte[] head, string displayName)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(displayName);
        RequireSignature(head, displayName);
        return ImageDecoder.ReadSize(head, displayName);
    }

    private static void RequireSignature(ReadOnlySpan<byte> data, string name)
    {
        if (!HasSignature(data))
        {
            throw new DataFormatException(name, $"not a PNG image: {ImageSignature.Describe(data[..Math.Min(ImageSignature.HeadBytes, data.Length)])}", "convert the image to PNG", byteOffset: 0);
        }
    }
}
