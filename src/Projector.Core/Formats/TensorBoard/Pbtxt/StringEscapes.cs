using System.Globalization;
using System.Text;

namespace Projector.Core.Formats.TensorBoard.Pbtxt;

/// <summary>The C escapes of protobuf text format strings, read and written as protobuf's own text format does.</summary>
internal static class StringEscapes
{
    /// <summary>What to tell a user whose escape was refused.</summary>
    public const string Hint = "Escapes are \\n \\t \\r \\\\ \\' \\\" \\a \\b \\f \\v \\?, octal \\NNN, hex \\xHH, \\uHHHH and \\UHHHHHHHH";

    /// <summary>
    /// Reads the escape at <paramref name="pos"/> (a backslash) into <paramref name="bytes"/> and moves past it;
    /// <paramref name="error"/> makes the exception for a bad escape at a position.
    /// </summary>
    public static void Read(string text, ref int pos, List<byte> bytes, Func<int, DataFormatException> error)
    {
        var at = pos;
        if (pos + 1 >= text.Length)
        {
            throw error(at);
        }

        var c = text[pos + 1];
        pos += 2;
        switch (c)
        {
            case 'n': bytes.Add((byte)'\n'); return;
            case 't': bytes.Add((byte)'\t'); return;
            case 'r': bytes.Add((byte)'\r'); return;
            case 'a': bytes.Add(7); return;
            case 'b': bytes.Add(8); return;
            case 'f': bytes.Add(12); return;
            case 'v': bytes.Add(11); return;
            case '\\' or '\'' or '"' or '?': bytes.Add((byte)c); return;
            case >= '0' and <= '7':
                var value = c - '0';
                for (var i = 0; i < 2 && pos < text.Length && text[pos] is >= '0' and <= '7'; i++)
                {
                    value = (value * 8) + (text[pos++] - '0');
                }

                if (value > 255)
                {
                    throw error(at);
                }

                bytes.Add((byte)value);
                return;
            case 'x' or 'X':
                bytes.Add((byte)Hex(text, ref pos, 1, 2, at, error));
                return;
            case 'u' or 'U':
                AddCodePoint(text, ref pos, c == 'u' ? 4 : 8, at, bytes, error);
                return;
            default:
                throw error(at);
        }
    }

    /// <summary>The escape at <paramref name="pos"/> as written, for an error message.</summary>
    public static string Describe(string text, int pos)
    {
        var end = Math.Min(text.Length, pos + 2);
        while (end < text.Length && end < pos + 10 && char.IsAsciiHexDigit(text[end]))
        {
            end++;
        }

        return text[pos..end];
    }

    /// <summary>
    /// <paramref name="bytes"/> as a double-quoted literal, escaped as TensorFlow's Python and C++ writers do:
    /// \n \r \t \" \' \\ by name, every other control byte and every byte above 0x7E in octal.
    /// </summary>
    public static void Quote(StringBuilder output, ReadOnlySpan<byte> bytes)
    {
        output.Append('"');
        foreach (var b in bytes)
        {
            switch (b)
            {
                case (byte)'\n': output.Append("\\n"); break;
                case (byte)'\r': output.Append("\\r"); break;
                case (byte)'\t': output.Append("\\t"); break;
                case (byte)'"': output.Append("\\\""); break;
                case (byte)'\'': output.Append("\\'"); break;
                case (byte)'\\': output.Append("\\\\"); break;
                case < 0x20 or > 0x7E:
                    output.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
                    break;
                default: output.Append((char)b); break;
            }
        }

        output.Append('"');
    }

    private static int Hex(string text, ref int pos, int min, int max, int at, Func<int, DataFormatException> error)
    {
        var start = pos;
        while (pos < text.Length && pos - start < max && char.IsAsciiHexDigit(text[pos]))
        {
            pos++;
        }

        if (pos - start < min)
        {
            throw error(at);
        }

        return int.Parse(text.AsSpan(start, pos - start), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    private static void AddCodePoint(string text, ref int pos, int digits, int at, List<byte> bytes, Func<int, DataFormatException> error)
    {
        var code = (uint)Hex(text, ref pos, digits, digits, at, error);

        // Protobuf joins a \u high surrogate with a following \u low surrogate, as JSON and Java write them.
        if (code is >= 0xD800 and <= 0xDBFF && pos + 1 < text.Length && text[pos] == '\\' && text[pos + 1] == 'u')
        {
            var next = pos + 2;
            var low = (uint)Hex(text, ref next, 4, 4, pos, error);
            if (low is >= 0xDC00 and <= 0xDFFF)
            {
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                pos = next;
            }
        }

        if (!Rune.IsValid(code))
        {
            throw error(at);
        }

        Span<byte> utf8 = stackalloc byte[4];
        var n = new Rune(code).EncodeToUtf8(utf8);
        for (var i = 0; i < n; i++)
        {
            bytes.Add(utf8[i]);
        }
    }
}
