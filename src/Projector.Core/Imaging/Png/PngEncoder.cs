using System.Buffers.Binary;
using System.IO.Compression;
using Projector.Core.Data;

namespace Projector.Core.Imaging.Png;

/// <summary>
/// Writes <see cref="RgbaImage"/> as 8-bit PNG, hand-written (no image library is available to this project).
/// Picks grayscale, RGB or RGBA by what the pixels need and an adaptive filter per row.
/// </summary>
public static class PngEncoder
{
    private const int IdatChunkSize = 1 << 18;

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
        var colorType = ChooseColorType(image);
        var channels = colorType switch
        {
            0 => 1,
            2 => 3,
            _ => 4,
        };

        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr[4..], image.Height);
        ihdr[8] = 8;
        ihdr[9] = (byte)colorType;
        stream.Write(PngChunkReader.Signature);
        WriteChunk(stream, "IHDR"u8, ihdr);

        using (var compressed = new MemoryStream())
        {
            var level = compression == PngCompression.Optimal ? CompressionLevel.Optimal : CompressionLevel.Fastest;
            using (var zlib = new ZLibStream(compressed, level, leaveOpen: true))
            {
                WriteRows(image, channels, zlib);
            }

            var all = compressed.GetBuffer().AsSpan(0, (int)compressed.Length);
            for (var at = 0; at < all.Length; at += IdatChunkSize)
            {
                WriteChunk(stream, "IDAT"u8, all.Slice(at, Math.Min(IdatChunkSize, all.Length - at)));
            }
        }

        WriteChunk(stream, "IEND"u8, []);
    }

    /// <summary>Writes <paramref name="image"/> to the PNG file <paramref name="path"/> atomically.</summary>
    public static void Save(RgbaImage image, string path, PngCompression compression = PngCompression.Fastest)
    {
        ArgumentNullException.ThrowIfNull(image);
        AtomicFile.Write(path, s => Encode(image, s, compression));
    }

    private static int ChooseColorType(RgbaImage image)
    {
        var gray = true;
        var px = image.Pixels;
        for (var i = 0; i < px.Length; i += 4)
        {
            if (px[i + 3] != 255)
            {
                return 6;
            }

            gray &= px[i] == px[i + 1] && px[i] == px[i + 2];
        }

        return gray ? 0 : 2;
    }

    private static void WriteRows(RgbaImage image, int channels, Stream zlib)
    {
        var rowBytes = image.Width * channels;
        var previous = new byte[rowBytes];
        var current = new byte[rowBytes];

        // One buffer per filter type, each with its filter byte in front, so the winner is written as is.
        var candidates = new byte[5][];
        for (var f = 0; f < 5; f++)
        {
            candidates[f] = new byte[rowBytes + 1];
            candidates[f][0] = (byte)f;
        }

        for (var y = 0; y < image.Height; y++)
        {
            var source = image.Pixels.AsSpan(y * image.Width * 4, image.Width * 4);
            Pack(source, current, channels);
            var best = 0;
            var bestScore = long.MaxValue;
            for (var f = 0; f < 5; f++)
            {
                var score = PngRowFilter.Apply(f, current, previous, channels, candidates[f].AsSpan(1));
                if (score < bestScore)
                {
                    (best, bestScore) = (f, score);
                }
            }

            zlib.Write(candidates[best]);
            (previous, current) = (current, previous);
        }
    }

    private static void Pack(ReadOnlySpan<byte> rgba, Span<byte> row, int channels)
    {
        switch (channels)
        {
            case 4:
                rgba.CopyTo(row);
                break;
            case 3:
                for (int i = 0, o = 0; i < rgba.Length; i += 4, o += 3)
                {
                    row[o] = rgba[i];
                    row[o + 1] = rgba[i + 1];
                    row[o + 2] = rgba[i + 2];
                }

                break;
            default:
                for (int i = 0, o = 0; i < rgba.Length; i += 4, o++)
                {
                    row[o] = rgba[i];
                }

                break;
        }
    }

    private static void WriteChunk(Stream stream, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        stream.Write(word);
        stream.Write(type);
        stream.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Finish(Crc32.Append(Crc32.Append(Crc32.Start, type), data)));
        stream.Write(word);
    }
}
