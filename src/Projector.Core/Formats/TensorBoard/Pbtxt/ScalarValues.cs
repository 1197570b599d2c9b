using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Projector.Core.Formats.TensorBoard.Pbtxt;

/// <summary>
/// Reads one scalar value for a field, boxed as the CLR type the field's reflection accessor takes
/// (int, long, uint, ulong, float, double, bool, string, ByteString; enums as their int number).
/// </summary>
internal static class ScalarValues
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Reads the value at the tokenizer's current token for <paramref name="field"/>.</summary>
    public static object Read(TextTokenizer tokens, FieldDescriptor field) => field.FieldType switch
    {
        FieldType.String => ReadString(tokens, field),
        FieldType.Bytes => ByteString.CopyFrom(ReadBytes(tokens, field, out _)),
        FieldType.Bool => ReadBool(tokens, field),
        FieldType.Enum => ReadEnum(tokens, field),
        FieldType.Double => ReadDouble(tokens, field),
        FieldType.Float => (float)ReadDouble(tokens, field),
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => (int)ReadInteger(tokens, field, int.MinValue, int.MaxValue),
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => (long)ReadInteger(tokens, field, long.MinValue, long.MaxValue),
        FieldType.UInt32 or FieldType.Fixed32 => (uint)ReadInteger(tokens, field, 0, uint.MaxValue),
        FieldType.UInt64 or FieldType.Fixed64 => (ulong)ReadInteger(tokens, field, 0, ulong.MaxValue),
        _ => throw tokens.Error(tokens.Current, $"field '{field.Name}' has type {field.FieldType}, which this reader does not support"),
    };

    private static string ReadString(TextTokenizer tokens, FieldDescriptor field)
    {
        var bytes = ReadBytes(tokens, field, out var first);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw tokens.Error(first, $"string for '{field.Name}' is not valid UTF-8", "String fields hold UTF-8 text; check the \\x and octal escapes");
        }
    }

    // Adjacent literals are one value ("a" "b" is "ab"), as in C.
    private static byte[] ReadBytes(TextTokenizer tokens, FieldDescriptor field, out Token first)
    {
        first = tokens.Current;
        if (first.Kind != TokenKind.String)
        {
            throw Expected(tokens, field, "a quoted string");
        }

        var bytes = new List<byte>();
        while (tokens.Current.Kind == TokenKind.String)
        {
            bytes.AddRange(tokens.Next().Bytes!);
        }

        return [.. bytes];
    }

    private static bool ReadBool(TextTokenizer tokens, FieldDescriptor field)
    {
        var token = tokens.Current;
        bool? value = token.Text switch
        {
            "true" or "True" or "t" => true,
            "false" or "False" or "f" => false,
            "1" when token.Kind == TokenKind.Number => true,
            "0" when token.Kind == TokenKind.Number => false,
            _ => null,
        };
        if (token.Kind == TokenKind.String || value is null)
        {
            throw Expected(tokens, field, "true or false");
        }

        tokens.Next();
        return value.Value;
    }

    private static int ReadEnum(TextTokenizer tokens, FieldDescriptor field)
    {
        var token = tokens.Current;
        if (token.Kind == TokenKind.Identifier)
        {
            var named = field.EnumType.FindValueByName(token.Text)
                ?? throw tokens.Error(token, $"unknown value '{token.Text}' for '{field.Name}' ({field.EnumType.Name})", "Values are: " + string.Join(", ", field.EnumType.Values.Select(v => v.Name)));
            tokens.Next();
            return named.Number;
        }

        if (token.Kind == TokenKind.Number || token.Is('-'))
        {
            // Proto3 enums are open: any int32 number is kept, as protobuf keeps unknown numbers.
            return (int)ReadInteger(tokens, field, int.MinValue, int.MaxValue);
        }

        throw Expected(tokens, field, $"a {field.EnumType.Name} name or number");
    }

    private static double ReadDouble(TextTokenizer tokens, FieldDescriptor field)
    {
        var negative = tokens.TryConsume('-');
        var token = tokens.Current;
        double value;
        if (token.Kind == TokenKind.Identifier)
        {
            value = token.Text.ToUpperInvariant() switch
            {
                "INF" or "INFINITY" or "INFF" or "INFINITYF" => double.PositiveInfinity,
                "NAN" or "NANF" => double.NaN,
                _ => throw Expected(tokens, field, "a number"),
            };
        }
        else if (token.Kind == TokenKind.Number)
        {
            var text = token.Text;
            if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                value = Magnitude(tokens, field, token);
            }
            else
            {
                var digits = text.EndsWith('f') || text.EndsWith('F') ? text[..^1] : text;
                value = double.Parse(digits, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
            }
        }
        else
        {
            throw Expected(tokens, field, "a number");
        }

        tokens.Next();
        return negative ? -value : value;
    }

    // Returned as Int128 so one range check covers every integer type, including -2^63 and 2^64-1.
    private static Int128 ReadInteger(TextTokenizer tokens, FieldDescriptor field, Int128 min, Int128 max)
    {
        var sign = tokens.Current;
        var negative = tokens.TryConsume('-');
        var token = tokens.Current;
        if (token.Kind != TokenKind.Number)
        {
            throw Expected(tokens, field, "an integer");
        }

        if (negative && min == 0)
        {
            throw tokens.Error(sign, $"'{field.Name}' is unsigned ({Describe(field)}): '-{token.Text}' is refused", "Give a number of 0 or more");
        }

        var magnitude = (Int128)Magnitude(tokens, field, token);
        var value = negative ? -magnitude : magnitude;
        if (value < min || value > max)
        {
            throw tokens.Error(negative ? sign : token, $"{(negative ? "-" : "")}{token.Text} is out of range for '{field.Name}' ({Describe(field)})", FormattableString.Invariant($"Give a number from {min} to {max}"));
        }

        tokens.Next();
        return value;
    }

    // Decimal, hex with 0x and octal with a leading 0, as C and protobuf read integers.
    private static ulong Magnitude(TextTokenizer tokens, FieldDescriptor field, Token token)
    {
        var text = token.Text;
        ulong value = 0;
        var radix = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? 16 : text.Length > 1 && text[0] == '0' ? 8 : 10;
        foreach (var c in text.AsSpan(radix switch { 16 => 2, 8 => 1, _ => 0 }))
        {
            var d = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiHexDigit(c) && radix == 16 ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (d >= radix)
            {
                throw Expected(tokens, field, radix == 8 ? "an integer (a leading 0 means octal)" : "an integer");
            }

            if (value > (ulong.MaxValue - (ulong)d) / (ulong)radix)
            {
                throw tokens.Error(token, $"{text} is out of range for '{field.Name}' ({Describe(field)})");
            }

            value = (value * (ulong)radix) + (ulong)d;
        }

        return value;
    }

    private static string Describe(FieldDescriptor field) => field.FieldType.ToString().ToLowerInvariant();

    private static DataFormatException Expected(TextTokenizer tokens, FieldDescriptor field, string what) =>
        tokens.Error(tokens.Current, $"expected {what} for '{field.Name}' ({Describe(field)}), found {tokens.Current.Describe()}");
}
