using System.Globalization;
using System.Text;
using Projector.Core.Formats.Text;

namespace Projector.Core.Formats.Io;

/// <summary>Parses numbers written as text, invariant culture, straight from UTF-8 bytes.</summary>
internal static class FloatText
{
    /// <summary>Parses a float; also accepts <c>nan</c> and <c>inf</c> as C, Python and NumPy print them.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out float value)
    {
        if (FloatParser.TryParse(text, out value))
        {
            return true;
        }

        var body = text.Length > 0 && (text[0] == '-' || text[0] == '+') ? text[1..] : text;
        if (Ascii.EqualsIgnoreCase(body, "nan"u8))
        {
            value = float.NaN;
            return true;
        }

        if (Ascii.EqualsIgnoreCase(body, "inf"u8) || Ascii.EqualsIgnoreCase(body, "infinity"u8))
        {
            value = text[0] == '-' ? float.NegativeInfinity : float.PositiveInfinity;
            return true;
        }

        return false;
    }

    /// <summary>True when the text is a whole number (digits with an optional sign).</summary>
    public static bool IsInteger(ReadOnlySpan<byte> text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
