using System.Buffers.Binary;
using System.Globalization;

namespace Projector.Core.Imaging.Png;

/// <summary>Walks the chunks of an in-memory PNG file, checking each chunk's bounds and CRC.</summary>
internal sealed class PngChunkReader
{
    /// <summary>The eight bytes every PNG file starts with.</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private const string Truncated = "the file is truncated or damaged; export or download it again";
    private readonly byte[] _data;
    private readonly string _name;
    private int _position;

    /// <summary>Checks the signature of <paramref name="data"/> and positions on the first chunk.</summary>
    public PngChunkReader(byte[] data, string name)
    {
        _data = data;
        _name = name;
        CheckSignature(data, name);
        _position = Signature.Length;
    }

    /// <summary>Offset of the next chunk (or the end of the file).</summary>
    public int Position => _position;

    /// <summary>Throws unless <paramref name="data"/> starts with the PNG signature.</summary>
    public static void CheckSignature(ReadOnlySpan<byte> data, string name)
    {
        if (data.Length == 0)
        {
            throw new DataFormatException(name, "the file is empty", "export the image again", byteOffset: 0);
        }

        var n = Math.Min(data.Length, Signature.Length);
        for (var i = 0; i < n; i++)
        {
            if (data[i] != Signature[i])
            {
                throw new DataFormatException(name, "not a PNG file (wrong signature)", "check the file is really a PNG and not renamed from another format", byteOffset: i);
            }
        }

        if (n < Signature.Length)
        {
            throw new DataFormatException(name, $"file ends after {n} bytes, inside the PNG signature", Truncated, byteOffset: n);
        }
    }

    /// <summary>The next chunk, or null at the end of the data.</summary>
    public PngChunk? Next()
    {
        var pos = _position;
        var left = _data.Length - pos;
        if (left == 0)
        {
            return null;
        }

        if (left < 12)
        {
            throw new DataFormatException(_name, $"file ends inside a chunk header ({left} bytes left, at least 12 needed)", Truncated, byteOffset: pos);
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(_data.AsSpan(pos));
        var typeBytes = _data.AsSpan(pos + 4, 4);
        foreach (var b in typeBytes)
        {
            if (!char.IsAsciiLetter((char)b))
            {
                throw new DataFormatException(_name, "invalid chunk type (not four ASCII letters)", Truncated, byteOffset: pos + 4);
            }
        }

        var type = System.Text.Encoding.ASCII.GetString(typeBytes);
        if (length > (uint)(left - 12))
        {
            throw new DataFormatException(_name, $"chunk {type} declares {length} bytes but only {left - 12} remain", Truncated, byteOffset: pos);
        }

        var crcOffset = pos + 8 + (int)length;
        var stored = BinaryPrimitives.ReadUInt32BigEndian(_data.AsSpan(crcOffset));
        var actual = Crc32.Compute(_data.AsSpan(pos + 4, 4 + (int)length));
        if (stored != actual)
        {
            var problem = string.Create(CultureInfo.InvariantCulture, $"CRC of chunk {type} is 0x{stored:X8} but its bytes give 0x{actual:X8}");
            throw new DataFormatException(_name, problem, "the file is damaged; export or download it again", byteOffset: crcOffset);
        }

        _position = crcOffset + 4;
        return new PngChunk(type, pos + 8, (int)length);
    }
}
