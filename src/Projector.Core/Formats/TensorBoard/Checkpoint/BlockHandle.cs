namespace Projector.Core.Formats.TensorBoard.Checkpoint;

/// <summary>Where a block lies in a LevelDB table: offset and size of its contents (without the 5-byte trailer).</summary>
internal readonly record struct BlockHandle(ulong Offset, ulong Size)
{
    /// <summary>The longest encoding: two 10-byte varints.</summary>
    public const int MaxEncodedLength = 20;

    /// <summary>Decodes a handle at <paramref name="pos"/>; false when the bytes are not two varints.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, ref int pos, out BlockHandle handle)
    {
        var ok = Varint.TryRead(data, ref pos, out var offset) & Varint.TryRead(data, ref pos, out var size);
        handle = new BlockHandle(offset, size);
        return ok;
    }

    /// <summary>Appends the encoded handle.</summary>
    public void Encode(List<byte> output)
    {
        Varint.Write(output, Offset);
        Varint.Write(output, Size);
    }
}
