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
                for (var i = stride; i < n; i++)
                {
                    output[i] = (byte)(row[i] - row[i - stride]);
                }

                break;
            case 2:
                for (var i = 0; i < n; i++)
                {
                    output[i] = (byte)(row[i] - previous[i]);
                }

                break;
            case 3:
                for (var i = 0; i < stride; i++)
                {
                    output[i] = (byte)(row[i] - (previous[i] >> 1));
                }

                for (var i = stride; i < n; i++)
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

    private static long Score(ReadOnlySpan<byte> filtered)
    {
        long score = 0;
        foreach (var v in filtered)
        {
            score += (sbyte)v >= 0 ? v : 256 - v;
        }

        return score;
    }
}
