using Projector.Core.Neighbors;
using Projector.Core.Projections.Layouts;

namespace Projector.Core.Formats.StaticSite;

/// <summary>What a static site export precomputes (the page cannot run t-SNE or UMAP itself) and which page it carries.</summary>
public sealed record StaticSiteOptions
{
    /// <summary>The layouts to precompute for every dataset, in this order.</summary>
    public IReadOnlyList<LayoutMethod> Layouts { get; init; } = [LayoutMethod.Tsne, LayoutMethod.Umap, LayoutMethod.Pca];

    /// <summary>Neighbours per point in the precomputed kNN lists (clamped to N − 1); 0 writes none.</summary>
    public int Neighbors { get; init; } = 100;

    /// <summary>The metric of the kNN lists and of t-SNE's and UMAP's neighbour search.</summary>
    public Metric Metric { get; init; } = Metric.Cosine;

    /// <summary>Seed of every layout.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Principal components of the PCA layout (the page picks which go to x, y, z).</summary>
    public int PcaComponents { get; init; } = 10;

    /// <summary>A folder of page files (the built web page) copied to the site's root; null copies none.</summary>
    public string? PageFolder { get; init; }
}
