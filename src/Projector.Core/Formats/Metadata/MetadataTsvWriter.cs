using System.Text;
using Projector.Core.Data;

namespace Projector.Core.Formats.Metadata;

/// <summary>
/// Writes metadata TSV by the TF projector's rule: one column is written without a header, two or
/// more with a header line. Tabs and line breaks inside values become spaces (the format has no
/// escaping); missing values are empty cells.
/// </summary>
public static class MetadataTsvWriter
{
    /// <summary>Writes the table to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, MetadataTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Columns.Count == 0)
        {
            throw new ArgumentException("A metadata file needs at least one column.", nameof(table));
        }

        AtomicFile.Write(path, stream =>
        {
            using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            var columns = table.Columns;
            if (columns.Count > 1)
            {
                w.WriteLine(string.Join('\t', columns.Select(c => Clean(c.Name))));
            }

            for (var r = 0; r < table.Rows; r++)
            {
                for (var c = 0; c < columns.Count; c++)
                {
                    if (c > 0)
                    {
                        w.Write('\t');
                    }

                    w.Write(Clean(columns[c][r]));
                }

                w.WriteLine();
            }
        });
    }

    private static string Clean(string? value) =>
        value is null ? string.Empty : value.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
}
