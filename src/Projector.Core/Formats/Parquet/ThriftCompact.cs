namespace Projector.Core.Formats.Parquet;

/// <summary>
/// Walks a Thrift compact-protocol struct without decoding it, checking that every length and count it
/// carries fits in the bytes that follow. Parquet.Net allocates a binary field or list by its length before
/// reading it, so a damaged length in a footer or page header would cost gigabytes of a few-KB file.
/// </summary>
internal static class ThriftCompact
{
    private const int MaxDepth = 64;

    /// <summary>The encoded length of the struct at the start of <paramref name="data"/>, or -1 when it does not fit in it.</summary>
    public static int StructLength(ReadOnlySpan<byte> data)
    {
        var pos = 0;
        return SkipStruct(data, ref pos, 0) ? pos : -1;
    }

    private static bool SkipStruct(ReadOnlySpan<byte> data, ref int pos, int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        while (pos < data.Length)
        {
            var b = data[pos++];
            if (b == 0)
            {
                return true;
            }

            // A zero delta means the field id follows as a varint.
            if (b >> 4 == 0 && !Varint(data, ref pos, out _))
            {
                return false;
            }

            if (!SkipValue(data, ref pos, b & 0x0F, depth, inField: true))
            {
                return false;
            }
        }

        return false;
    }

    private static bool SkipValue(ReadOnlySpan<byte> data, ref int pos, int type, int depth, bool inField)
    {
        switch (type)
        {
            case 1 or 2:
                // A boolean field keeps its value in its type; in a list it takes a byte.
                return inField || ++pos <= data.Length;
            case 3:
                return ++pos <= data.Length;
            case 4 or 5 or 6:
                return Varint(data, ref pos, out _);
            case 7:
                pos += 8;
                return pos <= data.Length;
            case 8:
                if (!Varint(data, ref pos, out var length) || length > (ulong)(data.Length - pos))
                {
                    return false;
                }

                pos += (int)length;
                return true;
            case 9 or 10:
                if (pos >= data.Length)
                {
                    return false;
                }

                var head = data[pos++];
                var size = (ulong)(head >> 4);
                if ((size == 15 && !Varint(data, ref pos, out size)) || size > (ulong)(data.Length - pos))
                {
                    return false;
                }

                for (var i = 0UL; i < size; i++)
                {
                    if (!SkipValue(data, ref pos, head & 0x0F, depth + 1, inField: false))
                    {
                        return false;
                    }
                }

                return true;
            case 11:
                if (!Varint(data, ref pos, out var pairs))
                {
                    return false;
                }

                if (pairs == 0)
                {
                    return true;
                }

                if (pos >= data.Length || pairs > (ulong)(data.Length - pos))
                {
                    return false;
                }

                var kinds = data[pos++];
                for (var i = 0UL; i < pairs; i++)
                {
                    if (!SkipValue(data, ref pos, kinds >> 4, depth + 1, inField: false) || !SkipValue(data, ref pos, kinds & 0x0F, depth + 1, inField: false))
                    {
                        return false;
                    }
                }

                return true;
            case 12:
                return SkipStruct(data, ref pos, depth + 1);
            default:
                return false;
        }
    }

    private static bool Varint(ReadOnlySpan<byte> data, ref int pos, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && pos < data.Length; shift += 7)
        {
            var b = data[pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }
}
