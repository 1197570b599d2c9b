using Projector.Core.Data;

namespace Projector.Core.Formats.Bytes;

/// <summary>Raw little-endian float32, as the TF projector's <c>.bytes</c> tensors; the shape comes from elsewhere.</summary>
internal sealed class BytesFormat : DataFormat
{
    public override string Name => "bytes";

    public override string Description => "raw float32 values";

    public override IReadOnlyList<string> Extensions { get; } = [".bytes", ".f32", ".raw"];

    public override int DetectionOrder => 1000;

    public override bool IsText => false;

    // Any bytes are floats, so content never proves this format; only the extension claims it.
    public override bool DetectableByContent => false;

    public override bool CanWrite => true;

    public override bool NeedsShape => true;

    // Raw floats can be any bytes, but a file that is clearly something else is a mistake.
    public override bool Sniff(ReadOnlySpan<byte> head, string extension) =>
        !FormatChecks.IsKnownContainer(head) && !ContentSniffer.LooksLikeText(head);

    public override IReadOnlyList<Dataset> Read(string path, ReadOptions options) => [BytesReader.Read(path, options)];

    public override void Write(string path, IReadOnlyList<Dataset> datasets, CancellationToken cancellationToken = default) =>
        BytesWriter.Write(path, FormatChecks.Single(datasets, this).Matrix, cancellationToken);
}
