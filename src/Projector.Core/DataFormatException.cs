namespace Projector.Core;

/// <summary>
/// The single error type of every reader and writer: bad input, described in one line that names the
/// file, where in it the problem is (line or byte offset, when known), what is wrong and what to do.
/// </summary>
public sealed class DataFormatException : Exception
{
    /// <summary>Creates an error about <paramref name="filePath"/>.</summary>
    /// <param name="filePath">The file (or pseudo path such as <c>demo:mnist</c>) the problem is in.</param>
    /// <param name="problem">What is wrong, without a trailing full stop.</param>
    /// <param name="hint">What the user can do about it, or null.</param>
    /// <param name="line">1-based line number, when the format is line oriented.</param>
    /// <param name="byteOffset">0-based byte offset, when the format is binary.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    /// <param name="remedy">The option that fixes it, when one does; the hint then says what it is for without naming it.</param>
    public DataFormatException(string filePath, string problem, string? hint = null, long? line = null, long? byteOffset = null, Exception? inner = null, Remedy? remedy = null)
        : base(Format(filePath, problem, hint, line, byteOffset, remedy?.ToString()), inner)
    {
        Remedy = remedy;
        FilePath = filePath;
        Problem = problem;
        Hint = hint;
        Line = line;
        ByteOffset = byteOffset;
    }

    /// <summary>The option that fixes the problem, when one does.</summary>
    public Remedy? Remedy { get; }

    /// <summary>The one line with the remedy worded by <paramref name="name"/> (a host's flag or field) instead of the library's terms.</summary>
    public string Describe(Func<Remedy, string> name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Format(FilePath, Problem, Hint, Line, ByteOffset, Remedy is null ? null : name(Remedy));
    }

    /// <summary>The file the problem is in.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }

    /// <summary>What to do about it, if known.</summary>
    public string? Hint { get; }

    /// <summary>1-based line of the problem, for text formats.</summary>
    public long? Line { get; }

    /// <summary>0-based byte offset of the problem, for binary formats.</summary>
    public long? ByteOffset { get; }

    private static string Format(string filePath, string problem, string? hint, long? line, long? byteOffset, string? remedy)
    {
        // A position computed from damaged numbers can come out negative; a place that is not in the file is not named.
        var where = line is { } l and > 0 ? $"{filePath}:{l}" : byteOffset is { } b and >= 0 ? $"{filePath} (byte {b})" : filePath;
        var text = $"{where}: {problem}";
        if (!string.IsNullOrEmpty(hint))
        {
            text += ". " + hint;
        }

        if (remedy is not null)
        {
            text += string.IsNullOrEmpty(hint) ? $". Set {remedy}" : $" ({remedy})";
        }

        return text.Replace('\r', ' ').Replace('\n', ' ');
    }
}
