using System.Text;

namespace Projector.Core.Formats.TensorBoard.Pbtxt;

/// <summary>
/// Splits protobuf text format into tokens, one token of look-ahead, keeping each token's line and column
/// so that every error can point at the place in the file.
/// </summary>
internal sealed class TextTokenizer
{
    private const string Symbols = "{}<>[]:,;-";
    private readonly string _text;
    private readonly string _source;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    /// <summary>Starts reading <paramref name="text"/>; <paramref name="sourceName"/> is named in errors.</summary>
    public TextTokenizer(string text, string sourceName)
    {
        _text = text;
        _source = sourceName;

        // A byte-order mark left in by whoever decoded the file is not content.
        if (_text.Length > 0 && _text[0] == '\uFEFF')
        {
            _pos = 1;
            _lineStart = 1;
        }

        Current = Read();
    }

    /// <summary>The next token, not yet consumed.</summary>
    public Token Current { get; private set; }

    /// <summary>Consumes and returns the current token.</summary>
    public Token Next()
    {
        var token = Current;
        Current = Read();
        return token;
    }

    /// <summary>Consumes the current token if it is <paramref name="symbol"/>.</summary>
    public bool TryConsume(char symbol)
    {
        if (!Current.Is(symbol))
        {
            return false;
        }

        Next();
        return true;
    }

    /// <summary>Consumes <paramref name="symbol"/> or fails saying what was expected <paramref name="where"/>.</summary>
    public Token Expect(char symbol, string where)
    {
        if (!Current.Is(symbol))
        {
            throw Error(Current, $"expected '{symbol}' {where}, found {Current.Describe()}");
        }

        return Next();
    }

    /// <summary>An error at <paramref name="at"/>: the line goes to the exception, the column into the text.</summary>
    public DataFormatException Error(Token at, string problem, string? hint = null) =>
        new(_source, $"{problem} (column {at.Column})", hint, at.Line);

    private Token Read()
    {
        SkipSpaceAndComments();
        var line = _line;
        var column = _pos - _lineStart + 1;
        if (_pos >= _text.Length)
        {
            return new Token(TokenKind.End, "", null, line, column);
        }

        var c = _text[_pos];
        var start = _pos;
        if (IsLetter(c) || c == '_')
        {
            while (_pos < _text.Length && IsNameChar(_text[_pos]))
            {
                _pos++;
            }

            return new Token(TokenKind.Identifier, _text[start.._pos], null, line, column);
        }

        if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < _text.Length && char.IsAsciiDigit(_text[_pos + 1])))
        {
            ScanNumber(line, column);
            return new Token(TokenKind.Number, _text[start.._pos], null, line, column);
        }

        if (c is '"' or '\'')
        {
            return ReadString(line, column);
        }

        if (Symbols.Contains(c, StringComparison.Ordinal))
        {
            _pos++;
            return new Token(TokenKind.Symbol, c.ToString(), null, line, column);
        }

        var shown = char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString();
        throw Error(new Token(TokenKind.Symbol, shown, null, line, column), $"unexpected character '{shown}'");
    }

    private void SkipSpaceAndComments()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n')
            {
                _pos++;
                _line++;
                _lineStart = _pos;
            }
            else if (c is ' ' or '\t' or '\r' or '\f' or '\v')
            {
                _pos++;
            }
            else if (c == '#')
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else
            {
                return;
            }
        }
    }

    // Only the shape is checked here; which numbers a field takes is decided by ScalarValues.
    private void ScanNumber(int line, int column)
    {
        var start = _pos;
        if (_text[_pos] == '0' && _pos + 1 < _text.Length && _text[_pos + 1] is 'x' or 'X')
        {
            _pos += 2;
            while (_pos < _text.Length && char.IsAsciiHexDigit(_text[_pos]))
            {
                _pos++;
            }

            if (_pos == start + 2)
            {
                throw BadNumber(start, line, column);
            }
        }
        else
        {
            SkipDigits();
            if (At('.'))
            {
                _pos++;
                SkipDigits();
            }

            if (At('e') || At('E'))
            {
                _pos++;
                if (At('+') || At('-'))
                {
                    _pos++;
                }

                if (!(_pos < _text.Length && char.IsAsciiDigit(_text[_pos])))
                {
                    throw BadNumber(start, line, column);
                }

                SkipDigits();
            }

            if (At('f') || At('F'))
            {
                _pos++;
            }
        }

        if (_pos < _text.Length && (IsNameChar(_text[_pos]) || _text[_pos] == '.'))
        {
            throw BadNumber(start, line, column);
        }
    }

    private DataFormatException BadNumber(int start, int line, int column)
    {
        var end = _pos;
        while (end < _text.Length && (IsNameChar(_text[end]) || _text[end] is '.' or '+' or '-'))
        {
            end++;
        }

        return Error(new Token(TokenKind.Number, _text[start..end], null, line, column), $"'{_text[start..end]}' is not a number");
    }

    private Token ReadString(int line, int column)
    {
        var quote = _text[_pos++];
        var start = _pos;
        var bytes = new List<byte>();
        Span<byte> utf8 = stackalloc byte[4];
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
            {
                throw Error(new Token(TokenKind.String, "", null, line, column), $"string not closed: {quote} missing before the end of the line", "Strings cannot span lines; write a line break as \\n");
            }

            var c = _text[_pos];
            if (c == quote)
            {
                _pos++;
                return new Token(TokenKind.String, _text[start..(_pos - 1)], [.. bytes], line, column);
            }

            if (c == '\\')
            {
                StringEscapes.Read(_text, ref _pos, bytes, p => Error(new Token(TokenKind.String, "", null, _line, p - _lineStart + 1), $"bad escape in string: {StringEscapes.Describe(_text, p)}", StringEscapes.Hint));
                continue;
            }

            if (Rune.DecodeFromUtf16(_text.AsSpan(_pos), out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                throw Error(new Token(TokenKind.String, "", null, _line, _pos - _lineStart + 1), "string holds a broken UTF-16 surrogate");
            }

            var n = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < n; i++)
            {
                bytes.Add(utf8[i]);
            }

            _pos += used;
        }
    }

    private bool At(char c) => _pos < _text.Length && _text[_pos] == c;

    private void SkipDigits()
    {
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
        {
            _pos++;
        }
    }

    private static bool IsLetter(char c) => char.IsAsciiLetter(c);

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
