using Projector.Core.Data;

namespace Projector.Core.Formats.Tsv;

/// <summary>Tab-separated vectors, optionally with a first label column (the TF projector's tensor TSV).</summary>
internal sealed class TsvFormat : DataFormat
{
    public override string Name => "tsv";

    public override string Description => "tab-separated vectors";

    public override IReadOnlyList<string> Extensions { get; } = [".tsv", ".txt"];

    public override int DetectionOrder => 50;

    public override bool IsText => true;

    public override bool CanWrite => true;

    public override bool Sniff(ReadOnlySpan<byte> head, string extension) => TsvVectorReader.Sniff(head);

    public override IReadOnlyList<Dataset> Read(string path, ReadOptions options) => [TsvVectorReader.Read(path, options)];

    public override void Write(string path, IReadOnlyList<Dataset> datasets, CancellationToken cancellationToken = default) =>
        TsvVectorWriter.Write(path, FormatChecks.Single(datasets, this).Matrix, cancellationToken);
}
