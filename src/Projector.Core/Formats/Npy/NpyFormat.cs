using Projector.Core.Data;

namespace Projector.Core.Formats.Npy;

/// <summary>NumPy <c>.npy</c>: one array of any float or integer type, written as float32.</summary>
internal sealed class NpyFormat : DataFormat
{
    public override string Name => "npy";

    public override string Description => "a NumPy .npy array";

    public override IReadOnlyList<string> Extensions { get; } = [".npy"];

    public override int DetectionOrder => 10;

    public override bool IsText => false;

    public override bool CanWrite => true;

    public override bool Sniff(ReadOnlySpan<byte> head, string extension) => NpyReader.Sniff(head);

    public override IReadOnlyList<Dataset> Read(string path, ReadOptions options) => [NpyReader.Read(path, options)];

    public override void Write(string path, IReadOnlyList<Dataset> datasets, CancellationToken cancellationToken = default) =>
        NpyWriter.Write(path, FormatChecks.Single(datasets, this).Matrix);
}
