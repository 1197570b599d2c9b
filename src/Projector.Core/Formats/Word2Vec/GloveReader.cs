using Projector.Core.Data;

namespace Projector.Core.Formats.Word2Vec;

/// <summary>
/// Reads GloVe text: <c>word v1 ... vD</c> per line with no count line; D comes from the first row. The words
/// become the metadata column <c>word</c>.
/// </summary>
internal static class GloveReader
{
    /// <summary>Reads the file; the dataset is named after it and its source type is <c>text</c>.</summary>
    /// <exception cref="DataFormatException">The file is not valid GloVe text.</exception>
    public static Dataset Read(string path, ReadOptions options) => TextVectorReader.Read(path, options, hasCountLine: false);

    /// <summary>True when <paramref name="head"/> looks like GloVe text (see <see cref="TextVectorSniffer"/>).</summary>
    public static bool Sniff(ReadOnlySpan<byte> head) => TextVectorSniffer.Detect(head) == TextVectorFormat.Glove;
}
