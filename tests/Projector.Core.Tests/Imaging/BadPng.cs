using System.Buffers.Binary;
using System.IO.Hashing;

namespace Projector.Core.Tests.Imaging;

/// <summary>Helpers that damage PNG bytes in specific ways (keeping CRCs right unless the point is a bad CRC).</summary>
internal static class BadPng
{
    /// <summary>Rewrites IHDR's size and fixes its CRC.</summary>
    public static void SetHeader(byte[] png, uint width, uint height)
    {
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), height);
        FixIhdrCrc(png);
    }

    /// <summary>Recomputes the CRC of the IHDR chunk after an edit.</summary>
    public static void FixIhdrCrc(byte[] png) =>
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32.HashToUInt32(png.AsSpan(12, 17)));

    /// <summary>Recomputes the CRC of every whole chunk.</summary>
    public static void FixAllCrcs(byte[] png)
    {
        var pos = 8;
        while (pos + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos));
            if (length > png.Length - pos - 12)
            {
                return;
            }

            var crc = Crc32.HashToUInt32(png.AsSpan(pos + 4, 4 + (int)length));
            BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(pos + 8 + (int)length), crc);
            pos += 12 + (int)length;
        }
    }

    /// <summary>The byte offset of the first chunk of <paramref name="type"/> (its length field), or -1.</summary>
    public static int Find(byte[] png, string type)
    {
        var pos = 8;
        while (pos + 8 <= png.Length)
        {
            if (png.AsSpan(pos + 4, 4).SequenceEqual(System.Text.Encoding.ASCII.GetBytes(type)))
            {
                return pos;
            }

            pos += 12 + (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos));
        }

        return -1;
    }
}
