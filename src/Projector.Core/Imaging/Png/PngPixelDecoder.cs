using System.IO.Compression;
using Projector.Core.Data;

namespace Projector.Core.Imaging.Png;

/// <summary>
/// Inflates the IDAT data and undoes the row filters, one row at a time so that a large sprite never needs
/// its whole unfiltered data in memory (only the RGBA result).
/// </summary>
internal static class PngPixelDecoder
{
    private const string Damaged = "the image data is damaged or cut short; export the image again";

    // Adam7 passes: first column, first row, column step, row step.
    private static readonly (int X, int Y, int Dx, int Dy)[] Adam7 =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    private static readonly (int X, int Y, int Dx, int Dy)[] Progressive = [(0, 0, 1, 1)];

    /// <summary>Decodes the pixels of the IDAT chunks <paramref name="idat"/> of <paramref name="data"/>.</summary>
    public static RgbaImage Decode(byte[] data, string name, PngHeader header, PngRowConverter converter, List<PngChunk> idat)
    {
        var total = 0L;
        foreach (var c in idat)
        {
            total += c.Length;
        }

        var compressed = new byte[total];
        var at = 0;
        foreach (var c in idat)
        {
            Array.Copy(data, c.Offset, compressed, at, c.Length);
            at += c.Length;
        }

        // Deflate expands at most about 1032:1, so data too short for the image is refused before allocating it.
        var needed = RawLength(header);
        if (needed > (total * 1032) + 1024)
        {
            throw new DataFormatException(name, $"{total} bytes of compressed data cannot hold the {needed} bytes a {header.Width}x{header.Height} image needs", Damaged, byteOffset: idat[0].Offset);
        }

        var image = new RgbaImage(header.Width, header.Height);
        var where = idat[0].Offset;
        var consumed = 0L;
        using var zlib = new ZLibStream(new MemoryStream(compressed, writable: false), CompressionMode.Decompress);
        foreach (var (x0, y0, dx, dy) in header.Interlaced ? Adam7 : Progressive)
        {
            var passWidth = (header.Width - x0 + dx - 1) / dx;
            var passHeight = (header.Height - y0 + dy - 1) / dy;
            if (passWidth <= 0 || passHeight <= 0)
            {
                continue;
            }

            var rowBytes = header.RowBytes(passWidth);
            var previous = new byte[rowBytes + 1];
            var current = new byte[rowBytes + 1];
            for (var y = 0; y < passHeight; y++)
            {
                var n = ReadRow(zlib, current, name, where);
                consumed += n;
                if (n < current.Length)
                {
                    throw new DataFormatException(name, $"decompressed image data ends after {consumed} bytes, before all rows were read", Damaged, byteOffset: where);
                }

                var filter = current[0];
                if (filter > 4)
                {
                    throw new DataFormatException(name, $"row {y} uses unknown filter type {filter} (decompressed byte {consumed - n})", Damaged, byteOffset: where);
                }

                Unfilter(filter, current.AsSpan(1), previous.AsSpan(1), header.FilterStride);
                converter.Write(current.AsSpan(1), image, y0 + (y * dy), x0, dx, passWidth);
                (previous, current) = (current, previous);
            }
        }

        return image;
    }

    /// <summary>The length of the filtered data of all passes, filter bytes included.</summary>
    private static long RawLength(PngHeader header)
    {
        long length = 0;
        foreach (var (x0, y0, dx, dy) in header.Interlaced ? Adam7 : Progressive)
        {
            var passWidth = (header.Width - x0 + dx - 1) / dx;
            var passHeight = (header.Height - y0 + dy - 1) / dy;
            if (passWidth > 0 && passHeight > 0)
            {
                length += (header.RowBytes(passWidth) + 1L) * passHeight;
            }
        }

        return length;
    }

    /// <summary>Reverses one PNG row filter in place; <paramref name="previous"/> is the unfiltered row above (zeros for the first).</summary>
    public static void Unfilter(int filter, Span<byte> row, ReadOnlySpan<byte> previous, int stride)
    {
        switch (filter)
        {
            case 1:
                for (var i = stride; i < row.Length; i++)
                {
                    row[i] += row[i - stride];
                }

                break;
            case 2:
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] += previous[i];
                }

                break;
            case 3:
                for (var i = 0; i < row.Length; i++)
                {
                    var left = i >= stride ? row[i - stride] : 0;
                    row[i] += (byte)((left + previous[i]) >> 1);
                }

                break;
            case 4:
                for (var i = 0; i < row.Length; i++)
                {
                    int a = i >= stride ? row[i - stride] : 0, b = previous[i], c = i >= stride ? previous[i - stride] : 0;
                    row[i] += Paeth(a, b, c);
                }

                break;
            default:
                break;
        }
    }

    /// <summary>The Paeth predictor of the PNG specification.</summary>
    public static byte Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return (byte)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
    }

    private static int ReadRow(Stream zlib, byte[] buffer, string name, long where)
    {
        try
        {
            return zlib.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(name, "compressed image data is corrupt: " + LibraryMessage.Of(e), Damaged, byteOffset: where, inner: e);
        }
    }
}
