using Projector.Core.Data;

namespace Projector.Core.Formats.Word2Vec;

/// <summary>word2vec text and fastText <c>.vec</c>: a <c>COUNT DIM</c> line, then <c>word v1 v2 ...</c>.</summary>
internal sealed class Word2VecTextFormat : DataFormat
{
    public override string Name => "word2vec";

    public override string Description => "word2vec/fastText text vectors";

    public override IReadOnlyList<string> Extensions { get; } = [".vec", ".txt"];

    public override int DetectionOrder => 60;

    public override bool IsText => true;

    public override bool CanWrite => true;

    public override bool Sniff(ReadOnlySpan<byte> head, string extension) => Word2VecTextReader.Sniff(head);

    public override IReadOnlyList<Dataset> Read(string path, ReadOptions options) => [Word2VecTextReader.Read(path, options)];

    /// <summary>Writes the rows with their words: the <c>word</c> column, else the first text column, else the row number.</summary>
    public override void Write(string path, IReadOnlyList<Dataset> datasets, CancellationToken cancellationToken = default)
    {
        var d = FormatChecks.Single(datasets, this);
        var column = d.Metadata["word"] ?? d.Metadata.Columns.FirstOrDefault(c => c.Kind == MetadataKind.Text) ?? d.Metadata.Columns.FirstOrDefault();
        IReadOnlyList<string?> words = column is null
            ? [.. Enumerable.Range(0, d.Points).Select(i => (string?)i.ToString(System.Globalization.CultureInfo.InvariantCulture))]
            : column.Values;
        Word2VecTextWriter.Write(path, d.Matrix, words);
    }
}
