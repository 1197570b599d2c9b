using System.Numerics;

namespace Projector.Core.Imaging.Png;

/// <summary>The encoder's side of the PNG row filters, scored for the adaptive choice.</summary>
internal static class PngRowFilter
{
    /// <summary>
    /// Filters <paramref name="row"/> with filter <paramref name="filter"/> into <paramref name="output"/> and returns
    /// the sum of the filtered bytes read as signed values: the minimum-sum heuristic the PNG specification suggests.
    /// </summary>
    /// <remarks>One loop per filter rather than a switch per byte: this is the encoder's hot path.</remarks>
    public static long Apply(int filter, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int stride, Span<byte> output)
    {
        var n = row.Length;
        output = output[..n];
        previous = previous[..n];
        switch (filter)
        {
            case 0:
                row.CopyTo(output);
                break;
            case 1:
                row[..stride].CopyTo(output);
                Subtract(row[stride..], row, output[stride..]);

                break;
            case 2:
                Subtract(row, previous, output);

                break;
            case 3:
                for (var i = 0; i < stride; i++)
                {
                    output[i] = (byte)(row[i] - (previous[i] >> 1));
                }

                var v = stride;
                for (; v + Vector<byte>.Count <= n; v += Vector<byte>.Count)
                {
                    // Floor average without widening: (a & b) + ((a ^ b) >> 1).
                    var a = new Vector<byte>(row[(v - stride)..]);
                    var b = new Vector<byte>(previous[v..]);
                    (new Vector<byte>(row[v..]) - ((a & b) + Vector.ShiftRightLogical(a ^ b, 1))).CopyTo(output[v..]);
                }

                for (var i = v; i < n; i++)
                {
                    output[i] = (byte)(row[i] - ((row[i - stride] + previous[i]) >> 1));
                }

                break;
            default:
                for (var i = 0; i < stride; i++)
                {
                    output[i] = (byte)(row[i] - previous[i]);
                }

                for (var i = stride; i < n; i++)
                {
                    output[i] = (byte)(row[i] - PngPixelDecoder.Paeth(row[i - stride], previous[i], previous[i - stride]));
                }

                break;
        }

        return Score(output);
    }

    /// <summary>output = left - right, byte-wise with wrap-around.</summary>
    private static void Subtract(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> output)
    {
        var i = 0;
        for (; i + Vector<byte>.Count <= left.Length; i += Vector<byte>.Count)
        {
            (new Vector<byte>(left[i..]) - new Vector<byte>(right[i..])).CopyTo(output[i..]);
        }

        for (; i < left.Length; i++)
        {
            output[i] = (byte)(left[i] - right[i]);
        }
    }

    private static long Score(ReadOnlySpan<byte> filtered)
    {
        long score = 0;
        var i = 0;
        for (; i + Vector<byte>.Count <= filtered.Length; i += Vector<byte>.Count)
        {
            // |(sbyte)x| read back as a byte is right even for -128, which wraps to 128.
            var magnitude = Vector.AsVectorByte(Vector.Abs(Vector.AsVectorSByte(new Vector<byte>(filtered[i..]))));
            Vector.Widen(magnitude, out var low, out var high);
            score += Vector.Sum(low + high);
        }

        for (; i < filtered.Length; i++)
        {
            var v = filtered[i];
            score += (sbyte)v >= 0 ? v : 256 - v;
        }

        return score;
    }
}
