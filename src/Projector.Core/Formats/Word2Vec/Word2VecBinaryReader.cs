using System.Buffers.Binary;
using System.Text;
using Projector.Core.Data;
using Projector.Core.Formats.Io;

namespace Projector.Core.Formats.Word2Vec;

/// <summary>
/// Reads word2vec binary files: a <c>COUNT DIM\n</c> text line, then per word its UTF-8 bytes, a space,
/// DIM little-endian float32 and optionally a newline. The words become the metadata column <c>word</c>.
/// </summary>
internal static class Word2VecBinaryReader
{
    private const int MaxHeaderBytes = 256;
    private const int MaxWordBytes = 1 << 16;
    private const int CheckEvery = 4096;

    /// <summary>Reads the file; the dataset is named after it and its source type is <c>float32</c>.</summary>
    /// <exception cref="DataFormatException">The file is not valid word2vec binary.</exception>
    public static Dataset Read(string path, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return InputFile.Guard(path, () =>
        {
            using var stream = InputFile.OpenRead(path);
            var (count, dims, offset) = ReadHeader(stream, path);
            var matrix = EmbeddingMatrix.Allocate(count, dims);
            try
            {
                var words = ReadRows(stream, path, options, matrix, offset);
                var metadata = new MetadataTable(count, [new MetadataColumn("word", words)]);
                return new Dataset(Path.GetFileNameWithoutExtension(path), matrix, metadata, source: path, sourceDType: "float32");
            }
            catch
            {
                matrix.Dispose();
                throw;
            }
        });
    }

    /// <summary>True when <paramref name="head"/> is a <c>COUNT DIM</c> line followed by binary data.</summary>
    public static bool Sniff(ReadOnlySpan<byte> head) => TextVectorSniffer.Detect(head) == TextVectorFormat.Word2VecBinary;

    private static (int Count, int Dims, long Offset) ReadHeader(Stream stream, string path)
    {
        var header = new List<byte>();
        int b;
        while ((b = stream.ReadByte()) >= 0 && b != '\n')
        {
            if (header.Count == MaxHeaderBytes)
            {
                throw new DataFormatException(path, "the first line is not 'COUNT DIM' (two whole numbers)", "This does not look like a word2vec binary file", line: 1);
            }

            header.Add((byte)b);
        }

        var text = header.ToArray().AsSpan();
        var offset = text.Length + 1L;
        if (text.StartsWith("\uFEFF"u8))
        {
            text = text[3..];
        }

        var (count, dims) = TextVectorReader.ParseCountLine(text.TrimEnd((byte)'\r'), 1, stream.Length, path);

        // Binary rows are larger than the text minimum: a word byte, a space and four bytes per value.
        if ((Int128)count * ((4 * (Int128)dims) + 2) > stream.Length - offset)
        {
            throw new DataFormatException(path, $"the header announces {count} rows of {dims} float32 values, more than a file of {stream.Length} bytes can hold", "The file is truncated or the counts on the first line are wrong", line: 1);
        }

        return (count, dims, offset);
    }

    private static string?[] ReadRows(Stream stream, string path, ReadOptions options, EmbeddingMatrix matrix, long offset)
    {
        var dims = matrix.Dimensions;
        var words = new string?[matrix.Rows];
        var word = new byte[256];
        var values = new byte[dims * sizeof(float)];
        for (var row = 0; row < matrix.Rows; row++)
        {
            var b = stream.ReadByte();
            while (b is '\n' or '\r')
            {
                offset++;
                b = stream.ReadByte();
            }

            var wordStart = offset;
            var length = 0;
            while (b != ' ')
            {
                if (b < 0)
                {
                    throw new DataFormatException(path, $"the file ends after {row} of {matrix.Rows} words", "The file is truncated, or the count on the first line is too large", byteOffset: offset);
                }

                if (length == MaxWordBytes)
                {
                    throw new DataFormatException(path, $"word {row + 1} has no space after it within {MaxWordBytes} bytes", "The file is damaged or is not word2vec binary (word2vec text?)", byteOffset: wordStart);
                }

                if (length == word.Length)
                {
                    Array.Resize(ref word, word.Length * 2);
                }

                word[length++] = (byte)b;
                offset++;
                b = stream.ReadByte();
            }

            offset++;
            words[row] = Encoding.UTF8.GetString(word, 0, length);
            if (InputFile.ReadFully(stream, values) < values.Length)
            {
                throw new DataFormatException(path, $"the file ends inside the values of word {row + 1} ('{words[row]}')", "The file is truncated; copy or save it again", byteOffset: offset);
            }

            if (row == 0 && LooksLikeNumbersAsText(values))
            {
                throw new DataFormatException(path, "the values after the first word are text, not binary float32", "This is word2vec text; read it as text (.txt or .vec)", byteOffset: offset);
            }

            var target = matrix.GetWritableRow(row);
            for (var k = 0; k < dims; k++)
            {
                var v = BinaryPrimitives.ReadSingleLittleEndian(values.AsSpan(k * 4));
                if (!float.IsFinite(v) && !options.AllowNonFinite)
                {
                    throw new DataFormatException(path, $"row {row + 1}, column {k + 1} is {v}, not a finite number", "Fix or drop that row, or allow non-finite values to keep it", byteOffset: offset + (k * 4), remedy: new Remedy(RemedyOption.AllowNonFinite));
                }

                target[k] = v;
            }

            offset += values.Length;
            if (row % CheckEvery == 0)
            {
                InputFile.Step(options, offset, stream.Length);
            }
        }

        CheckNothingFollows(stream, path, matrix.Rows, offset);
        InputFile.Step(options, stream.Length, stream.Length);
        return words;
    }

    // Binary floats that happen to be only digits, signs, dots and spaces are vanishingly unlikely; text
    // vectors always are, and reading them as floats would give garbage rather than an error.
    private static bool LooksLikeNumbersAsText(ReadOnlySpan<byte> values) =>
        !values.ContainsAnyExcept("0123456789.-+eE \t\r\n"u8);

    private static void CheckNothingFollows(Stream stream, string path, int rows, long offset)
    {
        int b;
        while ((b = stream.ReadByte()) >= 0)
        {
            if (b is not ('\n' or '\r' or ' '))
            {
                throw new DataFormatException(path, $"there is more data after the {rows} rows that line 1 announces", "Fix the count on the first line or remove the extra rows", byteOffset: offset);
            }

            offset++;
        }
    }
}
