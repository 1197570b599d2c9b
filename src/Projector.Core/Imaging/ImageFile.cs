using Projector.Core.Data;
using Projector.Core.Imaging.Jpeg;
using Projector.Core.Imaging.Png;

namespace Projector.Core.Imaging;

/// <summary>Reads PNG or JPEG images, choosing the decoder by the file's first bytes rather than its name.</summary>
public static class ImageFile
{
    private const int HeadBytes = 16;

    /// <summary>Decodes the PNG or JPEG file at <paramref name="path"/>.</summary>
    public static RgbaImage Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Load(ImageIO.ReadAll(path), path);
    }

    /// <summary>Decodes PNG or JPEG bytes; <paramref name="displayName"/> names them in errors.</summary>
    public static RgbaImage Load(byte[] data, string displayName)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(displayName);
        return Detect(data, displayName) switch
        {
            ImageKind.Png => PngDecoder.Decode(data, displayName),
            _ => JpegDecoder.Decode(data, displayName),
        };
    }

    /// <summary>Reads the width and height of the PNG or JPEG file at <paramref name="path"/> without decoding pixels.</summary>
    public static ImageSize ReadSize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Detect(ImageIO.ReadHead(path, HeadBytes), path) switch
        {
            ImageKind.Png => PngDecoder.ReadSize(path),
            _ => JpegDecoder.ReadSize(path),
        };
    }

    /// <summary>Whether <paramref name="path"/> has a file name extension of an image this class reads (.png, .jpg, .jpeg).</summary>
    public static bool HasImageExtension(string path)
    {
        var ext = Path.GetExtension(path);
        return ext.Equals(".png", StringComparison.OrdinalIgnoreCase)
            || ext.Equals(".jpg", StringComparison.OrdinalIgnoreCase)
            || ext.Equals(".jpeg", StringComparison.OrdinalIgnoreCase);
    }

    private static ImageKind Detect(ReadOnlySpan<byte> head, string name)
    {
        if (PngDecoder.HasSignature(head))
        {
            return ImageKind.Png;
        }

        if (JpegDecoder.HasSignature(head))
        {
            return ImageKind.Jpeg;
        }

        throw new DataFormatException(name, $"not a PNG or JPEG image: {Describe(head)}", "convert the image to PNG", byteOffset: 0);
    }

    private static string Describe(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
        {
            return "the file is empty";
        }

        var kind = head switch
        {
            [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..] => "a GIF image",
            [(byte)'B', (byte)'M', ..] => "a BMP image",
            [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "a WebP image",
            [(byte)'I', (byte)'I', 42, 0, ..] or [(byte)'M', (byte)'M', 0, 42, ..] => "a TIFF image",
            [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', ..] => "a NumPy array",
            [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => "a damaged PNG signature",
            _ => "unknown content",
        };
        var shown = head[..Math.Min(8, head.Length)];
        return $"{kind}, first bytes {Convert.ToHexString(shown)}";
    }

    private enum ImageKind
    {
        Png,
        Jpeg,
    }
}
