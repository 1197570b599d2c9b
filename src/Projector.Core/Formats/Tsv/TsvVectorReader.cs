using System.Text;
using Projector.Core.Data;
using Projector.Core.Formats.Io;
using Projector.Core.Formats.Text;

namespace Projector.Core.Formats.Tsv;

/// <summary>
/// Reads a TSV of vectors: one point per line, values separated by tabs, no header. As in the TF
/// projector, when the first cell of the first line is not a number, the first column of every line is
/// a label (metadata column <c>label</c>). Blank lines at the end are ignored.
/// </summary>
/// <remarks>
/// Two passes: the first counts line ends (a vectorised byte count at disk speed) so the matrix is
/// allocated once, never grown: a 5 GB file never needs more than the floats it holds. The second
/// parses straight into the matrix.
/// </remarks>
internal static class TsvVectorReader
{
    /// <summary>Reads the file into a dataset named after the file.</summary>
    public static Dataset Read(string path, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var maxRows = CountLines(path, options);
        using var stream = InputFile.OpenRead(path);
        var reader = new ByteLineReader(stream, path, options);
        if (!NextNonBlank(reader, out var first, out _))
        {
            throw new DataFormatException(path, "holds no vectors, only empty lines", "Give one point per line, values separated by tabs");
        }

        var cells = first.Count((byte)'\t') + 1;
        var firstCell = first.IndexOf((byte)'\t') is var t and >= 0 ? first[..t] : first;
        var hasLabel = !FloatParser.TryParse(firstCell, out _);
        var dims = hasLabel ? cells - 1 : cells;
        if (dims < 1)
        {
            throw new DataFormatException(path, "the first line has a label but no values", "Each line needs tab-separated numbers", line: reader.LineNumber);
        }

        if ((long)maxRows * dims > Array.MaxLength)
        {
            throw new DataFormatException(path, $"holds up to {maxRows} rows of {dims} values, more than one matrix can hold ({Array.MaxLength} values)", "Split the file");
        }

        var values = new float[(long)maxRows * dims];
        var labels = hasLabel ? new string?[maxRows] : null;
        var lineOfRow = new List<long>();
        var rows = 0;
        var line = first;
        long blankAt = 0;
        do
        {
            if (blankAt != 0)
            {
                throw new DataFormatException(path, "empty line in the middle of the vectors", "Remove the empty line so every line is one point", line: blankAt);
            }

            ParseRow(path, reader.LineNumber, line, hasLabel, values.AsSpan(rows * dims, dims), labels, rows);
            lineOfRow.Add(reader.LineNumber);
            rows++;
            if ((rows & 0xFFF) == 0)
            {
                options.CancellationToken.ThrowIfCancellationRequested();
            }
        }
        while (NextNonBlank(reader, out line, out blankAt));

        if (labels is not null)
        {
            CheckLabelColumn(path, labels, rows, lineOfRow);
        }

        var matrix = EmbeddingMatrix.FromPrefix(values, rows, dims);
        NonFiniteCheck.Ensure(path, matrix, options, lineOfRow: r => lineOfRow[r]);
        var metadata = labels is null ? null : new MetadataTable(rows, [new MetadataColumn("label", labels.AsSpan(0, rows).ToArray())]);
        return new Dataset(Path.GetFileNameWithoutExtension(path), matrix, metadata, source: path, sourceDType: "text");
    }

    /// <summary>True when the head of a file looks like tab-separated numbers (optionally after a label).</summary>
    public static bool Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }

        var nl = head.IndexOf((byte)'\n');
        var line = (nl >= 0 ? head[..nl] : head).Trim(" \t\r"u8);
        if (line.IsEmpty || line.IndexOf((byte)0) >= 0 || !line.Contains((byte)'\t'))
        {
            return false;
        }

        var numbers = 0;
        var first = true;
        foreach (var range in line.Split((byte)'\t'))
        {
            if (FloatParser.TryParse(line[range], out _))
            {
                numbers++;
            }
            else if (!first)
            {
                return false;
            }

            first = false;
        }

        return numbers >= 1;
    }

    /// <summary>Upper bound of the number of rows: line ends plus a last line without one.</summary>
    private static int CountLines(string path, ReadOptions options)
    {
        using var stream = FileOpen.Read(path);
        var buffer = new byte[1 << 20];
        long lines = 0;
        int read;
        var last = (byte)'\n';
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            last = buffer[read - 1];
            options.CancellationToken.ThrowIfCancellationRequested();
        }

        lines += last == (byte)'\n' ? 0 : 1;
        return lines > int.MaxValue
            ? throw new DataFormatException(path, $"has {lines} lines, more than the {int.MaxValue} points supported", "Split the file")
            : (int)lines;
    }

    private static bool NextNonBlank(ByteLineReader reader, out ReadOnlySpan<byte> line, out long firstBlank)
    {
        firstBlank = 0;
        while (reader.TryReadLine(out line))
        {
            line = line.Trim(" \t"u8);
            if (!line.IsEmpty)
            {
                return true;
            }

            firstBlank = firstBlank == 0 ? reader.LineNumber : firstBlank;
        }

        return false;
    }

    /// <summary>
    /// The first cell decides whether the first column is labels (as on the TF page). When the labels are
    /// numbers in nearly every row, the few that are not are typos (<c>0.12x</c>, a decimal comma): taking
    /// them as the reason to drop a whole column from every vector would be a silently wrong picture, so it
    /// is an error naming the cell. A real label column (text in most rows) passes.
    /// </summary>
    private static void CheckLabelColumn(string path, string?[] labels, int rows, List<long> lineOfRow)
    {
        if (rows < 2)
        {
            return;
        }

        var textRows = new List<int>();
        for (var r = 0; r < rows; r++)
        {
            if (labels[r] is not { } l || !FloatParser.TryParse(Encoding.UTF8.GetBytes(l), out _))
            {
                textRows.Add(r);
                if (textRows.Count > FormatChecks.MaxStrayCells(rows))
                {
                    return;
                }
            }
        }

        var first = textRows[0];
        throw new DataFormatException(
            path,
            $"the first cell '{labels[first]}' is not a number, but the first cell of {rows - textRows.Count} of the {rows} lines is: it would turn the first column of every line into labels",
            "Fix that cell (a typo or a decimal comma?), or give every line a text label",
            line: lineOfRow[first]);
    }

    private static void ParseRow(string path, long lineNumber, ReadOnlySpan<byte> line, bool hasLabel, Span<float> values, string?[]? labels, int row)
    {
        var rest = line;
        if (hasLabel)
        {
            var tab = rest.IndexOf((byte)'\t');
            var label = tab >= 0 ? rest[..tab] : rest;
            labels![row] = Encoding.UTF8.GetString(label);
            rest = tab >= 0 ? rest[(tab + 1)..] : [];
        }

        var column = 0;
        while (true)
        {
            var tab = rest.IndexOf((byte)'\t');
            var cell = tab >= 0 ? rest[..tab] : rest;
            if (column >= values.Length)
            {
                throw Ragged(path, lineNumber, line, values.Length, hasLabel);
            }

            if (!FloatParser.TryParse(cell, out values[column]) && !FloatParser.TryParse(cell.Trim(" "u8), out values[column]))
            {
                throw new DataFormatException(
                    path,
                    $"column {column + (hasLabel ? 2 : 1)} is '{Shorten(cell)}', not a number",
                    hasLabel || column > 0 ? "Vector cells must be numbers; only the first column may be a text label" : "Fix the value",
                    line: lineNumber);
            }

            column++;
            if (tab < 0)
            {
                break;
            }

            rest = rest[(tab + 1)..];
        }

        if (column != values.Length)
        {
            throw Ragged(path, lineNumber, line, values.Length, hasLabel);
        }
    }

    private static DataFormatException Ragged(string path, long lineNumber, ReadOnlySpan<byte> line, int dims, bool hasLabel) =>
        new(
            path,
            $"has {line.Count((byte)'\t') + 1} cells, but the first line has {dims + (hasLabel ? 1 : 0)}",
            "Every line must have the same number of tab-separated values",
            line: lineNumber);

    private static string Shorten(ReadOnlySpan<byte> cell)
    {
        var s = Encoding.UTF8.GetString(cell.Length > 40 ? cell[..40] : cell);
        return cell.Length > 40 ? s + "..." : s;
    }
}
