using Projector.Core.Data;

namespace Projector.Core.Formats.Word2Vec;

/// <summary>word2vec binary (<c>.bin</c>): a <c>COUNT DIM</c> line, then a word and D float32 per row.</summary>
internal sealed class Word2VecBinaryFormat : DataFormat
{
    public override string Name => "word2vec-binary";

    public override string Description => "word2vec binary vectors";

    public override IReadOnlyList<string> Extensions { get; } = [".bin"];

    public override int DetectionOrder => 90;

    public override bool IsText => false;

    public override bool Sniff(ReadOnlySpan<byte> head, string extension) => Word2VecBinaryReader.Sniff(head);

    public override IReadOnlyList<Dataset> Read(string path, ReadOptions options) => [Word2VecBinaryReader.Read(path, options)];
}
