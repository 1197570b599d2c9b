using System.Globalization;
using System.Text;

namespace Projector.Cli;

/// <summary>
/// Text from files (embedding names, column names, cells quoted in warnings and errors) made safe for a
/// terminal: a name holding ESC sequences could otherwise recolour, retitle or rewrite the user's
/// terminal, and bidirectional overrides could make a line read differently from what it says.
/// Control characters and those overrides are shown as escapes (<c>\x1b</c>, <c>\u202e</c>).
/// </summary>
internal static class CliText
{
    public static string Safe(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Any(Unsafe))
        {
            return text ?? string.Empty;
        }

        var b = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (!Unsafe(c))
            {
                b.Append(c);
            }
            else if (c < 0x100)
            {
                b.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }

        return b.ToString();
    }

    // C0 and C1 controls and DEL (tab kept), and the bidirectional embeddings, overrides and isolates.
    private static bool Unsafe(char c) =>
        (char.IsControl(c) && c != '\t') || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
