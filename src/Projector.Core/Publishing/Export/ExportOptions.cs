using Projector.Core.Publishing.StaticSite;

namespace Projector.Core.Publishing.Export;

/// <summary>How <see cref="DatasetExport"/> writes.</summary>
public sealed record ExportOptions
{
    /// <summary>Replace an earlier export in the target folder (only when every file there is one it wrote).</summary>
    public bool Force { get; init; }

    /// <summary>What a <see cref="ExportFormat.Site"/> export computes and copies.</summary>
    public StaticSiteOptions Site { get; init; } = new();
}
