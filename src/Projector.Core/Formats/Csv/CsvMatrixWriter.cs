using System.Globalization;
using System.Text;
using Projector.Core.Data;

namespace Projector.Core.Formats.Csv;

/// <summary>Writes a matrix as CSV with a header row (e.g. a layout as <c>x,y</c>), optionally followed by metadata columns.</summary>
public static class CsvMatrixWriter
{
    /// <summary>Writes <paramref name="matrix"/> with column names <paramref name="header"/>, then the <paramref name="extra"/> columns, atomically.</summary>
    public static void Write(string path, EmbeddingMatrix matrix, IReadOnlyList<string> header, IReadOnlyList<MetadataColumn>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(header);
        if (header.Count != matrix.Dimensions)
        {
            throw new ArgumentException($"{header.Count} names for {matrix.Dimensions} columns.", nameof(header));
        }

        extra ??= [];
        AtomicFile.Write(path, stream =>
        {
            using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            w.WriteLine(string.Join(',', header.Concat(extra.Select(c => c.Name)).Select(Quote)));
            for (var i = 0; i < matrix.Rows; i++)
            {
                var row = matrix.Row(i);
                for (var j = 0; j < row.Length; j++)
                {
                    if (j > 0)
                    {
                        w.Write(',');
                    }

                    w.Write(row[j].ToString(CultureInfo.InvariantCulture));
                }

                foreach (var c in extra)
                {
                    w.Write(',');
                    w.Write(Quote(c[i] ?? string.Empty));
                }

                w.WriteLine();
            }
        });
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
