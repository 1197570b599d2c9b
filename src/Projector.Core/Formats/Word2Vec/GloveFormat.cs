using Projector.Core.Data;

namespace Projector.Core.Formats.Word2Vec;

/// <summary>GloVe text: <c>word v1 v2 ...</c> with no count line.</summary>
internal sealed class GloveFormat : DataFormat
{
    public override string Name => "glove";

    public override string Description => "text word vectors";

    public override IReadOnlyList<string> Extensions { get; } = [".txt"];

    public override int DetectionOrder => 70;

    public override bool IsText => true;

    public override bool Sniff(ReadOnlySpan<byte> head, string extension) => GloveReader.Sniff(head);

    public override IReadOnlyList<Dataset> Read(string path, ReadOptions options) => [GloveReader.Read(path, options)];
}
