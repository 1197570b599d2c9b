using Projector.Core.Data;

namespace Projector.Core.Formats;

/// <summary>Refuses NaN and infinite values unless the user allowed them, naming row and column.</summary>
internal static class NonFiniteCheck
{
    /// <summary>Throws when the matrix holds a non-finite value and <paramref name="options"/> does not allow it.</summary>
    /// <param name="path">The file, for the message.</param>
    /// <param name="matrix">The vectors read.</param>
    /// <param name="options">Read options.</param>
    /// <param name="lineOfRow">Maps a 0-based row to its 1-based line in a text file, or null for binary files.</param>
    /// <param name="offsetOfValue">Maps (row, column) to a byte offset for binary files, or null.</param>
    public static void Ensure(string path, EmbeddingMatrix matrix, ReadOptions options, Func<int, long>? lineOfRow = null, Func<int, int, long>? offsetOfValue = null)
    {
        if (options.AllowNonFinite || matrix.FindNonFinite() is not { } bad)
        {
            return;
        }

        var value = matrix[bad.Row, bad.Column];
        throw new DataFormatException(
            path,
            $"row {bad.Row + 1}, column {bad.Column + 1} is {value}, not a finite number",
            "Fix or drop that row, or allow non-finite values to keep it",
            line: lineOfRow?.Invoke(bad.Row),
            byteOffset: offsetOfValue?.Invoke(bad.Row, bad.Column),
            remedy: new Remedy(RemedyOption.AllowNonFinite));
    }
}
