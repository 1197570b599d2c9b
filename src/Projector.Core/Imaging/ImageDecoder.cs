using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
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
    public static RgbaImage Decode(byte[] data, string name) => Decode(data, name, null);

    /// <summary>
    /// Decodes <paramref name="data"/> for a picture that will be shrunk: <paramref name="scaleFor"/> gets the
    /// header's width and height and returns the scale the caller will apply. A JPEG is then decoded at the
    /// smallest of its DCT scales (1/8 to 8/8) at or above that scale, which reads only the low-frequency
    /// coefficients; a 12-megapixel photo bound for a 224 px model input decodes several times faster.
    /// Other formats are decoded whole.
    /// </summary>
    public static RgbaImage Decode(byte[] data, string name, Func<int, int, double>? scaleFor)
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
        if (scaleFor is not null && codec.EncodedFormat == SKEncodedImageFormat.Jpeg)
        {
            (width, height) = Reduced(codec, width, height, scaleFor(width, height));
        }

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
        if (PngSize(head, path) is { } png)
        {
            file.Dispose();
            return png;
        }

        file.Position = 0;

        // The codec owns the stream it reads, so the file is closed with it.
        using var codec = Open(file, head, path);
        var (width, height) = CheckSize(codec, path);
        return new ImageSize(width, height);
    }

    /// <summary>Reads the width and height from the image bytes <paramref name="data"/> (the header is enough).</summary>
    public static ImageSize ReadSize(byte[] data, string name)
    {
        if (PngSize(data, name) is { } png)
        {
            return png;
        }

        using var stream = new SKMemoryStream(data);
        using var codec = Open(stream, data, name);
        var (width, height) = CheckSize(codec, name);
        return new ImageSize(width, height);
    }

    /// <summary>
    /// The size in a PNG's IHDR chunk, which the format puts first at a fixed place; null when
    /// <paramref name="head"/> does not start that way (Skia then reads it and reports what is wrong).
    /// Read here so a file whose pixels are cut off or not yet written still tells its size, as a sprite plan needs.
    /// </summary>
    private static ImageSize? PngSize(ReadOnlySpan<byte> head, string name)
    {
        if (!ImageSignature.IsPng(head) || head.Length < 33 || !head[12..16].SequenceEqual("IHDR"u8))
        {
            return null;
        }

        if (Crc32.HashToUInt32(head[12..29]) != BinaryPrimitives.ReadUInt32BigEndian(head[29..]))
        {
            throw new DataFormatException(name, "the PNG header is damaged (its IHDR checksum does not match)", Again, byteOffset: 29);
        }

        var (width, height) = CheckSize(BinaryPrimitives.ReadUInt32BigEndian(head[16..]), BinaryPrimitives.ReadUInt32BigEndian(head[20..]), name, PngSizeOffset);
        return new ImageSize(width, height);
    }

    private static (int Width, int Height) Reduced(SKCodec codec, int width, int height, double scale)
    {
        if (!(scale < 1))
        {
            return (width, height);
        }

        // Skia rounds the scale up to the next eighth; the check keeps the result from falling below the target.
        var size = codec.GetScaledDimensions((float)scale);
        return size.Width >= Math.Ceiling(width * scale) && size.Height >= Math.Ceiling(height * scale) && size.Width > 0 && size.Height > 0
            ? (size.Width, size.Height)
            : (width, height);
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

    private static (int Width, int Height) CheckSize(SKCodec codec, string name) =>
        CheckSize(codec.Info.Width, codec.Info.Height, name, codec.EncodedFormat == SKEncodedImageFormat.Png ? PngSizeOffset : null);

    private static (int Width, int Height) CheckSize(long width, long height, string name, long? offset)
    {
        if (width <= 0 || height <= 0 || width > int.MaxValue || height > int.MaxValue)
        {
            throw new DataFormatException(name, $"invalid image size {width}x{height}", Again, byteOffset: offset);
        }

        if (width * height > MaxPixels)
        {
            var problem = string.Create(CultureInfo.InvariantCulture, $"image of {width}x{height} pixels is larger than the {MaxPixels / 1_000_000} megapixels this reader accepts");
            throw new DataFormatException(name, problem, "split the sprite or use smaller tiles", byteOffset: offset);
        }

        return ((int)width, (int)height);
    }

    private static string Format(SKCodec codec) => codec.EncodedFormat switch
    {
        SKEncodedImageFormat.Webp => "WebP",
        var f => f.ToString().ToUpperInvariant(),
    };
}
