using System.Buffers.Text;
using System.Globalization;

namespace Projector.Core.Formats.Text;

/// <summary>
/// Parses float32 values from UTF-8 text, correctly rounded. The common case (up to 19 significant
/// digits and a small exponent) takes Clinger's fast path through an exact double; anything the fast
/// path cannot prove correct falls back to the runtime's parser.
/// </summary>
internal static class FloatParser
{
    // Powers of ten that float holds exactly (5^10 < 2^24).
    private static readonly float[] SinglePowersOfTen = [1f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f];

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>Parses one number (no surrounding spaces); false when the text is not a number.</summary>
    public static bool TryParse(ReadOnlySpan<byte> s, out float value)
    {
        if (TryParseFast(s, out value))
        {
            return true;
        }

        // Handles nan, inf, long mantissas and large exponents with full correctness.
        if (float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        return Utf8Parser.TryParse(s, out value, out var used) && used == s.Length;
    }

    private static bool TryParseFast(ReadOnlySpan<byte> s, out float value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (s.Length == 0)
        {
            return false;
        }

        if (s[0] == (byte)'-' || s[0] == (byte)'+')
        {
            negative = s[0] == (byte)'-';
            i = 1;
        }

        ulong mantissa = 0;
        var digits = 0;
        var exponent = 0;
        var any = false;
        for (; i < s.Length && (uint)(s[i] - '0') <= 9; i++)
        {
            any = true;
            if (mantissa == 0 && s[i] == (byte)'0')
            {
                continue;
            }

            mantissa = (mantissa * 10) + (uint)(s[i] - '0');
            digits++;
        }

        if (i < s.Length && s[i] == (byte)'.')
        {
            for (i++; i < s.Length && (uint)(s[i] - '0') <= 9; i++)
            {
                any = true;
                if (mantissa == 0 && s[i] == (byte)'0')
                {
                    exponent--;
                    continue;
                }

                mantissa = (mantissa * 10) + (uint)(s[i] - '0');
                digits++;
                exponent--;
            }
        }

        if (!any || digits > 19)
        {
            return false;
        }

        if (i < s.Length && (s[i] == (byte)'e' || s[i] == (byte)'E'))
        {
            i++;
            var expNegative = false;
            if (i < s.Length && (s[i] == (byte)'-' || s[i] == (byte)'+'))
            {
                expNegative = s[i] == (byte)'-';
                i++;
            }

            var e = 0;
            var expDigits = 0;
            for (; i < s.Length && (uint)(s[i] - '0') <= 9 && expDigits < 6; i++, expDigits++)
            {
                e = (e * 10) + (s[i] - '0');
            }

            if (expDigits == 0)
            {
                return false;
            }

            exponent += expNegative ? -e : e;
        }

        if (i != s.Length)
        {
            return false;
        }

        if (mantissa == 0)
        {
            value = negative ? -0f : 0f;
            return true;
        }

        // Clinger in float: up to 2^24 the mantissa and 10^0..10^10 are exact floats, so one IEEE
        // division is correctly rounded with no further check (the common "-0.123456").
        if (mantissa <= (1UL << 24) && exponent is <= 0 and >= -10)
        {
            var f = (float)mantissa / SinglePowersOfTen[-exponent];
            value = negative ? -f : f;
            return true;
        }

        // Clinger in double: an exactly representable mantissa times an exact power of ten is correctly rounded.
        if (mantissa > (1UL << 53) || exponent < -22 || exponent > 22)
        {
            return false;
        }

        var d = exponent < 0 ? mantissa / PowersOfTen[-exponent] : mantissa * PowersOfTen[exponent];

        // Rounding the correctly rounded double to float can differ from rounding the exact value only
        // when the double lies within one double ulp of a float rounding midpoint; leave those to the
        // slow path. The 29 low mantissa bits are the ones float rounding drops.
        var low = BitConverter.DoubleToInt64Bits(d) & 0x1FFFFFFF;
        if (Math.Abs(low - 0x10000000) <= 1 || d < 1.2e-38 || d > 3.4e38)
        {
            return false;
        }

        value = (float)(negative ? -d : d);
        return true;
    }
}
