using System.Buffers.Binary;
using SkiaSharp;

namespace Projector.Core.Imaging;

/// <summary>
/// Catches cut files that Skia's decoders would still turn into a picture. A baseline JPEG or a PNG cut
/// short is reported by the codec, but a progressive JPEG that loses its last scans decodes "successfully"
/// to a blurred or blotched picture (libjpeg only warns), and libwebp fills a lossy WebP's missing tail
/// with what zero bits decode to. Both formats say where they end, so that is checked before decoding.
/// </summary>
internal static class ImageTruncation
{
    private const string Hint = "the file is truncated; export or download it again";

    /// <summary>Throws when <paramref name="data"/> (a <paramref name="format"/> file) ends before its format says it does.</summary>
    public static void Check(SKEncodedImageFormat format, ReadOnlySpan<byte> data, string name)
    {
        if (format == SKEncodedImageFormat.Jpeg && !JpegReachesItsEnd(data))
        {
            throw new DataFormatException(name, "the JPEG data ends before its end-of-image marker", Hint);
        }

        // RIFF's size field counts the bytes after its first 8.
        if (format == SKEncodedImageFormat.Webp && data.Length >= 8 && BinaryPrimitives.ReadUInt32LittleEndian(data[4..]) + 8L > data.Length)
        {
            var declared = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]) + 8L;
            throw new DataFormatException(name, $"the file has {data.Length} bytes but its RIFF header declares {declared}", Hint, byteOffset: 4);
        }
    }

    /// <summary>True when an end-of-image marker (FF D9) follows the first scan of the JPEG <paramref name="data"/>.</summary>
    private static bool JpegReachesItsEnd(ReadOnlySpan<byte> data)
    {
        // Walk the marker segments to the first start-of-scan: an EXIF thumbnail inside APP1 has its own
        // end marker, which must not count. After it, FF D9 cannot occur inside entropy-coded data (a data
        // byte FF is always followed by 00), so any FF D9 is the file's end marker.
        var pos = 2;
        while (pos + 4 <= data.Length)
        {
            if (data[pos] != 0xFF)
            {
                return false;
            }

            var marker = data[pos + 1];
            if (marker == 0xFF)
            {
                pos++;
            }
            else if (marker == 0xDA)
            {
                return data[pos..].IndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]) >= 0;
            }
            else if (marker is 0x01 or (>= 0xD0 and <= 0xD9))
            {
                pos += 2;
            }
            else
            {
                pos += 2 + BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 2)..]);
            }
        }

        return false;
    }
}
