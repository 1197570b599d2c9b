namespace Projector.Core.Formats.TensorBoard.Checkpoint;

/// <summary>LevelDB's base-128 varints (7 bits a byte, low bits first).</summary>
internal static class Varint
{
    /// <summary>Reads a varint of at most 64 bits at <paramref name="pos"/>; false when truncated or too long.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, ref int pos, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && pos < data.Length; shift += 7)
        {
            var b = data[pos++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads a varint that must fit in 32 bits.</summary>
    public static bool TryRead32(ReadOnlySpan<byte> data, ref int pos, out uint value)
    {
        var ok = TryRead(data, ref pos, out var v) && v <= uint.MaxValue;
        value = (uint)v;
        return ok;
    }

    /// <summary>Appends <paramref name="value"/> to <paramref name="output"/>.</summary>
    public static void Write(List<byte> output, ulong value)
    {
        while (value >= 0x80)
        {
            output.Add((byte)(value | 0x80));
            value >>= 7;
        }

        output.Add((byte)value);
    }
}
