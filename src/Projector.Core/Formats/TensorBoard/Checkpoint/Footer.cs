using System.Buffers.Binary;

namespace Projector.Core.Formats.TensorBoard.Checkpoint;

/// <summary>The 48 bytes at the end of a LevelDB table: metaindex and index handles, padding, magic.</summary>
internal readonly record struct Footer(BlockHandle MetaIndex, BlockHandle Index)
{
    /// <summary>Size of the footer in bytes.</summary>
    public const int Length = (2 * BlockHandle.MaxEncodedLength) + 8;

    /// <summary>LevelDB's table magic number, stored little-endian in the last 8 bytes.</summary>
    public const ulong Magic = 0xdb4775248b80fb57UL;

    /// <summary>True when the last 8 bytes of <paramref name="tail"/> are the table magic.</summary>
    public static bool HasMagic(ReadOnlySpan<byte> tail) =>
        tail.Length >= 8 && BinaryPrimitives.ReadUInt64LittleEndian(tail[^8..]) == Magic;

    /// <summary>Decodes the handles of a footer whose magic was checked; false when they are garbled.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> footer, out Footer result)
    {
        var pos = 0;
        var ok = BlockHandle.TryDecode(footer, ref pos, out var meta) & BlockHandle.TryDecode(footer, ref pos, out var index);
        result = new Footer(meta, index);
        return ok && pos <= 2 * BlockHandle.MaxEncodedLength;
    }

    /// <summary>The 48 footer bytes.</summary>
    public byte[] Encode()
    {
        var bytes = new List<byte>(Length);
        MetaIndex.Encode(bytes);
        Index.Encode(bytes);
        while (bytes.Count < 2 * BlockHandle.MaxEncodedLength)
        {
            bytes.Add(0);
        }

        var result = new byte[Length];
        bytes.CopyTo(result);
        BinaryPrimitives.WriteUInt64LittleEndian(result.AsSpan(Length - 8), Magic);
        return result;
    }
}
