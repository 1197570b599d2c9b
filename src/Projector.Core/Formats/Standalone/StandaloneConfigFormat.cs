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

    /// <summary>
    /// Writes the config and its files into a hidden folder beside it first and moves them into place only
    /// when all are complete (the config last, so it never names a file that is not there yet): a failure
    /// part-way (a sprite too large, a full disk) leaves nothing behind.
    /// </summary>
    public override void Write(string path, IReadOnlyList<Dataset> datasets, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        var name = Path.GetFileName(full);
        Directory.CreateDirectory(folder);
        TemporaryFiles.RemoveStale(folder, name);
        var stage = Path.Combine(folder, TemporaryFiles.NameFor(name, "stage"));
        Directory.CreateDirectory(stage);
        try
        {
            var stagedConfig = Path.Combine(stage, name);
            StandaloneConfigWriter.Write(stagedConfig, datasets, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            var files = Directory.EnumerateFiles(stage, "*", SearchOption.AllDirectories).Where(f => f != stagedConfig).Append(stagedConfig).ToList();
            foreach (var file in files)
            {
                var target = Path.Combine(folder, Path.GetRelativePath(stage, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(file, target, overwrite: true);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(stage, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A leftover stage is removed by the next write of this config.
            }
        }
    }
}
