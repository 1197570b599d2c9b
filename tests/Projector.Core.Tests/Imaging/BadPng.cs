using System.Buffers.Binary;
using Projector.Core.Imaging;

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
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32.Compute(png.AsSpan(12, 17)));
}
