using System.Globalization;
using Projector.Core.Data;
using SkiaSharp;

namespace Projector.Core.Imaging;

/// <summary>
/// Decodes PNG, JPEG, WebP, GIF (its first frame) and BMP through SkiaSharp's codecs (libpng, libjpeg-turbo,
/// libwebp) into 8-bit RGBA as stored in the file: no colour-space conversion, 16-bit samples rounded to 8.
/// The size comes from the header and is checked against <see cref="MaxPixels"/> before any pixel memory is
/// taken. Skia hands back the rows it could decode from a cut or damaged file; here that is an error, so a
/// broken download never becomes a half-filled picture.
/// </summary>
internal static class ImageDecoder
{
    /// <summary>
    /// The largest pixel count decoded (2^27, about 11585 x 11585, 512 MB as RGBA): enough to re-tile any
    /// sprite sheet a page could show, while a small file that declares 16384 x 16384 (a decompression bomb)
    /// is refused before anything is allocated.
    /// </summary>
    public const long MaxPixels = 1L << 27;

    // zlib's deflate expands at most 1032:1, and a PNG row holds at least one bit a pixel plus a filter byte.
    private const long DeflateMaxRatio = 1032;

    // Where IHDR keeps the width: fixed by the PNG specification, so a size error can point at it.
    private const int PngSizeOffset = 16;

    private const string Again = "the file is damaged or truncated; export or download it again";

    /// <summary>Decodes the image bytes <paramref name="data"/>; <paramref name="name"/> names them in errors.</summary>
    public static RgbaImage Decode(byte[] data, string name)
    {
        using var stream = new SKMemoryStream(data);
        using var codec = Open(stream, data, name);
        var (width, height) = CheckSize(codec, name);
        if (codec.EncodedFormat == SKEncodedImageFormat.Png && data.Length * DeflateMaxRatio < (long)height * (1 + ((width + 7L) / 8)))
        {
            var problem = string.Create(CultureInfo.InvariantCulture, $"the file's {data.Length} bytes cannot hold the {width}x{height} pixels its header declares");
            throw new DataFormatException(name, problem, Again, byteOffset: PngSizeOffset);
        }

        ImageTruncation.Check(codec.EncodedFormat, data, name);
        var image = new RgbaImage(width, height);

        // No colour space on the target: Skia then copies samples as stored instead of converting them.
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        SKCodecResult result;
        unsafe
        {
            fixed (byte* pixels = image.Pixels)
            {
                result = codec.GetPixels(info, (IntPtr)pixels);
            }
        }

        return result switch
        {
            SKCodecResult.Success => image,
            SKCodecResult.IncompleteInput => throw new DataFormatException(name, $"the {Format(codec)} data ends before the last row of the picture", "the file is truncated; export or download it again"),
            SKCodecResult.ErrorInInput => throw new DataFormatException(name, $"the {Format(codec)} data is damaged part-way through the picture", Again),
            _ => throw new DataFormatException(name, $"cannot decode the {Format(codec)} image ({result})", "convert the image to PNG"),
        };
    }

    /// <summary>Reads the width and height of the image file at <paramref name="path"/> from its header.</summary>
    public static ImageSize ReadSize(string path)
    {
        var file = ImageIO.OpenRead(path);
        var head = ImageIO.ReadHead(file, ImageSignature.HeadBytes, path);
        file.Position = 0;

        // The codec owns the stream it reads, so the file is closed with it.
        using var codec = Open(file, head, path);
        var (width, height) = CheckSize(codec, path);
        return new ImageSize(width, height);
    }

    /// <summary>Reads the width and height from the image bytes <paramref name="data"/> (the header is enough).</summary>
    public static ImageSize ReadSize(byte[] data, string name)
    {
        using var stream = new SKMemoryStream(data);
        using var codec = Open(stream, data, name);
        var (width, height) = CheckSize(codec, name);
        return new ImageSize(width, height);
    }

    private static SKCodec Open(SKStream stream, ReadOnlySpan<byte> head, string name) =>
        Checked(SKCodec.Create(stream, out _), head, name);

    private static SKCodec Open(Stream stream, ReadOnlySpan<byte> head, string name)
    {
        SKCodec? codec;
        try
        {
            codec = SKCodec.Create(stream, out _);
        }
        catch (IOException e)
        {
            stream.Dispose();
            throw new DataFormatException(name, "cannot read the file: " + e.Message, "check the path exists and is readable", byteOffset: 0, inner: e);
        }

        if (codec is null)
        {
            stream.Dispose();
        }

        return Checked(codec, head, name);
    }

    private static SKCodec Checked(SKCodec? codec, ReadOnlySpan<byte> head, string name)
    {
        var kind = ImageSignature.KindOf(head);
        if (codec is null)
        {
            var problem = kind is null
                ? $"not a PNG, JPEG, WebP, GIF or BMP image: {ImageSignature.Describe(head)}"
                : $"the {kind} header is damaged or the file is cut short";
            throw new DataFormatException(name, problem, kind is null ? "convert the image to PNG" : Again, byteOffset: kind is null ? 0 : null);
        }

        // Skia also reads ICO, WBMP and camera formats; WBMP's header is so loose that stray bytes can pass for one.
        if (codec.EncodedFormat is not (SKEncodedImageFormat.Png or SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Webp or SKEncodedImageFormat.Gif or SKEncodedImageFormat.Bmp))
        {
            var format = codec.EncodedFormat;
            codec.Dispose();
            throw new DataFormatException(name, $"not a PNG, JPEG, WebP, GIF or BMP image: a {format} image, first bytes {Convert.ToHexString(head[..Math.Min(8, head.Length)])}", "convert the image to PNG", byteOffset: 0);
        }

        return codec;
    }

    private static (int Width, int Height) CheckSize(SKCodec codec, string name)
    {
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        var offset = codec.EncodedFormat == SKEncodedImageFormat.Png ? PngSizeOffset : (long?)null;
        if (width <= 0 || height <= 0)
        {
            throw new DataFormatException(name, $"invalid image size {width}x{height}", Again, byteOffset: offset);
        }

        if ((long)width * height > MaxPixels)
        {
            var problem = string.Create(CultureInfo.InvariantCulture, $"image of {width}x{height} pixels is larger than the {MaxPixels / 1_000_000} megapixels this reader accepts");
            throw new DataFormatException(name, problem, "split the sprite or use smaller tiles", byteOffset: offset);
        }

        return (width, height);
    }

    private static string Format(SKCodec codec) => codec.EncodedFormat switch
    {
        SKEncodedImageFormat.Webp => "WebP",
        var f => f.ToString().ToUpperInvariant(),
    };
}
