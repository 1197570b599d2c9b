namespace Projector.Core.Formats.TensorBoard.Pbtxt;

/// <summary>What a <see cref="Token"/> of protobuf text format is.</summary>
internal enum TokenKind
{
    /// <summary>The end of the text.</summary>
    End,

    /// <summary>A name: field names, enum value names, <c>true</c>, <c>inf</c>.</summary>
    Identifier,

    /// <summary>An unsigned number as written (sign is a separate symbol).</summary>
    Number,

    /// <summary>A quoted string, escapes already resolved to bytes.</summary>
    String,

    /// <summary>One punctuation character.</summary>
    Symbol,
}
