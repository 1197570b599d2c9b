using System.Text;
using Projector.Core.Formats.Io;

namespace Projector.Core.Formats.Word2Vec;

/// <summary>Splits and parses one <c>word v1 ... vD</c> line of word2vec text, GloVe or fastText without a string per value.</summary>
internal static class VectorLine
{
    /// <summary>Number of space- or tab-separated fields in <paramref name="line"/>.</summary>
    public static int CountFields(ReadOnlySpan<byte> line)
    {
        var count = 0;
        var pos = 0;
        while (NextField(line, ref pos, out _))
        {
            count++;
        }

        return count;
    }

    /// <summary>The next field at or after <paramref name="pos"/>; false when none is left.</summary>
    public static bool NextField(ReadOnlySpan<byte> line, ref int pos, out ReadOnlySpan<byte> field)
    {
        while (pos < line.Length && IsSeparator(line[pos]))
        {
            pos++;
        }

        var start = pos;
        while (pos < line.Length && !IsSeparator(line[pos]))
        {
            pos++;
        }

        field = line[start..pos];
        return pos > start;
    }

    /// <summary>
    /// Parses the word and the <c>row.Length</c> values of a line. When there are more fields than that, the
    /// extra leading fields are taken as part of the word (GloVe 840B has words with spaces) unless they are
    /// numbers, which means the row is simply too long.
    /// </summary>
    public static string Parse(ReadOnlySpan<byte> line, int fields, Span<float> row, in LineContext context)
    {
        var dims = row.Length;
        if (fields < dims + 1 || (fields > dims + 1 && SecondFieldIsNumber(line)))
        {
            throw new DataFormatException(context.Path, $"the row has {fields - 1} values after the word; expected {dims} ({context.DimensionSource})", "Every row needs the same number of values; fix or delete this line", line: context.Line);
        }

        var pos = 0;
        for (var i = 0; i < fields - dims; i++)
        {
            NextField(line, ref pos, out _);
        }

        var word = Encoding.UTF8.GetString(line[..pos].Trim(" \t"u8));
        for (var k = 0; k < dims; k++)
        {
            NextField(line, ref pos, out var field);
            if (!FloatText.TryParse(field, out var value))
            {
                throw new DataFormatException(context.Path, $"column {fields - dims + k + 1} ('{Shorten(field)}') is not a number", "Values must be numbers like 0.25 or -1e-3; fix this line", line: context.Line);
            }

            if (!float.IsFinite(value) && !context.AllowNonFinite)
            {
                throw new DataFormatException(context.Path, $"row {context.Row + 1}, column {k + 1} is '{Encoding.UTF8.GetString(field)}', not a finite number", "Fix or drop that row, or allow non-finite values to keep it", line: context.Line, remedy: new Remedy(RemedyOption.AllowNonFinite));
            }

            row[k] = value;
        }

        return word;
    }

    /// <summary>A field for an error message: decoded, and cut when it is long.</summary>
    public static string Shorten(ReadOnlySpan<byte> field) =>
        field.Length > 40 ? Encoding.UTF8.GetString(field[..40]) + "..." : Encoding.UTF8.GetString(field);

    private static bool SecondFieldIsNumber(ReadOnlySpan<byte> line)
    {
        var pos = 0;
        NextField(line, ref pos, out _);
        return NextField(line, ref pos, out var second) && FloatText.TryParse(second, out _);
    }

    private static bool IsSeparator(byte b) => b is (byte)' ' or (byte)'\t';
}
