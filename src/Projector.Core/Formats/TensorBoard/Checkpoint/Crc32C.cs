using System.Buffers.Binary;
using System.Runtime.Intrinsics.X86;

namespace Projector.Core.Formats.TensorBoard.Checkpoint;

/// <summary>
/// CRC-32C (Castagnoli), the checksum of LevelDB blocks and of tensor bytes in TensorFlow checkpoints.
/// Hand-written because the project references no hashing package; SSE4.2 does 8 bytes per
/// instruction, the table covers other machines.
/// </summary>
internal static class Crc32C
{
    private const uint Polynomial = 0x82F63B78u;
    private const uint MaskDelta = 0xa282ead8u;

    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC-32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Extend(0, data);

    /// <summary>Continues <paramref name="crc"/> (a finished CRC of earlier bytes) over <paramref name="data"/>.</summary>
    public static uint Extend(uint crc, ReadOnlySpan<byte> data)
    {
        var c = ~crc;
        if (Sse42.X64.IsSupported)
        {
            ulong c64 = c;
            while (data.Length >= 8)
            {
                c64 = Sse42.X64.Crc32(c64, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }

            c = (uint)c64;
        }

        foreach (var b in data)
        {
            c = Table[(c ^ b) & 0xff] ^ (c >> 8);
        }

        return ~c;
    }

    /// <summary>
    /// LevelDB and TensorFlow store CRCs masked, because a CRC of bytes that themselves contain
    /// CRCs is weak.
    /// </summary>
    public static uint Mask(uint crc) => ((crc >> 15) | (crc << 17)) + MaskDelta;

    /// <summary>The inverse of <see cref="Mask"/>.</summary>
    public static uint Unmask(uint masked)
    {
        var rot = masked - MaskDelta;
        return (rot >> 17) | (rot << 15);
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? (c >> 1) ^ Polynomial : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
