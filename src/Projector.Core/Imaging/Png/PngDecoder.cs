using Projector.Core.Data;

namespace Projector.Core.Imaging.Png;

/// <summary>
/// Reads PNG files into <see cref="RgbaImage"/>: every colour type, bit depth, filter and Adam7 interlacing.
/// Hand-written (no image library is available to this project); zlib data is inflated by
/// <see cref="System.IO.Compression.ZLibStream"/>. Every problem with the input is a <see cref="DataFormatException"/>.
/// </summary>
public static class PngDecoder
{
    private const string Resave = "re-save the image as an ordinary PNG";

    /// <summary>True when <paramref name="data"/> starts with the PNG signature.</summary>
    public static bool HasSignature(ReadOnlySpan<byte> data) => data.StartsWith(PngChunkReader.Signature);

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
        var reader = new PngChunkReader(data, displayName);
        var header = ReadHeader(reader, data, displayName);
        byte[]? palette = null;
        byte[]? transparency = null;
        var idat = new List<PngChunk>();
        var sawEnd = false;
        while (!sawEnd && reader.Next() is { } chunk)
        {
            var body = data.AsSpan(chunk.Offset, chunk.Length);
            switch (chunk.Type)
            {
                case "IHDR":
                    throw new DataFormatException(displayName, "second IHDR chunk", Resave, byteOffset: chunk.Offset - 8);
                case "PLTE":
                    if (chunk.Length == 0 || chunk.Length % 3 != 0 || chunk.Length > 768)
                    {
                        throw new DataFormatException(displayName, $"PLTE chunk of {chunk.Length} bytes (must be 3 to 768, a multiple of 3)", Resave, byteOffset: chunk.Offset - 8);
                    }

                    palette = body.ToArray();
                    break;
                case "tRNS":
                    transparency = body.ToArray();
                    CheckTransparency(header, palette, chunk, displayName);
                    break;
                case "IDAT":
                    idat.Add(chunk);
                    break;
                case "IEND":
                    sawEnd = true;
                    break;
                default:
                    if (char.IsAsciiLetterUpper(chunk.Type[0]))
                    {
                        throw new DataFormatException(displayName, $"unsupported critical chunk {chunk.Type}", Resave, byteOffset: chunk.Offset - 8);
                    }

                    break;
            }
        }

        if (!sawEnd)
        {
            throw new DataFormatException(displayName, "file ends before the IEND chunk", "the file is truncated; export or download it again", byteOffset: data.Length);
        }

        if (idat.Count == 0)
        {
            throw new DataFormatException(displayName, "no IDAT chunk (the file holds no pixels)", Resave, byteOffset: reader.Position);
        }

        if (header.ColorType == 3 && palette is null)
        {
            throw new DataFormatException(displayName, "palette image without a PLTE chunk", Resave, byteOffset: idat[0].Offset - 8);
        }

        return PngPixelDecoder.Decode(data, displayName, header, new PngRowConverter(header, palette, transparency), idat);
    }

    /// <summary>Reads only the width and height of the PNG file at <paramref name="path"/> (the first 33 bytes).</summary>
    public static ImageSize ReadSize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ReadSize(ImageIO.ReadHead(path, 33), path);
    }

    /// <summary>Reads only the width and height from the start of a PNG file.</summary>
    public static ImageSize ReadSize(byte[] head, string displayName)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(displayName);
        var reader = new PngChunkReader(head, displayName);
        var header = ReadHeader(reader, head, displayName);
        return new ImageSize(header.Width, header.Height);
    }

    private static PngHeader ReadHeader(PngChunkReader reader, byte[] data, string name)
    {
        var first = reader.Next();
        if (first is not { Type: "IHDR" } ihdr)
        {
            var found = first is { } f ? $"chunk {f.Type}" : "the end of the file";
            throw new DataFormatException(name, $"expected the IHDR chunk first but found {found}", Resave, byteOffset: 8);
        }

        return PngHeader.Parse(data.AsSpan(ihdr.Offset, ihdr.Length), name, ihdr.Offset);
    }

    private static void CheckTransparency(PngHeader header, byte[]? palette, PngChunk chunk, string name)
    {
        var ok = header.ColorType switch
        {
            0 => chunk.Length == 2,
            2 => chunk.Length == 6,
            3 => palette is not null && chunk.Length <= palette.Length / 3,
            _ => false,
        };
        if (!ok)
        {
            throw new DataFormatException(name, $"tRNS chunk of {chunk.Length} bytes does not fit colour type {header.ColorType}", Resave, byteOffset: chunk.Offset - 8);
        }
    }
}
