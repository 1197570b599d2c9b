using Projector.Core.Data;

namespace Projector.Core.Formats.Word2Vec;

/// <summary>
/// Reads word2vec text and fastText <c>.vec</c> files: a <c>COUNT DIM</c> line, then <c>word v1 ... vD</c> per
/// line (spaces or tabs). The words become the metadata column <c>word</c>.
/// </summary>
internal static class Word2VecTextReader
{
    /// <summary>Reads the file; the dataset is named after it and its source type is <c>text</c>.</summary>
    /// <exception cref="DataFormatException">The file is not valid word2vec text.</exception>
    public static Dataset Read(string path, ReadOptions options) => TextVectorReader.Read(path, options, hasCountLine: true);

    /// <summary>True when <paramref name="head"/> looks like word2vec text (see <see cref="TextVectorSniffer"/>).</summary>
    public static bool Sniff(ReadOnlySpan<byte> head) => TextVectorSniffer.Detect(head) == TextVectorFormat.Word2VecText;
}
