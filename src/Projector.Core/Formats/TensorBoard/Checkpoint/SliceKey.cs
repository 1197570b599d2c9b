using System.Buffers.Binary;
using System.Text;
using Projector.Core.Formats.TensorBoard.Protos;

namespace Projector.Core.Formats.TensorBoard.Checkpoint;

/// <summary>
/// The index key under which TensorFlow stores one slice of a partitioned variable, as
/// <c>checkpoint::EncodeTensorNameSlice</c> (<c>saved_tensor_slice_util.cc</c>) builds it with
/// <c>strings::OrderedCode</c> (<c>ordered_code.cc</c>): NumIncreasing(0), String(name),
/// NumIncreasing(rank), then SignedNumIncreasing(start) and SignedNumIncreasing(length) per dimension,
/// with length -1 for a dimension the slice covers fully.
/// </summary>
internal static class SliceKey
{
    /// <summary>True for keys that begin like a slice key; tensor names never start with a NUL byte.</summary>
    public static bool IsSliceKey(ReadOnlySpan<byte> key) => key.Length > 0 && key[0] == 0;

    /// <summary>The key of slice <paramref name="slice"/> of tensor <paramref name="name"/>.</summary>
    public static byte[] Encode(string name, TensorSliceProto slice)
    {
        var key = new List<byte>();
        WriteNumIncreasing(key, 0);
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            // 0x00 and 0xff are escaped so that the terminator 0x00 0x01 stays unique.
            switch (b)
            {
                case 0:
                    key.Add(0);
                    key.Add(0xff);
                    break;
                case 0xff:
                    key.Add(0xff);
                    key.Add(0);
                    break;
                default:
                    key.Add(b);
                    break;
            }
        }

        key.Add(0);
        key.Add(1);
        WriteNumIncreasing(key, (ulong)slice.Extent.Count);
        foreach (var e in slice.Extent)
        {
            WriteSignedNumIncreasing(key, e.Start);
            WriteSignedNumIncreasing(key, e.HasLengthCase == TensorSliceProto.Types.Extent.HasLengthOneofCase.Length ? e.Length : -1);
        }

        return [.. key];
    }

    private static void WriteNumIncreasing(List<byte> key, ulong value)
    {
        Span<byte> big = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(big, value);
        var skip = 0;
        while (skip < 8 && big[skip] == 0)
        {
            skip++;
        }

        key.Add((byte)(8 - skip));
        key.AddRange(big[skip..]);
    }

    private static void WriteSignedNumIncreasing(List<byte> key, long value)
    {
        var x = (ulong)(value < 0 ? ~value : value);
        if (x < 64)
        {
            key.Add((byte)(0x80 ^ (byte)value));
            return;
        }

        // The value sign-extended to 10 bytes big-endian; the leading bits of the last `length`
        // bytes are then flipped into the header: the sign bit and one bit per extra byte.
        Span<byte> buf = stackalloc byte[10];
        var sign = value < 0 ? (byte)0xff : (byte)0;
        buf[0] = sign;
        buf[1] = sign;
        BinaryPrimitives.WriteInt64BigEndian(buf[2..], value);
        var bits = 64 - System.Numerics.BitOperations.LeadingZeroCount(x) + 1;
        var length = (bits + 6) / 7;
        var begin = buf[(10 - length)..];
        for (var i = 0; i < length; i++)
        {
            begin[i / 8] ^= (byte)(0x80 >> (i % 8));
        }

        key.AddRange(begin);
    }
}
