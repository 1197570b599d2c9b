using Projector.Core.Data;

namespace Projector.Core.Formats.Arrow;

/// <summary>Apache Arrow IPC: files (<c>.arrow</c>, <c>.feather</c> v2, <c>.ipc</c>) and streams (<c>.arrows</c>).</summary>
internal sealed class ArrowFormat : DataFormat
{
    public override string Name => "arrow";

    public override string Description => "an Apache Arrow IPC file or stream";

    public override IReadOnlyList<string> Extensions { get; } = [".arrow", ".feather", ".ipc", ".arrows"];

    public override int DetectionOrder => 30;

    public override bool IsText => false;

    public override bool CanWrite => true;

    public override bool CarriesMetadata => true;

    public override bool Sniff(ReadOnlySpan<byte> head, string extension) => Sniff(head);

    /// <summary>True when <paramref name="head"/> starts with the file magic <c>ARROW1</c> or a stream's 0xFFFFFFFF continuation marker.</summary>
    public static bool Sniff(ReadOnlySpan<byte> head) =>
        head.StartsWith(ArrowFrame.FileMagic) || (head.Length >= 8 && head.StartsWith(ArrowFrame.Continuation));

    /// <summary>Reads the vectors and metadata of an Arrow IPC file or stream, record batch by record batch.</summary>
    public override IReadOnlyList<Dataset> Read(string path, ReadOptions options) => [ArrowDatasetReader.Read(path, options)];

    /// <summary>Writes the dataset atomically: an IPC stream for <c>.arrows</c>, else an IPC file.</summary>
    public override void Write(string path, IReadOnlyList<Dataset> datasets, CancellationToken cancellationToken = default) =>
        ArrowDatasetWriter.Write(path, FormatChecks.Single(datasets, this), cancellationToken);
}
