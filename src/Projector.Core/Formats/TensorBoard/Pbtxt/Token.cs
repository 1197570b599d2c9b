namespace Projector.Core.Formats.TensorBoard.Pbtxt;

/// <summary>One token of protobuf text format and where it starts (1-based line and column).</summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Text">The token as written; for strings, the text between the quotes.</param>
/// <param name="Bytes">For strings, the bytes the literal stands for; otherwise null.</param>
/// <param name="Line">1-based line of the first character.</param>
/// <param name="Column">1-based column of the first character.</param>
internal readonly record struct Token(TokenKind Kind, string Text, byte[]? Bytes, int Line, int Column)
{
    /// <summary>Whether this is the punctuation character <paramref name="symbol"/>.</summary>
    public bool Is(char symbol) => Kind == TokenKind.Symbol && Text.Length == 1 && Text[0] == symbol;

    /// <summary>The token as an error message names it.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "the end of the file",
        TokenKind.String => $"the string \"{Shorten(Text)}\"",
        _ => $"'{Shorten(Text)}'",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
