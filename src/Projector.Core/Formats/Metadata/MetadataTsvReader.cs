using Projector.Core.Data;

namespace Projector.Core.Formats.Metadata;

/// <summary>
/// Reads metadata TSV by the TF projector's rule: a first line with a tab is a header of column names
/// (two or more columns); otherwise there is one column, named <c>label</c>, and no header. Lines that
/// JavaScript's trim() leaves empty are skipped wherever they are, as the TF page skips them; an empty
/// cell is a missing value. The rows are read by <see cref="MetadataTsvStream"/>.
/// </summary>
internal static class MetadataTsvReader
{
    /// <summary>The column name the TF projector gives single-column metadata.</summary>
    public const string SingleColumnName = "label";

    /// <summary>Reads the file as it is, with as many rows as it has.</summary>
    public static MetadataTable Read(string path, ReadOptions? options = null)
    {
        // The rules live in MetadataTsvStream, which the cluster also reads row ranges with.
        using var stream = MetadataTsvStream.Open(path, options);
        var names = stream.Names;
        var cells = new List<string?[]>();
        var row = new string?[names.Count];
        while (stream.TryRead(row))
        {
            cells.Add(row);
            row = new string?[names.Count];
        }

        var columns = new MetadataColumn[names.Count];
        for (var c = 0; c < names.Count; c++)
        {
            var values = new string?[cells.Count];
            for (var r = 0; r < cells.Count; r++)
            {
                values[r] = cells[r][c];
            }

            columns[c] = new MetadataColumn(names[c], values);
        }

        return new MetadataTable(cells.Count, columns);
    }

    /// <summary>
    /// Reads metadata for <paramref name="points"/> points with the TF projector's checks: a header
    /// row in single-column data or a missing header in multi-column data is an error (the TF
    /// projector's own texts); any other row-count mismatch is a warning, and the rows are truncated
    /// (or padded with missing values) to the number of points.
    /// </summary>
    public static MetadataTable ReadFor(string path, int points, ICollection<string> warnings, ReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        var table = Read(path, options);
        if (table.Rows == points)
        {
            return table;
        }

        CheckRowCount(path, points, table.Rows, table.Columns.Count, warnings);
        return table.Rows > points ? table.Take(points) : Pad(table, points);
    }

    /// <summary>
    /// The TF projector's row-count check of metadata of <paramref name="rows"/> rows in <paramref name="columns"/>
    /// columns for <paramref name="points"/> points: off by the header line is an error, any other mismatch a warning.
    /// </summary>
    internal static void CheckRowCount(string path, int points, long rows, int columns, ICollection<string> warnings)
    {
        if (rows == points)
        {
            return;
        }

        var message = $"Number of tensors ({points}) do not match the number of lines in metadata ({rows}).";
        if (columns == 1 && points + 1 == rows)
        {
            throw new DataFormatException(path, message + " Single column metadata should not have a header row", "Remove the first line");
        }

        if (columns > 1 && points - 1 == rows)
        {
            throw new DataFormatException(path, message + " Multi-column metadata should have a header row with column labels", "Add a first line with the column names, separated by tabs");
        }

        warnings.Add($"{path}: {message} " + (rows > points ? $"Using the first {points} rows." : $"The last {points - rows} points have no metadata."));
    }

    private static MetadataTable Pad(MetadataTable table, int points) =>
        new(points, table.Columns.Select(c =>
        {
            var values = new string?[points];
            for (var i = 0; i < c.Count; i++)
            {
                values[i] = c[i];
            }

            return new MetadataColumn(c.Name, values);
        }));

    /// <summary>
    /// JavaScript's <c>String.prototype.trim()</c>: its white space (tab, vertical tab, form feed, space,
    /// U+00A0, U+FEFF and every Zs space) and line terminators (LF, CR, U+2028, U+2029). .NET's Trim differs
    /// (it keeps U+FEFF and removes U+0085), and the row counts must be the TF page's.
    /// </summary>
    internal static string JsTrim(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsJsSpace(text[start]))
        {
            start++;
        }

        while (end > start && IsJsSpace(text[end - 1]))
        {
            end--;
        }

        return start == 0 && end == text.Length ? text : text[start..end];
    }

    private static bool IsJsSpace(char c) => c switch
    {
        '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u00A0' or '\uFEFF' or '\u2028' or '\u2029' => true,
        _ => c > 0x7F && c != '\u0085' && char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.SpaceSeparator,
    };

    internal static void CheckNames(string path, string[] names, long line)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in names)
        {
            if (!seen.Add(n))
            {
                throw new DataFormatException(path, $"the header names the column '{n}' twice", "Give every column its own name", line: line);
            }
        }
    }
}
