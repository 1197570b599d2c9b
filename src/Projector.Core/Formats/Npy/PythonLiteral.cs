using System.Globalization;
using System.Text;

namespace Projector.Core.Formats.Npy;

/// <summary>
/// Parses the small subset of Python literals an .npy header dict uses: strings, integers, True/False/None,
/// tuples and lists. Hand-written because NumPy's own writer is not the only producer and others differ in
/// quotes, spacing and trailing commas.
/// </summary>
internal sealed class PythonLiteral
{
    private readonly string _text;
    private int _pos;

    private PythonLiteral(string text) => _text = text;

    /// <summary>Parses a dict with string keys; throws <see cref="FormatException"/> with the character position.</summary>
    public static Dictionary<string, object?> ParseDict(string text, out int errorPosition)
    {
        var p = new PythonLiteral(text);
        errorPosition = 0;
        try
        {
            var dict = p.ParseDictBody();
            p.SkipSpace();
            if (p._pos != text.Length)
            {
                throw new FormatException("unexpected text after the closing '}'");
            }

            return dict;
        }
        catch (FormatException)
        {
            errorPosition = p._pos;
            throw;
        }
    }

    private Dictionary<string, object?> ParseDictBody()
    {
        Expect('{');
        var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (true)
        {
            SkipSpace();
            if (TryConsume('}'))
            {
                return dict;
            }

            if (ParseValue() is not string key)
            {
                throw new FormatException("dict keys must be strings");
            }

            Expect(':');
            dict[key] = ParseValue();
            SkipSpace();
            if (!TryConsume(','))
            {
                Expect('}');
                return dict;
            }
        }
    }

    private object? ParseValue()
    {
        SkipSpace();
        if (_pos >= _text.Length)
        {
            throw new FormatException("the header ends in the middle of a value");
        }

        var c = _text[_pos];
        return c switch
        {
            '\'' or '"' => ParseString(c),
            '(' => ParseSequence(')'),
            '[' => ParseSequence(']'),
            '{' => ParseDictBody(),
            _ when char.IsDigit(c) || c == '-' => ParseInteger(),
            _ => ParseWord(),
        };
    }

    private string ParseString(char quote)
    {
        _pos++;
        var sb = new StringBuilder();
        while (_pos < _text.Length && _text[_pos] != quote)
        {
            if (_text[_pos] == '\\' && _pos + 1 < _text.Length)
            {
                _pos++;
            }

            sb.Append(_text[_pos++]);
        }

        Expect(quote);
        return sb.ToString();
    }

    private List<object?> ParseSequence(char close)
    {
        _pos++;
        var items = new List<object?>();
        while (true)
        {
            SkipSpace();
            if (TryConsume(close))
            {
                return items;
            }

            items.Add(ParseValue());
            SkipSpace();
            if (!TryConsume(','))
            {
                Expect(close);
                return items;
            }
        }
    }

    private object ParseInteger()
    {
        var start = _pos;
        _pos++;
        while (_pos < _text.Length && (char.IsDigit(_text[_pos]) || _text[_pos] == 'L'))
        {
            _pos++;
        }

        // Python 2 wrote longs as 3L; the suffix carries no meaning here.
        var digits = _text.AsSpan(start, _pos - start).TrimEnd('L');
        return long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new FormatException($"'{digits}' is not a valid dimension");
    }

    private object? ParseWord()
    {
        var start = _pos;
        while (_pos < _text.Length && char.IsLetter(_text[_pos]))
        {
            _pos++;
        }

        var word = _text[start.._pos];
        return word switch
        {
            "True" => true,
            "False" => false,
            "None" => null,
            _ => throw new FormatException(word.Length == 0 ? $"unexpected character '{_text[start]}'" : $"unexpected word '{word}'"),
        };
    }

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    private bool TryConsume(char c)
    {
        SkipSpace();
        if (_pos < _text.Length && _text[_pos] == c)
        {
            _pos++;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        if (!TryConsume(c))
        {
            throw new FormatException(_pos < _text.Length ? $"expected '{c}' but found '{_text[_pos]}'" : $"expected '{c}' but the header ended");
        }
    }
}
