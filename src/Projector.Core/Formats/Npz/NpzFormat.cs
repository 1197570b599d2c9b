using Projector.Core.Data;

namespace Projector.Core.Formats.Npz;

/// <summary>NumPy <c>.npz</c>: a zip of <c>.npy</c> arrays, one of which is read (chosen by tensor name).</summary>
internal sealed class NpzFormat : DataFormat
{
    public override string Name => "npz";

    public override string Description => "a NumPy .npz archive";

    public override IReadOnlyList<string> Extensions { get; } = [".npz"];

    public override int DetectionOrder => 20;

    public override bool IsText => false;

    public override bool Sniff(ReadOnlySpan<byte> head, string extension) => NpzReader.Sniff(head) || head.StartsWith("PK\x03\x04"u8);

    public override IReadOnlyList<Dataset> Read(string path, ReadOptions options) => [NpzReader.Read(path, options)];
}
