using Projector.Core.Data;
using Projector.Core.Formats.Io;

namespace Projector.Core.Formats.Word2Vec;

/// <summary>The reading loop shared by word2vec text (with a <c>COUNT DIM</c> line) and GloVe (without).</summary>
internal static class TextVectorReader
{
    private const int CheckEvery = 4096;

    /// <summary>Reads all rows; <paramref name="hasCountLine"/> says whether line 1 is <c>COUNT DIM</c>.</summary>
    public static Dataset Read(string path, ReadOptions options, bool hasCountLine)
    {
        ArgumentNullException.ThrowIfNull(options);
        return InputFile.Guard(path, () =>
        {
            using var stream = InputFile.OpenRead(path);
            var total = stream.Length;
            var lines = new ByteLineReader(stream, path);
            ReadOnlySpan<byte> line;
            while (lines.TryReadLine(out line) && line.Trim(" \t"u8).IsEmpty)
            {
            }

            if (line.IsEmpty)
            {
                throw new DataFormatException(path, "the file holds only blank lines", "Pick the file that holds the vectors");
            }

            var headerLine = lines.LineNumber;
            int dims;
            string dimensionSource;
            long? announced = null;
            if (hasCountLine)
            {
                (var count, dims) = ParseCountLine(line, headerLine, total, path);
                announced = count;
                dimensionSource = $"as line {headerLine} announces";
            }
            else
            {
                dims = VectorLine.CountFields(line) - 1;
                if (dims < 1)
                {
                    throw new DataFormatException(path, "the first line holds a single field, not a word followed by numbers", "Each line must be 'word v1 v2 ...'", line: headerLine);
                }

                dimensionSource = $"as the first row on line {headerLine} has";
            }

            EmbeddingMatrix? fixedRows = announced is { } n ? EmbeddingMatrix.Allocate((int)n, dims) : null;
            var growing = fixedRows is null ? new GrowingMatrix(dims) : null;
            var words = new List<string?>(fixedRows?.Rows ?? 0);
            try
            {
                var pending = !hasCountLine;
                while (pending || lines.TryReadLine(out line))
                {
                    pending = false;
                    var fields = VectorLine.CountFields(line);
                    if (fields == 0)
                    {
                        continue;
                    }

                    long row = words.Count;
                    if (row == announced)
                    {
                        throw new DataFormatException(path, $"there are more rows than the {announced} that line {headerLine} announces", "Fix the count on that line or remove the extra rows", line: lines.LineNumber);
                    }

                    var target = fixedRows is not null ? fixedRows.GetWritableRow((int)row) : growing!.AddRow();
                    words.Add(VectorLine.Parse(line, fields, target, new LineContext(path, lines.LineNumber, row, dimensionSource, options.AllowNonFinite)));
                    if (row % CheckEvery == 0)
                    {
                        InputFile.Step(options, lines.Position, total);
                    }
                }

                if (announced is { } expected && words.Count < expected)
                {
                    throw new DataFormatException(path, $"the file ends after {words.Count} rows but line {headerLine} announces {expected}", "The file is truncated, or fix the count on that line", line: lines.LineNumber + 1);
                }

                InputFile.Step(options, total, total);
                var matrix = fixedRows ?? growing!.ToMatrix();
                var metadata = new MetadataTable(words.Count, [new MetadataColumn("word", [.. words])]);
                return new Dataset(Path.GetFileNameWithoutExtension(path), matrix, metadata, source: path, sourceDType: "text");
            }
            catch
            {
                fixedRows?.Dispose();
                throw;
            }
        });
    }

    /// <summary>
    /// Parses <c>COUNT DIM</c> and checks the file is big enough to hold that many rows before anything is
    /// allocated: each row needs at least a one-byte word and a separator plus a digit per value.
    /// </summary>
    internal static (int Count, int Dims) ParseCountLine(ReadOnlySpan<byte> line, long lineNumber, long fileSize, string path)
    {
        var pos = 0;
        if (!VectorLine.NextField(line, ref pos, out var a) || !VectorLine.NextField(line, ref pos, out var b)
            || VectorLine.NextField(line, ref pos, out _) || !FloatText.IsInteger(a, out var count) || !FloatText.IsInteger(b, out var dims))
        {
            throw new DataFormatException(path, $"the first line '{VectorLine.Shorten(line)}' is not 'COUNT DIM' (two whole numbers)", "For GloVe files without that line, read the file as GloVe", line: lineNumber);
        }

        if (count < 0 || dims < 1)
        {
            throw new DataFormatException(path, $"the first line '{VectorLine.Shorten(line)}' announces no valid shape", "COUNT must be 0 or more and DIM at least 1", line: lineNumber);
        }

        var minimum = (Int128)count * ((2 * (Int128)dims) + 1);
        if (minimum > fileSize || count > int.MaxValue || dims > int.MaxValue || count * dims > Array.MaxLength)
        {
            throw new DataFormatException(path, $"the header announces {count} rows of {dims} values, more than a file of {fileSize} bytes can hold", "Fix the counts on that line", line: lineNumber);
        }

        return ((int)count, (int)dims);
    }
}
