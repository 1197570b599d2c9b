using System.Buffers.Binary;
using Projector.Core.Data;

namespace Projector.Core.Imaging.Jpeg;

/// <summary>
/// Reads JPEG files into <see cref="RgbaImage"/> through the system's libturbojpeg (no managed image library is
/// available to this project, and a JPEG decoder is too large to hand-write here). Reading only the size needs
/// no native library: the frame header is found by walking the JPEG markers.
/// </summary>
internal static class JpegDecoder
{
    /// <summary>What to tell the user when libturbojpeg is missing.</summary>
    public const string InstallHint = "install libturbojpeg0 (apt-get install libturbojpeg0)";

    /// <summary>True when libturbojpeg could be loaded, i.e. <see cref="Decode(byte[], string)"/> can work.</summary>
    public static bool IsAvailable => TurboJpeg.Instance is not null;

    /// <summary>True when <paramref name="data"/> starts like a JPEG file (SOI marker then another marker).</summary>
    public static bool HasSignature(ReadOnlySpan<byte> data) => data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF;

    /// <summary>Decodes the JPEG file at <paramref name="path"/>.</summary>
    public static RgbaImage Decode(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Decode(ImageIO.ReadAll(path), path);
    }

    /// <summary>Decodes a JPEG read from <paramref name="stream"/>; <paramref name="displayName"/> names it in errors.</summary>
    public static RgbaImage Decode(Stream stream, string displayName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(displayName);
        return Decode(ImageIO.ReadAll(stream, displayName), displayName);
    }

    /// <summary>Decodes the JPEG bytes <paramref name="data"/>; <paramref name="displayName"/> names them in errors.</summary>
    public static unsafe RgbaImage Decode(byte[] data, string displayName)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(displayName);
        CheckSignature(data, displayName);
        var tj = TurboJpeg.Instance ?? throw LibraryMissing(displayName);
        var handle = tj.InitDecompress();
        if (handle == IntPtr.Zero)
        {
            throw new DataFormatException(displayName, "cannot decode JPEG: tjInitDecompress failed", InstallHint, byteOffset: 0);
        }

        try
        {
            int width, height, subsampling, colorspace;
            fixed (byte* source = data)
            {
                if (tj.DecompressHeader3(handle, source, (nuint)data.Length, &width, &height, &subsampling, &colorspace) != 0)
                {
                    throw new DataFormatException(displayName, "invalid JPEG header: " + tj.ErrorText(handle), "export the image again", byteOffset: 0);
                }

                CheckSize(width, height, displayName);
                var image = new RgbaImage(width, height);
                fixed (byte* target = image.Pixels)
                {
                    if (tj.Decompress2(handle, source, (nuint)data.Length, target, width, width * 4, height, TurboJpeg.PixelFormatRgba, 0) != 0)
                    {
                        throw new DataFormatException(displayName, "cannot decode JPEG: " + tj.ErrorText(handle), "the file is damaged or truncated; export it again", byteOffset: 0);
                    }
                }

                return image;
            }
        }
        finally
        {
            tj.Destroy(handle);
        }
    }

    /// <summary>Reads the width and height of the JPEG file at <paramref name="path"/> without decoding it.</summary>
    public static ImageSize ReadSize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var head = ImageIO.ReadHead(path, 1 << 16);
        try
        {
            return ReadSize(head, path);
        }
        catch (DataFormatException) when (head.Length == 1 << 16)
        {
            // Large EXIF or ICC segments can push the frame header past the first 64 KiB.
            return ReadSize(ImageIO.ReadAll(path), path);
        }
    }

    /// <summary>Reads the width and height from the start of a JPEG file by walking its markers to the frame header.</summary>
    public static ImageSize ReadSize(byte[] data, string displayName)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(displayName);
        CheckSignature(data, displayName);
        var pos = 2;
        while (pos + 4 <= data.Length)
        {
            if (data[pos] != 0xFF)
            {
                throw new DataFormatException(displayName, $"expected a JPEG marker, found byte 0x{data[pos]:X2}", "the file is damaged; export it again", byteOffset: pos);
            }

            var marker = data[pos + 1];
            if (marker == 0xFF)
            {
                pos++;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(pos + 2));
            var isFrame = marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC);
            if (isFrame && pos + 9 <= data.Length)
            {
                int height = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(pos + 5)), width = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(pos + 7));
                CheckSize(width, height, displayName, pos);
                return new ImageSize(width, height);
            }

            if (marker is 0xD9 or 0xDA)
            {
                break;
            }

            pos += 2 + length;
        }

        throw new DataFormatException(displayName, "no JPEG frame header (SOF) found", "the file is truncated or damaged; export it again", byteOffset: Math.Min(pos, data.Length));
    }

    /// <summary>The error for a JPEG that cannot be decoded because libturbojpeg is not installed.</summary>
    internal static DataFormatException LibraryMissing(string name) =>
        new(name, "cannot decode JPEG: libturbojpeg (libturbojpeg.so.0) is not installed", InstallHint, byteOffset: 0);

    private static void CheckSignature(byte[] data, string name)
    {
        if (!HasSignature(data))
        {
            var problem = data.Length == 0 ? "the file is empty" : "not a JPEG file (it does not start with FF D8 FF)";
            throw new DataFormatException(name, problem, "check the file is really a JPEG", byteOffset: 0);
        }
    }

    private static void CheckSize(int width, int height, string name, long offset = 0)
    {
        if (width <= 0 || height <= 0)
        {
            throw new DataFormatException(name, $"invalid JPEG size {width}x{height}", "export the image again", byteOffset: offset);
        }

        if ((long)width * height > Png.PngHeader.MaxPixels)
        {
            throw new DataFormatException(name, $"image of {width}x{height} pixels is larger than the {Png.PngHeader.MaxPixels / 1_000_000} megapixels this reader accepts", "split the sprite or use smaller tiles", byteOffset: offset);
        }
    }
}
