using Projector.Core.Data;

namespace Projector.Core.Formats.Standalone;

/// <summary>The standalone TF projector's <c>projector_config.json</c> with the tensors, metadata and sprites it names.</summary>
internal sealed class StandaloneConfigFormat : DataFormat
{
    public override string Name => "projector-config";

    public override string Description => "a projector_config.json";

    public override IReadOnlyList<string> Extensions { get; } = [".json"];

    public override int DetectionOrder => 40;

    public override bool IsText => true;

    public override bool HoldsMany => true;

    public override bool CanWrite => true;

    public override bool WritesMany => true;

    public override bool CarriesMetadata => true;

    public override bool Sniff(ReadOnlySpan<byte> head, string extension) =>
        ContentSniffer.LooksLikeText(head) && FormatChecks.TrimStart(head).StartsWith("{"u8);

    public override IReadOnlyList<Dataset> Read(string path, ReadOptions options) => StandaloneConfigReader.Read(path, options);

    public override void Write(string path, IReadOnlyList<Dataset> datasets, CancellationToken cancellationToken = default) =>
        StandaloneConfigWriter.Write(path, datasets, cancellationToken);
}
