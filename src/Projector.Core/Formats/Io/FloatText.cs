using System.Globalization;
using System.Text;

namespace Projector.Core.Formats.Io;

/// <summary>Parses numbers written as text, invariant culture, straight from UTF-8 bytes.</summary>
internal static class FloatText
{
    // Powers of ten that float holds exactly (5^10 < 2^24), for the fast path.
    private static readonly float[] PowersOfTen = [1f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f];

    /// <summary>Parses a float; also accepts <c>nan</c> and <c>inf</c> as C, Python and NumPy print them.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out float value)
    {
        if (TryParseShortDecimal(text, out value))
        {
            return true;
        }

        if (float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
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

    /// <summary>
    /// Clinger's fast path for the common <c>-0.123456</c>: with at most 7 significant digits and 10 decimals, the
    /// digits and the power of ten are exact floats, so one IEEE division gives the correctly rounded result,
    /// the same as <see cref="float.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider, out float)"/>,
    /// several times faster. Anything else (exponents, long mantissas) returns false for the full parser.
    /// </summary>
    private static bool TryParseShortDecimal(ReadOnlySpan<byte> text, out float value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (text.Length > 0 && (text[0] == '-' || text[0] == '+'))
        {
            negative = text[0] == '-';
            i = 1;
        }

        var mantissa = 0;
        var digits = 0;
        var decimals = -1;
        var any = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.' && decimals < 0)
            {
                decimals = 0;
                continue;
            }

            var d = c - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            any = true;
            if (decimals >= 0)
            {
                decimals++;
            }

            if (mantissa != 0 || d != 0)
            {
                digits++;
            }

            mantissa = (mantissa * 10) + d;
            if (digits > 7 || decimals > 10)
            {
                return false;
            }
        }

        if (!any)
        {
            return false;
        }

        var result = decimals > 0 ? mantissa / PowersOfTen[decimals] : mantissa;
        value = negative ? -result : result;
        return true;
    }

    /// <summary>True when the text is a whole number (digits with an optional sign).</summary>
    public static bool IsInteger(ReadOnlySpan<byte> text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
