namespace Projector.Core.Formats.Word2Vec;

/// <summary>What <see cref="TextVectorSniffer"/> found at the start of a file.</summary>
internal enum TextVectorFormat
{
    /// <summary>None of the word-vector formats.</summary>
    Unknown,

    /// <summary>Text whose first line is <c>COUNT DIM</c> (word2vec text, fastText <c>.vec</c>).</summary>
    Word2VecText,

    /// <summary>Text whose first line is a word followed by numbers.</summary>
    Glove,

    /// <summary>A <c>COUNT DIM</c> line followed by binary float32 data.</summary>
    Word2VecBinary,
}
