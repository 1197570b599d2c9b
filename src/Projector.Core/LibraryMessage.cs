using System.Text.RegularExpressions;

namespace Projector.Core;

/// <summary>A library's exception text, fit to quote inside a one-line error.</summary>
internal static partial class LibraryMessage
{
    /// <summary>
    /// The message on one line, with negative numbers worded: decoders report a damaged file's sizes and
    /// codes as they read them ("page type -11", "null count of -7596294938862551040"), which tells the user
    /// nothing and reads like an overflow of ours.
    /// </summary>
    public static string Of(Exception ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return NegativeNumber().Replace(ex.Message.ReplaceLineEndings(" ").Trim(), "a negative number");
    }

    [GeneratedRegex(@"(?<![\p{L}\p{N}_])-\d+")]
    private static partial Regex NegativeNumber();
}
