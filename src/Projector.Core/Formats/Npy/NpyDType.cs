using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Projector.Core.Formats.Npy;

/// <summary>A NumPy element type we can turn into float32: floats of 2, 4 or 8 bytes and integers of 1 to 8 bytes.</summary>
internal sealed record NpyDType(char Kind, int Size, bool BigEndian)
{
    /// <summary>The dtype name NumPy users know (<c>float32</c>, <c>int16</c>, ...).</summary>
    public string Name => Kind switch
    {
        'f' => $"float{Size * 8}",
        'i' => $"int{Size * 8}",
        _ => $"uint{Size * 8}",
    };

    /// <summary>True when the bytes are already what a memory-mapped matrix needs.</summary>
    public bool IsNativeFloat32 => Kind == 'f' && Size == 4 && BigEndian == !BitConverter.IsLittleEndian;

    /// <summary>Parses a descr such as <c>&lt;f4</c>; null when it is not a type we support.</summary>
    public static NpyDType? TryParse(string descr)
    {
        if (descr.Length < 3)
        {
            return null;
        }

        var order = descr[0];
        var kind = descr[1];
        if (!int.TryParse(descr.AsSpan(2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size))
        {
            return null;
        }

        var valid = kind switch
        {
            'f' => size is 2 or 4 or 8,
            'i' or 'u' => size is 1 or 2 or 4 or 8,
            _ => false,
        };
        if (!valid)
        {
            return null;
        }

        // '|' means "byte order does not apply", which NumPy only writes for one-byte types.
        var big = order switch
        {
            '<' => (bool?)false,
            '>' => true,
            '=' => !BitConverter.IsLittleEndian,
            '|' when size == 1 => false,
            _ => null,
        };
        return big is { } b ? new NpyDType(kind, size, size > 1 && b) : null;
    }

    /// <summary>Converts whole elements of this type in <paramref name="source"/> into <paramref name="target"/>.</summary>
    public void Convert(ReadOnlySpan<byte> source, Span<float> target)
    {
        var n = source.Length / Size;
        switch (Kind, Size)
        {
            case ('f', 4) when !BigEndian:
                MemoryMarshal.Cast<byte, float>(source[..(n * 4)]).CopyTo(target);
                break;
            case ('f', 4):
                for (var i = 0; i < n; i++)
                {
                    target[i] = BinaryPrimitives.ReadSingleBigEndian(source[(i * 4)..]);
                }

                break;
            case ('f', 8):
                for (var i = 0; i < n; i++)
                {
                    var s = source[(i * 8)..];
                    target[i] = (float)(BigEndian ? BinaryPrimitives.ReadDoubleBigEndian(s) : BinaryPrimitives.ReadDoubleLittleEndian(s));
                }

                break;
            case ('f', 2):
                for (var i = 0; i < n; i++)
                {
                    var s = source[(i * 2)..];
                    target[i] = (float)(BigEndian ? BinaryPrimitives.ReadHalfBigEndian(s) : BinaryPrimitives.ReadHalfLittleEndian(s));
                }

                break;
            default:
                for (var i = 0; i < n; i++)
                {
                    target[i] = ReadInteger(source.Slice(i * Size, Size));
                }

                break;
        }
    }

    private float ReadInteger(ReadOnlySpan<byte> s) => (Kind, Size) switch
    {
        ('i', 1) => (sbyte)s[0],
        ('u', 1) => s[0],
        ('i', 2) => BigEndian ? BinaryPrimitives.ReadInt16BigEndian(s) : BinaryPrimitives.ReadInt16LittleEndian(s),
        ('u', 2) => BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s),
        ('i', 4) => BigEndian ? BinaryPrimitives.ReadInt32BigEndian(s) : BinaryPrimitives.ReadInt32LittleEndian(s),
        ('u', 4) => BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s),
        ('i', 8) => BigEndian ? BinaryPrimitives.ReadInt64BigEndian(s) : BinaryPrimitives.ReadInt64LittleEndian(s),
        _ => BigEndian ? BinaryPrimitives.ReadUInt64BigEndian(s) : BinaryPrimitives.ReadUInt64LittleEndian(s),
    };
}
