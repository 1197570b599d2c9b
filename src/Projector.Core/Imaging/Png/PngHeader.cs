using System.Buffers.Binary;

namespace Projector.Core.Imaging.Png;

/// <summary>The validated IHDR fields of a PNG file.</summary>
internal sealed record PngHeader(int Width, int Height, int BitDepth, int ColorType, bool Interlaced)
{
    /// <summary>
    /// The largest pixel count decoded (2^27, about 11585 x 11585, 512 MB as RGBA): enough to re-tile any
    /// sprite sheet a page could show, while a small compressed file that declares 16384 x 16384 (a
    /// decompression bomb) is refused before anything is allocated.
    /// </summary>
    public const long MaxPixels = 1L << 27;

    /// <summary>Samples per pixel.</summary>
    public int Channels => ColorType switch
    {
        0 => 1,
        2 => 3,
        3 => 1,
        4 => 2,
        _ => 4,
    };

    /// <summary>Bits per pixel.</summary>
    public int BitsPerPixel => Channels * BitDepth;

    /// <summary>The byte distance filters look back (at least one byte, even for sub-byte pixels).</summary>
    public int FilterStride => Math.Max(1, BitsPerPixel / 8);

    /// <summary>Bytes of one unfiltered row of <paramref name="width"/> pixels.</summary>
    public int RowBytes(int width) => (int)((((long)width * BitsPerPixel) + 7) / 8);

    /// <summary>Parses and checks the 13 IHDR bytes found at <paramref name="offset"/> in <paramref name="name"/>.</summary>
    public static PngHeader Parse(ReadOnlySpan<byte> ihdr, string name, long offset)
    {
        const string Resave = "re-save the image as an ordinary PNG";
        if (ihdr.Length != 13)
        {
            throw new DataFormatException(name, $"IHDR chunk has {ihdr.Length} bytes, 13 expected", Resave, byteOffset: offset);
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(ihdr);
        var height = BinaryPrimitives.ReadUInt32BigEndian(ihdr[4..]);
        int bitDepth = ihdr[8], colorType = ihdr[9];
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
        {
            throw new DataFormatException(name, $"invalid image size {width}x{height}", Resave, byteOffset: offset);
        }

        if ((long)width * height > MaxPixels)
        {
            throw new DataFormatException(name, $"image of {width}x{height} pixels is larger than the {MaxPixels / 1_000_000} megapixels this reader accepts", "split the sprite or use smaller tiles", byteOffset: offset);
        }

        var legalDepth = colorType switch
        {
            0 => bitDepth is 1 or 2 or 4 or 8 or 16,
            3 => bitDepth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => bitDepth is 8 or 16,
            _ => throw new DataFormatException(name, $"unknown colour type {colorType}", Resave, byteOffset: offset + 9),
        };
        if (!legalDepth)
        {
            throw new DataFormatException(name, $"bit depth {bitDepth} is not allowed with colour type {colorType}", Resave, byteOffset: offset + 8);
        }

        if (ihdr[10] != 0 || ihdr[11] != 0)
        {
            throw new DataFormatException(name, $"unknown compression method {ihdr[10]} or filter method {ihdr[11]}", Resave, byteOffset: offset + 10);
        }

        if (ihdr[12] > 1)
        {
            throw new DataFormatException(name, $"unknown interlace method {ihdr[12]}", Resave, byteOffset: offset + 12);
        }

        var header = new PngHeader((int)width, (int)height, bitDepth, colorType, ihdr[12] == 1);
        if ((((long)width * header.BitsPerPixel) + 7) / 8 >= Array.MaxLength)
        {
            throw new DataFormatException(name, $"rows of {width} pixels at {header.BitsPerPixel} bits are too long to decode", "split the sprite or use smaller tiles", byteOffset: offset);
        }

        return header;
    }
}
