using System.Text;
using Projector.Core.Data;
using Projector.Core.Formats.Text;

namespace Projector.Core.Formats.Tsv;

/// <summary>
/// Reads a TSV of vectors: one point per line, values separated by tabs, no header. As in the TF
/// projector, when the first cell of the first line is not a number, the first column of every line is
/// a label (metadata column <c>label</c>). Blank lines at the end are ignored.
/// </summary>
/// <remarks>
/// Two passes: the first counts the rows so the matrix is allocated once at its exact size (a 5 GB
/// file never needs more than the floats it holds), the second parses straight into it.
/// </remarks>
public static class TsvVectorReader
{
    /// <summary>Reads the file into a dataset named after the file.</summary>
    public static Dataset Read(string path, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (rows, dims, hasLabel) = Scan(path, options);
        var matrix = EmbeddingMatrix.Allocate(rows, dims);
        var labels = hasLabel ? new string?[rows] : null;
        var lineOfRow = new long[rows];
        using (var reader = new Utf8LineReader(path, options))
        {
            var row = 0;
            while (row < rows && reader.TryReadLine(out var line))
            {
                line = line.Trim(" \t"u8);
                if (line.IsEmpty)
                {
                    continue;
                }

                lineOfRow[row] = reader.LineNumber;
                ParseRow(path, reader.LineNumber, line, hasLabel, matrix.GetWritableRow(row), labels, row);
                row++;
                if ((row & 0xFFF) == 0)
                {
                    options.CancellationToken.ThrowIfCancellationRequested();
                }
            }
        }

        NonFiniteCheck.Ensure(path, matrix, options, lineOfRow: r => lineOfRow[r]);
        var metadata = labels is null ? null : new MetadataTable(rows, [new MetadataColumn("label", labels)]);
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
        if (line.IsEmpty || line.IndexOf((byte)0) >= 0)
        {
            return false;
        }

        var numbers = 0;
        var first = true;
        foreach (var range in line.Split((byte)'\t'))
        {
            var cell = line[range];
            if (FloatParser.TryParse(cell, out _))
            {
                numbers++;
            }
            else if (!first)
            {
                return false;
            }

            first = false;
        }

        return numbers >= 1 && line.Contains((byte)'\t');
    }

    private static (int Rows, int Dims, bool HasLabel) Scan(string path, ReadOptions options)
    {
        using var reader = new Utf8LineReader(path, options);
        long rows = 0;
        var dims = -1;
        var hasLabel = false;
        long blankAt = 0;
        while (reader.TryReadLine(out var line))
        {
            line = line.Trim(" \t"u8);
            if (line.IsEmpty)
            {
                blankAt = blankAt == 0 ? reader.LineNumber : blankAt;
                continue;
            }

            if (blankAt != 0)
            {
                throw new DataFormatException(path, "empty line in the middle of the vectors", "Remove the empty line so every line is one point", line: blankAt);
            }

            var cells = line.Count((byte)'\t') + 1;
            if (dims < 0)
            {
                var firstCell = line.IndexOf((byte)'\t') is var t and >= 0 ? line[..t] : line;
                hasLabel = !FloatParser.TryParse(firstCell, out _);
                dims = hasLabel ? cells - 1 : cells;
                if (dims < 1)
                {
                    throw new DataFormatException(path, "the first line has a label but no values", "Each line needs tab-separated numbers", line: reader.LineNumber);
                }
            }
            else if (cells != dims + (hasLabel ? 1 : 0))
            {
                throw new DataFormatException(
                    path,
                    $"has {cells} cells, but the first line has {dims + (hasLabel ? 1 : 0)}",
                    "Every line must have the same number of tab-separated values",
                    line: reader.LineNumber);
            }

            rows++;
        }

        if (rows == 0)
        {
            throw new DataFormatException(path, "holds no vectors, only empty lines", "Give one point per line, values separated by tabs");
        }

        if (rows > int.MaxValue)
        {
            throw new DataFormatException(path, $"has {rows} rows, more than the {int.MaxValue} supported", "Split the file");
        }

        return ((int)rows, dims, hasLabel);
    }

    private static void ParseRow(string path, long lineNumber, ReadOnlySpan<byte> line, bool hasLabel, Span<float> values, string?[]? labels, int row)
    {
        var column = 0;
        var first = true;
        foreach (var range in line.Split((byte)'\t'))
        {
            var cell = line[range];
            if (first && hasLabel)
            {
                labels![row] = Encoding.UTF8.GetString(cell);
                first = false;
                continue;
            }

            first = false;
            if (!FloatParser.TryParse(cell.Trim(" "u8), out values[column]))
            {
                throw new DataFormatException(
                    path,
                    $"column {column + (hasLabel ? 2 : 1)} is '{Shorten(cell)}', not a number",
                    hasLabel || column > 0 ? "Vector cells must be numbers; only the first column may be a text label" : "Fix the value",
                    line: lineNumber);
            }

            column++;
        }
    }

    private static string Shorten(ReadOnlySpan<byte> cell)
    {
        var s = Encoding.UTF8.GetString(cell.Length > 40 ? cell[..40] : cell);
        return cell.Length > 40 ? s + "..." : s;
    }
}
