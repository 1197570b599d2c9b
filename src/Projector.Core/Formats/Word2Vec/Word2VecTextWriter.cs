using System.Globalization;
using System.Text;
using Projector.Core.Data;

namespace Projector.Core.Formats.Word2Vec;

/// <summary>Writes word2vec text: a <c>COUNT DIM</c> line, then <c>word v1 ... vD</c> per row.</summary>
internal static class Word2VecTextWriter
{
    /// <summary>
    /// Writes <paramref name="matrix"/> with one word per row to <paramref name="path"/> atomically. Values are
    /// written round-trippable (invariant culture); whitespace inside a word becomes <c>_</c> so the file stays
    /// readable by every word2vec tool.
    /// </summary>
    public static void Write(string path, EmbeddingMatrix matrix, IReadOnlyList<string?> words)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count != matrix.Rows)
        {
            throw new ArgumentException($"There are {words.Count} words for {matrix.Rows} rows.", nameof(words));
        }

        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{matrix.Rows} {matrix.Dimensions}"));
            Span<char> number = stackalloc char[32];
            for (var i = 0; i < matrix.Rows; i++)
            {
                writer.Write(Clean(words[i], i));
                foreach (var v in matrix.Row(i))
                {
                    writer.Write(' ');
                    v.TryFormat(number, out var n, "R", CultureInfo.InvariantCulture);
                    writer.Write(number[..n]);
                }

                writer.Write('\n');
            }
        });
    }

    private static string Clean(string? word, int row)
    {
        if (string.IsNullOrEmpty(word))
        {
            return string.Create(CultureInfo.InvariantCulture, $"row{row}");
        }

        return word.Any(char.IsWhiteSpace) ? new string([.. word.Select(c => char.IsWhiteSpace(c) ? '_' : c)]) : word;
    }
}
