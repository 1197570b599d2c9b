using System.Text;
using Projector.Core.Data;
using Projector.Core.Formats.Io;

namespace Projector.Core.Formats.Csv;

/// <summary>
/// Reads vectors and metadata from a CSV file with a header row. The vector columns are chosen by
/// <see cref="ReadOptions.CsvColumns"/> (a regex over header names or a 0-based inclusive range <c>FROM..TO</c>),
/// or else are every column whose cells are all numbers; the other columns become metadata.
/// </summary>
/// <remarks>
/// Two passes: the first checks the shape and finds the numeric columns, so the second can allocate exactly
/// the rows and keep only the metadata cells as strings.
/// </remarks>
internal static class CsvVectorReader
{
    private const int CheckEvery = 4096;

    /// <summary>Reads the file; the dataset is named after it and its source type is <c>text</c>.</summary>
    /// <exception cref="DataFormatException">The file or the column selection is not usable.</exception>
    public static Dataset Read(string path, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return InputFile.Guard(path, () =>
        {
            var (names, rows, isVector) = Scan(path, options);
            var vectorColumns = Enumerable.Range(0, names.Length).Where(i => isVector[i]).ToArray();
            var metaColumns = Enumerable.Range(0, names.Length).Where(i => !isVector[i]).ToArray();
            var matrix = EmbeddingMatrix.Allocate(rows, vectorColumns.Length);
            try
            {
                var meta = Fill(path, options, names, matrix, vectorColumns, metaColumns);
                var table = new MetadataTable(rows, metaColumns.Select((c, k) => new MetadataColumn(names[c], meta[k])));
                return new Dataset(Path.GetFileNameWithoutExtension(path), matrix, table, source: path, sourceDType: "text");
            }
            catch
            {
                matrix.Dispose();
                throw;
            }
        });
    }

    /// <summary>True when <paramref name="head"/> is text whose first records have the same number (two or more) of comma-separated fields.</summary>
    public static bool Sniff(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty || head.IndexOfAnyInRange((byte)0, (byte)8) >= 0)
        {
            return false;
        }

        // Only complete lines count: the head may end in the middle of a record.
        var lastNewline = head.LastIndexOf((byte)'\n');
        var usable = lastNewline >= 0 ? head[..(lastNewline + 1)] : head;
        try
        {
            using var stream = new MemoryStream(usable.ToArray());
            var reader = new CsvRecordReader(stream, "head");
            if (!reader.Read() || reader.FieldCount < 2)
            {
                return false;
            }

            var fields = reader.FieldCount;
            return !reader.Read() || reader.FieldCount == fields;
        }
        catch (DataFormatException)
        {
            return false;
        }
    }

    private static (string[] Names, int Rows, bool[] IsVector) Scan(string path, ReadOptions options)
    {
        using var stream = InputFile.OpenRead(path);
        var reader = new CsvRecordReader(stream, path);
        if (!reader.Read())
        {
            throw new DataFormatException(path, "the file holds only blank lines", "Pick the file that holds the vectors");
        }

        var names = HeaderNames(reader);
        var isVector = options.CsvColumns is { } spec ? CsvColumnSelection.Select(spec, names, path) : [.. names.Select(_ => true)];
        var rows = 0;
        var stray = new int[names.Length];
        var firstStray = new (long Line, string Text)[names.Length];
        while (reader.Read())
        {
            CheckFieldCount(reader, names.Length, path);
            if (options.CsvColumns is null)
            {
                for (var c = 0; c < names.Length; c++)
                {
                    var cell = reader.Field(c).Trim((byte)' ');
                    var number = FloatText.TryParse(cell, out _);
                    if (!number && !cell.IsEmpty && stray[c]++ == 0)
                    {
                        firstStray[c] = (reader.Line, reader.FieldText(c));
                    }

                    isVector[c] = isVector[c] && number;
                }
            }

            if (++rows % CheckEvery == 0)
            {
                InputFile.Step(options, reader.Position / 2, stream.Length);
            }
        }

        if (rows == 0)
        {
            throw new DataFormatException(path, "there are no rows after the header", "Add data rows, one per point", line: 2);
        }

        // A column of numbers with a stray non-number or two would silently leave every vector: an error names the cell.
        for (var c = 0; c < names.Length && options.CsvColumns is null && rows >= 2; c++)
        {
            if (stray[c] > 0 && stray[c] <= FormatChecks.MaxStrayCells(rows))
            {
                throw new DataFormatException(
                    path,
                    $"column '{names[c]}' holds '{firstStray[c].Text}', not a number, though {rows - stray[c]} of its {rows} cells are numbers: it would leave the vectors and become metadata",
                    "Fix that cell (a typo or a decimal comma?), or choose the vector columns yourself",
                    line: firstStray[c].Line,
                    remedy: new Remedy(RemedyOption.Columns, "FROM..TO"));
            }
        }

        if (!isVector.Contains(true))
        {
            throw new DataFormatException(path, $"no column holds only numbers (columns: {string.Join(", ", names)})", "Choose the vector columns with a pattern or a range FROM..TO", line: 1, remedy: new Remedy(RemedyOption.Columns, "FROM..TO"));
        }

        return (names, rows, isVector);
    }

    private static string?[][] Fill(string path, ReadOptions options, string[] names, EmbeddingMatrix matrix, int[] vectorColumns, int[] metaColumns)
    {
        using var stream = InputFile.OpenRead(path);
        var reader = new CsvRecordReader(stream, path);
        reader.Read();
        var meta = metaColumns.Select(_ => new string?[matrix.Rows]).ToArray();
        for (var row = 0; row < matrix.Rows && reader.Read(); row++)
        {
            CheckFieldCount(reader, names.Length, path);
            var target = matrix.GetWritableRow(row);
            for (var k = 0; k < vectorColumns.Length; k++)
            {
                var cell = reader.Field(vectorColumns[k]).Trim((byte)' ');
                if (!FloatText.TryParse(cell, out var value))
                {
                    var shown = cell.Length > 40 ? Encoding.UTF8.GetString(cell[..40]) + "..." : Encoding.UTF8.GetString(cell);
                    throw new DataFormatException(path, $"column '{names[vectorColumns[k]]}' holds '{shown}', not a number", "Fix the cell, or leave that column out of the vector columns", line: reader.Line);
                }

                if (!float.IsFinite(value) && !options.AllowNonFinite)
                {
                    throw new DataFormatException(path, $"row {row + 1}, column '{names[vectorColumns[k]]}' is '{Encoding.UTF8.GetString(cell)}', not a finite number", "Fix or drop that row, or allow non-finite values to keep it", line: reader.Line, remedy: new Remedy(RemedyOption.AllowNonFinite));
                }

                target[k] = value;
            }

            for (var k = 0; k < metaColumns.Length; k++)
            {
                meta[k][row] = reader.FieldText(metaColumns[k]);
            }

            if (row % CheckEvery == 0)
            {
                InputFile.Step(options, (stream.Length + reader.Position) / 2, stream.Length);
            }
        }

        InputFile.Step(options, stream.Length, stream.Length);
        return meta;
    }

    private static string[] HeaderNames(CsvRecordReader reader)
    {
        var names = new string[reader.FieldCount];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            var name = reader.FieldText(i).Trim();
            name = name.Length == 0 ? $"column{i + 1}" : name;

            // Metadata columns need distinct names; a repeated header gets a suffix instead of failing the read.
            var unique = name;
            for (var n = 2; !seen.Add(unique); n++)
            {
                unique = $"{name}_{n}";
            }

            names[i] = unique;
        }

        return names;
    }

    private static void CheckFieldCount(CsvRecordReader reader, int expected, string path)
    {
        if (reader.FieldCount != expected)
        {
            throw new DataFormatException(path, $"the row has {reader.FieldCount} fields but the header has {expected}", "Every row needs one value per header column; check for unquoted commas", line: reader.Line);
        }
    }
}
